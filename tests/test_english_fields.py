"""Full English: every text a reader sees has its English field; editors see and filter what lacks it."""

import pytest
from django.urls import reverse

from practices.models import SECTIONS, Practice
from tests import factories

pytestmark = pytest.mark.django_db


def english_case(**overrides):
    """A case whose every reader-visible text has its English."""
    fields = {"title_en": "A case", "summary_en": "Summary.", "background_en": "Problem.", "approach_en": "Done."}
    case = factories.practice(**(fields | overrides))
    factories.key_figure(case, label_en="Resolution rate")
    factories.practice_image(case, caption="调解现场", caption_en="Mediation in progress")
    return case


def test_english_page_uses_every_english_field(client):
    case = english_case()
    html = client.get(f"/en{case.get_absolute_url()}").content.decode()
    for text in ("<h1>A case</h1>", "Summary.", "Problem.", "Done.", "Resolution rate", "Mediation in progress"):
        assert text in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    # The GB/T 7714 citation is Chinese by its standard, and marked so.
    case_text = main.split('<section class="cite-case"', 1)[0]
    assert "Available in Chinese only" not in case_text and 'lang="zh-Hans"' not in case_text


def test_english_page_marks_each_chinese_stand_in(client):
    case = factories.practice(title="东盛路红扁担", summary="服务队进村入户。")
    factories.key_figure(case, label="办结率")
    factories.practice_image(case, caption="调解现场")
    html = client.get(f"/en{case.get_absolute_url()}").content.decode()
    assert '<h1 lang="zh-Hans">东盛路红扁担</h1>' in html
    assert '<p class="summary lead" lang="zh-Hans">服务队进村入户。</p>' in html
    assert '<dt lang="zh-Hans">办结率</dt>' in html
    assert '<span class="gallery-caption" lang="zh-Hans">调解现场</span>' in html
    assert html.count("Available in Chinese only") == 3  # summary, background, approach


def test_chinese_page_never_says_chinese_only(client):
    case = factories.practice(title="东盛路红扁担")
    html = client.get(case.get_absolute_url()).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    case_text = main.split('<section class="cite-case"', 1)[0]  # the GB/T 7714 citation is marked Chinese
    assert "仅有中文版本" not in case_text and 'lang="zh-Hans"' not in case_text


def test_missing_english_names_each_field_that_lacks_it():
    case = english_case(summary_en="", results="有成效。")
    factories.key_figure(case, label="调解案件", label_en="")
    factories.practice_image(case, caption="走访", caption_en="")
    missing = [str(label) for label in Practice.objects.get(pk=case.pk).missing_english()]
    assert missing == ["英文一句话简介", "成效（英文）", "关键数据“调解案件”的英文指标", "图片“走访”的英文说明"]
    assert english_case().missing_english() == []


def test_missing_english_filter_matches_the_per_case_list():
    complete = english_case()
    cases = {
        "title": english_case(title_en=""),
        "section": english_case(lessons="启示。"),
        "figure": english_case(),
        "caption": english_case(),
    }
    factories.key_figure(cases["figure"], label_en="")
    factories.practice_image(cases["caption"], caption="说明", caption_en="")
    missing = set(Practice.objects.missing_english())
    assert missing == set(cases.values())
    assert all(case.missing_english() for case in missing) and complete.missing_english() == []
    assert all(Practice._meta.get_field(s.field_en) for s in SECTIONS)


def test_editors_filter_by_missing_english_and_see_what_is_missing(client):
    complete, lacking = english_case(title="完整的案例"), english_case(title="缺英文的案例", summary_en="")
    client.force_login(factories.reviewer())
    html = client.get(reverse("admin:practices_practice_changelist"), {"english": "missing"}).content.decode()
    assert "缺英文的案例" in html and "完整的案例" not in html
    assert "英文一句话简介" in html  # the column names the missing field
    form = client.get(reverse("admin:practices_practice_change", args=[lacking.pk])).content.decode()
    assert "缺英文" in form and "英文一句话简介" in form
    form = client.get(reverse("admin:practices_practice_change", args=[complete.pk])).content.decode()
    assert "齐全" in form
