"""Bigram GIN index for statement search (PostgreSQL only; SQLite searches with LIKE)."""

from django.db import migrations

from apps.deliberation import search_sql


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(search_sql.CREATE_FUNCTION)
    schema_editor.execute(search_sql.CREATE_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(search_sql.DROP_INDEX)
    schema_editor.execute(search_sql.DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0001_initial"),
        ("meetings", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
