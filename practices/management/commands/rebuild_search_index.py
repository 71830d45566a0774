"""Rebuild the search index from the cases, e.g. after a bulk load or a restore from backup."""

import time

from django.core.management.base import BaseCommand

from practices.public.caching import bump_generation
from practices.search import index as search_index


class Command(BaseCommand):
    help = "重建全文检索索引（批量导入数据后运行）。"

    def handle(self, *args, verbosity=1, **options):
        started = time.perf_counter()

        def progress(done, total):
            if verbosity > 1:
                self.stdout.write(f"  {done}/{total}")

        written = search_index.rebuild(progress=progress)
        bump_generation()  # what searches find may have changed, and cached result pages with it
        self.stdout.write(self.style.SUCCESS(f"Indexed {written} cases in {time.perf_counter() - started:.1f} s."))
