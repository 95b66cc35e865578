"""The database connection of an import is killed half-way: nothing of that import remains."""

import subprocess
import sys

import pytest
from django.apps import apps
from django.db import connection, transaction

from apps.demo.synthetic import REFERENCE_MINUTES
from apps.directory.models import Body
from apps.meetings.models import Meeting, Statement
from tests.faults.conftest import REPO, process_environment, wait_until

BODY = "非常時における事業者間ローミング等に関する検討会"
APPLICATION = "shingi-fault-import"


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _import_process() -> subprocess.Popen:
    command = [sys.executable, "manage.py", "import_minutes", str(REFERENCE_MINUTES), "--body", BODY, "--create-body"]
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command,
        cwd=REPO,
        env=process_environment(PGAPPNAME=APPLICATION),  # libpq names the import's connection
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _import_backend_waiting_after_writes(cursor) -> int | None:
    """The import's backend once it has written rows (it has a transaction id) and waits on our lock."""
    cursor.execute("SELECT pg_stat_clear_snapshot()")  # statistics views are otherwise frozen per transaction
    cursor.execute(
        "SELECT pid FROM pg_stat_activity"
        " WHERE application_name = %s AND backend_xid IS NOT NULL AND wait_event_type = 'Lock'",
        [APPLICATION],
    )
    row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_connection_is_terminated_midway_leaves_no_rows_and_can_be_run_again():
    before = _row_counts()
    # Hold the statements table so the import stops half-way, after writing its body, people and
    # meeting; then cut its connection as an administrator or a failover would.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {Statement._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        process = _import_process()
        backend = wait_until(
            lambda: _import_backend_waiting_after_writes(cursor), timeout=60, interval=0.05, what="the import"
        )
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    _out, error = process.communicate(timeout=60)

    assert process.returncode != 0
    assert "terminating connection" in error
    assert _row_counts() == before
    assert not Body.objects.filter(name=BODY).exists()

    again = _import_process()
    out, error = again.communicate(timeout=120)
    assert again.returncode == 0, error
    meeting = Meeting.objects.get(pk=int(out.strip()))
    assert meeting.body.name == BODY and meeting.number == 6
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() > 30
