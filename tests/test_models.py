from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from practices.models import KeyFigure, Practice, Region
from tests import factories

pytestmark = pytest.mark.django_db


def test_slug_is_generated_from_a_chinese_title_and_kept_unicode():
    case = factories.practice(title="红扁担服务队 走村入户")
    assert case.slug == "红扁担服务队-走村入户"
    assert (
        case.get_absolute_url()
        == "/cases/%E7%BA%A2%E6%89%81%E6%8B%85%E6%9C%8D%E5%8A%A1%E9%98%9F-%E8%B5%B0%E6%9D%91%E5%85%A5%E6%88%B7/"
    )


def test_slug_is_unique_for_same_title_and_stable_on_edit():
    first = factories.practice(title="智慧执行")
    second = factories.practice(title="智慧执行")
    assert (first.slug, second.slug) == ("智慧执行", "智慧执行-2")
    second.title = "智慧执行平台"
    second.save()
    second.refresh_from_db()
    assert second.slug == "智慧执行-2"


def test_duplicate_slug_gives_a_message_naming_the_other_case():
    factories.practice(title="甲", slug="same")
    other = factories.practice(title="乙")
    other.slug = "same"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "甲" in str(error.value.message_dict["slug"])


def test_publishing_without_summary_is_refused():
    case = factories.practice(status=Practice.Status.DRAFT, summary="")
    case.status = Practice.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "summary" in error.value.message_dict


def test_publishing_sets_published_at():
    case = factories.practice(status=Practice.Status.DRAFT)
    assert case.published_at is None
    case.status = Practice.Status.PUBLISHED
    case.save()
    assert case.published_at is not None


@pytest.mark.parametrize(
    ("precision", "shown"),
    [("year", "2023"), ("month", "2023-11"), ("day", "2023-11-05")],
)
def test_started_on_is_shown_as_precisely_as_known(precision, shown):
    case = factories.practice(started_on=date(2023, 11, 5), started_precision=precision)
    assert case.started_display == shown


def test_section_paragraphs_split_at_blank_lines():
    case = factories.practice(background="", approach="第一段\r\n\r\n第二段\n\n\n第三段")
    [approach] = case.section_texts
    assert (str(approach.label), approach.paragraphs) == ("主要做法", ["第一段", "第二段", "第三段"])


def test_key_figure_keeps_the_value_as_stated():
    case = factories.practice()
    figure = factories.key_figure(case, value=Decimal("99.84"), unit="%")
    figure.refresh_from_db()
    assert figure.value_display == "99.84"
    assert str(figure) == "办结率 99.84%"
    assert KeyFigure.format_number(Decimal("14456.0000")) == "14456"


def test_key_figure_baseline_date_needs_a_baseline_value():
    figure = KeyFigure(practice=factories.practice(), label="服判息诉率", value=92.68, baseline_on=date(2022, 12, 31))
    with pytest.raises(ValidationError):
        figure.full_clean()


def test_only_one_cover_per_case_in_the_database():
    case = factories.practice()
    factories.practice_image(case, is_cover=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.practice_image(case, is_cover=True)


def test_region_prefix_and_descendants():
    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", jilin)
    erdao = factories.region("220105", "二道区", changchun)
    factories.region("210000", "辽宁省")
    assert jilin.code_prefix == "22"
    assert changchun.code_prefix == "2201"
    assert set(Region.objects.within(changchun)) == {changchun, erdao}
    assert erdao.ancestors() == [jilin, changchun]


def test_region_code_must_match_its_parent():
    jilin = factories.region("220000", "吉林省")
    wrong = Region(code="210100", name="沈阳市", parent=jilin)
    with pytest.raises(ValidationError):
        wrong.full_clean()


def test_models_have_readable_names():
    case = factories.practice(title="临江法院")
    assert str(case) == "临江法院"
    assert str(case.theme) == case.theme.name
    assert str(factories.source(case, title="报道")) == "报道"


def test_a_cases_shown_tags_come_in_the_order_added_in_one_query_without_the_prefetch(django_assert_num_queries):
    from practices.models import TagEnglishName

    case = factories.practice(tags=["调解", "枫桥经验"])
    TagEnglishName.objects.create(tag=case.tags.get(name="调解"), name="Mediation")
    fresh = Practice.objects.get(pk=case.pk)
    with django_assert_num_queries(1):
        tags = fresh.shown_tags
        assert [tag.name for tag in tags] == ["调解", "枫桥经验"]
        assert tags[0].english_name.name == "Mediation"
        assert [tag.name for tag in fresh.shown_tags] == ["调解", "枫桥经验"]
