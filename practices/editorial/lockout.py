"""Admin login lockout with django-axes: whose address a login comes from, the per-address cap, and the page
an editor sees when too many wrong passwords have locked their login."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse


def client_address(request):
    """The address a login comes from (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless that is one of CASEBOOK_TRUSTED_PROXIES: then the nearest X-Forwarded-For hop
    that is not a trusted proxy. Hops further left were typed by the client and are never believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        if not _is_address(hop):
            break  # a trusted proxy writes addresses only; anything else came from the client
        if not _is_trusted_proxy(hop):
            return hop
    return remote


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted_proxy(text):
    if not _is_address(text):
        return False
    address = ipaddress.ip_address(text)
    return any(address in network for network in settings.CASEBOOK_TRUSTED_PROXIES)


def address_failures(request):
    """Wrong passwords from the request's address within the cool-off time, whatever user names were tried."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked(request):
    """Whether the address as a whole has reached CASEBOOK_LOGIN_ADDRESS_FAILURE_LIMIT."""
    return address_failures(request) >= settings.CASEBOOK_LOGIN_ADDRESS_FAILURE_LIMIT


class AddressCappedHandler(AxesDatabaseHandler):
    """axes' database handler (locks a user name at one address) that also locks an address trying many names."""

    def get_failures(self, request, credentials=None):
        pair = super().get_failures(request, credentials)
        # axes compares one number with AXES_FAILURE_LIMIT: the address's count is scaled so that it reaches
        # that limit exactly when it reaches its own.
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.CASEBOOK_LOGIN_ADDRESS_FAILURE_LIMIT
        scaled = address_failures(request) * limit // address_limit
        return max(pair, scaled)


def lockout_response(request, original_response=None, credentials=None):
    """The admin login page's look, saying why login is refused and for how long (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = admin.site.each_context(request) | {
        "title": "",
        "address_locked": address_locked(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_failure_limit": settings.CASEBOOK_LOGIN_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    response = TemplateResponse(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    return response.render()
