"""Recompute every case's distinctive words and similar cases (after bulk loads, imports or restores)."""

import random
import time
from collections import Counter

from django.core.management.base import BaseCommand

from practices.models import Practice
from practices.public import similar

BATCH = 1000


class Command(BaseCommand):
    help = "Recompute the words (BM25 weights) and the similar cases of every case, or of --limit of them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sample", type=int, default=5000, help="Cases read to estimate how common each word is (default 5000)."
        )
        parser.add_argument(
            "--rank-limit",
            type=int,
            default=None,
            help="Rank the similar cases of only this many cases, picked at random (benchmarks).",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, sample, rank_limit, seed, **options):
        ids = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
        rng = random.Random(seed)
        started = time.perf_counter()
        # How common each word is, from a sample of the library scaled up: one jieba pass over every case.
        sampled = rng.sample(ids, min(sample, len(ids)))
        frequency = Counter()
        for case in Practice.objects.filter(pk__in=sampled).iterator(chunk_size=BATCH):
            frequency.update(similar.term_counts(similar.case_text(case)).keys())
        scale = len(ids) / max(len(sampled), 1)
        frequency = {term: n * scale for term, n in frequency.items()}
        for start in range(0, len(ids), BATCH):
            batch = list(Practice.objects.filter(pk__in=ids[start : start + BATCH]))
            similar.weigh_terms(batch, frequency=frequency, total=len(ids))
        self.stdout.write(f"Words of {len(ids)} cases weighed in {time.perf_counter() - started:.1f} s.")

        started = time.perf_counter()
        ranked = rng.sample(ids, rank_limit) if rank_limit is not None else ids
        for start in range(0, len(ranked), BATCH):
            for case in Practice.objects.filter(pk__in=ranked[start : start + BATCH]).select_related("institution"):
                similar.refresh(case)
        self.stdout.write(f"Similar cases of {len(ranked)} cases ranked in {time.perf_counter() - started:.1f} s.")
