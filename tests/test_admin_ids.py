"""Ids typed into admin addresses and import files: anything but ASCII digits is "not found", never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.editorial.history import case_versions
from tests import factories

pytestmark = pytest.mark.django_db

# "²".isdigit() and "٣".isdigit() are true, but int() and the database refuse them.
NOT_IDS = ["²", "①", "٣", "１", "1²"]
ADMIN = "/admin/practices/practice"


@pytest.fixture
def reviewer_client(client):
    client.raise_request_exception = False
    client.force_login(factories.reviewer())
    return client


@pytest.mark.parametrize("bad", NOT_IDS)
@pytest.mark.parametrize(
    "address",
    [
        "{admin}/{bad}/change/",
        "{admin}/{bad}/history/",
        "{admin}/{bad}/history/{version}/",
        "{admin}/{pk}/history/{bad}/",
        "{admin}/{bad}/delete/",
        "{admin}/recover/{bad}/",
    ],
)
def test_an_id_that_is_not_ascii_digits_is_not_found(reviewer_client, address, bad):
    case = factories.practice()
    reviewer_client.get(reverse("admin:practices_practice_change", args=[case.pk]))  # records a first version
    version = case_versions_pk(case)
    # The admin's own views redirect to its index with a "does not exist" message; ours answer 404.
    response = reviewer_client.get(address.format(admin=ADMIN, bad=bad, pk=case.pk, version=version), follow=True)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.redirect_chain[-1][0] == "/admin/"


def case_versions_pk(case):
    return case_versions(case.pk).first().pk


@pytest.mark.parametrize("bad", NOT_IDS)
@pytest.mark.parametrize("key", ["from", "to"])
def test_comparing_with_a_version_id_that_is_not_ascii_digits_says_it_was_not_found(reviewer_client, bad, key):
    case = factories.practice()
    response = reviewer_client.get(reverse("admin:practices_practice_compare", args=[case.pk]), {key: bad}, follow=True)
    assert response.status_code == 200
    assert f"找不到要比较的版本“{bad}”" in response.content.decode()


@pytest.mark.parametrize("bad", NOT_IDS)
def test_an_import_row_whose_id_is_not_ascii_digits_is_a_row_error(reviewer_client, bad):
    factories.theme(name="平安建设", slug="safety")
    factories.region("220105", "二道区")
    upload = SimpleUploadedFile("cases.csv", f"编号,标题,主题,行政区划代码\n{bad},标题,平安建设,220105\n".encode())
    response = reviewer_client.post(reverse("admin:practices_practice_import"), {"file": upload})
    assert response.status_code == 200
    assert f"编号：“{bad}”不是数字。" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["theme__id__exact=²", "region__id__exact=１", "p=²", "o=²", "tag=a%00b", "q=%00"],
)
def test_hostile_changelist_parameters_are_not_a_server_error(reviewer_client, query):
    factories.practice()
    response = reviewer_client.get(f"{ADMIN}/?{query}", follow=True)
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "query",
    ["status__exact=%00", "q=%00", "theme__id__exact=%00", "tags__slug=a%00b", "o=%00", "%00=1"],
)
@pytest.mark.parametrize("model", ["practice", "practiceimage", "institution", "theme", "region"])
def test_a_nul_in_an_admin_list_address_is_a_400_not_a_server_error(reviewer_client, model, query):
    """PostgreSQL refuses NUL in a text comparison: the change list's count was a 500 there."""
    factories.practice()
    response = reviewer_client.get(f"/admin/practices/{model}/?{query}")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_admin_lists_with_ordinary_filters_still_answer(reviewer_client):
    factories.practice()
    assert reviewer_client.get(f"{ADMIN}/?status__exact=draft&q=调解").status_code == 200
