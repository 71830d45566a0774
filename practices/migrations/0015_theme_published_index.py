"""A theme's cases by publication time from the index: theme pages newest first, and each case's neighbours."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0014_facetcount_stage_level"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="practice",
            name="practice_status_theme",
        ),
        migrations.AddIndex(
            model_name="practice",
            index=models.Index(fields=["status", "theme", "published_at"], name="practice_theme_published"),
        ),
    ]
