"""The public page cache listens to every model the public pages show: any save or delete starts a new generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save
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
from practices.public.caching import content_changed


def register():
    """Connect content_changed to every model the public pages show. Called from PracticesConfig.ready()."""
    models = (
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
    for model in models:
        uid = f"casebook-page-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(content_changed, sender=Practice.tags.through, dispatch_uid="casebook-page-cache-tags")
