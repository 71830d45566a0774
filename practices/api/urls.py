"""/api/v1/ (django-ninja), outside the language prefix: the data is the same in every language."""

from django.urls import path

from practices.api.views import api

urlpatterns = [
    path("v1/", api.urls),
]
