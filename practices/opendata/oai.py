"""OAI-PMH 2.0 at /oai/ so library catalogues and aggregators can harvest the published cases as oai_dc.

Sets are the themes. Records are dated by their last change (UTC, seconds). Lists come 100 records at
a time; the resumption token is a signed note of where the next page starts, so a changed or forged
token is a badResumptionToken rather than a wrong page. Deleted and unpublished cases simply leave
the repository (deletedRecord "no").
"""

import re
from datetime import UTC, datetime, time
from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.core import signing
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from practices.models import Practice, Theme

PAGE_SIZE = 100
RESUMPTION_SALT = "casebook.oai.resumption"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
# Characters XML 1.0 cannot carry at all.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
VERBS = {
    # verb: (required, optional, exclusive)
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
}


class OaiError(Exception):
    """An error the protocol names, answered inside a 200 OAI-PMH response."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _text(value):
    return XML_ILLEGAL.sub("", str(value))


def _add(parent, tag, text=None, **attributes):
    element = SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _stamp(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def set_spec(theme):
    """A theme's setSpec: its slug when OAI allows it (unreserved ASCII), else theme-<id>."""
    return theme.slug if SET_SPEC.match(theme.slug) else f"theme-{theme.pk}"


def identifier_prefix(request):
    return f"oai:{request.get_host().split(':')[0]}:"


def published():
    return Practice.objects.published().select_related("theme", "region", "institution")


@csrf_exempt  # harvesters may POST the same arguments; nothing is changed
@require_http_methods(["GET", "POST"])
def endpoint(request):
    """The one OAI-PMH address: the verb and its arguments in the query (or a form POST)."""
    params = request.GET if request.method == "GET" else request.POST
    root = Element("OAI-PMH", {"xmlns": OAI_NS, "xmlns:xsi": XSI_NS})
    root.set("xsi:schemaLocation", f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    _add(root, "responseDate", _stamp(timezone.now()))
    base_url = request.build_absolute_uri(reverse("oai"))
    request_element = _add(root, "request", base_url)
    try:
        verb, arguments = _arguments(params)
        for name, value in [("verb", verb), *arguments.items()]:
            request_element.set(name, _text(value))
        handler = HANDLERS[verb]
        handler(request, root, arguments, base_url)
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):
            request_element.attrib.clear()  # the protocol: echo no attributes for an illegal request
        _add(root, "error", str(error), code=error.code)
        # Only the envelope and the error: drop what a handler may have started.
        for child in list(root):
            if child.tag not in ("responseDate", "request", "error"):
                root.remove(child)
    xml = b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8")
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")


def _arguments(params):
    keys = list(params.keys())
    for key in keys:
        if len(params.getlist(key)) > 1:
            raise OaiError("badArgument", f"Argument {key[:50]} is repeated.")
        if "\x00" in key or "\x00" in params[key]:
            raise OaiError("badArgument", "NUL characters are not allowed.")
    verb = params.get("verb")
    if verb not in VERBS:
        raise OaiError("badVerb", "Missing or unknown verb.")
    required, optional, exclusive = VERBS[verb]
    arguments = {key: params[key] for key in keys if key != "verb"}
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{exclusive} must be the only argument.")
        return verb, arguments
    unknown = set(arguments) - required - optional
    if unknown:
        raise OaiError("badArgument", f"Unknown argument: {sorted(unknown)[0][:50]}.")
    missing = required - set(arguments)
    if missing:
        raise OaiError("badArgument", f"Missing argument: {sorted(missing)[0]}.")
    return verb, arguments


def identify(request, root, arguments, base_url):
    earliest = Practice.objects.published().aggregate(first=Min("updated_at"))["first"] or timezone.now()
    body = _add(root, "Identify")
    _add(body, "repositoryName", "Casebook 基层治理与法治实践案例库")
    _add(body, "baseURL", base_url)
    _add(body, "protocolVersion", "2.0")
    _add(body, "adminEmail", getattr(settings, "CASEBOOK_OAI_ADMIN_EMAIL", "casebook@example.org"))
    _add(body, "earliestDatestamp", _stamp(earliest))
    _add(body, "deletedRecord", "no")
    _add(body, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(request, root, arguments, base_url):
    if "identifier" in arguments:
        _case_by_identifier(request, arguments["identifier"])
    body = _add(root, "ListMetadataFormats")
    fmt = _add(body, "metadataFormat")
    _add(fmt, "metadataPrefix", "oai_dc")
    _add(fmt, "schema", OAI_DC_SCHEMA)
    _add(fmt, "metadataNamespace", OAI_DC_NS)


def list_sets(request, root, arguments, base_url):
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "The set list comes in one piece.")
    body = _add(root, "ListSets")
    for theme in Theme.objects.all():
        entry = _add(body, "set")
        _add(entry, "setSpec", set_spec(theme))
        _add(entry, "setName", theme.name)


def list_identifiers(request, root, arguments, base_url):
    _list(request, root, arguments, "ListIdentifiers")


def list_records(request, root, arguments, base_url):
    _list(request, root, arguments, "ListRecords")


