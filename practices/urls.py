from django.urls import path

from practices.exports import views as export_views
from practices.opendata import urls as opendata_urls
from practices.public import views
from practices.public.feeds import LatestCasesFeed

app_name = "practices"

# Slugs are Unicode (Chinese): <str:slug>, since <slug:slug> only matches ASCII.
urlpatterns = [
    # Exports before the case pages, so their addresses stay reserved whatever slugs editors choose.
    path("cases/export.csv", export_views.export_csv, name="export_csv"),
    path("cases/export.xlsx", export_views.export_xlsx, name="export_xlsx"),
    path("cases/export.json", export_views.export_json, name="export_json"),
    path("codebook/", export_views.codebook, name="codebook"),
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("cases/", views.case_list, name="practice_list"),
    path("cases/<str:slug>/", views.practice_detail, name="practice_detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag_detail"),
    path("feeds/cases/", LatestCasesFeed(), name="case_feed"),
    *opendata_urls.urlpatterns,
]
