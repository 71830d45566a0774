"""The admin index dashboard: what waits for review, the user's drafts, what was published lately."""

from django import template
from django.db.models import Q
from django.utils import timezone

from practices.editorial.rules import may_publish
from practices.models import Practice

register = template.Library()

LIST_LENGTH = 10


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    """Three short lists for the signed-in user; reviewers see the queue first."""
    user = context["request"].user
    cases = Practice.objects.select_related("updated_by").only(
        "title", "status", "published_at", "updated_at", "updated_by__username"
    )
    return {
        "reviewer": may_publish(user),
        "waiting": list(cases.in_review().order_by("updated_at")[:LIST_LENGTH]),
        "my_drafts": list(
            cases.drafts().filter(Q(created_by=user) | Q(updated_by=user)).order_by("-updated_at")[:LIST_LENGTH]
        ),
        "published": list(cases.filter(status=Practice.Status.PUBLISHED).newest_first()[:LIST_LENGTH]),
        "now": timezone.now(),
    }
