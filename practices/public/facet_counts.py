"""Facet counts kept in a table (FacetCount), so the unfiltered list, the home page and a theme's page
read a few hundred rows instead of counting every published case on each render.

A case counts while it is published with a publication time, scheduled ones included; readers subtract
the few whose time has not come (StoredCounts). Every save, delete and tag change of a case adds its
difference inside the same transaction as `count = count + n`, so saves of different cases at the same
time both land. Bulk inserts (demo.synthetic.insert_cases) add theirs in bulk; `rebuild()` recounts
everything, e.g. after a QuerySet.update() or delete that bypassed the signals.
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from practices.models import FacetCount, Practice, TaggedPractice

Dimension = FacetCount.Dimension
UPDATE_CHUNK = 100  # keys per UPDATE, well below SQLite's expression depth limit


def case_keys(theme_id, region_id, institution_id, started_on, stage, level, tag_ids):
    """The (theme, dimension, value) rows one counted case adds 1 to. Stage and level count "" (not stated)
    too, so insights can say how many cases leave them out."""
    keys = [
        (theme_id, Dimension.CASES, ""),
        (theme_id, Dimension.REGION, str(region_id)),
        (theme_id, Dimension.STAGE, stage),
        (theme_id, Dimension.LEVEL, level),
    ]
    if institution_id is not None:
        keys.append((theme_id, Dimension.INSTITUTION, str(institution_id)))
    if started_on is not None:
        keys.append((theme_id, Dimension.YEAR, str(started_on.year)))
    keys += [(theme_id, Dimension.TAG, str(tag_id)) for tag_id in tag_ids]
    return keys


def counted_keys(cases):
    """Counter of the rows the given cases (a Practice queryset) add to, as the database has them now."""
    rows = list(
        cases.filter(status=Practice.Status.PUBLISHED, published_at__isnull=False).values_list(
            "pk", "theme_id", "region_id", "institution_id", "started_on", "stage", "level"
        )
    )
    if not rows:
        return Counter()
    tags = defaultdict(list)
    for case_id, tag_id in TaggedPractice.objects.filter(content_object_id__in=[r[0] for r in rows]).values_list(
        "content_object_id", "tag_id"
    ):
        tags[case_id].append(tag_id)
    return Counter(key for pk, *fields in rows for key in case_keys(*fields, tags[pk]))


def apply(changes):
    """Add each (theme, dimension, value) → n of `changes` to the table, creating missing rows."""
    changes = {key: n for key, n in changes.items() if n}
    if not changes:
        return
    FacetCount.objects.bulk_create(
        [FacetCount(theme_id=theme, dimension=dimension, value=value) for theme, dimension, value in changes],
        ignore_conflicts=True,
    )
    by_amount = defaultdict(list)
    for (theme, dimension, value), n in changes.items():
        by_amount[n].append(Q(theme_id=theme, dimension=dimension, value=value))
    for n, conditions in by_amount.items():
        for start in range(0, len(conditions), UPDATE_CHUNK):
            chunk = conditions[start : start + UPDATE_CHUNK]
            FacetCount.objects.filter(Q.create(chunk, connector=Q.OR)).update(count=F("count") + n)


def difference(before, after):
    changes = Counter(after)
    changes.subtract(before)
    return changes


def rebuild(practice_model=Practice, tagged_model=TaggedPractice, facet_count_model=FacetCount):
    """Recount every row from the cases. The models can be a migration's historical ones."""
    counted = practice_model.objects.filter(status="published", published_at__isnull=False).order_by()
    totals = Counter()
    for theme, n in counted.values_list("theme").annotate(n=Count("pk")):
        totals[(theme, Dimension.CASES, "")] = n
    for field, dimension in (
        ("region", Dimension.REGION),
        ("institution", Dimension.INSTITUTION),
        ("stage", Dimension.STAGE),
        ("level", Dimension.LEVEL),
    ):
        for theme, value, n in (
            counted.filter(**{f"{field}__isnull": False}).values_list("theme", field).annotate(n=Count("pk"))
        ):
            totals[(theme, dimension, str(value))] = n
    years = counted.filter(started_on__isnull=False).annotate(year=ExtractYear("started_on"))
    for theme, year, n in years.values_list("theme", "year").annotate(n=Count("pk")):
        totals[(theme, Dimension.YEAR, str(year))] = n
    tagged = tagged_model.objects.filter(content_object__in=counted.values("pk")).order_by()
    for theme, tag, n in tagged.values_list("content_object__theme", "tag").annotate(n=Count("pk")):
        totals[(theme, Dimension.TAG, str(tag))] = n
    with transaction.atomic():
        facet_count_model.objects.all().delete()
        facet_count_model.objects.bulk_create(
            facet_count_model(theme_id=theme, dimension=dimension, value=value, count=n)
            for (theme, dimension, value), n in totals.items()
        )


