"""The result order on each statement row, kept by triggers (see search_sql.CREATE_SORT_KEYS), with its index."""

from django.db import migrations

from apps.deliberation import search_sql


def add_sort_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in search_sql.CREATE_SORT_KEYS:
        schema_editor.execute(sql)
    schema_editor.execute("SET LOCAL shingi.allow_frozen_writes = 'on'")  # derived columns, not the record
    schema_editor.execute(search_sql.FILL_SORT_KEYS)
    schema_editor.execute("SET LOCAL shingi.allow_frozen_writes = 'off'")
    schema_editor.execute(search_sql.REQUIRE_SORT_KEYS)
    schema_editor.execute(search_sql.CREATE_MEETING_ORDER_INDEX)


def drop_sort_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in search_sql.DROP_SORT_KEYS:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0010_search_statistics"),
        ("meetings", "0008_meeting_newest_first"),
        ("minutes", "0003_freeze_triggers"),
    ]

    operations = [migrations.RunPython(add_sort_keys, drop_sort_keys)]
