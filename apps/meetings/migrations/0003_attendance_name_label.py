"""Published minutes keep the attendee names they printed: fill the frozen label of every
published meeting's attendance once, from the directory as it stands now."""

from django.db import migrations, models


def freeze_published_names(apps, schema_editor):
    from apps.meetings.models import Attendance as CurrentAttendance

    Attendance = apps.get_model("meetings", "Attendance")
    if schema_editor.connection.vendor == "postgresql":
        # The published record refuses writes (apps.minutes.freeze_sql); this one adds a copy.
        schema_editor.execute("SET LOCAL shingi.allow_frozen_writes = 'on'")
    rows = list(
        Attendance.objects.filter(meeting__minutes__status="published").select_related("person", "organization")
    )
    for row in rows:
        row.name_label = CurrentAttendance.printed_name(row)
    Attendance.objects.bulk_update(rows, ["name_label"], batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL shingi.allow_frozen_writes = 'off'")


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0002_deferred_order_constraints'),
        ('minutes', '0003_freeze_triggers'),
    ]

    operations = [
        migrations.AddField(
            model_name='attendance',
            name='name_label',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name='name as published'),
        ),
        migrations.AddField(
            model_name='historicalattendance',
            name='name_label',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name='name as published'),
        ),
        migrations.RunPython(freeze_published_names, migrations.RunPython.noop),
    ]
