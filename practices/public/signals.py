"""Keep each case's similar cases current: on save of a case and on a change of its tags."""

from django.db.models.signals import m2m_changed, post_save

from practices.models import Practice, TaggedPractice
from practices.public import similar


def practice_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        similar.case_saved(instance)


def tags_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse and isinstance(instance, Practice):
        similar.case_saved(instance)


def register():
    """Called from PracticesConfig.ready()."""
    uid = "practices.public.similar"
    post_save.connect(practice_saved, sender=Practice, dispatch_uid=f"{uid}.practice_saved")
    m2m_changed.connect(tags_changed, sender=TaggedPractice, dispatch_uid=f"{uid}.tags_changed")
