"""Generated illustrations: no text, so the same bytes on every machine whatever fonts it has; a redraw command."""

import hashlib
import io

import pytest
from django.core.management import call_command
from PIL import Image, ImageFont

from practices.demo.content import load
from practices.images import illustrations
from practices.models import Practice, PracticeImage
from tests.image_samples import stored

DEMO = load()


def draw_all():
    colours = {theme["slug"]: theme["colour"] for theme in DEMO.themes}
    return {case["slug"]: illustrations.draw_card(case["slug"], colours[case["theme"]]) for case in DEMO.cases}


def no_fonts(*args, **kwargs):
    raise OSError("this machine has no fonts")


def test_demo_illustrations_are_identical_with_and_without_system_fonts(monkeypatch, tmp_path):
    with_fonts = draw_all()
    # A machine without fonts: Pillow's font lookup sees an empty folder, and loading any font fails.
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(empty))
    monkeypatch.setenv("XDG_DATA_DIRS", str(empty))
    monkeypatch.setattr(ImageFont, "truetype", no_fonts)
    monkeypatch.setattr(ImageFont, "load_default", no_fonts)
    without_fonts = draw_all()
    assert with_fonts == without_fonts
    assert draw_all() == without_fonts  # and drawing again changes nothing


def test_each_case_gets_its_own_picture_in_its_theme_colour():
    pictures = draw_all()
    assert len({hashlib.sha256(data).hexdigest() for data in pictures.values()}) == len(DEMO.cases)
    with Image.open(io.BytesIO(pictures[DEMO.cases[0]["slug"]])) as picture:
        assert picture.size == (1200, 675)
        # The left edge is the theme colour (#9f2a1f), not a white strip.
        red, green, blue = picture.convert("RGB").getpixel((5, 337))
        assert abs(red - 0x9F) < 12 and abs(green - 0x2A) < 12 and abs(blue - 0x1F) < 12


@pytest.mark.django_db
def test_redraw_replaces_the_demo_pictures_and_describes_them_honestly(django_capture_on_commit_callbacks):
    call_command("load_demo_practices", stdout=io.StringIO())
    image = PracticeImage.objects.get(practice__slug=DEMO.cases[0]["slug"])
    first_name, first_bytes = image.image.name, stored(image.image.name)
    PracticeImage.objects.filter(pk=image.pk).update(alt_text="示意图卡片，写有案例标题", alt_text_en="")

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_practices", "--redraw-illustrations", stdout=out)
    assert "Redrew 10 demo illustrations" in out.getvalue()
    image.refresh_from_db()
    assert image.image.name != first_name
    assert stored(image.image.name) == first_bytes  # the same drawing, stored the same way
    assert not image.image.storage.exists(first_name)  # the replaced files are gone
    assert "没有文字" in image.alt_text and "no text" in image.alt_text_en
    assert Practice.objects.count() == 10 and PracticeImage.objects.count() == 10
