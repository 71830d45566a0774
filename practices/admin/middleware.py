"""A guard in front of the admin: its change lists filter by whatever the address's query string says."""

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from practices.public.filters import storable_query


class UnstorableAdminQueryMiddleware:
    """An admin address whose query holds a NUL byte is a 400. The change lists turn `?status__exact=…` and
    `?q=…` into database lookups, and PostgreSQL refuses NUL in any text value: a 500 while counting rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and not storable_query(request.GET):
            return HttpResponseBadRequest(
                _("地址中含有无法处理的字符（NUL）。"), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
