"""Persist a parsed minutes file: one transaction, bulk inserts; a re-import updates the meeting in place.

The steps of one import are the methods of apps.importer.minutes_import.MinutesImport.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from apps.directory.models import Body
from apps.importer.akn import read_akn_file
from apps.importer.kinds import meeting_number_from_title
from apps.importer.limits import check_statement_count
from apps.importer.matching import NONE_CONFIRMED, Confirmations
from apps.importer.minutes_import import MinutesImport, locked_meeting
from apps.importer.parser import parse_minutes
from apps.importer.result import MinutesError, ParsedMinutes
from apps.importer.sources import read_minutes_text
from apps.meetings.models import Meeting

__all__ = ["meeting_import", "meeting_number_from_title", "minutes_file_import"]


def minutes_file_import(
    *,
    path: str | Path,
    body_name: str,
    number: int | None = None,
    by: User | None = None,
    confirmed: Confirmations = NONE_CONFIRMED,
) -> Meeting:
    """Read, parse and persist a minutes file (the `import_minutes` command)."""
    # Akoma Ntoso (apps.exports.akoma_ntoso) carries the structure itself; every other format is text to parse.
    parsed = read_akn_file(path) if Path(path).suffix.lower() == ".xml" else parse_minutes(read_minutes_text(path))
    source_sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return meeting_import(
        parsed=parsed, body_name=body_name, number=number, source_sha256=source_sha256, by=by, confirmed=confirmed
    )


@transaction.atomic
def meeting_import(
    *,
    parsed: ParsedMinutes,
    body_name: str,
    number: int | None = None,
    source_sha256: str = "",
    by: User | None = None,
    confirmed: Confirmations = NONE_CONFIRMED,
) -> Meeting:
    """Create or update the meeting a parse result describes, with everything recorded in it;
    `confirmed`: the matches to people of other bodies to take (apps.importer.matching)."""
    body_name = body_name.strip()
    if not body_name:
        raise MinutesError("the body name is empty")
    number = number or meeting_number_from_title(parsed.title)
    if number is None:
        raise MinutesError("no meeting number (第N回) in the title; pass --number", line=1)
    if parsed.date is None:
        raise MinutesError("no meeting date found", line=1)
    check_statement_count(parsed)
    body, _ = Body.objects.get_or_create(name=body_name)
    meeting, reimport = locked_meeting(body, number)
    run = MinutesImport(parsed=parsed, body=body, meeting=meeting, reimport=reimport, by=by, confirmed=confirmed)
    return run.run(date=parsed.date, source_sha256=source_sha256)
