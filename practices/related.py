"""What a case page links to besides itself: related cases and its neighbours within the theme."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Practice

RELATED_LIMIT = 4


def related_cases(practice, limit=RELATED_LIMIT):
    """Published cases sharing the most tags with `practice`, then its theme; the newest first among equals."""
    tag_ids = [tag.pk for tag in practice.tags.all()]
    shared = Q(tagged_items__tag__in=tag_ids)
    return list(
        Practice.objects.published()
        .exclude(pk=practice.pk)
        .filter(Q(theme=practice.theme_id) | shared)
        .annotate(shared_tags=Count("tagged_items", filter=shared, distinct=True))
        .order_by("-shared_tags", "-published_at", "-id")
        .with_list_related()[:limit]
    )


@dataclass
class Neighbours:
    """The published cases just before (older) and after (newer) a case in its theme."""

    previous: Practice | None
    next: Practice | None


def theme_neighbours(practice):
    """Older and newer neighbours of `practice` within its theme, by publication time."""
    same_theme = Practice.objects.published().for_theme(practice.theme_id).only("slug", "title", "title_en")
    at, pk = practice.published_at, practice.pk
    older = same_theme.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk)).order_by("-published_at", "-id")
    newer = same_theme.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk)).order_by("published_at", "id")
    return Neighbours(previous=older.first(), next=newer.first())
