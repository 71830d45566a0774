"""Key figures tied to evidence: a figure cites one of its own case's sources, shown as a footnote."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from practices.models import KeyFigure, Practice, Source
from tests import factories
from tests.admin_forms import read_form

pytestmark = pytest.mark.django_db


def test_a_figure_may_cite_only_its_own_cases_source():
    case, other = factories.practice(), factories.practice()
    own, foreign = factories.source(case), factories.source(other)
    factories.key_figure(case, source=own).full_clean()
    with pytest.raises(ValidationError) as error:
        KeyFigure(practice=case, label="办结率", value="1", source=foreign).full_clean()
    assert error.value.message_dict["source"] == ["只能引用本案例自己的来源。"]


def test_case_form_offers_only_the_cases_own_sources(client):
    case, other = factories.practice(status=Practice.Status.DRAFT), factories.practice()
    own = factories.source(case, title="本案例的报道")
    factories.source(other, title="别的案例的报道")
    factories.key_figure(case)
    client.force_login(factories.editor())
    url = reverse("admin:practices_practice_change", args=[case.pk])
    html = client.get(url).content.decode()
    assert "本案例的报道" in html and "别的案例的报道" not in html
    data = read_form(client.get(url))
    data["key_figures-0-source"] = str(Source.objects.get(practice=other).pk)
    assert client.post(url, data).status_code == 200  # refused, the form shown again
    data["key_figures-0-source"] = str(own.pk)
    assert client.post(url, data).status_code == 302
    assert case.key_figures.get().source == own


def test_case_page_links_each_figure_to_its_source_as_a_footnote(client):
    case = factories.practice()
    factories.source(case, title="统计公报", kind=Source.Kind.STATISTICS)
    report = factories.source(case, title="吉林行采访报道", kind=Source.Kind.NEWS_REPORT)
    factories.key_figure(case, label="办结率", source=report)
    factories.key_figure(case, label="没有出处的数字")
    html = client.get(case.get_absolute_url()).content.decode()
    assert f'<a href="#source-{report.pk}" aria-label="出处：来源 2">来源 [2]</a>' in html
    assert html.count('class="figure-source"') == 1
    assert f'<li id="source-{report.pk}">' in html and '<span class="source-kind">新闻报道</span>' in html
    english = client.get("/en" + case.get_absolute_url()).content.decode()
    assert "Source [2]" in english and "News report" in english


def test_demo_figures_cite_the_article_as_a_news_report():
    call_command("load_demo_practices", verbosity=0)
    figures = KeyFigure.objects.select_related("source")
    assert figures.exists()
    assert all(f.source and f.source.practice_id == f.practice_id for f in figures)
    assert set(Source.objects.values_list("kind", flat=True)) == {Source.Kind.NEWS_REPORT}
