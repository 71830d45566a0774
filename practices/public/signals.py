"""Keep the stored facet counts (practices.public.facet_counts) in step with cases and their tags."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag

from practices.models import Practice, TaggedPractice
from practices.public import facet_counts


def register():
    """Called from PracticesConfig.ready()."""
    uid = "practices.public.facet_counts"
    pre_save.connect(facet_counts.case_saving, sender=Practice, dispatch_uid=f"{uid}.case_saving")
    post_save.connect(facet_counts.case_saved, sender=Practice, dispatch_uid=f"{uid}.case_saved")
    pre_delete.connect(facet_counts.case_deleting, sender=Practice, dispatch_uid=f"{uid}.case_deleting")
    post_delete.connect(facet_counts.case_deleted, sender=Practice, dispatch_uid=f"{uid}.case_deleted")
    m2m_changed.connect(facet_counts.tags_changed, sender=TaggedPractice, dispatch_uid=f"{uid}.tags_changed")
    pre_delete.connect(facet_counts.tag_deleting, sender=Tag, dispatch_uid=f"{uid}.tag_deleting")
    post_delete.connect(facet_counts.tag_deleted, sender=Tag, dispatch_uid=f"{uid}.tag_deleted")
