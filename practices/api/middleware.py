"""What every /api/v1/ response shares: NUL bytes refused, JSON error bodies, ETag with 304, CORS for GET."""

import hashlib
from http import HTTPStatus

from django.http import JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe, quote_etag

from practices.public.filters import storable, storable_query

API_PREFIX = "/api/v1/"
READ_METHODS = ("GET", "HEAD")


def json_error(status, message):
    return JsonResponse({"message": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _has_nul(request):
    return not (storable(request.path) and storable_query(request.GET))


class ApiMiddleware:
    """Applies the API's HTTP rules around django-ninja, so each endpoint only returns its data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _has_nul(request):
            # PostgreSQL refuses NUL in text: say so here rather than fail in a query.
            response = json_error(400, "NUL characters are not allowed in the address.")
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith("application/json"):
            allow = response.get("Allow")
            response = json_error(response.status_code, HTTPStatus(response.status_code).phrase + ".")
            if allow:
                response["Allow"] = allow
        if request.method in READ_METHODS and response.status_code == 200 and not response.streaming:
            response = self._conditional(request, response)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    @staticmethod
    def _conditional(request, response):
        """An ETag from the body, and 304 Not Modified when the client already has it (or nothing changed since)."""
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        # Caches may keep a copy but must ask again (cheaply, with the ETag) before using it.
        response["Cache-Control"] = "public, no-cache"
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
