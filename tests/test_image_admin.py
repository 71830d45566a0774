"""Pictures in the admin: refusals shown in the form, consent confirmed by reviewers only, thumbnails."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from practices.models import Practice
from tests import factories
from tests.image_samples import encode, phone_photo, upload

pytestmark = pytest.mark.django_db


def test_admin_refuses_a_hostile_upload_and_keeps_the_rest_of_the_form(client):
    theme, region = factories.theme(), factories.region("220105", "二道区")
    client.force_login(factories.editor())
    data = {
        "title": "东盛路派出所红扁担服务队",
        "summary": "摘要",
        "theme": theme.pk,
        "region": region.pk,
        "status": "draft",
        "started_precision": "day",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-0-image": upload(phone_photo()[:600], "broken.jpg"),
        "images-0-alt_text": "派出所民警在社区",
        "images-0-caption": "走访现场",
        "images-0-licence": "permission",
        "images-0-order": "0",
    }
    for prefix in ("key_figures", "sources"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:practices_practice_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "图片文件不完整或已损坏" in html
    assert "东盛路派出所红扁担服务队" in html and "派出所民警在社区" in html and "走访现场" in html
    assert not Practice.objects.exists()


def inline_post(case, image, **fields):
    data = {
        "title": case.title,
        "slug": case.slug,
        "summary": case.summary,
        "background": case.background,
        "approach": case.approach,
        "theme": case.theme_id,
        "region": case.region_id,
        "status": case.status,
        "started_precision": "day",
        "base_version": case.version,
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "1",
        "images-0-id": image.pk,
        "images-0-practice": case.pk,
        "images-0-alt_text": image.alt_text,
        "images-0-licence": image.licence,
        "images-0-order": "0",
        "images-0-shows_identifiable_people": "on",
    } | fields
    for prefix in ("key_figures", "sources"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def test_only_a_reviewer_can_confirm_consent_in_the_case_form(client):
    case = factories.practice(status=Practice.Status.REVIEW)
    image = factories.practice_image(case, shows_identifiable_people=True)
    url = reverse("admin:practices_practice_change", args=[case.pk])

    client.force_login(factories.editor())
    page = client.get(url).content.decode()
    assert "等待审核人确认同意" in page
    response = client.post(url, inline_post(case, image, **{"images-0-confirm_consent": "on"}))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.consent_confirmed_at is None

    reviewer = factories.reviewer()
    client.force_login(reviewer)
    case.refresh_from_db()  # the editor's save moved the version on
    response = client.post(url, inline_post(case, image, **{"images-0-confirm_consent": "on"}))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.consent_confirmed_by == reviewer and image.consent_confirmed_at is not None


def test_reviewers_confirm_consent_from_the_picture_queue(client):
    image = factories.practice_image(factories.practice(), shows_identifiable_people=True)
    changelist = reverse("admin:practices_practiceimage_changelist")
    for user, confirmed in ((factories.editor(), False), (factories.reviewer(), True)):
        client.force_login(user)
        queue = client.get(changelist, {"consent": "awaiting"}).content.decode()
        assert image.alt_text in queue and reverse("admin:practices_practice_change", args=[image.practice_id]) in queue
        client.post(changelist, {"action": "confirm_consent", "_selected_action": [image.pk]})
        image.refresh_from_db()
        assert (image.consent_confirmed_at is not None) == confirmed


def test_admin_lists_show_thumbnails_of_the_smallest_rendition(client):
    case = factories.practice()
    image = factories.practice_image(case, is_cover=True, image=upload(encode(Image.new("RGB", (1000, 500)))))
    client.force_login(factories.reviewer())
    html = client.get(reverse("admin:practices_practice_changelist")).content.decode()
    smallest = image.renditions["sizes"][-1]["jpeg"]
    assert f'src="{default_storage.url(smallest)}"' in html
    assert 'class="casebook-thumb casebook-thumb--small"' in html and "style=" not in html.split("<body")[1]


def test_picture_queue_lists_many_pictures_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(8):
        factories.practice_image(factories.practice(), shows_identifiable_people=True)
    client.force_login(factories.reviewer())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:practices_practiceimage_changelist"))
    assert response.content.decode().count("casebook-thumb--small") == 8
