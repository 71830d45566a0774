"""/api/ (the reference) and /api/v1/ (django-ninja), outside the language prefix."""

from django.urls import path

from practices.api.reference import reference
from practices.api.views import api

urlpatterns = [
    path("", reference, name="api_reference"),
    path("v1/", api.urls),
]
