from django.urls import path

from . import export_views, views

app_name = "practices"

# Slugs are Unicode (Chinese): <str:slug>, since <slug:slug> only matches ASCII.
urlpatterns = [
    # Exports before the case pages, so their addresses stay reserved whatever slugs editors choose.
    path("cases/export.csv", export_views.export_csv, name="export_csv"),
    path("cases/export.xlsx", export_views.export_xlsx, name="export_xlsx"),
    path("cases/export.json", export_views.export_json, name="export_json"),
    path("codebook/", export_views.codebook, name="codebook"),
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("cases/<str:slug>/", views.practice_detail, name="practice_detail"),
]
