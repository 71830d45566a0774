"""A case's neighbours within its theme (its similar cases are in practices.public.similar)."""

from dataclasses import dataclass

from django.db.models import Q

from practices.models import Practice


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
