"""The same bigram sets from a faster function (see search_sql.CREATE_FUNCTION); the index is rebuilt."""

from django.db import migrations

from apps.deliberation import search_sql


def replace_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(search_sql.CREATE_FUNCTION)
    schema_editor.execute(search_sql.REINDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0004_agenda_offer_proxy"),
    ]

    operations = [migrations.RunPython(replace_function, migrations.RunPython.noop)]
