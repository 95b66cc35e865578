"""Issues sort by the number of their code (I-999 before I-1000): the number gets its own column."""

import re

from django.db import migrations, models

# As in apps.deliberation.models.CODE_PATTERN when this migration was written.
CODE_PATTERN = re.compile(r"^I-(\d+)$")


def fill_numbers(apps, schema_editor):
    Issue = apps.get_model("deliberation", "Issue")
    taken: set[tuple[int, int]] = set()
    numbered = []
    for issue in Issue.objects.order_by("id").only("id", "body_id", "code").iterator(chunk_size=2000):
        match = CODE_PATTERN.match(issue.code)
        if match is None:
            continue
        issue.number = int(match.group(1))
        # I-1 and I-001 in one body would break the unique number: the later one stays without.
        if (issue.body_id, issue.number) in taken:
            continue
        taken.add((issue.body_id, issue.number))
        numbered.append(issue)
    Issue.objects.bulk_update(numbered, ["number"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0005_faster_bigrams"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalissue",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="issue",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="number"),
        ),
        migrations.AlterModelOptions(
            name="issue",
            options={
                "ordering": ["body_id", models.OrderBy(models.F("number"), nulls_last=True), "code", "id"],
                "verbose_name": "issue",
                "verbose_name_plural": "issues",
            },
        ),
        migrations.RunPython(fill_numbers, migrations.RunPython.noop),
    ]
