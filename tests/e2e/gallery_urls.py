"""A page with nothing but a case gallery, for the browser test of the lightbox, plus the site's routes."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import Context, Template
from django.urls import path, re_path
from django.views.static import serve

from casebook.urls import urlpatterns as site_urlpatterns
from practices.models import Practice

PAGE = Template(
    """{% extends "base.html" %}{% load static %}
{% block head %}<link rel="stylesheet" href="{% static 'css/gallery.css' %}">{% endblock %}
{% block content %}<h1>{{ practice.title }}</h1>
{% include "practices/includes/gallery.html" with images=practice.public_images %}
<p><a href="#after" id="after">after the gallery</a></p>{% endblock %}"""
)


def gallery_page(request, pk):
    practice = get_object_or_404(Practice.objects.with_detail_related(), pk=pk)
    return HttpResponse(PAGE.render(Context({"practice": practice, "request": request})))


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("gallery/<int:pk>/", gallery_page),
    re_path(r"^media/(?P<path>.*)$", media),
    *site_urlpatterns,  # base.html links the site's own pages and stylesheets
]
