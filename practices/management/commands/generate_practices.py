"""Add N synthetic published cases (bulk inserts), or delete them all with --delete."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from practices.demo.synthetic import TAGS, insert_cases, rng_for, synthetic_case
from practices.models import Institution, Practice, Region, Theme
from practices.search import index as search_index

BATCH = 2000


class Command(BaseCommand):
    help = "生成 N 个合成的已发布案例，用于基准测试；--delete 删除全部合成案例。"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="Delete every synthetic case instead.")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Leave the search index alone (about 4x faster; run rebuild_search_index before searching).",
        )

    def handle(self, *args, count, seed, delete, no_index, **options):
        if delete:
            deleted = self.delete_synthetic()
            self.stdout.write(f"Deleted {deleted} synthetic cases.")
            return
        if count < 1:
            raise CommandError("--count must be at least 1.")
        themes = list(Theme.objects.all())
        regions = list(Region.objects.all())
        if not themes or not regions:
            raise CommandError("Load themes and regions first: manage.py load_demo_practices.")
        institutions = list(Institution.objects.all()) or [None]
        tags = self.ensure_tags()

        rng = rng_for(seed)
        start = Practice.objects.filter(slug__startswith=f"synthetic-{seed}-").count()
        now = timezone.now()
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            rows, row_tags = [], []
            for i in range(made, made + size):
                case = synthetic_case(rng)
                row_tags.append(case.pop("tags"))
                rows.append(
                    Practice(
                        slug=f"synthetic-{seed}-{start + i}",
                        theme=rng.choice(themes),
                        region=rng.choice(regions),
                        institution=rng.choice(institutions),
                        status=Practice.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=10 + i),
                        started_precision=rng.choice(Practice.Precision.values),
                        is_synthetic=True,
                        **case,
                    )
                )
                rows[-1].level = rows[-1].derived_level()  # bulk_create skips save(), which sets it
            with transaction.atomic():
                created = insert_cases(rows, row_tags, tags)
                # bulk_create sends no signals: index the batch here, in the same transaction.
                if not no_index:
                    search_index.index_practices([p.pk for p in created])
            made += size
        # Planner statistics for what was just bulk-loaded: without them SQLite walked every case, newest
        # first, looking for the few featured ones (68 ms on the home page at 100,000 cases) instead of
        # reading its partial index. On PostgreSQL, VACUUM also sets the visibility map, without which
        # "index-only" facet scans fetch a heap page per row (14,000 for a city's list, 7% of a mixed
        # load's time). Autovacuum would get to both later; a benchmark would measure the gap. VACUUM cannot
        # run inside a transaction (a test's, say): there ANALYZE alone.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Created {made} synthetic published cases (seed {seed})."))

    def ensure_tags(self):
        tags = {t.name: t for t in Tag.objects.filter(name__in=TAGS)}
        for name in TAGS:
            if name not in tags:
                tags[name] = Tag.objects.create(name=name)
        return tags

    def delete_synthetic(self):
        total = 0
        ids = list(Practice.objects.synthetic().values_list("pk", flat=True))
        for i in range(0, len(ids), BATCH):
            with transaction.atomic():
                total += Practice.objects.filter(pk__in=ids[i : i + BATCH]).delete()[1].get("practices.Practice", 0)
        return total
