"""A case is written in sections: the migration from one body, the publish rule, and the case page."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from practices.editorial.workflow import WorkflowError, take_step
from practices.exports.columns import COLUMN_KEYS
from practices.models import SECTIONS, Practice
from tests import factories
from tests.test_admin import form_data

BEFORE = [("practices", "0006_practice_public_facts_index")]
AFTER = [("practices", "0007_practice_sections")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Serialized rollback, as the other transactional tests: a plain one would leave content types behind
# for their saved database contents to clash with on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_moves_every_body_into_approach_and_back_unchanged():
    old_apps = _migrate(BEFORE)
    Theme, Region = old_apps.get_model("practices", "Theme"), old_apps.get_model("practices", "Region")
    OldPractice = old_apps.get_model("practices", "Practice")
    theme = Theme.objects.create(name="主题", slug="theme")
    region = Region.objects.create(code="220105", name="二道区")
    bodies = {"with-body": "第一段。\r\n\r\n第二段，含“引号”和 emoji 🙂。", "without-body": ""}
    for slug, text in bodies.items():
        OldPractice.objects.create(slug=slug, title=slug, body=text, theme=theme, region=region)

    new_apps = _migrate(AFTER)
    NewPractice = new_apps.get_model("practices", "Practice")
    moved = {p.slug: (p.approach, p.background) for p in NewPractice.objects.all()}
    assert moved == {slug: (text, "") for slug, text in bodies.items()}

    old_apps = _migrate(BEFORE)
    back = dict(old_apps.get_model("practices", "Practice").objects.values_list("slug", "body"))
    assert back == bodies
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_every_section_has_its_english_field_and_export_columns():
    for section in SECTIONS:
        assert Practice._meta.get_field(section.field) and Practice._meta.get_field(section.field_en)
        assert section.field in COLUMN_KEYS and section.field_en in COLUMN_KEYS
    assert [s.field for s in SECTIONS if s.required] == ["background", "approach"]
    assert Practice.SECTIONS is SECTIONS


@pytest.mark.django_db
def test_a_reviewer_cannot_publish_without_background_approach_and_summary(client):
    theme, region = factories.theme(), factories.region("220105", "二道区")
    client.force_login(factories.reviewer())
    data = form_data(theme, region, status="published", summary="", background="", approach="只写了做法。")
    response = client.post(reverse("admin:practices_practice_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "发布前请填写摘要。" in html and "发布前请填写“背景与问题”。" in html
    assert "发布前请填写“主要做法”。" not in html
    assert not Practice.objects.exists()

    saved = client.post(reverse("admin:practices_practice_add"), data | {"summary": "摘要", "background": "问题。"})
    assert saved.status_code == 302
    assert Practice.objects.get().status == Practice.Status.PUBLISHED


@pytest.mark.django_db
def test_the_publish_step_refuses_a_case_without_its_approach():
    case = factories.practice(status=Practice.Status.REVIEW, approach="")
    with pytest.raises(WorkflowError, match="主要做法"):
        take_step(factories.reviewer(), case, "publish", expected_version=case.version)
    case.refresh_from_db()
    assert case.status == Practice.Status.REVIEW


@pytest.mark.django_db
def test_the_case_page_shows_each_filled_section_under_its_heading(client):
    case = factories.practice(
        background="老城区人口流动大。", approach="四级联动。\n\n五联机制。", results="办结率99.84%。"
    )
    html = client.get(case.get_absolute_url()).content.decode()
    assert html.index(">背景与问题</h2>") < html.index(">主要做法</h2>") < html.index(">成效</h2>")
    assert "<p>四级联动。</p>" in html and "<p>五联机制。</p>" in html
    assert ">经验启示</h2>" not in html  # empty sections are left out


@pytest.mark.django_db
def test_english_page_shows_english_sections_and_marks_chinese_stand_ins(client):
    case = factories.practice(background="老城区人口流动大。", background_en="An old district.", approach="四级联动。")
    html = client.get(f"/en{case.get_absolute_url()}").content.decode()
    assert ">Background and problem</h2>" in html and "An old district." in html and "老城区" not in html
    approach = html[html.index(">What was done</h2>") :]
    assert "Available in Chinese only" in approach.split("</section>")[0]
    assert '<div class="practice-body" lang="zh-Hans">' in approach and "四级联动。" in approach
