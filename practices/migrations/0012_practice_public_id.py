"""Public case IDs (CB-<year>-<number>): added empty, given to every existing case, then required."""

from django.db import migrations, models
from django.utils import timezone


def assign_public_ids(apps, schema_editor):
    """Number the existing cases per year of creation, oldest first, as new cases will be numbered."""
    Practice = apps.get_model("practices", "Practice")
    numbers = {}
    for case in Practice.objects.order_by("created_at", "id").only("pk", "created_at"):
        year = timezone.localtime(case.created_at).year
        numbers[year] = numbers.get(year, 0) + 1
        Practice.objects.filter(pk=case.pk).update(public_id=f"CB-{year}-{numbers[year]:04d}")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0011_facetcount"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="public_id",
            field=models.CharField(editable=False, max_length=20, null=True, verbose_name="公开编号"),
        ),
        migrations.RunPython(assign_public_ids, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="practice",
            name="public_id",
            field=models.CharField(
                editable=False,
                help_text="创建时分配，永不改变，供引用；如 CB-2024-0007。",
                max_length=20,
                unique=True,
                verbose_name="公开编号",
            ),
        ),
    ]
