"""Case images: hostile files refused with the reason, uploads normalised, renditions made and cleaned up."""

import io
import struct
import warnings
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image, ImageCms

from practices.forms import PracticeImageForm
from practices.images import ImageRejected, normalise
from practices.models import Practice, PracticeImage
from tests import factories

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)
ORIENTATION, MAKE, SERIAL, GPS_IFD = 0x0112, 0x010F, 0xA431, 0x8825


# --- generated files -------------------------------------------------------------------------------


def encode(image, fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_photo(orientation=1, size=(400, 200)):
    """A JPEG as a phone writes it: left half red, right half blue, with camera serial and GPS position."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    exif = image.getexif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "PhoneMaker"
    exif[SERIAL] = "SN-0012345"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (43.0, 53.0, 1.0), 3: "E", 4: (125.0, 19.0, 2.0)})
    return encode(image, exif=exif.tobytes())


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A PNG that claims a size it never delivers: what a decompression bomb looks like to a parser."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))


def gif_frames(count, size=(400, 400)):
    frames = [Image.new("L", size, 40 * n % 255) for n in range(count)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:])


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored(name):
    with default_storage.open(name) as handle:
        return handle.read()


def files_of(image):
    names = [image.image.name] + [e[k] for e in image.renditions["sizes"] for k in ("webp", "jpeg")]
    return names + ([image.original.name] if image.original else [])


# --- refused files ---------------------------------------------------------------------------------

HOSTILE = {
    "text named .jpg": (b"This is not a picture, only text.\n" * 20, "not_an_image", "不是图片"),
    "svg": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "unsupported_format",
        "SVG",
    ),
    "truncated jpeg": (phone_photo()[:600], "corrupt", "不完整或已损坏"),
    "bmp": (encode(Image.new("RGB", (10, 10)), "BMP"), "unsupported_format", "BMP"),
    "9000x9000 png": (encode(Image.new("1", (9000, 9000)), "PNG"), "too_many_pixels", "像素过多"),
    "100000x100000 png bomb": (png_header_only(100_000, 100_000), "too_many_pixels", "像素过多"),
    "animated gif": (gif_frames(3, (40, 40)), "animated", "动图"),
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_hostile_files_are_refused_with_the_reason(label):
    data, code, words = HOSTILE[label]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a DecompressionBombWarning must not slip through as a warning
        with pytest.raises(ImageRejected) as refused:
            normalise(upload(data))
    assert refused.value.code == code
    assert words in " ".join(refused.value.messages)


def test_multi_frame_bomb_counts_every_frame(settings):
    settings.CASEBOOK_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(ImageRejected) as refused:
        normalise(upload(gif_frames(10), "frames.gif"))  # 10 frames of 0.16 MP, each one under the limit
    assert refused.value.code == "too_many_pixels"
    assert "10 帧" in refused.value.messages[0]


def test_file_over_the_byte_limit_is_refused_before_decoding(settings):
    data = phone_photo() + b"\0" * (settings.CASEBOOK_IMAGE_MAX_BYTES + 1)
    with pytest.raises(ImageRejected) as refused:
        normalise(upload(data))
    assert refused.value.code == "too_large"
    assert "10.0" in refused.value.messages[0] and "MB" in refused.value.messages[0]


def test_form_names_the_reason_for_a_rejected_file():
    form = PracticeImageForm(
        data={"alt_text": "示例", "licence": "permission", "order": "0"},
        files={"image": upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.jpg")},
    )
    assert not form.is_valid()
    assert "SVG" in form.errors["image"][0]


def test_admin_refuses_a_hostile_upload_and_keeps_the_rest_of_the_form(client):
    theme, region = factories.theme(), factories.region("220105", "二道区")
    client.force_login(factories.editor())
    data = {
        "title": "东盛路派出所红扁担服务队",
        "summary": "摘要",
        "body": "",
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
    for prefix in ("key_figures", "sources", "review_comments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:practices_practice_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "图片文件不完整或已损坏" in html
    assert "东盛路派出所红扁担服务队" in html and "派出所民警在社区" in html and "走访现场" in html
    assert not Practice.objects.exists()


# --- normalisation ---------------------------------------------------------------------------------


def test_phone_photo_is_stored_without_location_or_camera_data():
    image = factories.practice_image(factories.practice(), image=upload(phone_photo()))
    for name in files_of(image):
        data = stored(name)
        assert b"Exif" not in data and b"SN-0012345" not in data and b"PhoneMaker" not in data, name
        with Image.open(io.BytesIO(data)) as picture:
            assert not picture.getexif(), name
            assert "icc_profile" not in picture.info and "xmp" not in picture.info, name


@pytest.mark.parametrize("max_edge", [2560, 200])
def test_rotated_phone_photo_is_stored_upright(settings, max_edge):
    # Orientation 6: the camera was turned; the picture must be rotated 90° clockwise to be seen upright.
    settings.CASEBOOK_IMAGE_STORED_MAX_EDGE = max_edge  # also when it is shrunk before being turned
    image = factories.practice_image(factories.practice(), image=upload(phone_photo(orientation=6)))
    width, height = (200, 400) if max_edge > 400 else (100, 200)
    assert (image.width, image.height) == (width, height)
    with Image.open(io.BytesIO(stored(image.image.name))) as picture:
        assert picture.size == (width, height)
        top, bottom = picture.getpixel((width // 2, height // 8)), picture.getpixel((width // 2, height * 7 // 8))
    assert top[0] > 180 and top[2] < 80  # red, the left of the sensor, is now on top
    assert bottom[2] > 180 and bottom[0] < 80


def test_stored_under_a_random_name_not_the_editors():
    first = factories.practice_image(factories.practice(), image=upload(phone_photo(), "张三家门口 GPS.jpg"))
    second = factories.practice_image(factories.practice(), image=upload(phone_photo(), "张三家门口 GPS.jpg"))
    assert "张三" not in first.image.name and first.image.name != second.image.name
    assert first.image.name.startswith("practices/") and first.image.name.endswith(".jpg")


def test_colour_profiles_are_converted_to_srgb_and_cmyk_to_rgb():
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    cmyk = encode(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), "JPEG")
    with_profile = encode(Image.new("RGB", (64, 64), RED), "JPEG", icc_profile=lab.tobytes())
    for data in (cmyk, with_profile):
        picture = normalise(upload(data)).picture
        assert picture.mode == "RGB" and not picture.info


def test_transparent_png_keeps_transparency_and_its_jpeg_fallback_is_white():
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    logo.paste((20, 120, 20, 255), (0, 0, 150, 100))
    image = factories.practice_image(factories.practice(), image=upload(encode(logo, "PNG"), "logo.png"))
    assert image.image.name.endswith(".png")
    size = image.renditions["sizes"][0]
    with Image.open(io.BytesIO(stored(size["webp"]))) as webp:
        assert webp.mode == "RGBA"
    with Image.open(io.BytesIO(stored(size["jpeg"]))) as jpeg:
        assert jpeg.getpixel((250, 50)) == (255, 255, 255)


def test_phone_multi_picture_jpeg_keeps_the_main_picture():
    main, preview = Image.new("RGB", (320, 240), RED), Image.new("RGB", (160, 120), BLUE)
    data = encode(main, "MPO", save_all=True, append_images=[preview])
    picture = normalise(upload(data)).picture
    assert picture.size == (320, 240) and picture.getpixel((10, 10))[0] > 180


def test_large_photo_is_kept_at_the_stored_size(settings):
    settings.CASEBOOK_IMAGE_STORED_MAX_EDGE = 1000
    picture = normalise(upload(encode(Image.new("RGB", (4000, 3000), RED), quality=70))).picture
    assert picture.size == (1000, 750)


def test_original_is_kept_only_when_the_setting_says_so(settings):
    case = factories.practice()
    assert not factories.practice_image(case, image=upload(phone_photo())).original
    settings.CASEBOOK_KEEP_ORIGINALS = True
    image = factories.practice_image(case, image=upload(phone_photo(), "IMG_0001.JPG"))
    assert image.original.name.startswith("originals/") and "IMG_0001" not in image.original.name
    assert stored(image.original.name) == phone_photo()


# --- renditions ------------------------------------------------------------------------------------


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


# --- files are removed with what uses them ---------------------------------------------------------


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


# --- consent ---------------------------------------------------------------------------------------


def inline_post(case, image, **fields):
    data = {
        "title": case.title,
        "slug": case.slug,
        "summary": case.summary,
        "body": case.body,
        "theme": case.theme_id,
        "region": case.region_id,
        "status": case.status,
        "started_precision": "day",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "1",
        "images-0-id": image.pk,
        "images-0-practice": case.pk,
        "images-0-alt_text": image.alt_text,
        "images-0-licence": image.licence,
        "images-0-order": "0",
        "images-0-shows_identifiable_people": "on",
    } | fields
    for prefix in ("key_figures", "sources", "review_comments"):
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
    response = client.post(url, inline_post(case, image, **{"images-0-confirm_consent": "on"}))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.consent_confirmed_by == reviewer and image.consent_confirmed_at is not None


def test_reviewers_confirm_consent_from_the_picture_queue(client):
    image = factories.practice_image(factories.practice(), shows_identifiable_people=True)
    changelist = reverse("admin:practices_practiceimage_changelist")
    for user, confirmed in ((factories.editor(), False), (factories.reviewer(), True)):
        client.force_login(user)
        assert image.alt_text in client.get(changelist, {"consent": "awaiting"}).content.decode()
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


# --- public templates ------------------------------------------------------------------------------


def test_picture_has_webp_srcset_jpeg_fallback_size_alt_and_lazy_loading():
    image = factories.practice_image(
        factories.practice(), alt_text="调解员与村民交谈", image=upload(encode(Image.new("RGB", (2000, 1000))))
    )
    html = render_to_string("practices/includes/picture.html", {"image": image, "sizes": "50vw"})
    assert '<source type="image/webp" srcset="' in html and " 480w, " in html and " 1600w" in html
    assert 'sizes="50vw"' in html and 'width="2000" height="1000"' in html
    assert 'alt="调解员与村民交谈"' in html and 'loading="lazy"' in html
    assert ".jpg 480w" in html


def test_gallery_shows_cover_grid_captions_credits_licence_and_a_lightbox():
    case = factories.practice()
    factories.practice_image(case, is_cover=True, caption="封面说明", credit="张倩", licence="cc-by-4.0")
    factories.practice_image(case, caption="第二张", credit="", licence="own", order=1)
    images = list(Practice.objects.with_detail_related().get(pk=case.pk).public_images)
    html = render_to_string("practices/includes/gallery.html", {"images": images})
    assert html.count('class="gallery-cover"') == 1 and html.count('class="gallery-item"') == 1
    assert "封面说明" in html and "图：张倩" in html and "CC BY 4.0" in html
    assert "第二张" in html and "本站拍摄" in html
    assert "<dialog" in html and "js/gallery.js" in html and 'loading="eager"' in html
    assert "<script>" not in html and "style=" not in html and "onclick" not in html


def test_pictures_of_people_without_consent_stay_off_the_public_page(client):
    case = factories.practice()
    factories.practice_image(case, caption="公开的图", is_cover=True)
    factories.practice_image(case, caption="未成年人合影", shows_identifiable_people=True)
    images = Practice.objects.with_detail_related().get(pk=case.pk).public_images
    html = render_to_string("practices/includes/gallery.html", {"images": images})
    assert "公开的图" in html and "未成年人合影" not in html


def test_open_graph_image_is_an_absolute_jpeg_of_about_1200_pixels():
    image = factories.practice_image(factories.practice(), image=upload(encode(Image.new("RGB", (2000, 1000)))))
    context = Context({"image": image, "request": RequestFactory().get("/")})
    html = Template("{% load images %}{% og_image image %}").render(context)
    assert 'property="og:image" content="http://testserver/media/renditions/' in html
    assert 'content="1600"' in html and 'property="og:image:alt"' in html


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
