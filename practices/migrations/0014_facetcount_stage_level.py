"""Stage and level join the stored facet counts, so lists stop grouping every case by them on each render."""

from django.db import migrations, models


def recount(apps, schema_editor):
    from practices.public.facet_counts import rebuild

    rebuild(
        apps.get_model("practices", "Practice"),
        apps.get_model("practices", "TaggedPractice"),
        apps.get_model("practices", "FacetCount"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0013_publicversion"),
    ]

    operations = [
        migrations.AlterField(
            model_name="facetcount",
            name="dimension",
            field=models.CharField(
                choices=[
                    ("cases", "案例"),
                    ("region", "地区"),
                    ("institution", "实施机构"),
                    ("year", "开始年份"),
                    ("tag", "标签"),
                    ("stage", "阶段"),
                    ("level", "层级"),
                ],
                max_length=12,
                verbose_name="维度",
            ),
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
