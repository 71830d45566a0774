"""Renditions made once at the right widths; files removed with what uses them, and only then."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from practices.editorial.forms import PracticeImageForm
from practices.images.processing import ImageRejected
from practices.models import PracticeImage
from tests import factories
from tests.image_samples import encode, files_of, phone_photo, stored, upload

pytestmark = pytest.mark.django_db


def test_renditions_are_made_once_in_webp_and_jpeg_at_the_configured_widths():
    image = factories.practice_image(factories.practice(), image=upload(encode(Image.new("RGB", (2000, 1000)))))
    sizes = image.renditions["sizes"]
    assert [(s["width"], s["height"]) for s in sizes] == [(1600, 800), (960, 480), (480, 240)]
    for size in sizes:
        for kind, fmt in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with Image.open(io.BytesIO(stored(size[kind]))) as rendition:
                assert (rendition.format, rendition.size) == (fmt, (size["width"], size["height"]))


def test_small_pictures_are_never_enlarged():
    image = factories.practice_image(factories.practice(), image=upload(encode(Image.new("RGB", (800, 600)))))
    assert [s["width"] for s in image.renditions["sizes"]] == [800, 480]


def test_demo_illustrations_go_through_the_same_path():
    call_command("load_demo_practices", stdout=io.StringIO())
    for image in PracticeImage.objects.all():
        assert [s["width"] for s in image.renditions["sizes"]] == [1200, 960, 480]
        assert (image.width, image.height) == (1200, 675)


def test_deleting_an_image_removes_its_files(django_capture_on_commit_callbacks, settings):
    settings.CASEBOOK_KEEP_ORIGINALS = True
    image = factories.practice_image(factories.practice(), image=upload(phone_photo()))
    names = files_of(image)
    assert len(names) == 1 + 2 + 1 and all(default_storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(default_storage.exists(n) for n in names)


def test_deleting_a_case_removes_the_files_of_all_its_images(django_capture_on_commit_callbacks):
    case = factories.practice()
    names = files_of(factories.practice_image(case, is_cover=True)) + files_of(factories.practice_image(case))
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert not any(default_storage.exists(n) for n in names)


def test_replacing_the_file_removes_the_old_files_and_resets_consent(django_capture_on_commit_callbacks):
    reviewer, editor = factories.reviewer(), factories.editor()
    image = factories.practice_image(factories.practice(), shows_identifiable_people=True)
    PracticeImage.objects.filter(pk=image.pk).update(
        consent_confirmed_by=reviewer, consent_confirmed_at=image.created_at
    )
    image.refresh_from_db()
    old = files_of(image)
    form = PracticeImageForm(
        instance=image,
        data={"alt_text": "新图", "licence": "permission", "order": "0", "shows_identifiable_people": "on"},
        files={"image": upload(phone_photo())},
        user=editor,
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    image.refresh_from_db()
    assert not any(default_storage.exists(n) for n in old)
    assert all(default_storage.exists(n) for n in files_of(image))
    assert image.consent_confirmed_at is None  # consent was given for the previous picture


def test_files_still_used_by_another_row_are_kept(django_capture_on_commit_callbacks):
    case = factories.practice()
    image = factories.practice_image(case)
    copy = PracticeImage.objects.get(pk=image.pk)
    copy.pk, copy.is_cover = None, False
    copy.save()  # a copied row shares the files
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert all(default_storage.exists(n) for n in files_of(copy))


def test_a_failed_image_never_reaches_storage():
    before = default_storage.listdir("")[0] if default_storage.exists("") else []
    with pytest.raises(ImageRejected):
        PracticeImage.objects.create(
            practice=factories.practice(), alt_text="x", image=ContentFile(b"not a picture", name="x.jpg")
        )
    after = default_storage.listdir("")[0] if default_storage.exists("") else []
    assert after == before and not PracticeImage.objects.exists()


def test_renditions_can_be_rebuilt_after_the_widths_change(settings, django_capture_on_commit_callbacks):
    image = factories.practice_image(factories.practice(), image=upload(encode(Image.new("RGB", (2000, 1000)))))
    old = files_of(image)[1:]
    settings.CASEBOOK_IMAGE_RENDITION_WIDTHS = (320, 640)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_image_renditions", stdout=out)
    image.refresh_from_db()
    assert [s["width"] for s in image.renditions["sizes"]] == [640, 320]
    assert not any(default_storage.exists(n) for n in old) and default_storage.exists(image.image.name)
    assert "rebuilt for 1 image" in out.getvalue()
    call_command("rebuild_image_renditions", "--missing", stdout=out)
    assert "0 image(s); 1 already had them" in out.getvalue()


def test_purge_lists_then_deletes_only_files_no_row_or_revision_names():
    import reversion

    kept = factories.practice_image(factories.practice())
    in_a_revision = factories.practice_image(factories.practice())
    with reversion.create_revision():
        reversion.add_to_revision(in_a_revision)
    revision_only = files_of(in_a_revision)
    PracticeImage.objects.filter(pk=in_a_revision.pk).delete()  # its files would go on commit, never reached here
    orphan = default_storage.save("renditions/ab/abcdef/480.webp", ContentFile(b"left by a failed save"))

    out = io.StringIO()
    call_command("purge_image_files", "--older-than-minutes=0", stdout=out)
    assert out.getvalue().splitlines() == [orphan, "1 unused picture file(s); run again with --delete to remove them."]
    assert default_storage.exists(orphan)

    call_command("purge_image_files", "--older-than-minutes=0", "--delete", stdout=io.StringIO())
    assert not default_storage.exists(orphan)
    assert all(default_storage.exists(name) for name in files_of(kept) + revision_only)

    default_storage.save("renditions/ab/abcdef/960.webp", ContentFile(b"a save in progress"))
    out = io.StringIO()
    call_command("purge_image_files", "--delete", stdout=out)  # files written within the hour are left alone
    assert out.getvalue() == "Deleted 0 unused picture file(s).\n"
