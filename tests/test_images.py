"""Case image uploads: hostile files refused with the reason; accepted ones upright, in sRGB, without metadata."""

import io
import warnings

import pytest
from PIL import Image, ImageCms

from practices.editorial.forms import PracticeImageForm
from practices.images.processing import ImageRejected, normalise
from tests import factories
from tests.image_samples import BLUE, HOSTILE, RED, encode, files_of, gif_frames, phone_photo, stored, upload

pytestmark = pytest.mark.django_db


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
