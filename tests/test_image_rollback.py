"""A save that fails leaves no files behind, and a second cover is a form error, not a server error."""

import os

import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.db import transaction
from django.urls import reverse
from PIL import Image

from practices.models import PracticeImage
from tests import factories
from tests.admin_forms import read_form
from tests.image_samples import encode, files_of, upload

# Transactional: the files' fate depends on a real commit or rollback (serialized: keeps the migrations' groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def media_files():
    return {
        os.path.relpath(os.path.join(folder, name), settings.MEDIA_ROOT)
        for folder, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    }


def test_a_second_cover_added_meanwhile_is_a_form_error_and_leaves_no_files(client):
    case = factories.practice(status=factories.Practice.Status.DRAFT)
    client.force_login(factories.editor())
    change_url = reverse("admin:practices_practice_change", args=[case.pk])
    form = read_form(client.get(change_url))
    # Another way in (another tab's inline, a script) gives the case its cover after the form was opened.
    factories.practice_image(case, is_cover=True, alt_text="先到的封面")
    before = media_files()

    response = client.post(
        change_url,
        form
        | {
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload(encode(Image.new("RGB", (1200, 800)))),
            "images-0-alt_text": "第二张封面",
            "images-0-licence": "permission",
            "images-0-order": "0",
            "images-0-is_cover": "on",
        },
    )
    assert response.status_code == 200
    assert "每个案例只能有一张封面图" in response.content.decode()
    assert list(PracticeImage.objects.values_list("alt_text", flat=True)) == ["先到的封面"]
    assert media_files() == before


def test_files_written_by_a_transaction_that_rolls_back_are_removed():
    case = factories.practice()
    with pytest.raises(RuntimeError), transaction.atomic():
        names = files_of(factories.practice_image(case))
        assert all(name in media_files() for name in names)
        raise RuntimeError("a later step of the same save fails")
    request_finished.send(sender=None)
    assert not any(name in media_files() for name in names)


def test_files_of_a_committed_save_stay():
    case = factories.practice()
    with transaction.atomic():
        names = files_of(factories.practice_image(case))
    request_finished.send(sender=None)
    assert all(name in media_files() for name in names)
