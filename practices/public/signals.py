"""The public pages listen to the models they show: any save or delete starts a new page-cache generation,
the stored facet counts (public/facet_counts.py) stay in step with cases and their tags, and a case's
similar cases are kept current on save of a case and on a change of its tags."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag

from practices.models import (
    Institution,
    KeyFigure,
    Practice,
    PracticeImage,
    Region,
    Source,
    TagEnglishName,
    TaggedPractice,
    Theme,
)
from practices.public import facet_counts, similar
from practices.public.caching import content_changed


def practice_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        similar.case_saved(instance)


def tags_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse and isinstance(instance, Practice):
        similar.case_saved(instance)


def register():
    """Connect the page cache, the facet counts and the similar cases. Called from PracticesConfig.ready()."""
    shown = (
        Practice,
        PracticeImage,
        KeyFigure,
        Source,
        Theme,
        Region,
        Institution,
        TaggedPractice,
        Tag,
        TagEnglishName,
    )
    for model in shown:
        uid = f"casebook-page-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(content_changed, sender=Practice.tags.through, dispatch_uid="casebook-page-cache-tags")

    uid = "practices.public.similar"
    post_save.connect(practice_saved, sender=Practice, dispatch_uid=f"{uid}.practice_saved")
    m2m_changed.connect(tags_changed, sender=TaggedPractice, dispatch_uid=f"{uid}.tags_changed")

    uid = "practices.public.facet_counts"
    pre_save.connect(facet_counts.case_saving, sender=Practice, dispatch_uid=f"{uid}.case_saving")
    post_save.connect(facet_counts.case_saved, sender=Practice, dispatch_uid=f"{uid}.case_saved")
    pre_delete.connect(facet_counts.case_deleting, sender=Practice, dispatch_uid=f"{uid}.case_deleting")
    post_delete.connect(facet_counts.case_deleted, sender=Practice, dispatch_uid=f"{uid}.case_deleted")
    m2m_changed.connect(facet_counts.tags_changed, sender=TaggedPractice, dispatch_uid=f"{uid}.tags_changed")
    pre_delete.connect(facet_counts.tag_deleting, sender=Tag, dispatch_uid=f"{uid}.tag_deleting")
    post_delete.connect(facet_counts.tag_deleted, sender=Tag, dispatch_uid=f"{uid}.tag_deleted")
