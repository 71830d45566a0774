"""Restoring or recovering a case whose pictures' files are gone: the rest comes back, the page says
which pictures could not, never a server error."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from practices.editorial.history import case_versions
from practices.models import Practice, PracticeImage
from tests import factories
from tests.admin_forms import read_form
from tests.image_samples import files_of

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def case(client):
    """A draft with two pictures, its first version recorded by opening it in the admin."""
    case = factories.practice(status=Practice.Status.DRAFT, approach="第一稿正文。")
    factories.practice_image(case, alt_text="调解室", is_cover=True, order=0)
    factories.practice_image(case, alt_text="网格员走访", order=1)
    client.force_login(factories.reviewer())
    client.get(url("change", case.pk))
    return case


def save(client, case, django_capture_on_commit_callbacks, **changes):
    data = read_form(client.get(url("change", case.pk))) | changes
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("change", case.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_restoring_a_version_whose_deleted_picture_is_gone_restores_the_rest(
    client, case, django_capture_on_commit_callbacks
):
    gone = files_of(case.images.get(alt_text="网格员走访"))
    first = case_versions(case.pk).last()
    save(client, case, django_capture_on_commit_callbacks, approach="第二稿正文。", **{"images-1-DELETE": "on"})
    assert not any(default_storage.exists(name) for name in gone)

    preview = client.get(url("revision", case.pk, first.pk))
    assert preview.status_code == 200
    assert "网格员走访" in preview.content.decode() and "文件已不存在" in preview.content.decode()

    response = client.post(url("revision", case.pk, first.pk), read_form(preview), follow=True)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.approach == "第一稿正文。"
    assert list(case.images.values_list("alt_text", flat=True)) == ["调解室"]
    assert "网格员走访" in response.content.decode()


def test_recovering_a_deleted_case_whose_pictures_are_gone_recovers_the_rest(
    client, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("delete", case.pk), {"post": "yes"})
    assert not PracticeImage.objects.exists()
    version = case_versions(case.pk).first()

    preview = client.get(url("recover", version.pk))
    assert preview.status_code == 200
    response = client.post(url("recover", version.pk), read_form(preview), follow=True)
    assert response.status_code == 200
    recovered = Practice.objects.get(pk=case.pk)
    assert recovered.approach == "第一稿正文。" and not recovered.images.exists()
    page = response.content.decode()
    assert "调解室" in page and "网格员走访" in page


def test_saving_a_case_whose_picture_file_went_missing_says_so_on_that_picture(client, case):
    default_storage.delete(case.images.get(alt_text="网格员走访").image.name)
    response = client.post(url("change", case.pk), read_form(client.get(url("change", case.pk))))
    assert response.status_code == 200
    assert "这张图片的文件已不存在，无法保存：请重新上传，或勾选“删除”。" in response.content.decode()
