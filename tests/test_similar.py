"""Similar cases that say why: ranked by shared words, tags, theme, institution kind and province."""

import pytest
from django.core.management import call_command

from practices.models import CaseTerm, Institution, Practice, SimilarCase
from practices.public.similar import similar_cases
from tests import factories

pytestmark = pytest.mark.django_db

TRAFFIC = "道路交通事故纠纷在巡回法庭诉前调解，伤残鉴定提前到起诉之前，保险理赔一站办结。"


@pytest.fixture
def jilin():
    province = factories.region("220000", "吉林省")
    return province, factories.region("220184", "公主岭市", province), factories.region("220681", "临江市", province)


def test_reasons_name_shared_tags_kind_and_province(jilin):
    _province, gongzhuling, linjiang = jilin
    court, other_court = (factories.institution(kind=Institution.Kind.COURT) for _ in range(2))
    case = factories.practice(region=gongzhuling, institution=court, tags=["枫桥经验", "调解", "道交"])
    like = factories.practice(region=linjiang, institution=other_court, tags=["调解", "枫桥经验"])
    [item] = similar_cases(Practice.objects.with_detail_related().get(pk=case.pk))
    assert item.practice == like
    assert item.reasons[0] == "共同标签：枫桥经验、调解"
    assert "同为法院" in item.reasons and "同在吉林省" in item.reasons


def test_shared_rare_words_rank_a_case_above_one_that_only_shares_the_theme():
    theme = factories.theme()
    case = factories.practice(theme=theme, approach=TRAFFIC)
    factories.practice(theme=theme, approach="社区网格员走访独居老人，帮助办理低保。")
    words = factories.practice(approach="公主岭的巡回法庭把伤残鉴定提前，道路交通事故纠纷诉前调解。")
    for n in range(6):
        factories.practice(approach=f"第{n}个不相干的案例讲的是数字政务公开平台建设。")
    case.save()  # its words and list, now that the others exist
    items = similar_cases(Practice.objects.with_detail_related().get(pk=case.pk))
    assert items[0].practice == words
    assert any(reason.startswith("内容相近：") for reason in items[0].reasons)
    assert any("巡回法庭" in reason or "伤残鉴定" in reason or "诉前调解" in reason for reason in items[0].reasons)
    assert len(items) <= 5


def test_drafts_and_unpublished_cases_never_show(client):
    case = factories.practice(tags=["调解"])
    draft = factories.practice(status=Practice.Status.DRAFT, title="草稿相似案例", tags=["调解"])
    shown = factories.practice(title="公开的相似案例", tags=["调解"])
    case.save()
    html = client.get(case.get_absolute_url()).content.decode()
    assert "公开的相似案例" in html and "草稿相似案例" not in html and draft.title not in html
    Practice.objects.filter(pk=shown.pk).update(status=Practice.Status.DRAFT)  # no signals: read-time check
    assert "公开的相似案例" not in client.get(case.get_absolute_url()).content.decode()


def test_a_new_case_appears_in_the_lists_of_the_cases_it_is_like():
    first = factories.practice(tags=["枫桥经验", "调解"])
    second = factories.practice(tags=["枫桥经验", "调解"])
    assert SimilarCase.objects.filter(practice=first, other=second).exists()


def test_case_page_shows_the_reasons(client, jilin):
    case = factories.practice(region=jilin[1], tags=["枫桥经验", "调解"])
    factories.practice(region=jilin[2], title="临江的调解", tags=["调解"])
    html = client.get(case.get_absolute_url()).content.decode()
    assert "相似案例" in html and "共同标签：调解" in html and "同在吉林省" in html


def test_refresh_command_rebuilds_words_and_lists():
    cases = [factories.practice(tags=["调解"], approach=TRAFFIC) for _ in range(3)]
    CaseTerm.objects.all().delete()
    SimilarCase.objects.all().delete()
    call_command("refresh_similar_cases", verbosity=0)
    assert CaseTerm.objects.filter(practice=cases[0]).exists()
    assert set(SimilarCase.objects.filter(practice=cases[0]).values_list("other", flat=True)) == {
        cases[1].pk,
        cases[2].pk,
    }
