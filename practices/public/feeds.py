"""The Atom feed of the newest published cases, in the visitor's language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from practices.models import Practice

FEED_LENGTH = 20


class LatestCasesFeed(Feed):
    """The newest published cases, each with its title, address, summary, sections and last update."""

    feed_type = Atom1Feed
    author_name = "Casebook"

    def title(self):
        return _("Casebook 最新案例")

    def subtitle(self):
        return _("基层治理与法治实践案例库新发布的案例。")

    def link(self):
        return reverse("practices:practice_list")

    def items(self):
        return Practice.objects.published().select_related("theme").newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.display_title

    # The summary, then each section under its heading, in the reader's language where written.
    description_template = "practices/feeds/case_description.html"

    def item_guid(self, item):
        """A permanent entry id: it survives a change of slug or host, so readers never see a case twice."""
        return f"tag:casebook,2024:case/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.theme.display_name]
