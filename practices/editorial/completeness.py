"""How complete a case is: a score computed from what it holds, never typed in, and what it lacks.

Each check is written twice over the same rule: as a database condition, so the admin can filter and
sort every case by its score (and exports can carry it), and in Python over a case with its figures and
images at hand, to name what is missing on the case form. tests/test_completeness.py holds them equal.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext_lazy as _

from practices.models import SECTIONS, KeyFigure, Practice, PracticeImage
from practices.querysets import missing_english_condition


@dataclass(frozen=True)
class Check:
    """One thing a complete case has: what is missing when it fails, the condition, the test in Python."""

    missing: str
    condition: object  # a function returning a Q or boolean expression over a case
    passes: object  # a function of a case (figures and images prefetched or fetched)


def _section_check(section):
    return Check(
        _("“%(section)s”未填写") % {"section": section.label},
        lambda: ~models.Q(**{section.field: ""}),
        lambda case: bool(getattr(case, section.field).strip()),
    )


def _figures():
    return KeyFigure.objects.filter(practice=models.OuterRef("pk"))


CHECKS = (
    *(_section_check(section) for section in SECTIONS),
    Check(_("英文不全"), lambda: ~missing_english_condition(Practice), lambda case: not case.missing_english()),
    Check(_("没有关键数据"), lambda: models.Exists(_figures()), lambda case: bool(case.key_figures.all())),
    Check(
        _("有关键数据未注明出处"),
        lambda: models.Exists(_figures()) & ~models.Exists(_figures().filter(source__isnull=True)),
        lambda case: bool(figures := case.key_figures.all()) and all(f.source_id for f in figures),
    ),
    Check(
        _("没有带替代文字的图片"),
        lambda: models.Exists(PracticeImage.objects.filter(practice=models.OuterRef("pk")).exclude(alt_text="")),
        lambda case: any(image.alt_text.strip() for image in case.images.all()),
    ),
    Check(_("没有开始时间"), lambda: models.Q(started_on__isnull=False), lambda case: case.started_on is not None),
)


@dataclass(frozen=True)
class Completeness:
    """A case's score (0–100, the share of checks passed) and what it lacks."""

    score: int
    missing: list


def completeness(case):
    """The score and the missing items of one case, in Python (prefetch key_figures and images)."""
    missing = [str(check.missing) for check in CHECKS if not check.passes(case)]
    return Completeness(score=round(100 * (len(CHECKS) - len(missing)) / len(CHECKS)), missing=missing)


def score_expression():
    """The same score as a database expression, for annotate(), filters and ordering."""
    passed = sum(
        (models.Case(models.When(check.condition(), then=1), default=0) for check in CHECKS),
        start=models.Value(0),
    )
    return Cast(Round(passed * 100.0 / len(CHECKS)), models.IntegerField())
