"""List, and with --delete remove, stored picture files that no image row and no stored revision names.

Such files are left by saves that failed outside a web request (a request removes its own), by crashes
between writing and saving, or by older versions of Casebook. A dry run by default.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from reversion.models import Version

from practices.images.files import image_storage, remove_files, rendition_names
from practices.models import PracticeImage

# Every folder pictures are stored under (upload_to, renditions, originals).
PICTURE_FOLDERS = ("practices", "renditions", "originals")


class Command(BaseCommand):
    help = "列出（加 --delete 则删除）没有任何图片记录或历史版本引用的图片文件。"

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="真正删除；不加时只列出。")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="只处理这么久以前写入的文件，以免删掉正在保存的图片（默认 60）。",
        )

    def handle(self, *args, delete=False, older_than_minutes=60, **options):
        storage = image_storage()
        named = referenced_names()
        cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
        unused = [
            name
            for folder in PICTURE_FOLDERS
            for name in stored_names(storage, folder)
            if name not in named and storage.get_modified_time(name) < cutoff
        ]
        for name in unused:
            self.stdout.write(name)
        if delete:
            remove_files(unused)
            self.stdout.write(f"Deleted {len(unused)} unused picture file(s).")
        else:
            self.stdout.write(f"{len(unused)} unused picture file(s); run again with --delete to remove them.")


def referenced_names():
    """Every file name an image row or a stored revision of one names."""
    names = set()
    for image, original, renditions in PracticeImage.objects.values_list("image", "original", "renditions"):
        names.update([image, original, *rendition_names(renditions or {})])
    for version in Version.objects.get_for_model(PracticeImage).iterator():
        data = version.field_dict
        names.update(
            [_name(data.get("image")), _name(data.get("original")), *rendition_names(data.get("renditions") or {})]
        )
    names.discard("")
    return names


def _name(value):
    return getattr(value, "name", value) or ""


def stored_names(storage, folder):
    """Every file under `folder` in `storage`, as storage names."""
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for file in files:
        yield f"{folder}/{file}"
    for sub in folders:
        yield from stored_names(storage, f"{folder}/{sub}")
