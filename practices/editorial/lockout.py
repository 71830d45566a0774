"""The page an editor sees when django-axes has locked their login after too many wrong passwords."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None):
    """The admin login page's look, saying why login is refused and for how long (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = admin.site.each_context(request) | {
        "title": "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    response = TemplateResponse(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    return response.render()
