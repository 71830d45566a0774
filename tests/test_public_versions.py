"""Public versions: each publication is numbered and frozen; drafts between publications never show."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from practices.editorial.workflow import take_step
from practices.models import Practice, PublicVersion, ReviewComment
from tests import factories
from tests.admin_forms import read_form

pytestmark = pytest.mark.django_db
Action = ReviewComment.Action


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def reviewer():
    return factories.reviewer()


@pytest.fixture
def published_twice(reviewer):
    """A case published, unpublished, edited as a draft, then published again with a corrected figure."""
    case = factories.practice(status=Practice.Status.DRAFT, title="巡回法庭", approach="第一版正文。", slug="circuit")
    factories.key_figure(case, label="办结率", value="98.5")
    case = take_step(reviewer, case, Action.PUBLISH)
    case = take_step(reviewer, case, Action.UNPUBLISH)
    case.approach = "草稿里的半成品，从未公开。"
    case.save()
    case.approach = "第二版正文。"
    case.save()
    case.key_figures.update(value="99.84")
    return take_step(reviewer, case, Action.PUBLISH, public_note="更正了办结率。", is_erratum=True)


def test_each_publication_is_a_numbered_version_with_its_note(published_twice):
    versions = list(published_twice.public_versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].note == "更正了办结率。" and versions[1].is_erratum
    assert versions[0].snapshot["key_figures"][0]["value"] == "98.5"


def test_an_old_version_shows_as_it_was_published_and_links_to_the_current(client, published_twice):
    html = page(client, "/cases/circuit/v/1/")
    assert "此为第 1 版（当前第 2 版）" in html
    assert "第一版正文。" in html and "98.5" in html
    assert "第二版正文。" not in html
    assert 'href="/cases/circuit/"' in html


def test_drafts_between_publications_are_never_public(client, published_twice):
    for url in ["/cases/circuit/", "/cases/circuit/v/1/", "/cases/circuit/v/2/"]:
        assert "半成品" not in page(client, url)


def test_the_case_page_lists_its_versions_with_dates_and_the_erratum_note(client, published_twice):
    html = page(client, "/cases/circuit/")
    assert "第 2 版（当前）" in html
    assert 'href="/cases/circuit/v/1/"' in html
    assert "更正了办结率。" in html and "勘误" in html


def test_the_english_version_page(client, published_twice):
    html = page(client, "/en/cases/circuit/v/1/")
    assert "This is version 1 (the current version is 2)" in html


@pytest.mark.parametrize("number", ["0", "3", "99999999999999999999999", "9" * 500])
def test_versions_that_do_not_exist_are_not_found(client, published_twice, number):
    assert client.get(f"/cases/circuit/v/{number}/").status_code == 404


def test_a_draft_has_no_public_versions(client, reviewer):
    draft = factories.practice(status=Practice.Status.DRAFT, slug="secret")
    assert client.get("/cases/secret/v/1/").status_code == 404
    take_step(reviewer, take_step(reviewer, draft, Action.PUBLISH), Action.UNPUBLISH)
    assert client.get("/cases/secret/v/1/").status_code == 404


def test_a_case_put_in_without_the_workflow_is_version_1_until_changed(client, reviewer):
    case = factories.practice(slug="demo", approach="演示正文。")
    assert "第 1 版（当前）" in page(client, "/cases/demo/")
    assert "演示正文。" in page(client, "/cases/demo/v/1/")
    case = take_step(reviewer, case, Action.UNPUBLISH)
    case.approach = "改过的正文。"
    case.save()
    take_step(reviewer, case, Action.PUBLISH)
    assert "演示正文。" in page(client, "/cases/demo/v/1/")
    assert "此为第 2 版（当前第 2 版）" in page(client, "/cases/demo/v/2/")


def test_a_reviewer_saving_a_published_case_with_changes_records_a_version(client, reviewer):
    case = factories.practice(slug="edited", summary="原摘要")
    client.force_login(reviewer)
    url = reverse("admin:practices_practice_change", args=[case.pk])
    form = read_form(client.get(url))
    saved = client.post(url, form | {"summary": "新摘要", "public_note": "补充了摘要。"})
    assert saved.status_code == 302
    assert [(v.number, v.note) for v in case.public_versions.order_by("number")] == [(1, ""), (2, "补充了摘要。")]
    assert PublicVersion.objects.get(practice=case, number=1).snapshot["summary"] == "原摘要"
    # Saving again without a change adds nothing.
    client.post(url, read_form(client.get(url)))
    assert case.public_versions.count() == 2


def test_a_scheduled_publication_is_not_listed_before_its_time(client, reviewer):
    case = factories.practice(status=Practice.Status.DRAFT, slug="later")
    take_step(reviewer, case, Action.PUBLISH, publish_at=timezone.now() + datetime.timedelta(days=1))
    assert case.public_versions.count() == 1
    assert client.get("/cases/later/v/1/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_every_published_case_version_1():
    executor = MigrationExecutor(connection)
    executor.migrate([("practices", "0012_practice_public_id")])
    apps = executor.loader.project_state([("practices", "0012_practice_public_id")]).apps
    OldPractice = apps.get_model("practices", "Practice")
    Theme, Region = apps.get_model("practices", "Theme"), apps.get_model("practices", "Region")
    theme = Theme.objects.create(name="主题", slug="t")
    region = Region.objects.create(code="220000", name="吉林省")
    common = {"theme": theme, "region": region, "approach": "正文。"}
    OldPractice.objects.create(
        title="已发布", slug="p", status="published", published_at=timezone.now(), public_id="CB-2024-0001", **common
    )
    OldPractice.objects.create(title="草稿", slug="d", status="draft", public_id="CB-2024-0002", **common)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    versions = PublicVersion.objects.all()
    assert [(v.practice.slug, v.number, v.snapshot["text"]) for v in versions] == [
        ("p", 1, [{"heading": "主要做法", "text": "正文。"}])
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/cases/circuit%00/v/1/",
        "/cases/circuit/v/1/?x=%00",
        "/cases/circuit%00/cite.bib",
        "/cases/export.zip?theme=%00",
        "/cases/export.zip?year=²⁰²³",
        "/cases/export.zip?page_size=99999999999999999999999",
        "/cases/id/CB-2024-0001%00/",
    ],
)
def test_hostile_addresses_of_the_open_data_pages_are_4xx_never_500(client, published_twice, url):
    assert client.get(url).status_code in (200, 400, 404)
