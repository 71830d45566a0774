"""Every read of the case library goes through these querysets; so do bulk writes, which tell the page cache."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


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


class PracticeQuerySet(PublicContentQuerySet):
    def published(self):
        """Cases the public may see: published, and not scheduled for later."""
        return self.filter(status="published", published_at__isnull=False, published_at__lte=timezone.now())

    def drafts(self):
        return self.filter(status="draft")

    def in_review(self):
        return self.filter(status="review")

    def for_theme(self, theme):
        return self.filter(theme=theme)

    def for_region(self, region):
        """Cases in the region or any region below it."""
        from practices.models import Region

        return self.filter(region__in=Region.objects.within(region).values("code"))

    def for_institution(self, institution):
        return self.filter(institution=institution)

    def for_tag(self, tag):
        return self.filter(tagged_items__tag=tag)

    def for_tags(self, tags):
        """Cases that carry every one of the tags (AND)."""
        from practices.models import TaggedPractice

        qs = self
        for tag in tags:
            qs = qs.filter(pk__in=TaggedPractice.objects.filter(tag=tag).values("content_object"))
        return qs

    def started_in(self, year):
        return self.filter(started_on__year=year)

    def featured(self):
        return self.filter(featured=True)

    def synthetic(self):
        return self.filter(is_synthetic=True)

    def with_list_related(self):
        """What a list row shows: theme, region, institution, tags and the cover, in a fixed number of queries."""
        from practices.models import PracticeImage

        return self.select_related("theme", "region", "institution").prefetch_related(
            "tags",
            Prefetch(
                "images",
                queryset=PracticeImage.objects.publishable().filter(is_cover=True),
                to_attr="cover_images",
            ),
        )

    def with_detail_related(self):
        """What a case page shows, including every image, figure and source."""
        from practices.models import PracticeImage

        return self.select_related("theme", "region__parent__parent", "institution").prefetch_related(
            "tags",
            Prefetch("images", queryset=PracticeImage.objects.publishable(), to_attr="public_images"),
            "key_figures",
            "sources",
        )
