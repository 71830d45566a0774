"""The files behind a PracticeImage: written once when a picture arrives, removed when no row uses them.

Connected by images/signals.py, so every way a picture is saved (admin, demo command, shell) takes
the same path. All access goes through the image field's storage, so S3 works by settings alone.
"""

import uuid
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

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
    # The FileField's own pre_save stores this under upload_to's random name, right after this signal.
    instance.image = ContentFile(content, name=f"{token}{suffix}")
    instance.width, instance.height = normalised.width, normalised.height
    instance.renditions = write_renditions(normalised, token)


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
