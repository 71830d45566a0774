"""The files behind a PracticeImage: written once when a picture arrives, removed when no row uses them.

Connected by images/signals.py, so every way a picture is saved (admin, demo command, shell) takes
the same path. All access goes through the image field's storage, so S3 works by settings alone.

Files are written before their row is saved. Until the transaction commits they are listed as
unconfirmed; whatever is still unconfirmed when a request ends (its transaction rolled back) is removed.
"""

import uuid
import weakref
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction

from practices.images.processing import ORIGINAL_SUFFIXES, CheckedUpload, make_renditions, normalise
from practices.models import PracticeImage


def image_storage():
    """The storage of PracticeImage.image (STORAGES["default"]), used for renditions too."""
    return PracticeImage._meta.get_field("image").storage


def rendition_names(renditions):
    """Every stored file named in a `renditions` JSON value."""
    return [entry[kind] for entry in renditions.get("sizes", []) for kind in ("webp", "jpeg")]


def write_renditions(normalised, token):
    """Store the renditions of a picture and return the JSON the model keeps: sizes, widest first."""
    storage = image_storage()
    sizes = []
    for rendition in make_renditions(normalised):
        base = f"renditions/{token[:2]}/{token}/{rendition.width}"
        sizes.append(
            {
                "width": rendition.width,
                "height": rendition.height,
                "webp": storage.save(f"{base}.webp", ContentFile(rendition.webp)),
                "jpeg": storage.save(f"{base}.jpg", ContentFile(rendition.jpeg)),
            }
        )
    return {"sizes": sizes}


def store_picture(sender, instance, raw=False, **kwargs):
    """A new file on the row is replaced by its normalised picture, renditions and (if kept) the original."""
    field_file = instance.image
    if raw or not field_file or field_file._committed:
        return
    upload = field_file.file
    normalised = upload.normalised if isinstance(upload, CheckedUpload) else normalise(upload)
    if instance.pk:
        forget_files_of(instance.pk)
    token = uuid.uuid4().hex
    if settings.CASEBOOK_KEEP_ORIGINALS:
        upload.seek(0)
        suffix = ORIGINAL_SUFFIXES[normalised.source_format]
        instance.original.save(f"{token}{suffix}", upload, save=False)
    else:
        instance.original = ""
    content, suffix = normalised.encode()
    # Stored here (under upload_to's random name) rather than by the FileField's pre_save, to know its name.
    instance.image.save(f"{token}{suffix}", ContentFile(content), save=False)
    instance.width, instance.height = normalised.width, normalised.height
    instance.renditions = write_renditions(normalised, token)
    names = [instance.image.name, *rendition_names(instance.renditions)]
    remove_unless_committed(names + ([instance.original.name] if instance.original else []))


# Per database connection: names of files written for rows whose transaction has not committed yet.
_unconfirmed = weakref.WeakKeyDictionary()


def remove_unless_committed(names):
    """Have the files `names` removed again unless the transaction saving their row commits."""
    connection = transaction.get_connection()
    _unconfirmed.setdefault(connection, set()).update(names)
    if connection.in_atomic_block:
        transaction.on_commit(partial(_confirm, connection, names))
    # Outside a transaction the row's INSERT follows at once: post_save confirms it.


def _confirm(connection, names):
    _unconfirmed.get(connection, set()).difference_update(names)


def confirm_picture_files(sender, instance, raw=False, **kwargs):
    """A row saved in autocommit mode is committed: its files stay."""
    connection = transaction.get_connection()
    if not raw and not connection.in_atomic_block:
        _confirm(connection, {instance.image.name, instance.original.name, *rendition_names(instance.renditions)})


def remove_unconfirmed_files(sender=None, **kwargs):
    """At the end of a request every transaction is over: files still unconfirmed belong to rolled-back rows."""
    for connection in connections.all(initialized_only=True):
        names = _unconfirmed.get(connection)
        if names and not connection.in_atomic_block:
            remove_files(sorted(names))
            names.clear()


def forget_files_of(pk):
    """When a row's picture is replaced, its previous files go once the new one is committed."""
    previous = PracticeImage.objects.filter(pk=pk).values("image", "original", "renditions").first()
    if previous:
        names = (previous["image"], previous["original"], rendition_names(previous["renditions"] or {}))
        transaction.on_commit(partial(remove_unused_files, *names))


def remove_picture_files(sender, instance, **kwargs):
    """Deleting an image (or its case) removes its files after the deletion is committed."""
    names = (instance.image.name, instance.original.name, rendition_names(instance.renditions or {}))
    transaction.on_commit(partial(remove_unused_files, *names))


def remove_unused_files(image_name, original_name, renditions):
    """Delete the files unless another row still points at them (a copied row shares its files)."""
    if image_name and not PracticeImage.objects.filter(image=image_name).exists():
        remove_files([image_name, *renditions])
    if original_name and not PracticeImage.objects.filter(original=original_name).exists():
        remove_files([original_name])


def remove_files(names):
    """Delete stored files by name; a name already gone is no error (storage.delete ignores it)."""
    storage = image_storage()
    for name in names:
        storage.delete(name)
