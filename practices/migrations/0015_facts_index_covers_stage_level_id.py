"""The public facts index covers stage, level and the id, so PostgreSQL counts facets from it alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0014_facetcount_stage_level"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="practice",
            name="practice_public_facts",
        ),
        migrations.AddIndex(
            model_name="practice",
            index=models.Index(
                fields=[
                    "status",
                    "published_at",
                    "theme",
                    "region",
                    "institution",
                    "started_on",
                    "stage",
                    "level",
                    "id",
                ],
                name="practice_facts",
            ),
        ),
    ]
