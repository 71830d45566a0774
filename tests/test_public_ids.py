import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_case_gets_the_next_public_id_of_its_year():
    year = timezone.localdate().year
    first, second = factories.practice(), factories.practice(status=Practice.Status.DRAFT)
    assert first.public_id == f"CB-{year}-0001"
    assert second.public_id == f"CB-{year}-0002"


def test_a_public_id_never_changes_when_the_case_is_edited():
    case = factories.practice()
    before = case.public_id
    case.title, case.slug = "新标题", "new-slug"
    case.save()
    case.refresh_from_db()
    assert case.public_id == before


def test_numbers_past_9999_keep_counting():
    year = timezone.localdate().year
    factories.practice(public_id=f"CB-{year}-9999")
    factories.practice(public_id=f"CB-{year}-10000")
    assert factories.practice().public_id == f"CB-{year}-10001"


def test_the_public_id_address_redirects_to_the_current_slug(client):
    case = factories.practice(slug="old")
    case.slug = "renamed"
    case.save()
    response = client.get(f"/cases/id/{case.public_id}/")
    assert response.status_code == 302
    assert response["Location"] == "/cases/renamed/"
    assert client.get(f"/cases/id/{case.public_id.lower()}/")["Location"] == "/cases/renamed/"
    assert client.get(f"/en/cases/id/{case.public_id}/")["Location"] == "/en/cases/renamed/"


@pytest.mark.parametrize("bad", ["CB-2024-0007\x00", "CB-²024-0001", "x" * 5000, "CB-2024-" + "9" * 400])
def test_malformed_public_ids_are_refused_or_not_found(client, bad):
    assert client.get(f"/cases/id/{bad}/").status_code == (400 if "\x00" in bad else 404)


def test_drafts_are_not_found_by_public_id(client):
    draft = factories.practice(status=Practice.Status.DRAFT)
    assert client.get(f"/cases/id/{draft.public_id}/").status_code == 404


def test_the_case_page_shows_its_public_id(client):
    case = factories.practice()
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.public_id in page
    assert f'href="/cases/id/{case.public_id}/"' in page


def test_bulk_inserted_synthetic_cases_get_public_ids(db):
    from django.core.management import call_command

    factories.theme(), factories.region("220000", "吉林省")
    call_command("generate_practices", count=3, seed=1, no_index=True)
    ids = list(Practice.objects.synthetic().values_list("public_id", flat=True))
    assert len(set(ids)) == 3 and all(ids)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_numbers_existing_cases_per_year_oldest_first():
    executor = MigrationExecutor(connection)
    executor.migrate([("practices", "0004_keyfigure_english")])
    apps = executor.loader.project_state([("practices", "0004_keyfigure_english")]).apps
    OldPractice = apps.get_model("practices", "Practice")
    Theme, Region = apps.get_model("practices", "Theme"), apps.get_model("practices", "Region")
    theme = Theme.objects.create(name="主题", slug="t")
    region = Region.objects.create(code="220000", name="吉林省")
    made = {}
    for slug, when in [("b", (2023, 5, 1)), ("a", (2023, 1, 1)), ("c", (2024, 1, 1))]:
        case = OldPractice.objects.create(title=slug, slug=slug, theme=theme, region=region)
        stamp = timezone.make_aware(datetime.datetime(*when, 12))
        OldPractice.objects.filter(pk=case.pk).update(created_at=stamp)
        made[slug] = case.pk
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ids = dict(Practice.objects.values_list("slug", "public_id"))
    assert ids == {"a": "CB-2023-0001", "b": "CB-2023-0002", "c": "CB-2024-0001"}
