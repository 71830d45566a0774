"""Pictures on public pages: <picture> with renditions, the gallery and the OpenGraph image."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image

from practices.models import Practice
from tests import factories
from tests.image_samples import encode, upload

pytestmark = pytest.mark.django_db


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


def test_gallery_and_pictures_render_without_queries(django_assert_max_num_queries):
    case = factories.practice()
    for n in range(6):
        factories.practice_image(case, is_cover=n == 0, order=n, credit=f"作者{n}")
    images = list(Practice.objects.with_detail_related().get(pk=case.pk).public_images)
    with django_assert_max_num_queries(0):
        html = render_to_string("practices/includes/gallery.html", {"images": images})
    assert html.count("<picture>") == 6
