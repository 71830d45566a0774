"""Add the provinces and prefecture-level divisions of the tile map's table to the regions editors pick from.

Idempotent: regions already present are left as they are (names editors changed stay), so a second run
changes nothing and says so.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from practices.models import Region
from practices.public import regions
from practices.public.caching import bump_generation


class Command(BaseCommand):
    help = "添加全部省级和地级行政区划（GB/T 2260，见 practices/public/data/regions.csv）；已有的保持不变。"

    def handle(self, *args, **options):
        present = set(Region.objects.values_list("code", flat=True))
        provinces = regions.provinces()
        missing = [t for t in provinces if t.code not in present]
        missing += [p for t in provinces for p in regions.prefectures(t.code) if p.code not in present]
        with transaction.atomic():
            # Provinces first, so every prefecture's parent row exists when it is inserted.
            Region.objects.bulk_create(
                Region(code=t.code, name=t.name, name_en=t.name_en, parent_id=t.parent or None) for t in missing
            )
        if not missing:
            self.stdout.write("Regions already loaded: nothing changed.")
            return
        bump_generation()  # bulk_create sends no signal the page cache hears
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Added {len(missing)} regions."))
