"""Statements: Japanese text from the reference minutes, inserted by COPY on PostgreSQL.

Bulk inserts skip save() and history, so derived columns (Statement.text_normalized) are
computed here.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection

from apps.core.text import normalize
from apps.deliberation import search_sql
from apps.demo.generator.plan import BATCH, BodyPlan, Generation
from apps.demo.synthetic import statement_text
from apps.meetings.models import AgendaItem, Statement

# Above this many new statements, the search indexes are dropped before the COPY and built again
# after it (search_sql.DROP_INDEXES).
REBUILD_SEARCH_INDEX_FROM = 20_000
ROUTINE_AGENDA = {"前回の議事要旨の確認", "その他"}  # agenda items without discussion
STATEMENT_COLUMNS = (
    "id",
    "agenda_item_id",
    "order",
    "speaker_id",
    "speaker_organization_id",
    "speaker_label",
    "kind",
    "text",
    "text_normalized",
    "reply_to_id",
)


def statements_create(
    *, generation: Generation, plans: list[BodyPlan], agenda_items: dict[int, list[AgendaItem]], count: int
) -> dict[int, list[int]]:
    """Statements spread evenly over meetings; returns statement ids per study group (root body)."""
    rng = generation.rng
    meetings = [(plan, meeting) for plan in plans for meeting in plan.meetings]
    ids = iter(_reserve_ids(count))
    by_root: dict[int, list[int]] = {}
    rows = []
    per_meeting, extra = divmod(count, len(meetings))
    for index, (plan, meeting) in enumerate(meetings):
        discussed = [item for item in agenda_items[meeting.pk] if item.title not in ROUTINE_AGENDA]
        orders = {item.pk: 0 for item in discussed}
        previous_question: int | None = None
        for _ in range(per_meeting + (1 if index < extra else 0)):
            item = rng.choice(discussed)
            orders[item.pk] += 1
            person, label, organization, _category, kind = rng.choice(plan.speakers)
            text = statement_text(rng, generation.phrasebook)
            if kind == "question" and not text.endswith("か。"):
                kind = "comment"
            statement_id = next(ids)
            reply_to = previous_question if kind == "answer" else None
            previous_question = statement_id if kind == "question" else previous_question
            rows.append(
                (statement_id, item.pk, orders[item.pk], person.pk, organization.pk if organization else None)
                + (label, kind, text, normalize(text), reply_to)
            )
            by_root.setdefault(plan.root.pk, []).append(statement_id)
    if connection.vendor == "postgresql" and count >= REBUILD_SEARCH_INDEX_FROM:
        with connection.cursor() as cursor:
            for sql in search_sql.DROP_INDEXES:
                cursor.execute(sql)
            _insert_statements(rows, generation.now)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no index is built over pending checks
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in search_sql.CREATE_INDEXES:
                cursor.execute(sql)
    else:
        _insert_statements(rows, generation.now)
    return by_root


def _reserve_ids(count: int) -> range:
    """A block of primary keys, so that rows can point at each other before they are inserted."""
    if connection.vendor != "postgresql":
        start = (Statement.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        return range(start, start + count)
    if count == 0:
        return range(0)
    table = Statement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def _insert_statements(rows: Iterable[tuple], now: dt.datetime) -> None:
    """COPY on PostgreSQL (several times faster than INSERT for 10⁵ rows); bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(
            [Statement(**dict(zip(STATEMENT_COLUMNS, row, strict=True))) for row in rows], batch_size=BATCH
        )
        return
    columns = ", ".join(f'"{name}"' for name in (*STATEMENT_COLUMNS, "version", "created", "modified"))
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {Statement._meta.db_table} ({columns}) FROM STDIN"  # noqa: S608 - names come from the model
        ) as copy,
    ):
        for row in rows:
            copy.write_row((*row, 1, now, now))
