"""PostgreSQL triggers behind the freeze guard (apps.minutes.guards), created by migration minutes 0003.

The model guards refuse with a message meant for the person who acted, but only writes made
through the ORM's managers reach them. These triggers refuse every write to the record of a
meeting whose minutes are published, whatever makes it: raw SQL and COPY, the M2M table of
agenda-item materials, the updates Django's deletion cascades make through base managers, a
psql session. They also close the race the model guards leave open (check, then write, while a
publication commits): each write locks the minutes rows of the meetings it touches FOR KEY
SHARE, so minutes_publish (SELECT … FOR UPDATE) waits for it, or the write waits for the
publication and then sees it.

The triggers are per statement, over transition tables: a query or two per SQL statement, not
per row, so bulk loads pay once. TRUNCATE is not covered (test database flushes use it). SQLite has
the model guards only.

A deliberate correction of a published record (a court order, say) is a DBA's job, in one
transaction: SET LOCAL shingi.allow_frozen_writes = 'on'; UPDATE …; COMMIT.
"""

# Per table: the meetings of the rows in the transition table {rows}.
MEETINGS_OF_ROWS = {
    "meetings_meeting": "SELECT DISTINCT id FROM {rows}",
    "meetings_attendance": "SELECT DISTINCT meeting_id FROM {rows}",
    "meetings_material": "SELECT DISTINCT meeting_id FROM {rows}",
    "meetings_agendaitem": "SELECT DISTINCT meeting_id FROM {rows}",
    "meetings_statement": (
        "SELECT DISTINCT a.meeting_id FROM {rows} AS r JOIN meetings_agendaitem AS a ON a.id = r.agenda_item_id"
    ),
    "meetings_decision": (
        "SELECT DISTINCT a.meeting_id FROM {rows} AS r JOIN meetings_agendaitem AS a ON a.id = r.agenda_item_id"
    ),
    "meetings_agendaitem_materials": (
        "SELECT DISTINCT a.meeting_id FROM {rows} AS r JOIN meetings_agendaitem AS a ON a.id = r.agendaitem_id"
    ),
}

REFUSE_IF_PUBLISHED = """
CREATE OR REPLACE FUNCTION shingi_refuse_if_published(meetings bigint[], written text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    minutes record;
BEGIN
    IF current_setting('shingi.allow_frozen_writes', true) = 'on' THEN
        RETURN;
    END IF;
    -- Every row is locked before its status is read: a filter on the status would leave
    -- unlocked the minutes whose publication is committing.
    FOR minutes IN SELECT meeting_id, status FROM minutes_minutes WHERE meeting_id = ANY (meetings) FOR KEY SHARE LOOP
        IF minutes.status = 'published' THEN
            RAISE EXCEPTION 'the minutes of meeting % are published: % never changes in place (add an erratum)',
                minutes.meeting_id, written USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END LOOP;
END
$$
"""

REFUSE_PUBLISHED_MINUTES_CHANGE = """
CREATE OR REPLACE FUNCTION shingi_refuse_published_minutes_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('shingi.allow_frozen_writes', true) = 'on' THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'the minutes % are published and never change in place (add an erratum)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""


def _refuse_frozen_rows(table: str, meetings: str) -> str:
    # Static queries, one function per table: PL/pgSQL plans them once per session, where
    # format() and EXECUTE would plan on every write (three times the cost of a one-row update).
    return f"""
CREATE OR REPLACE FUNCTION shingi_refuse_frozen_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM shingi_refuse_if_published(ARRAY({meetings.format(rows="new_rows")}), TG_TABLE_NAME);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM shingi_refuse_if_published(ARRAY({meetings.format(rows="old_rows")}), TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$
"""


# A trigger with transition tables has one event.
_EVENTS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}

CREATE = [
    REFUSE_IF_PUBLISHED,
    REFUSE_PUBLISHED_MINUTES_CHANGE,
    *(_refuse_frozen_rows(table, meetings) for table, meetings in MEETINGS_OF_ROWS.items()),
    *(
        f"CREATE TRIGGER frozen_{event.lower()} AFTER {event} ON {table} REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION shingi_refuse_frozen_{table}()"
        for table in MEETINGS_OF_ROWS
        for event, tables in _EVENTS.items()
    ),
    "CREATE TRIGGER frozen_when_published BEFORE UPDATE OR DELETE ON minutes_minutes "
    "FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION shingi_refuse_published_minutes_change()",
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS frozen_{event.lower()} ON {table}" for table in MEETINGS_OF_ROWS for event in _EVENTS),
    "DROP TRIGGER IF EXISTS frozen_when_published ON minutes_minutes",
    *(f"DROP FUNCTION IF EXISTS shingi_refuse_frozen_{table}()" for table in MEETINGS_OF_ROWS),
    "DROP FUNCTION IF EXISTS shingi_refuse_if_published(bigint[], text)",
    "DROP FUNCTION IF EXISTS shingi_refuse_published_minutes_change()",
]
