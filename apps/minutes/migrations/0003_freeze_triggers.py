"""Published records refused by the database too (PostgreSQL only; see apps.minutes.freeze_sql)."""

from django.db import migrations

from apps.minutes import freeze_sql


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in freeze_sql.CREATE:
        schema_editor.execute(statement, params=None)  # the function bodies hold % signs


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in freeze_sql.DROP:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_deferred_order_constraints"),
        ("minutes", "0002_review_approval"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
