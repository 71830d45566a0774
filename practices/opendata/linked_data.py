"""schema.org JSON-LD for search engines and linked-data harvesters: a case as an Article, the site as a
WebSite with its search. Values follow the page's language where the editor gave an English variant."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SITE_NAME = "Casebook"
# Characters that could end or confuse a <script> element, written as JSON escapes instead.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _english():
    return (get_language() or "").startswith("en")


def script_element(data):
    """`<script type="application/ld+json">` holding `data`, safe inside HTML whatever the text contains."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 — escaped above


def provider(absolute):
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute(reverse("practices:home"))}


def _region(region, absolute):
    place = {
        "@type": "AdministrativeArea",
        "name": region.display_name,
        "identifier": {"@type": "PropertyValue", "propertyID": "GB/T 2260", "value": region.code},
        "url": absolute(f"{reverse('practices:practice_list')}?region={region.code}"),
    }
    if region.parent_id:
        place["containedInPlace"] = _region(region.parent, absolute)
    return place


def case_article(practice, version_number, absolute):
    """The case as a schema.org Article; `absolute` turns a path into a URL."""
    english = _english()
    english_text = english and bool(practice.title_en)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": absolute(practice.get_public_id_url()),
        "url": absolute(practice.get_absolute_url()),
        "identifier": {"@type": "PropertyValue", "propertyID": "Casebook public ID", "value": practice.public_id},
        "name": practice.display_title,
        "headline": practice.display_title[:110],
        "inLanguage": "en" if english_text else "zh-CN",
        "abstract": practice.display_summary,
        "spatialCoverage": _region(practice.region, absolute),
        "about": {
            "@type": "Thing",
            "name": practice.theme.display_name,
            "url": absolute(practice.theme.get_absolute_url()),
        },
        "keywords": [tag.name for tag in practice.shown_tags],
        "provider": provider(absolute),
        "publisher": provider(absolute),
        "datePublished": practice.published_at.isoformat() if practice.published_at else None,
        "dateModified": practice.updated_at.isoformat(),
        "version": str(version_number),
        "isAccessibleForFree": True,
        "citation": [_source(source) for source in practice.sources.all()],
        "image": [_image(image, absolute) for image in getattr(practice, "public_images", [])],
    }
    if practice.institution:
        data["sourceOrganization"] = {"@type": "Organization", "name": practice.institution.display_name}
    if english_text:
        data["alternateName"] = practice.title  # the Chinese original
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _source(source):
    work = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    return work


def _image(image, absolute):
    # In the page's language: the English alt text, caption and credit under /en/ where written.
    picture = {"@type": "ImageObject", "contentUrl": absolute(image.image.url), "description": image.display_alt_text}
    if image.display_caption:
        picture["caption"] = image.display_caption
    if image.display_credit:
        picture["creditText"] = image.display_credit
    if image.width:
        picture["width"], picture["height"] = image.width, image.height
    return picture


def website(absolute):
    """The site as a schema.org WebSite whose SearchAction is the case list's `q`."""
    search = absolute(reverse("practices:practice_list")) + "?q={search_term_string}"
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "alternateName": "基层治理与法治实践案例库" if not _english() else "Casebook of grassroots governance",
        "url": absolute(reverse("practices:home")),
        "inLanguage": "en" if _english() else "zh-CN",
        "publisher": provider(absolute),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search},
            "query-input": "required name=search_term_string",
        },
    }
