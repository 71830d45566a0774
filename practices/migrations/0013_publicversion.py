"""Public versions of cases; every case published before them gets version 1, frozen as it is now.

The copy below is this migration's own (not practices.opendata.versions), so later changes to the case
model cannot change what it does.
"""

import django.db.models.deletion
from django.db import migrations, models

# The case's sections and their Chinese headings at the time of this migration (a frozen copy of
# practices.models.SECTIONS, so later changes to the live list cannot change what this migration writes).
SECTION_HEADINGS = (
    ("background", "背景与问题"),
    ("approach", "主要做法"),
    ("results", "成效"),
    ("lessons", "经验启示"),
    ("replication", "推广情况"),
    ("difficulties", "困难与不足"),
)


def _number(value):
    return "" if value is None else format(value.normalize(), "f")


def _day(value):
    return value.isoformat() if value else None


def _started(case):
    if not case.started_on:
        return ""
    return case.started_on.strftime({"year": "%Y", "month": "%Y-%m"}.get(case.started_precision, "%Y-%m-%d"))


def first_versions(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    KeyFigure = apps.get_model("practices", "KeyFigure")
    Source = apps.get_model("practices", "Source")
    TaggedPractice = apps.get_model("practices", "TaggedPractice")
    PublicVersion = apps.get_model("practices", "PublicVersion")
    published = Practice.objects.filter(status="published").exclude(published_at=None)
    for case in published.select_related("theme", "region", "institution").iterator(chunk_size=500):
        institution = case.institution
        snapshot = {
            "public_id": case.public_id,
            "title": case.title,
            "title_en": case.title_en,
            "summary": case.summary,
            "summary_en": case.summary_en,
            "text": [
                {"heading": heading, "text": getattr(case, field)}
                for field, heading in SECTION_HEADINGS
                if getattr(case, field).strip()
            ],
            "theme": case.theme.name,
            "theme_en": case.theme.name_en,
            "region": case.region.name,
            "region_en": case.region.name_en,
            "region_code": case.region_id,
            "institution": institution.name if institution else "",
            "institution_en": institution.name_en if institution else "",
            "started": _started(case),
            "tags": sorted(
                TaggedPractice.objects.filter(content_object_id=case.pk).values_list("tag__name", flat=True)
            ),
            "key_figures": [
                {
                    "label": f.label,
                    "label_en": f.label_en,
                    "unit": f.unit,
                    "unit_en": f.unit_en,
                    "note": f.note,
                    "note_en": f.note_en,
                    "value": _number(f.value),
                    "baseline_value": _number(f.baseline_value),
                    "as_of": _day(f.as_of),
                    "baseline_on": _day(f.baseline_on),
                }
                for f in KeyFigure.objects.filter(practice_id=case.pk).order_by("order", "id")
            ],
            "sources": [
                {
                    "title": s.title,
                    "publisher": s.publisher,
                    "author": s.author,
                    "url": s.url,
                    "note": s.note,
                    "published_on": _day(s.published_on),
                    "accessed_on": _day(s.accessed_on),
                }
                for s in Source.objects.filter(practice_id=case.pk).order_by("order", "id")
            ],
        }
        PublicVersion.objects.create(practice=case, number=1, published_at=case.published_at, snapshot=snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0012_practice_public_id"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="版本")),
                ("published_at", models.DateTimeField(verbose_name="发布时间")),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="读者可见，如“更正了办结率的统计日期”。",
                        max_length=500,
                        verbose_name="公开更新说明",
                    ),
                ),
                (
                    "is_erratum",
                    models.BooleanField(default=False, help_text="更正了事实或数据时勾选。", verbose_name="勘误"),
                ),
                ("snapshot", models.JSONField(default=dict, editable=False, verbose_name="公开内容")),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="public_versions",
                        to="practices.practice",
                        verbose_name="案例",
                    ),
                ),
            ],
            options={
                "verbose_name": "公开版本",
                "verbose_name_plural": "公开版本",
                "ordering": ["practice", "number"],
                "constraints": [models.UniqueConstraint(fields=("practice", "number"), name="unique_public_version")],
            },
        ),
        migrations.RunPython(first_versions, migrations.RunPython.noop, elidable=False),
    ]
