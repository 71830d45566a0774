"""The public page cache: anonymous pages come from the cache, edits show at once, drafts never enter it."""

import io
import pickle
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone
from taggit.models import Tag

from casebook import urls as casebook_urls
from practices.models import (
    Institution,
    KeyFigure,
    Practice,
    PracticeImage,
    Region,
    Source,
    TaggedPractice,
    Theme,
)
from practices.search.index import remove_practices
from tests import factories

pytestmark = pytest.mark.django_db

CACHE_MIDDLEWARE = "practices.public.caching.PublicPageCacheMiddleware"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The middleware where production puts it (right after SecurityMiddleware), on empty caches."""
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], CACHE_MIDDLEWARE, *settings.MIDDLEWARE[1:]]
    for alias in ("default", "generation"):
        caches[alias].clear()
    yield caches["default"]
    for alias in ("default", "generation"):
        caches[alias].clear()


def cached_pages(cache):
    """Every response body stored in the local-memory page cache."""
    return [pickle.loads(value).content.decode() for value in cache._cache.values()]  # noqa: S301


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    case = factories.practice(title="红扁担服务队")
    first = client.get(case.get_absolute_url())
    assert first["X-Casebook-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(case.get_absolute_url())
    assert second["X-Casebook-Cache"] == "hit"
    assert second.content == first.content
    assert "红扁担服务队" in second.content.decode()
    assert "unsafe-inline" not in second["Content-Security-Policy"]


def test_an_edit_is_visible_at_once(client):
    case = factories.practice(title="旧标题")
    url = case.get_absolute_url()
    assert "旧标题" in client.get(url).content.decode()
    case.title = "新标题"
    case.save()
    page = client.get(url)
    assert page["X-Casebook-Cache"] == "miss"
    assert "新标题" in page.content.decode()


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda case: factories.key_figure(case, label="化解率", value="98.5"), "化解率"),
        (lambda case: factories.source(case, title="新的来源报道"), "新的来源报道"),
        (lambda case: factories.practice_image(case, caption="新的图片说明"), "新的图片说明"),
    ],
    ids=["key-figure", "source", "image"],
)
def test_related_rows_added_are_visible_at_once(client, edit, expected):
    case = factories.practice()
    url = case.get_absolute_url()
    client.get(url)
    edit(case)
    assert expected in client.get(url).content.decode()


def test_renaming_a_theme_region_or_institution_is_visible_at_once(client):
    case = factories.practice(institution=factories.institution(name="二道区人民法院"))
    url = case.get_absolute_url()
    client.get(url)
    case.theme.name = "平安建设新主题"
    case.theme.save()
    case.region.name = "新的地区名"
    case.region.save()
    case.institution.name = "二道区人民法院诉讼服务中心"
    case.institution.save()
    page = client.get(url).content.decode()
    assert "平安建设新主题" in page
    assert "新的地区名" in page
    assert "二道区人民法院诉讼服务中心" in page


def test_changing_tags_starts_a_new_generation(client):
    case = factories.practice(tags=["调解"])
    url = case.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Casebook-Cache"] == "hit"
    case.tags.add("网格")
    assert client.get(url)["X-Casebook-Cache"] == "miss"
    client.get(url)
    case.tags.remove("调解")
    assert client.get(url)["X-Casebook-Cache"] == "miss"


def test_naming_a_tag_in_english_shows_at_once(client):
    from practices.models import TagEnglishName

    case = factories.practice(tags=["调解"])
    url = "/en" + case.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Casebook-Cache"] == "hit"
    TagEnglishName.objects.create(tag=case.tags.get(), name="mediation")
    response = client.get(url)
    assert response["X-Casebook-Cache"] == "miss" and ">mediation</a>" in response.content.decode()


def test_unpublishing_hides_the_case_at_once(client):
    case = factories.practice(title="即将撤回的案例")
    theme_url = case.theme.get_absolute_url()
    assert "即将撤回的案例" in client.get(theme_url).content.decode()
    assert client.get(case.get_absolute_url()).status_code == 200

    case.status = Practice.Status.DRAFT
    case.save()
    assert client.get(case.get_absolute_url()).status_code == 404
    assert "即将撤回的案例" not in client.get(theme_url).content.decode()


def test_publishing_shows_the_case_at_once(client):
    theme = factories.theme()
    draft = factories.practice(status=Practice.Status.REVIEW, theme=theme, title="刚刚发布的案例")
    assert "刚刚发布的案例" not in client.get(theme.get_absolute_url()).content.decode()
    draft.status = Practice.Status.PUBLISHED
    draft.save()
    assert "刚刚发布的案例" in client.get(theme.get_absolute_url()).content.decode()


def test_a_draft_never_enters_the_cache(client, page_cache):
    theme = factories.theme()
    factories.practice(theme=theme, title="公开的案例")
    draft = factories.practice(status=Practice.Status.DRAFT, theme=theme, title="保密的草稿")

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.get(theme.get_absolute_url())
    client.force_login(factories.editor())
    preview = client.get(draft.get_preview_url())
    assert "保密的草稿" in preview.content.decode()
    client.logout()
    client.get(theme.get_absolute_url())

    pages = cached_pages(page_cache)
    assert any("公开的案例" in page for page in pages)
    assert not any("保密的草稿" in page for page in pages)


def test_staff_with_a_session_get_fresh_pages(client, page_cache):
    case = factories.practice()
    client.force_login(factories.editor())
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "X-Casebook-Cache" not in response
    assert cached_pages(page_cache) == []


def test_admin_and_health_probe_are_never_cached(client, page_cache):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/healthz").content == b"ok"
    assert cached_pages(page_cache) == []


def test_languages_are_cached_apart(client):
    case = factories.practice(title="中文标题", title_en="English title")
    chinese_url = case.get_absolute_url()
    assert "中文标题" in client.get(chinese_url).content.decode()
    english = client.get(f"/en{chinese_url}")
    assert english["Content-Language"] == "en"
    assert "English title" in english.content.decode()
    assert "中文标题" in client.get(chinese_url).content.decode()


def test_query_strings_are_cached_apart(client, page_cache):
    theme = factories.theme()
    client.get(theme.get_absolute_url())
    assert client.get(f"{theme.get_absolute_url()}?page=2")["X-Casebook-Cache"] == "miss"
    assert len(cached_pages(page_cache)) == 2


def test_a_scheduled_case_appears_when_its_time_comes(client, monkeypatch):
    theme = factories.theme()
    factories.practice(theme=theme, title="定时发布的案例", published_at=timezone.now() + timezone.timedelta(minutes=2))
    assert "定时发布的案例" not in client.get(theme.get_absolute_url()).content.decode()

    later, real_time = timezone.now() + timezone.timedelta(minutes=3), time.time()
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: real_time + 180)
    assert "定时发布的案例" in client.get(theme.get_absolute_url()).content.decode()


def sets_a_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [path("cookie/", sets_a_cookie), *casebook_urls.urlpatterns]


@pytest.mark.urls("tests.test_caching")
def test_responses_that_set_cookies_are_not_cached(client, page_cache):
    assert client.get("/cookie/").content == b"with a cookie"
    assert cached_pages(page_cache) == []


def test_pages_are_cached_apart_per_host_and_scheme(client, settings):
    """Pages hold absolute URLs: one cached for one host was served to another."""
    settings.ALLOWED_HOSTS = ["casebook.example.org", "mirror.example.org"]
    factories.practice(title="红扁担服务队")
    first = client.get("/feeds/cases/", headers={"host": "casebook.example.org"})
    assert "http://casebook.example.org/" in first.content.decode()
    mirror = client.get("/feeds/cases/", headers={"host": "mirror.example.org"})
    assert mirror["X-Casebook-Cache"] == "miss"
    assert "http://mirror.example.org/" in mirror.content.decode()
    assert "casebook.example.org" not in mirror.content.decode()
    secure = client.get("/feeds/cases/", headers={"host": "casebook.example.org"}, secure=True)
    assert secure["X-Casebook-Cache"] == "miss"
    assert "https://casebook.example.org/" in secure.content.decode()
    assert client.get("/feeds/cases/", headers={"host": "casebook.example.org"})["X-Casebook-Cache"] == "hit"


def test_a_host_not_allowed_is_a_400_even_when_the_page_is_cached(client):
    assert client.get("/cases/")["X-Casebook-Cache"] == "miss"
    assert client.get("/cases/")["X-Casebook-Cache"] == "hit"
    response = client.get("/cases/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "X-Casebook-Cache" not in response


# Changes without model signals: bulk updates, bulk inserts, admin actions and commands.


def test_withdrawing_consent_in_the_picture_queue_hides_the_picture_at_once(client):
    """The consent actions use QuerySet.update(): a withdrawn picture of a minor stayed on cached pages."""
    case = factories.practice()
    image = factories.practice_image(case, alt_text="孩子们在调解室", shows_identifiable_people=True)
    reviewer = Client()
    reviewer.force_login(factories.reviewer())
    changelist = reverse("admin:practices_practiceimage_changelist")
    url = case.get_absolute_url()

    assert "孩子们在调解室" not in client.get(url).content.decode()
    reviewer.post(changelist, {"action": "confirm_consent", "_selected_action": [image.pk]})
    assert "孩子们在调解室" in client.get(url).content.decode()
    assert client.get(url)["X-Casebook-Cache"] == "hit"
    reviewer.post(changelist, {"action": "withdraw_consent", "_selected_action": [image.pk]})
    page = client.get(url)
    assert page["X-Casebook-Cache"] == "miss"
    assert "孩子们在调解室" not in page.content.decode()


BULK_UPDATES = {
    "case": (lambda case: Practice.objects.filter(pk=case.pk).update(title="批量改的标题"), "批量改的标题"),
    "theme": (lambda case: Theme.objects.filter(pk=case.theme_id).update(name="批量改的主题"), "批量改的主题"),
    "region": (lambda case: Region.objects.filter(pk=case.region_id).update(name="批量改的地区"), "批量改的地区"),
    "institution": (
        lambda case: Institution.objects.filter(pk=case.institution_id).update(name="批量改的机构"),
        "批量改的机构",
    ),
    "image": (lambda case: PracticeImage.objects.filter(practice=case).update(caption="批量改的图注"), "批量改的图注"),
    "key-figure": (lambda case: KeyFigure.objects.filter(practice=case).update(label="批量改的指标"), "批量改的指标"),
    "source": (lambda case: Source.objects.filter(practice=case).update(title="批量改的来源"), "批量改的来源"),
    "tag": (
        lambda case: TaggedPractice.objects.filter(content_object=case).update(
            tag=Tag.objects.get(name="批量改的标签")
        ),
        "批量改的标签",
    ),
    "new-key-figure": (
        lambda case: KeyFigure.objects.bulk_create([KeyFigure(practice=case, label="批量加的指标", value="1")]),
        "批量加的指标",
    ),
    "key-figure-bulk-update": (
        lambda case: KeyFigure.objects.bulk_update(
            [KeyFigure(pk=f.pk, label="逐行批量改的指标") for f in case.key_figures.all()], ["label"]
        ),
        "逐行批量改的指标",
    ),
}


@pytest.mark.parametrize("change", BULK_UPDATES.values(), ids=BULK_UPDATES.keys())
def test_bulk_writes_without_signals_are_visible_at_once(client, change):
    update, expected = change
    case = factories.practice(institution=factories.institution(), tags=["调解"])
    factories.practice_image(case, caption="原来的图注")
    factories.key_figure(case, label="原来的指标")
    factories.source(case, title="原来的来源")
    Tag.objects.create(name="批量改的标签")
    url = case.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Casebook-Cache"] == "hit"
    update(case)
    page = client.get(url)
    assert page["X-Casebook-Cache"] == "miss"
    assert expected in page.content.decode()


def test_commands_that_change_public_content_are_visible_at_once(client):
    case = factories.practice(title="枫桥式派出所")
    remove_practices([case.pk])
    assert list(client.get("/cases/", {"q": "枫桥式"}).context["page"].object_list) == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    found = client.get("/cases/", {"q": "枫桥式"})
    assert found["X-Casebook-Cache"] == "miss"
    assert list(found.context["page"].object_list) == [case]

    factories.region("220000", "吉林省")
    client.get("/cases/")
    for options, count in (({"count": 3, "no_index": True}, 4), ({"delete": True}, 1)):
        call_command("generate_practices", **options, stdout=io.StringIO())
        listing = client.get("/cases/")
        assert listing["X-Casebook-Cache"] == "miss"
        assert listing.context["page"].paginator.count == count


def test_pages_and_edits_still_work_when_the_cache_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OSError("connection refused")

    for method in ("get", "set", "add"):
        monkeypatch.setattr(f"django.core.cache.backends.locmem.LocMemCache.{method}", unreachable)
    case = factories.practice(title="旧标题")
    case.title = "新标题"
    case.save()
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert "新标题" in page.content.decode()
    assert "X-Casebook-Cache" not in page


def test_the_page_file_cache_counts_its_folder_on_one_write_in_cull_every_and_stays_bounded(tmp_path, monkeypatch):
    from practices.public.caching import PageFileCache

    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_EVERY": 4, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for n in range(40):
        cache.set(f"page-{n}", HttpResponse(f"page {n}"), 60)
    assert len(listings) == 10  # writes 1, 5, 9, …
    assert len(list(tmp_path.glob("*.djcache"))) <= 5 + 4
    assert cache.get("page-39").content == b"page 39"
