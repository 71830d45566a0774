"""Public pages. Every read goes through Practice.objects.published()."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Practice, Theme


@never_cache
@require_GET
def healthz(request):
    """200 `ok` when the database answers, 503 otherwise; says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def practice_detail(request, slug):
    practice = get_object_or_404(Practice.objects.published().with_detail_related(), slug=slug)
    return render(request, "practices/practice_detail.html", {"practice": practice})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    practices = Practice.objects.published().for_theme(theme).with_list_related()
    return render(request, "practices/theme_detail.html", {"theme": theme, "practices": practices})
