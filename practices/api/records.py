"""Cases and their vocabularies as the API's plain records (what the schemas in api/views.py describe)."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from practices.models import Institution, KeyFigure, Practice, Region, Theme
from practices.opendata.text import case_text
from practices.opendata.versions import public_versions
from practices.public.filters import public_tags
from practices.templatetags.images import rendition_url


def _named(obj, key):
    return None if obj is None else {key: getattr(obj, key), "name": obj.name, "name_en": obj.name_en}


def case_summary(practice, absolute):
    """A case as a list row: identity, names, classification, dates and links."""
    cover = next(iter(getattr(practice, "cover_images", [])), None)
    return {
        "public_id": practice.public_id,
        "title": practice.title,
        "title_en": practice.title_en,
        "summary": practice.summary,
        "summary_en": practice.summary_en,
        "theme": _named(practice.theme, "slug"),
        "region": _named(practice.region, "code"),
        "institution": _named(practice.institution, "slug"),
        "tags": sorted(tag.name for tag in practice.shown_tags),
        "started_on": practice.started_on,
        "started_precision": practice.started_precision if practice.started_on else None,
        "published_at": practice.published_at,
        "updated_at": practice.updated_at,
        "url": absolute(practice.get_absolute_url()),
        "api_url": absolute(reverse("api-v1:case_detail", kwargs={"public_id": practice.public_id})),
        "cover_image_url": absolute(rendition_url(cover)) if cover else None,
    }


def case_record(practice, absolute):
    """The full record of a published case: text, key figures, sources, images, region path, versions."""
    region_path = [*practice.region.ancestors(), practice.region]
    return case_summary(practice, absolute) | {
        "text": case_text(practice),
        "region_path": [{"code": r.code, "name": r.name, "name_en": r.name_en} for r in region_path],
        "institution": None
        if practice.institution is None
        else _named(practice.institution, "slug") | {"kind": practice.institution.kind},
        "key_figures": [_figure(f) for f in practice.key_figures.all()],
        "sources": [
            {
                "title": s.title,
                "publisher": s.publisher,
                "author": s.author,
                "url": s.url,
                "published_on": s.published_on,
                "accessed_on": s.accessed_on,
                "note": s.note,
            }
            for s in practice.sources.all()
        ],
        "images": [_image(image, absolute) for image in practice.public_images],
        "versions": [
            {
                "number": v.number,
                "published_at": v.published_at,
                "note": v.note,
                "is_erratum": v.is_erratum,
                "url": absolute(v.get_absolute_url()),
            }
            for v in public_versions(practice)
        ],
        "cite_url": absolute(
            reverse("practices:practice_citation", kwargs={"slug": practice.slug, "extension": "json"})
        ),
    }


def _figure(figure):
    return {
        "label": figure.label,
        "label_en": figure.label_en,
        "value": KeyFigure.format_number(figure.value),
        "unit": figure.unit,
        "unit_en": figure.unit_en,
        "as_of": figure.as_of,
        "baseline_value": KeyFigure.format_number(figure.baseline_value) or None,
        "baseline_on": figure.baseline_on,
        "note": figure.note,
        "note_en": figure.note_en,
    }


def _image(image, absolute):
    storage = image.image.storage
    return {
        "url": absolute(image.image.url),
        "width": image.width,
        "height": image.height,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "licence": image.licence,
        "is_cover": image.is_cover,
        "renditions": [
            {
                "width": entry["width"],
                "jpeg": absolute(storage.url(entry["jpeg"])),
                "webp": absolute(storage.url(entry["webp"])),
            }
            for entry in (image.renditions or {}).get("sizes", [])
        ],
    }


def themes():
    published = Practice.objects.published()
    counts = dict(published.values_list("theme").annotate(n=Count("pk")).order_by())
    return [
        {
            "slug": t.slug,
            "name": t.name,
            "name_en": t.name_en,
            "description": t.description,
            "description_en": t.description_en,
            "case_count": counts.get(t.pk, 0),
        }
        for t in Theme.objects.all()
    ]


def regions():
    """Every region with its parent and its own published cases (not counting those below it)."""
    counts = dict(Practice.objects.published().values_list("region").annotate(n=Count("pk")).order_by())
    return [
        {
            "code": r.code,
            "name": r.name,
            "name_en": r.name_en,
            "parent": r.parent_id,
            "case_count": counts.get(r.code, 0),
        }
        for r in Region.objects.all()
    ]


def institutions():
    counts = dict(Practice.objects.published().values_list("institution").annotate(n=Count("pk")).order_by())
    return [
        {
            "slug": i.slug,
            "name": i.name,
            "name_en": i.name_en,
            "kind": i.kind,
            "region": i.region_id,
            "case_count": counts.get(i.pk, 0),
        }
        for i in Institution.objects.all()
    ]


def tags():
    """Tags some published case carries, with how many published cases carry each."""
    published = Practice.objects.published().values("pk")
    rows = (
        Tag.objects.filter(pk__in=public_tags().values("pk"))
        .annotate(case_count=Count("practices_taggedpractice_items", filter=_carried_by(published)))
        .order_by("name")
    )
    return [{"slug": t.slug, "name": t.name, "case_count": t.case_count} for t in rows]


def _carried_by(published):
    return Q(practices_taggedpractice_items__content_object__in=published)


def last_change():
    """When any case last changed (any status: unpublishing a case changes the published lists too)."""
    return Practice.objects.aggregate(newest=Max("updated_at"))["newest"] or timezone.now()
