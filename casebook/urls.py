"""Top-level routes: health, admin, sitemap and robots outside the language prefix, public pages under i18n_patterns."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

from practices.opendata import oai
from practices.public.sitemaps import SITEMAPS
from practices.public.views import favicon, healthz, robots_txt, theme_colours_css

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("themes.css", theme_colours_css, name="theme_colours_css"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/", include("practices.api.urls")),
    path("oai/", oai.endpoint, name="oai"),
]
urlpatterns += i18n_patterns(path("", include("practices.urls")), prefix_default_language=False)

# Development (`make run`, with or without DEBUG) serves uploaded pictures itself; production leaves
# /media/ to the web server or object storage.
if getattr(settings, "CASEBOOK_SERVE_MEDIA", False):
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
