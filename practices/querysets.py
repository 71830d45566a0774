"""Every read of the case library goes through these querysets; so do bulk writes, which tell the page cache.

They never import the models (models.py imports them): related models are reached through
`self.model`, so there is no import cycle.
"""

from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

# Most recently published first; the id breaks ties, so that pages never repeat or skip a case.
NEWEST_FIRST = ("-published_at", "-id")


class PublicContentQuerySet(models.QuerySet):
    """Rows that public pages show. update() and bulk_create() send no model signals (bulk_update() calls
    update()), so they start a new page-cache generation themselves: admin actions, commands and shells
    that change public content in bulk are visible to the next anonymous request, as saves are."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        if changed:
            _public_content_changed()
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            _public_content_changed()
        return created


def _public_content_changed():
    from practices.public.caching import content_changed

    content_changed()


class RegionQuerySet(PublicContentQuerySet):
    def within(self, region):
        """The region and all regions below it, by the shared GB/T 2260 code prefix."""
        return self.filter(code__startswith=region.code_prefix)


class PracticeImageQuerySet(PublicContentQuerySet):
    def publishable(self):
        """Images the public may see: pictures of identifiable people only once consent is confirmed."""
        return self.filter(models.Q(shows_identifiable_people=False) | models.Q(consent_confirmed_at__isnull=False))


def missing_english_condition(model):
    """The condition on a case (`model`, Practice) that some text a reader sees has Chinese but no English."""
    condition = models.Q(title_en="") | (~models.Q(summary="") & models.Q(summary_en=""))
    for section in model.SECTIONS:
        condition |= ~models.Q(**{section.field: ""}) & models.Q(**{section.field_en: ""})
    related = model._meta.get_field
    figures = related("key_figures").related_model.objects.filter(practice=models.OuterRef("pk"), label_en="")
    images = related("images").related_model.objects
    captions = images.filter(practice=models.OuterRef("pk"), caption_en="").exclude(caption="")
    return condition | models.Exists(figures) | models.Exists(captions)


class PracticeQuerySet(PublicContentQuerySet):
    def published(self):
        """Cases the public may see: published, and not scheduled for later."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__isnull=False, published_at__lte=timezone.now()
        )

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)

    def in_review(self):
        return self.filter(status=self.model.Status.REVIEW)

    def for_theme(self, theme):
        return self.filter(theme=theme)

    def for_region(self, region):
        """Cases in the region or any region below it."""
        regions = self.model._meta.get_field("region").related_model.objects.within(region)
        return self.filter(region__in=regions.values("code"))

    def for_institution(self, institution):
        return self.filter(institution=institution)

    def for_tag(self, tag):
        return self.filter(tagged_items__tag=tag)

    def for_tags(self, tags):
        """Cases that carry every one of the tags (AND)."""
        tagged = self.model.tags.through.objects
        qs = self
        for tag in tags:
            qs = qs.filter(pk__in=tagged.filter(tag=tag).values("content_object"))
        return qs

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def started_in(self, year):
        return self.filter(started_on__year=year)

    def missing_english(self):
        """Cases where a text a reader sees has Chinese but no English: title, summary, a section,
        a key-figure label or an image caption (the editors' 缺英文 filter)."""
        return self.filter(missing_english_condition(self.model))

    def with_completeness(self):
        """Each case annotated with `completeness`, its score from 0 to 100 (see editorial.completeness)."""
        from practices.editorial.completeness import score_expression

        return self.annotate(completeness=score_expression())

    def featured(self):
        return self.filter(featured=True)

    def synthetic(self):
        return self.filter(is_synthetic=True)

    def by_completeness(self):
        """Cases with more of their optional parts filled in first (English, institution, start, figures,
        sources, tags, a picture), newest first among equals: the best example of every export column."""
        related = self.model._meta.get_field
        parts = [
            ~Q(title_en=""),
            ~Q(summary_en=""),
            Q(institution__isnull=False),
            Q(started_on__isnull=False),
            Exists(related("key_figures").related_model.objects.filter(practice=OuterRef("pk"))),
            Exists(related("sources").related_model.objects.filter(practice=OuterRef("pk"))),
            Exists(self.model.tags.through.objects.filter(content_object=OuterRef("pk"))),
            Exists(self._images().publishable().filter(practice=OuterRef("pk"))),
        ]
        score = sum((Case(When(part, then=Value(1)), default=Value(0)) for part in parts), Value(0))
        return self.annotate(completeness=score).order_by("-completeness", *NEWEST_FIRST)

    def with_list_related(self):
        """What a list row shows: theme, region, institution, tags and the cover, in a fixed number of queries."""
        return self.select_related("theme", "region", "institution").prefetch_related(
            self.tags_with_names(),
            Prefetch(
                "images",
                queryset=self._images().publishable().filter(is_cover=True),
                to_attr="cover_images",
            ),
        )

    def with_detail_related(self):
        """What a case page shows, including every image, figure and source."""
        return self.select_related("theme", "region__parent__parent", "institution").prefetch_related(
            self.tags_with_names(),
            Prefetch("images", queryset=self._images().publishable(), to_attr="public_images"),
            "key_figures",
            "sources",
        )

    def tags_with_names(self):
        """The prefetch of each case's tagged rows, in the order added, with the tag and its English name
        (to `tagged_with`; Practice.shown_tags reads it)."""
        # Through our own tagged rows: taggit refuses a custom queryset for "tags", which took one query
        # for the tags and one more for their English names.
        tagged = self.model._meta.get_field("tagged_items").related_model.objects
        return Prefetch(
            "tagged_items", queryset=tagged.select_related("tag__english_name").order_by("pk"), to_attr="tagged_with"
        )

    def _images(self):
        return self.model._meta.get_field("images").related_model.objects
