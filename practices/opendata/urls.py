"""Open-data addresses, included into the public site's namespace by practices/urls.py."""

from django.urls import path, re_path

from practices.api.reference import reference
from practices.opendata import views

urlpatterns = [
    # The API's reference is a page like any other, in both languages; the API itself is outside them.
    path("api/", reference, name="api_reference"),
    path("cases/export.zip", views.export_package, name="export_zip"),
    path("cases/id/<str:public_id>/", views.practice_by_public_id, name="practice_by_public_id"),
    path("cases/<str:slug>/v/<int:number>/", views.practice_version, name="practice_version"),
    re_path(
        r"^cases/(?P<slug>[^/]+)/cite\.(?P<extension>bib|ris|json)$", views.practice_citation, name="practice_citation"
    ),
]
