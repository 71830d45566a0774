"""The site's URLs plus /bench/hello, the smallest response Django can give through the same middleware."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from casebook.urls import urlpatterns as site_urlpatterns


@never_cache  # the baseline is Django itself, never a page-cache hit
def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello", hello), *site_urlpatterns]
