"""Comparing two versions of a long case body, against a plain line diff of the same texts.

    .venv/bin/python benchmarks/history_diff.py [--chars 50000] [--runs 3] [--old]

Each scenario times `practices.editorial.history.compare()` of two snapshots whose bodies are --chars
characters long, and prints seconds and the ratio to the baseline measured in the same run:
difflib.SequenceMatcher over the texts' lines, the least any diff of them costs. Target: every
scenario under 1 s at 50,000 characters. --old also times the former character-level SequenceMatcher
(autojunk=False) on 12,000 characters of few distinct characters with 50 edits (the audit measured 19 s
for two versions of a 12,000-character body).
"""

import argparse
import difflib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# 500 CJK characters; a fixed seed keeps every run comparing the same texts.
CHARACTERS = "".join(chr(0x4E00 + n) for n in range(0, 2000, 4))
SENTENCE_ENDS = "。。。；！？"


def sentence(rng):
    return "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(15, 60))) + rng.choice(SENTENCE_ENDS)


def body(rng, chars):
    """Paragraphs of sentences, blank lines between them, about `chars` characters."""
    paragraphs, total = [], 0
    while total < chars:
        paragraph = "".join(sentence(rng) for _ in range(rng.randint(3, 8)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def edit_here_and_there(rng, text, edits):
    chars = list(text)
    for _ in range(edits):
        at = rng.randrange(len(chars))
        chars[at : at + rng.randint(0, 4)] = rng.choice(CHARACTERS) * rng.randint(0, 6)
    return "".join(chars)


def few_characters(rng, chars):
    """Text from a dozen characters: the worst case of a character-level SequenceMatcher."""
    return "".join(rng.choice("网格员走访群众调解矛盾。\n") for _ in range(chars))


def scenarios(chars):
    rng = random.Random(14)
    text = body(rng, chars)
    few = few_characters(rng, chars)
    one_paragraph = text.replace("\n", "").replace("。", "，")
    middle = len(one_paragraph) // 2
    return {
        "50 scattered edits": (text, edit_here_and_there(rng, text, 50)),
        "every paragraph edited": (text, "\n\n".join(p + "补" for p in text.split("\n\n"))),
        "a new text": (text, body(rng, chars)),
        "one paragraph, one edit": (one_paragraph, one_paragraph[:middle] + "改动" + one_paragraph[middle + 2 :]),
        "one paragraph, many edits": (one_paragraph, edit_here_and_there(rng, one_paragraph, 200)),
        "few characters, 50 edits": (few, edit_here_and_there(rng, few, 50)),
        "identical lines reordered": ("甲\n" * (chars // 2), "乙\n" + "甲\n" * (chars // 2 - 1)),
    }


def best_of(runs, function, *args):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def line_diff(before, after):
    return difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes()


def old_character_diff(before, after):
    return difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", action="store_true", help="also time the former character diff (slow)")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings.dev")
    import django

    django.setup()
    from practices.editorial.history import Snapshot, compare

    print(f"{'scenario':<28} {'compare() s':>12} {'line diff s':>12} {'ratio':>8}")
    for name, (before, after) in scenarios(options.chars).items():
        old, new = Snapshot(fields={"body": before}, tags=[]), Snapshot(fields={"body": after}, tags=[])
        seconds = best_of(options.runs, compare, old, new)
        baseline = best_of(options.runs, line_diff, before, after)
        verdict = "ok" if seconds < 1 else "OVER 1 s"
        print(f"{name:<28} {seconds:>12.3f} {baseline:>12.4f} {seconds / baseline:>8.1f}  {verdict}")
    if options.old:
        rng = random.Random(14)
        before = few_characters(rng, 12_000)
        after = edit_here_and_there(rng, before, 50)
        seconds = best_of(1, old_character_diff, before, after)
        baseline = best_of(options.runs, line_diff, before, after)
        print(f"{'former diff, 12,000 chars':<28} {seconds:>12.3f} {baseline:>12.4f} {seconds / baseline:>8.1f}")


if __name__ == "__main__":
    main()
