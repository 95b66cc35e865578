"""Keep the search text inline and uncompressed (see search_sql.KEEP_SEARCH_TEXT_INLINE)."""

from django.db import migrations

from apps.deliberation import search_sql


def keep_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_sql.KEEP_SEARCH_TEXT_INLINE)


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_sql.DEFAULT_SEARCH_TEXT_STORAGE)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0007_issue_number_unique"),
    ]

    operations = [migrations.RunPython(keep_inline, default_storage)]
