"""One issue per number in a body. Apart from the data migration before it: PostgreSQL refuses to
alter a table that has trigger events pending from updates in the same transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0006_issue_number"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="issue",
            constraint=models.UniqueConstraint(
                fields=("body", "number"),
                name="issue_unique_number_per_body",
                violation_error_message="This body already has an issue with this number.",
            ),
        ),
    ]
