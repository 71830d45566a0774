"""What a case page links to besides itself: related cases and its neighbours within the theme."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from practices.models import Practice, TaggedPractice

RELATED_LIMIT = 4


def related_cases(practice, limit=RELATED_LIMIT):
    """Published cases sharing the most tags with `practice` (newest first among equals), then the
    newest of its theme to fill up: two small queries for ids instead of one join over the theme."""
    published = Practice.objects.published()
    tag_ids = [tag.pk for tag in practice.tags.all()]
    ids = []
    if tag_ids:
        shared = (
            TaggedPractice.objects.filter(tag__in=tag_ids, content_object__in=published.values("pk"))
            .exclude(content_object=practice.pk)
            .values("content_object")
            .annotate(shared_tags=Count("pk"), newest=Max("content_object__published_at"))
            .order_by("-shared_tags", "-newest", "-content_object")[:limit]
        )
        ids = [row["content_object"] for row in shared]
    if len(ids) < limit:
        same_theme = published.for_theme(practice.theme_id).exclude(pk__in=[practice.pk, *ids])
        ids += list(same_theme.newest_first().values_list("pk", flat=True)[: limit - len(ids)])
    by_id = {case.pk: case for case in published.filter(pk__in=ids).with_list_related()}
    return [by_id[pk] for pk in ids if pk in by_id]


@dataclass
class Neighbours:
    """The published cases just before (older) and after (newer) a case in its theme."""

    previous: Practice | None
    next: Practice | None


def theme_neighbours(practice):
    """Older and newer neighbours of `practice` within its theme, by publication time."""
    same_theme = Practice.objects.published().for_theme(practice.theme_id).only("slug", "title", "title_en")
    at, pk = practice.published_at, practice.pk
    older = same_theme.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk)).newest_first()
    newer = same_theme.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk)).order_by("published_at", "id")
    return Neighbours(previous=older.first(), next=newer.first())
