"""Who may change what: each editorial rule written once, for the admin, the forms, imports and the workflow."""

from practices.models import Practice, Region

PUBLISH_PERMISSION = "practices.publish_practice"
# What the public sees or saw: only reviewers set a case to these statuses or change a case in them.
PUBLIC_STATUSES = (Practice.Status.PUBLISHED, Practice.Status.ARCHIVED)
# Fields of a case that decide when and how prominently it goes public: the reviewer's, even on drafts.
REVIEWER_FIELDS = ("published_at", "featured")


def may_publish(user):
    """Whether `user` is a reviewer: publishes, unpublishes and changes what is public."""
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def may_edit(user, practice):
    """Whether `user` may change `practice`: a published or archived case is the reviewers' alone."""
    return practice.status not in PUBLIC_STATUSES or may_publish(user)


def may_set_status(user, before, after):
    """Whether `user` may move a case from status `before` to `after`: only reviewers make a case public."""
    return after == before or after not in PUBLIC_STATUSES or may_publish(user)


def may_change_shared(user, record):
    """Whether `user` may change or delete a theme, region or institution: once a published case shows it,
    a change is live on public pages, search and exports at once, so it is the reviewers' alone."""
    return may_publish(user) or not shown_by_published_cases(record)


def shown_by_published_cases(record):
    """Whether a published case (a scheduled one too) shows the theme, region or institution `record`."""
    if record.pk is None:
        return False
    # A case shows the regions above its own as well.
    cases = Practice.objects.for_region(record) if isinstance(record, Region) else record.practices.all()
    return cases.filter(status=Practice.Status.PUBLISHED).exists()
