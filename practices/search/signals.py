"""Keep the search index in step with the cases: on save and delete of a case, a change of its tags,
and a rename of a tag, theme, institution or region that cases carry in their documents; and after
`migrate`, fill an index that is empty while there are cases (migration 0003 creates it empty).
"""

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from taggit.models import Tag

from practices.models import Institution, Practice, Region, TaggedPractice, Theme
from practices.search import index as search_index

NAME_FIELDS = ("name", "name_en")


def practice_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index.index_practices([instance.pk])


def practice_deleted(sender, instance, **kwargs):
    search_index.remove_practices([instance.pk])


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # tag.practices.add(...): the instance is the tag
        ids = (
            pk_set
            if pk_set is not None
            else TaggedPractice.objects.filter(tag=instance).values_list("content_object_id", flat=True)
        )
        search_index.index_practices(ids)
    elif isinstance(instance, Practice):
        search_index.index_practices([instance.pk])


def remember_names(sender, instance, raw=False, **kwargs):
    """Note the names before a save, so that post_save reindexes only on a real rename."""
    if raw or instance.pk is None:
        instance._search_names = None
        return
    old = sender.objects.filter(pk=instance.pk).values(*NAME_FIELDS).first()
    instance._search_names = tuple(old.values()) if old else None


def _renamed(instance):
    old = getattr(instance, "_search_names", None)
    return old is not None and old != tuple(getattr(instance, f) for f in NAME_FIELDS)


def theme_saved(sender, instance, raw=False, **kwargs):
    if not raw and _renamed(instance):
        search_index.index_practices(Practice.objects.filter(theme=instance).values_list("pk", flat=True))


def institution_saved(sender, instance, raw=False, **kwargs):
    if not raw and _renamed(instance):
        search_index.index_practices(Practice.objects.filter(institution=instance).values_list("pk", flat=True))


def region_saved(sender, instance, raw=False, **kwargs):
    # Documents carry the names of the region and of its parents: reindex everything below it.
    if not raw and _renamed(instance):
        search_index.index_practices(Practice.objects.for_region(instance).values_list("pk", flat=True))


def tag_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "_search_names", None) not in (None, (instance.name,)):
        search_index.index_practices(
            TaggedPractice.objects.filter(tag=instance).values_list("content_object_id", flat=True)
        )


def remember_tag_name(sender, instance, raw=False, **kwargs):
    old = None if raw or instance.pk is None else Tag.objects.filter(pk=instance.pk).values_list("name").first()
    instance._search_names = tuple(old) if old else None


def tag_deleting(sender, instance, **kwargs):
    instance._search_practices = list(
        TaggedPractice.objects.filter(tag=instance).values_list("content_object_id", flat=True)
    )


def tag_deleted(sender, instance, **kwargs):
    search_index.index_practices(getattr(instance, "_search_practices", []))


def fill_empty_index(sender, using, **kwargs):
    """A database that had cases before the index existed is indexed once, by the live tokenizer."""
    conn = connections[using]
    index = search_index.backend(conn)
    tables = conn.introspection.table_names()
    if index is None or "practices_search" not in tables or Practice._meta.db_table not in tables:
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM practices_search LIMIT 1")
        indexed = cursor.fetchone() is not None
    if not indexed and Practice.objects.using(using).exists():
        search_index.rebuild(conn=conn)


def register():
    """Connect the index's receivers. Called from PracticesConfig.ready()."""
    uid = "practices.search.query"
    post_save.connect(practice_saved, sender=Practice, dispatch_uid=f"{uid}.practice_saved")
    post_delete.connect(practice_deleted, sender=Practice, dispatch_uid=f"{uid}.practice_deleted")
    m2m_changed.connect(tags_changed, sender=TaggedPractice, dispatch_uid=f"{uid}.tags_changed")
    for model, receiver in ((Theme, theme_saved), (Institution, institution_saved), (Region, region_saved)):
        pre_save.connect(remember_names, sender=model, dispatch_uid=f"{uid}.{model.__name__}.pre_save")
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.{model.__name__}.post_save")
    pre_save.connect(remember_tag_name, sender=Tag, dispatch_uid=f"{uid}.tag.pre_save")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag.post_save")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid=f"{uid}.tag.pre_delete")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid=f"{uid}.tag.post_delete")
    post_migrate.connect(fill_empty_index, sender=apps.get_app_config("practices"), dispatch_uid=f"{uid}.migrate")