def get_record(request, root, arguments, base_url):
    _check_prefix(arguments["metadataPrefix"])
    practice = _case_by_identifier(request, arguments["identifier"])
    _record(request, _add(root, "GetRecord"), practice, with_metadata=True)


def _check_prefix(prefix):
    if prefix != "oai_dc":
        raise OaiError("cannotDisseminateFormat", "Only oai_dc is offered.")


def _case_by_identifier(request, identifier):
    prefix = identifier_prefix(request)
    public_id = identifier.removeprefix(prefix) if identifier.startswith(prefix) else ""
    practice = published().filter(public_id=public_id).first() if re.fullmatch(r"CB-\d{4}-\d{4,9}", public_id) else None
    if practice is None:
        raise OaiError("idDoesNotExist", "No published case has this identifier.")
    return practice


def _moment(value, end_of_day):
    if DAY.match(value):
        try:
            day = datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            raise OaiError("badArgument", "Not a date.") from None
        return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=UTC), "day"
    if SECOND.match(value):
        try:
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), "second"
        except ValueError:
            raise OaiError("badArgument", "Not a date and time.") from None
    raise OaiError("badArgument", "Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def _list(request, root, arguments, verb):
    if "resumptionToken" in arguments:
        try:
            state = signing.loads(arguments["resumptionToken"], salt=RESUMPTION_SALT)
        except signing.BadSignature:
            raise OaiError("badResumptionToken", "The resumption token is not valid.") from None
    else:
        _check_prefix(arguments["metadataPrefix"])
        state = {k: arguments[k] for k in ("from", "until", "set") if k in arguments} | {"offset": 0}
    queryset = published()
    granularities = set()
    if "from" in state:
        moment, granularity = _moment(state["from"], end_of_day=False)
        granularities.add(granularity)
        queryset = queryset.filter(updated_at__gte=moment)
    if "until" in state:
        moment, granularity = _moment(state["until"], end_of_day=True)
        granularities.add(granularity)
        queryset = queryset.filter(updated_at__lte=moment)
    if len(granularities) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if "set" in state:
        theme = next((t for t in Theme.objects.all() if set_spec(t) == state["set"]), None)
        if theme is None:
            raise OaiError("badArgument", "Unknown set.")
        queryset = queryset.filter(theme=theme)
    queryset = queryset.order_by("updated_at", "pk")
    total = queryset.count()
    offset = state["offset"]
    if not total:
        raise OaiError("noRecordsMatch", "No published case matches.")
    if not isinstance(offset, int) or not 0 <= offset < total:
        raise OaiError("badResumptionToken", "The list has changed since this token was given.")
    body = _add(root, verb)
    rows = queryset.prefetch_related("tags", "sources")[offset : offset + PAGE_SIZE]
    for practice in rows:
        if verb == "ListRecords":
            _record(request, body, practice, with_metadata=True)
        else:
            _header(request, body, practice)
    following = offset + PAGE_SIZE
    if following < total or "resumptionToken" in arguments:
        token = signing.dumps(state | {"offset": following}, salt=RESUMPTION_SALT) if following < total else ""
        _add(body, "resumptionToken", token, completeListSize=str(total), cursor=str(offset))


def _header(request, parent, practice):
    header = _add(parent, "header")
    _add(header, "identifier", identifier_prefix(request) + practice.public_id)
    _add(header, "datestamp", _stamp(practice.updated_at))
    _add(header, "setSpec", set_spec(practice.theme))
    return header


def _record(request, parent, practice, with_metadata):
    record = _add(parent, "record")
    _header(request, record, practice)
    if with_metadata:
        _dublin_core(request, _add(record, "metadata"), practice)


def _dublin_core(request, parent, practice):
    dc = _add(parent, "oai_dc:dc")
    dc.set("xmlns:oai_dc", OAI_DC_NS)
    dc.set("xmlns:dc", DC_NS)
    dc.set("xsi:schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    _add(dc, "dc:title", practice.title, **{"xml:lang": "zh"})
    if practice.title_en:
        _add(dc, "dc:title", practice.title_en, **{"xml:lang": "en"})
    _add(dc, "dc:creator", "Casebook")
    _add(dc, "dc:subject", practice.theme.name)
    for tag in practice.tags.all():
        _add(dc, "dc:subject", tag.name)
    if practice.summary:
        _add(dc, "dc:description", practice.summary, **{"xml:lang": "zh"})
    if practice.summary_en:
        _add(dc, "dc:description", practice.summary_en, **{"xml:lang": "en"})
    _add(dc, "dc:publisher", "Casebook")
    if practice.institution:
        _add(dc, "dc:contributor", practice.institution.name)
    _add(dc, "dc:date", timezone.localtime(practice.published_at).date().isoformat())
    _add(dc, "dc:type", "Text")
    _add(dc, "dc:format", "text/html")
    _add(dc, "dc:identifier", request.build_absolute_uri(practice.get_public_id_url()))
    _add(dc, "dc:identifier", practice.public_id)
    _add(dc, "dc:language", "zh")
    _add(dc, "dc:coverage", f"{practice.region.name} ({practice.region_id}, GB/T 2260)")
    for source in practice.sources.all():
        _add(dc, "dc:source", ", ".join(p for p in (source.title, source.publisher, source.url) if p))


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
