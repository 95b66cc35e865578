"""Finer statistics on the bigram index, which search reads to choose its strategy (see search_sql.STATISTICS_TARGET)."""

from django.db import migrations

from apps.deliberation import search_sql


def finer_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_sql.STATISTICS_TARGET)


def default_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_sql.DEFAULT_STATISTICS_TARGET)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0009_versions"),
    ]

    operations = [migrations.RunPython(finer_statistics, default_statistics)]
