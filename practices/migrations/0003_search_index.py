"""The search index table: a tsvector table with GIN indexes on PostgreSQL, an FTS5 table on SQLite.

Not a model: the ORM never reads it directly; practices.search owns its queries. The statements are
copied here as they were when this migration was written, so that a later change to the backends
cannot change what this migration creates. The table is created empty: its rows are derived from
the cases by the live tokenizer, so a database that already has cases is indexed after `migrate`
(practices.search.signals, on post_migrate).
"""

from django.db import migrations

CREATE = {
    "postgresql": (
        "CREATE TABLE practices_search (practice_id bigint PRIMARY KEY, doc tsvector NOT NULL,"
        " head tsvector NOT NULL, words tsvector NOT NULL)",
        "CREATE INDEX practices_search_doc ON practices_search USING gin (doc)",
        "CREATE INDEX practices_search_head ON practices_search USING gin (head)",
        "CREATE INDEX practices_search_words ON practices_search USING gin (words)",
    ),
    "sqlite": (
        "CREATE VIRTUAL TABLE practices_search USING fts5(head_chars, head_grams, body_chars, body_grams, words,"
        " tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)",
    ),
}
DROP = "DROP TABLE IF EXISTS practices_search"


def create_index(apps, schema_editor):
    for sql in CREATE.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE:
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
