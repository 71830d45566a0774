"""The search index table: a tsvector table with GIN indexes on PostgreSQL, an FTS5 table on SQLite.

Not a model: the ORM never reads it directly; practices.search.index owns its SQL. Existing cases
are indexed here, so an upgraded database searches at once.
"""

from django.db import migrations

from practices.search import index as search_index


def create_index(apps, schema_editor):
    search_index.create(schema_editor)
    models = (apps.get_model("practices", "Practice"), apps.get_model("practices", "TaggedPractice"))
    search_index.rebuild(models=models, conn=schema_editor.connection)


def drop_index(apps, schema_editor):
    search_index.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
