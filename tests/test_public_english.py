"""The English site under /en/: translated interface, English content with a Chinese fallback, and a
language switcher that keeps the page."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def body(response):
    return response.content.decode()


def test_english_pages_have_an_english_interface(client, library):
    for url in ("/en/", "/en/themes/", "/en/cases/", "/en/themes/fengqiao/", "/en/tags/枫桥经验/"):
        response = client.get(url)
        assert response.status_code == 200
        html = body(response)
        assert '<html lang="en">' in html
        assert "All cases" in html and "全部案例" not in html
        assert "跳到正文" not in html and "Skip to content" in html


def test_english_home_shows_english_theme_names_and_counts(client, library):
    html = body(client.get("/en/"))
    assert "Fengqiao Experience" in html
    assert "2 cases" in html and "1 case<" in html


def test_english_content_shows_and_falls_back_to_chinese(client, library):
    html = body(client.get("/en/cases/"))
    assert "Four-tier governance centres" in html and "综治中心四级联动" not in html
    assert "红扁担服务队" in html  # no English title: the Chinese one stands in


def test_english_case_page(client, library):
    url = library.mediation.get_absolute_url()
    response = client.get("/en" + url)
    html = body(response)
    assert "<h1>Four-tier governance centres</h1>" in html
    assert "Disputes resolved where they arise." in html
    assert "Key figures" in html and "Sources" in html and "accessed 2026-11-25" in html
    assert 'href="/en/themes/fengqiao/"' in html


def test_key_figures_read_in_english_where_they_have_it_and_in_chinese_otherwise(client, library):
    case = library.mediation
    factories.key_figure(
        case,
        label="调解成功率",
        label_en="Mediation success rate",
        value="96.7",
        unit="%",
        note="设立以来",
        note_en="Since the tribunal opened",
    )
    factories.key_figure(case, label="受理纠纷", value="458", unit="件", note="累计")
    factories.key_figure(case, label="回访", value="12", note_en="English note only")
    chinese = unescape(body(client.get(case.get_absolute_url())))
    assert "<dt>调解成功率</dt>" in chinese and "设立以来" in chinese and "Mediation success rate" not in chinese
    english = unescape(body(client.get("/en" + case.get_absolute_url())))
    assert "<dt>Mediation success rate</dt>" in english and "Since the tribunal opened" in english
    assert '96.7<span class="unit">%</span>' in english  # no English unit: the Chinese one (%) stands
    assert '<dt lang="zh-Hans">受理纠纷</dt>' in english and '458<span class="unit">件</span>' in english
    assert '<dd class="figure-note">English note only</dd>' in english


def test_english_list_messages(client, library):
    html = body(client.get("/en/cases/", {"tag": "nope", "region": "220000"}))
    assert "Not found: tag “nope”. So no cases are shown." in html
    html = body(client.get("/en/cases/", {"region": "220000"}))
    assert "3 cases" in html and "Region: Jilin" in html


def test_language_switcher_keeps_the_page_and_its_parameters(client, library):
    html = body(client.get("/cases/", {"tag": "调解", "sort": "title"}))
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html))
    english = next(unescape(href) for href, lang in links.items() if lang == "en")
    assert english.startswith("/en/cases/?") and "sort=title" in english and "tag=%E8%B0%83%E8%A7%A3" in english
    back = body(client.get(english))
    chinese = next(
        unescape(h) for h, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', back) if lang == "zh-Hans"
    )
    assert chinese.startswith("/cases/?")


def test_language_switcher_on_a_case_page(client, library):
    html = body(client.get(library.mediation.get_absolute_url()))
    assert f'href="/en{library.mediation.get_absolute_url()}" hreflang="en"' in html


def test_language_switcher_on_a_missing_page_goes_to_the_other_home(client):
    html = body(client.get("/en/no/such/page/"))
    assert 'href="/" hreflang="zh-Hans"' in html


def test_english_404(client):
    response = client.get("/en/cases/nope/")
    assert response.status_code == 404
    assert "Page not found" in body(response)


def test_compiled_catalogue_is_committed_and_every_string_translated():
    po = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists()
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert not re.search(r'^msgstr ""\n\n', text.split("\n\n", 1)[1], re.M), "untranslated strings in django.po"


def name_in_english(tag_name, english):
    from taggit.models import Tag

    from practices.models import TagEnglishName

    TagEnglishName.objects.create(tag=Tag.objects.get(name=tag_name), name=english)


def test_english_site_shows_the_english_names_of_tags(client, library):
    name_in_english("枫桥经验", "Fengqiao Experience tag")
    case_url = library.mediation.get_absolute_url()  # before a request under /en/ leaves English active
    cases = unescape(body(client.get("/en/cases/")))
    assert ">Fengqiao Experience tag</a>" in cases  # on the cards
    assert '<span class="facet-label">Fengqiao Experience tag</span>' in cases  # in the facet
    assert ">调解</a>" in cases  # no English name yet: the Chinese one stands in
    chip = unescape(body(client.get("/en/cases/", {"tag": "枫桥经验"})))
    assert "Tag: Fengqiao Experience tag" in chip
    page = unescape(body(client.get("/en/tags/枫桥经验/")))
    assert "<h1>Fengqiao Experience tag</h1>" in page
    case = unescape(body(client.get("/en" + case_url)))
    assert ">Fengqiao Experience tag</a>" in case
    chinese = unescape(body(client.get("/cases/")))
    assert "Fengqiao Experience tag" not in chinese and ">枫桥经验</a>" in chinese


def test_a_case_without_english_text_says_so_and_marks_its_chinese(client, library):
    untranslated_url, translated_url = library.policing.get_absolute_url(), library.mediation.get_absolute_url()
    html = body(client.get("/en" + untranslated_url))
    assert "Available in Chinese only" in html
    assert '<h1 lang="zh-Hans">红扁担服务队</h1>' in html
    assert '<p class="summary lead" lang="zh-Hans">' in html
    translated = body(client.get("/en" + translated_url))
    # Its title and summary are in English; its sections, still Chinese only, each say so.
    assert '<p class="summary lead">' in translated and "<h1>" in translated
    assert '<div class="practice-body" lang="zh-Hans">' in translated
    assert "Available in Chinese only" in translated
    cards = body(client.get("/en/cases/"))
    assert '<h3 class="case-card-title" lang="zh-Hans"><a href="/en/cases/' in cards
    assert "仅有中文版本" not in body(client.get(untranslated_url))


def test_pictures_have_english_alt_text_caption_and_credit_under_en(client, library):
    cover = library.mediation.images.get(is_cover=True)
    cover.alt_text_en, cover.caption_en, cover.credit_en = "The centre's hall", "The hall", "Zhang Qian"
    cover.save()
    url = library.mediation.get_absolute_url()
    html = unescape(body(client.get("/en" + url)))
    assert 'alt="The centre\'s hall"' in html and "The hall" in html and "Image: Zhang Qian" in html
    assert "中心大厅" not in html
    assert "中心大厅" in unescape(body(client.get(url)))


def test_english_summaries_are_cut_between_words(client, library):
    case = library.mediation
    case.summary_en = "Residents bring disputes to one centre " * 8
    case.save()
    html = body(client.get("/en/cases/"))
    summary = re.search(r'<p class="case-card-summary">([^<]*)</p>', html).group(1)
    assert summary.endswith("…") and case.summary_en.startswith(summary[:-1])
    assert case.summary_en[len(summary) - 1] == " ", summary  # the cut falls between two words


def test_export_file_names_are_in_the_page_language(client, library):
    name_in_english("枫桥经验", "Fengqiao")
    english = client.get("/en/cases/export.csv", {"tag": "枫桥经验", "theme": "fengqiao"})
    assert "Casebook-cases-Fengqiao_Experience-Fengqiao-" in english["Content-Disposition"]
    chinese = client.get("/cases/export.csv", {"tag": "枫桥经验"})
    assert "%E6%9E%AB%E6%A1%A5%E7%BB%8F%E9%AA%8C" in chinese["Content-Disposition"]  # 枫桥经验
