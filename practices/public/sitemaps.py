"""The sitemap: every published case, theme and tag in both languages, with when each last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from practices.models import Practice, Theme
from practices.public.filters import public_tags


class LocalizedSitemap(Sitemap):
    """Each address once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LocalizedSitemap):
    """The home page and the two index pages."""

    changefreq = "daily"

    def items(self):
        return ["practices:home", "practices:theme_list", "practices:practice_list"]

    def location(self, item):
        return reverse(item)


class PracticeSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return Practice.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def _latest_public_update(prefix):
    published = Practice.objects.published().values("pk")
    return Max(f"{prefix}updated_at", filter=Q(**{f"{prefix}in": published}))


class ThemeSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.annotate(last_update=_latest_public_update("practices__")).order_by("order", "pk")

    def lastmod(self, item):
        return item.last_update


class TagSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            public_tags()
            .annotate(last_update=_latest_public_update("practices_taggedpractice_items__content_object__"))
            .order_by("pk")
        )

    def location(self, item):
        return reverse("practices:tag_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last_update


SITEMAPS = {"pages": PageSitemap, "cases": PracticeSitemap, "themes": ThemeSitemap, "tags": TagSitemap}
