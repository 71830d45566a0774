"""Every read of the case library goes through these querysets."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


class RegionQuerySet(models.QuerySet):
    def within(self, region):
        """The region and all regions below it, by the shared GB/T 2260 code prefix."""
        return self.filter(code__startswith=region.code_prefix)


class PracticeImageQuerySet(models.QuerySet):
    def publishable(self):
        """Images the public may see: pictures of identifiable people only once consent is confirmed."""
        return self.filter(models.Q(shows_identifiable_people=False) | models.Q(consent_confirmed_at__isnull=False))


def missing_english_condition():
    """The condition on a case that some text a reader sees has Chinese but no English."""
    from practices.models import SECTIONS, KeyFigure, PracticeImage

    condition = models.Q(title_en="") | (~models.Q(summary="") & models.Q(summary_en=""))
    for section in SECTIONS:
        condition |= ~models.Q(**{section.field: ""}) & models.Q(**{section.field_en: ""})
    figures = KeyFigure.objects.filter(practice=models.OuterRef("pk"), label_en="")
    captions = PracticeImage.objects.filter(practice=models.OuterRef("pk"), caption_en="").exclude(caption="")
    return condition | models.Exists(figures) | models.Exists(captions)


class PracticeQuerySet(models.QuerySet):
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

    def missing_english(self):
        """Cases where a text a reader sees has Chinese but no English: title, summary, a section,
        a key-figure label or an image caption (the editors' 缺英文 filter)."""
        return self.filter(missing_english_condition())

    def with_completeness(self):
        """Each case annotated with `completeness`, its score from 0 to 100 (see editorial.completeness)."""
        from practices.editorial.completeness import score_expression

        return self.annotate(completeness=score_expression())

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