class StoredCounts:
    """The table's counts for all cases or one theme's, less the cases scheduled for later; read once each."""

    def __init__(self):
        self._scopes = {}
        self._scheduled = None

    def scheduled(self):
        if self._scheduled is None:
            later = Practice.objects.filter(published_at__gt=timezone.now())
            self._scheduled = counted_keys(later)
        return self._scheduled

    def theme_totals(self):
        """{theme id: published cases}."""
        return {theme: n for (theme, dimension, _), n in self._rows(None).items() if dimension == Dimension.CASES}

    def values(self, dimension, theme=None):
        """{value: published cases} for one dimension, over all themes or `theme`'s; values with none left out."""
        counts = Counter()
        for (_, value), n in self.by_theme(dimension, theme).items():
            counts[value] += n
        return {value: n for value, n in counts.items() if n > 0}

    def by_theme(self, dimension, theme=None):
        """{(theme id, value): published cases} for one dimension, over all themes or `theme`'s."""
        return {(t, v): n for (t, d, v), n in self._rows(theme).items() if d == dimension and n > 0}

    def _rows(self, theme):
        key = theme.pk if theme is not None else None
        if key not in self._scopes:
            rows = FacetCount.objects.filter(count__gt=0)
            if key is not None:
                rows = rows.filter(theme_id=key)
            counts = Counter(
                {(t, d, v): n for t, d, v, n in rows.values_list("theme_id", "dimension", "value", "count")}
            )
            for (t, d, v), n in self.scheduled().items():
                if key is None or t == key:
                    counts[(t, d, v)] -= n
            self._scopes[key] = counts
        return self._scopes[key]


def answers(case_filter):
    """Whether the table holds this filter's counts: no filter at all, or a theme alone."""
    return not (
        case_filter.not_found
        or case_filter.q
        or case_filter.tags
        or case_filter.region is not None
        or case_filter.institution is not None
        or case_filter.year is not None
        or case_filter.stage is not None
        or case_filter.level is not None
    )


# Signal receivers (connected by practices.public.signals.register).


def case_saving(sender, instance, raw=False, **kwargs):
    instance._facet_keys = (
        Counter() if raw or instance.pk is None else counted_keys(Practice.objects.filter(pk=instance.pk))
    )


def case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        after = counted_keys(Practice.objects.filter(pk=instance.pk))
        apply(difference(getattr(instance, "_facet_keys", Counter()), after))


def case_deleting(sender, instance, **kwargs):
    instance._facet_keys = counted_keys(Practice.objects.filter(pk=instance.pk))


def case_deleted(sender, instance, **kwargs):
    apply(difference(getattr(instance, "_facet_keys", Counter()), Counter()))


def _tagged_cases(instance, reverse, pk_set):
    """The cases a tag change touches: the case itself, or the tag's cases (those named, or all on clear)."""
    if not reverse:
        return Practice.objects.filter(pk=instance.pk)
    if pk_set is not None:
        return Practice.objects.filter(pk__in=pk_set)
    return Practice.objects.filter(pk__in=TaggedPractice.objects.filter(tag=instance).values("content_object_id"))


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        cases = _tagged_cases(instance, reverse, pk_set)
        instance._facet_tag_cases = list(cases.values_list("pk", flat=True))
        instance._facet_keys = counted_keys(cases)
    elif action in ("post_add", "post_remove", "post_clear"):
        cases = Practice.objects.filter(pk__in=getattr(instance, "_facet_tag_cases", []))
        apply(difference(getattr(instance, "_facet_keys", Counter()), counted_keys(cases)))


def tag_deleting(sender, instance, **kwargs):
    instance._facet_tag_cases = list(
        TaggedPractice.objects.filter(tag=instance).values_list("content_object_id", flat=True)
    )
    instance._facet_keys = counted_keys(Practice.objects.filter(pk__in=instance._facet_tag_cases))


def tag_deleted(sender, instance, **kwargs):
    after = counted_keys(Practice.objects.filter(pk__in=getattr(instance, "_facet_tag_cases", [])))
    apply(difference(getattr(instance, "_facet_keys", Counter()), after))
