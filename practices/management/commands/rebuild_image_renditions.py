"""Make the renditions of stored case pictures again, from the stored (normalised) picture.

For after a change of CASEBOOK_IMAGE_RENDITION_WIDTHS, or for pictures stored before renditions existed.
The stored picture and the original are left as they are; the old renditions go once the new are saved.
"""

import uuid
from functools import partial

from django.core.management.base import BaseCommand
from django.db import transaction

from practices.images.files import image_storage, remove_files, rendition_names, write_renditions
from practices.images.processing import ImageRejected, normalise
from practices.models import PracticeImage


class Command(BaseCommand):
    help = "重新生成案例图片的各尺寸（修改尺寸设置后，或为没有派生尺寸的旧图片）。"

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="只处理还没有派生尺寸的图片。")

    def handle(self, *args, missing=False, **options):
        storage = image_storage()
        rebuilt, skipped, failed = 0, 0, 0
        for image in PracticeImage.objects.order_by("pk").iterator():
            if missing and (image.renditions or {}).get("sizes"):
                skipped += 1
                continue
            try:
                with storage.open(image.image.name) as stored:
                    normalised = normalise(stored)
            except (ImageRejected, FileNotFoundError) as problem:
                failed += 1
                reason = " ".join(problem.messages) if isinstance(problem, ImageRejected) else "file missing"
                self.stderr.write(f"Image {image.pk} ({image.image.name}): {reason}")
                continue
            with transaction.atomic():
                old = rendition_names(image.renditions or {})
                image.renditions = write_renditions(normalised, uuid.uuid4().hex)
                image.save(update_fields=["renditions"])
                transaction.on_commit(partial(remove_files, old))
            rebuilt += 1
        self.stdout.write(f"Renditions rebuilt for {rebuilt} image(s); {skipped} already had them; {failed} failed.")
