from django.urls import path, register_converter
from django.urls.converters import StringConverter
from django.views.decorators.http import require_safe

from practices.exports import views as export_views
from practices.opendata import urls as opendata_urls
from practices.public import collection_views, views
from practices.public.feeds import LatestCasesFeed

app_name = "practices"


class TextConverter(StringConverter):
    """Any text up to the next slash, Chinese too, but no NUL: no database can hold it, so no page has it."""

    regex = "[^/\x00]+"


register_converter(TextConverter, "text")

# Slugs are Unicode (Chinese): <text:slug>, since <slug:slug> only matches ASCII.
urlpatterns = [
    # Exports before the case pages, so their addresses stay reserved whatever slugs editors choose.
    path("cases/export.csv", export_views.export_csv, name="export_csv"),
    path("cases/export.xlsx", export_views.export_xlsx, name="export_xlsx"),
    path("cases/export.json", export_views.export_json, name="export_json"),
    path("codebook/", export_views.codebook, name="codebook"),
    path("compare/", views.compare, name="compare"),
    path("compare/export.csv", export_views.export_comparison_csv, name="compare_csv"),
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<text:slug>/", views.theme_detail, name="theme_detail"),
    path("cases/", views.case_list, name="practice_list"),
    path("cases/<text:slug>/", views.practice_detail, name="practice_detail"),
    path("tags/<text:slug>/", views.tag_detail, name="tag_detail"),
    path("feeds/cases/", require_safe(LatestCasesFeed()), name="case_feed"),
    path("map/", collection_views.map_overview, name="map"),
    path("map/<str:code>/", collection_views.region_map, name="region_map"),
    path("insights/", collection_views.insights_page, name="insights"),
    path("insights/<str:chart>.csv", collection_views.insights_csv, name="insights_csv"),
    *opendata_urls.urlpatterns,
]
