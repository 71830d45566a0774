"""Completeness: a score computed from what a case holds, with what it lacks, for editors and exports."""

import datetime

import pytest
from django.urls import reverse

from practices.editorial.completeness import CHECKS, completeness
from practices.models import SECTIONS, Practice
from tests import factories

pytestmark = pytest.mark.django_db


def complete_case(**overrides):
    texts = {s.field: f"{s.label}。" for s in SECTIONS} | {s.field_en: "In English." for s in SECTIONS}
    fields = texts | {"title_en": "A case", "summary_en": "Summary.", "started_on": datetime.date(2023, 11, 1)}
    case = factories.practice(**(fields | overrides))
    source = factories.source(case)
    factories.key_figure(case, label_en="Rate", source=source)
    factories.practice_image(case, caption="", alt_text="调解室里的两位调解员")
    return case


def test_a_case_with_everything_scores_100_and_lacks_nothing():
    report = completeness(Practice.objects.get(pk=complete_case().pk))
    assert (report.score, report.missing) == (100, [])


def test_a_bare_case_says_what_it_lacks():
    case = factories.practice(title_en="", background="", approach="做法。")
    report = completeness(case)
    assert report.missing == [
        "“背景与问题”未填写",
        "“成效”未填写",
        "“经验启示”未填写",
        "“推广情况”未填写",
        "“困难与不足”未填写",
        "英文不全",
        "没有关键数据",
        "有关键数据未注明出处",
        "没有带替代文字的图片",
        "没有开始时间",
    ]
    assert report.score == round(100 / len(CHECKS))


def test_the_database_score_equals_the_computed_one():
    cases = [
        complete_case(),
        complete_case(lessons="", lessons_en=""),
        complete_case(started_on=None, summary_en=""),
        factories.practice(),
        factories.practice(started_on=datetime.date(2020, 1, 1)),
    ]
    factories.key_figure(cases[1])  # a figure without a source
    scores = dict(Practice.objects.with_completeness().values_list("pk", "completeness"))
    for case in Practice.objects.filter(pk__in=[c.pk for c in cases]).prefetch_related("key_figures", "images"):
        assert scores[case.pk] == completeness(case).score, case.pk
    assert len(set(scores.values())) >= 4


def test_editors_see_sort_and_filter_by_completeness(client):
    complete_case(title="完整的案例")
    factories.practice(title="很不完整的案例", status=Practice.Status.DRAFT)
    client.force_login(factories.reviewer())
    url = reverse("admin:practices_practice_changelist")
    html = client.get(url).content.decode()
    assert "100%" in html
    html = client.get(url, {"completeness": "under-half"}).content.decode()
    assert "很不完整的案例" in html and ">完整的案例</a>" not in html
    assert client.get(url, {"o": "-9"}).status_code == 200
    bare = Practice.objects.get(title="很不完整的案例")
    form = client.get(reverse("admin:practices_practice_change", args=[bare.pk])).content.decode()
    assert "缺：“成效”未填写" in form and "没有开始时间" in form


def test_exports_carry_the_score(client):
    complete_case()
    text = b"".join(client.get("/cases/export.csv").streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "完整度" in header.split(",")
    assert row.split(",")[header.split(",").index("完整度")] == "100"
