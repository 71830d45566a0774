"""Editors cannot change what the public sees without a reviewer: shared records, publishing time, featuring."""

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.models import Practice
from tests import factories
from tests.admin_forms import read_form
from tests.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


def institution_change_url(institution):
    return reverse("admin:practices_institution_change", args=[institution.pk])


def test_editor_cannot_rename_an_institution_that_a_published_case_shows(client):
    institution = factories.institution(name="二道区人民法院")
    factories.practice(institution=institution)
    client.force_login(factories.editor())
    page = client.get(institution_change_url(institution))
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()  # read-only view
    response = client.post(institution_change_url(institution), {"name": "改掉的名字", "kind": "court"})
    assert response.status_code == 403
    institution.refresh_from_db()
    assert institution.name == "二道区人民法院"


def test_editor_may_still_correct_an_institution_only_drafts_use(client):
    institution = factories.institution(name="草稿机构")
    factories.practice(status=Practice.Status.DRAFT, institution=institution)
    client.force_login(factories.editor())
    data = read_form(client.get(institution_change_url(institution)), "institution_form")
    response = client.post(institution_change_url(institution), data | {"name": "改好的名字"})
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.name == "改好的名字"


def test_reviewer_renames_an_institution_that_published_cases_show(client):
    institution = factories.institution(name="旧名字")
    factories.practice(institution=institution)
    client.force_login(factories.reviewer())
    data = read_form(client.get(institution_change_url(institution)), "institution_form")
    assert client.post(institution_change_url(institution), data | {"name": "新名字"}).status_code == 302
    institution.refresh_from_db()
    assert institution.name == "新名字"


def test_editor_cannot_backdate_or_feature_a_draft(client):
    client.force_login(factories.editor())
    place = factories.theme(), factories.region("220105", "二道区")
    response = client.post(ADD_URL, form_data(*place, published_at="2001-01-01 08:00:00", featured="on"))
    assert response.status_code == 302
    case = Practice.objects.get()
    assert case.published_at is None and not case.featured


def test_editor_cannot_change_publishing_time_or_featuring_of_a_draft_in_review(client):
    case = factories.practice(status=Practice.Status.REVIEW, published_at=None)
    client.force_login(factories.editor())
    url = reverse("admin:practices_practice_change", args=[case.pk])
    page = client.get(url)
    assert 'name="published_at' not in page.content.decode() and 'name="featured"' not in page.content.decode()
    data = read_form(page) | {"published_at_0": "2001-01-01", "published_at_1": "08:00:00", "featured": "on"}
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.published_at is None and not case.featured


def test_publish_now_means_now_even_when_the_draft_carries_an_old_date(client):
    case = factories.practice(
        status=Practice.Status.REVIEW, published_at=timezone.now() - timezone.timedelta(days=365 * 25)
    )
    client.force_login(factories.reviewer())
    before = timezone.now()
    review = reverse("admin:practices_practice_review", args=[case.pk])
    client.post(review, {"action": "publish", "publish_at": "", "base_version": case.version})
    case.refresh_from_db()
    assert case.status == Practice.Status.PUBLISHED and case.published_at >= before


def test_reviewer_sets_publishing_time_and_featuring(client):
    case = factories.practice(status=Practice.Status.REVIEW, published_at=None)
    client.force_login(factories.reviewer())
    url = reverse("admin:practices_practice_change", args=[case.pk])
    data = read_form(client.get(url)) | {"published_at_0": "2024-05-01", "published_at_1": "08:00:00", "featured": "on"}
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.featured and case.published_at.year == 2024
