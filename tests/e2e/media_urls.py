"""The site's routes plus uploaded media, so a browser test sees the pictures as a visitor would."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from casebook.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
