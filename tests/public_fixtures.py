"""A small public library for the public-site tests: two provinces' regions, two themes, tagged cases
with images, figures and sources, and one hidden case of every non-public kind."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from practices.models import Practice
from tests import factories

HIDDEN_TITLES = ("草稿案例隐藏", "待审案例隐藏", "归档案例隐藏", "定时案例隐藏")
HIDDEN_TAG = "仅草稿标签"


@dataclass
class Library:
    jilin: object
    changchun: object
    erdao: object
    baishan: object
    fengqiao: object
    justice: object
    court: object
    police: object
    mediation: Practice
    policing: Practice
    courts: Practice
    hidden: list


def build_library():
    jilin = factories.region("220000", "吉林省")
    jilin.name_en = "Jilin"
    jilin.save()
    changchun = factories.region("220100", "长春市", jilin)
    erdao = factories.region("220105", "二道区", changchun)
    baishan = factories.region("220600", "白山市", jilin)
    fengqiao = factories.theme(
        name="新时代“枫桥经验”花开满园", slug="fengqiao", name_en="Fengqiao Experience", colour="#9f2a1f", order=1
    )
    justice = factories.theme(name="司法为民有力度有温度", slug="justice", name_en="Justice for the people", order=2)
    court = factories.institution(name="临江市人民法院", slug="linjiang-court", name_en="Linjiang People's Court")
    police = factories.institution(name="东盛路派出所", slug="dongshenglu-police")
    now = timezone.now()
    mediation = factories.practice(
        title="综治中心四级联动",
        title_en="Four-tier governance centres",
        summary="矛盾纠纷就地化解。",
        summary_en="Disputes resolved where they arise.",
        theme=fengqiao,
        region=erdao,
        institution=police,
        started_on=date(2023, 11, 1),
        started_precision=Practice.Precision.MONTH,
        published_at=now - timezone.timedelta(days=1),
        featured=True,
        tags=["枫桥经验", "调解"],
    )
    policing = factories.practice(
        title="红扁担服务队",
        summary="社区警务团队走村入户。",
        theme=fengqiao,
        region=changchun,
        institution=police,
        started_on=date(2024, 3, 1),
        published_at=now - timezone.timedelta(days=2),
        tags=["枫桥经验", "社区警务"],
    )
    courts = factories.practice(
        title="法官进网格",
        summary="法官对接乡镇网格。",
        theme=justice,
        region=baishan,
        institution=court,
        started_on=date(2023, 5, 1),
        published_at=now - timezone.timedelta(days=3),
        tags=["调解"],
    )
    factories.practice_image(mediation, is_cover=True, alt_text="综治中心大厅", caption="中心大厅", credit="张倩")
    factories.practice_image(mediation, order=1, alt_text="调解室", caption="调解室")
    factories.practice_image(mediation, order=2, alt_text="未经同意的人像", shows_identifiable_people=True)
    factories.key_figure(mediation, label="办结率", value="99.84", unit="%", note="2023年11月以来")
    factories.key_figure(mediation, label="登记纠纷", value="10481.0000", unit="件", order=1)
    factories.source(mediation, title="吉林行采访活动掠影", accessed_on=date(2026, 11, 25))

    hidden = [
        factories.practice(status=Practice.Status.DRAFT, title=HIDDEN_TITLES[0], theme=fengqiao, region=erdao),
        factories.practice(status=Practice.Status.REVIEW, title=HIDDEN_TITLES[1], theme=fengqiao, region=erdao),
        factories.practice(
            status=Practice.Status.ARCHIVED, title=HIDDEN_TITLES[2], theme=fengqiao, region=erdao, published_at=now
        ),
        factories.practice(
            title=HIDDEN_TITLES[3], theme=fengqiao, region=erdao, published_at=now + timezone.timedelta(days=1)
        ),
    ]
    for case in hidden:
        case.institution = court
        case.started_on = date(2019, 1, 1)
        case.save()
        case.tags.set(["枫桥经验", HIDDEN_TAG])
    return Library(
        jilin, changchun, erdao, baishan, fengqiao, justice, court, police, mediation, policing, courts, hidden
    )
