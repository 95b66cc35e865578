"""The import workbench: upload, read in the background, correct, match people, commit.

Each step takes the acting user and checks that they run the body (apps.access). Reading runs as
a Celery task (in-process without a broker) that reports its progress on the ImportRun row. The
commit imports the corrected result in one transaction through the importer's meeting_import, so
that it is all or nothing, and keeps the uploaded file as the meeting's source.
"""

import datetime as dt
import hashlib
import uuid
from functools import partial
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.core.uploads import validate_upload_size
from apps.directory.models import Body, Person
from apps.importer.matching import Confirmations
from apps.importer.models import ImportRun
from apps.importer.parser import parse_minutes
from apps.importer.result import MinutesError, ParsedMinutes
from apps.importer.selectors import person_proposals
from apps.importer.services import meeting_import, meeting_number_from_title
from apps.importer.sources import minutes_text
from apps.meetings.models import Attendance, Meeting, Statement

SUFFIXES = (".txt", ".docx", ".pdf")
HEADER_FIELDS = ("title", "date", "start_time", "end_time", "venue")


def _require_secretariat(by: AnyUser, body: Body) -> None:
    if not permissions.can_enter_meetings(by, body):
        raise PermissionDenied(_("Only the secretariat of %(body)s imports its minutes.") % {"body": body})


def _require_open(run: ImportRun) -> None:
    if run.status != ImportRun.Status.PARSED:
        raise ValidationError(
            _("This import is %(status)s: only a file that was read can be corrected or imported.")
            % {"status": run.get_status_display()},
            "state",
        )


def import_runs_create(
    *, body: Body, uploads: list[UploadedFile], number: int | None = None, commit_if_clean: bool = False, by: AnyUser
) -> list[ImportRun]:
    """One run per file, in one batch; each is read by a task once the upload is committed."""
    from apps.importer.tasks import read_import_run  # the task module builds on this one

    _require_secretariat(by, body)
    if not uploads:
        raise ValidationError(_("Choose at least one minutes file."), "no_file")
    for upload in uploads:
        name = upload.name or ""
        if not name.lower().endswith(SUFFIXES):
            raise ValidationError(
                _("%(name)s: minutes are read from .txt, .docx or .pdf files.") % {"name": name}, "suffix"
            )
        validate_upload_size(upload)
    batch = uuid.uuid4()
    runs = []
    with transaction.atomic():
        for upload in uploads:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            run = ImportRun(
                body=body,
                number=number if len(uploads) == 1 else None,
                batch=batch,
                commit_if_clean=commit_if_clean,
                filename=Path(upload.name or "minutes").name[:255],
                sha256=digest.hexdigest(),
                size=upload.size or 0,
                created_by=by if isinstance(by, User) else None,
            )
            run.file.save(run.filename, upload, save=False)
            run.save()
            runs.append(run)
        for run in runs:
            transaction.on_commit(partial(read_import_run.delay, run.pk))
    return runs


def import_run_read(*, run_id: int) -> ImportRun:
    """Read and parse the file (the task's work), then import it at once if asked and it is clean."""
    run = ImportRun.objects.select_related("body", "created_by").get(pk=run_id)
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.PARSING):
        return run  # already read (a task delivered twice)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.PARSING, progress=10)
    try:
        with run.file.open("rb") as source:
            text = minutes_text(source.read(), name=run.filename)
        ImportRun.objects.filter(pk=run.pk).update(progress=40)
        parsed = parse_minutes(text)
    except MinutesError as error:
        run.status, run.error, run.progress = ImportRun.Status.FAILED, str(error), 100
        run.save(update_fields=["status", "error", "progress", "modified"])
        return run
    run.text, run.result = text, describe(parsed)
    run.number = run.number or meeting_number_from_title(parsed.title)
    run.status, run.progress = ImportRun.Status.PARSED, 100
    run.save(update_fields=["text", "result", "number", "status", "progress", "modified"])
    if run.commit_if_clean and not run.has_warnings and run.number and run.created_by is not None:
        if any(p.other_body for p in person_proposals(run)):  # a proposal waits for the secretariat
            run.error = _("People of other bodies are proposed for some names: confirm or refuse them, then import.")
            run.save(update_fields=["error", "modified"])
            return run
        try:
            import_run_commit(run=run, by=run.created_by)
        except ValidationError as error:  # left for review, with the reason
            run.error = " ".join(error.messages)
            run.save(update_fields=["error", "modified"])
    return run


def describe(parsed: ParsedMinutes) -> dict:
    """The parse result as stored on the run: what was read, each part with its line."""
    result = parsed.to_dict()
    people = [(a, True) for a in parsed.attendees] + [(a, False) for a in parsed.absentees]
    result["attendees"] = [
        {**a.to_dict(), "group": a.group, "line": a.line, "present": present, "is_organization": a.is_organization}
        for a, present in people
    ]
    del result["absentees"]
    result["materials"] = [{**m.to_dict(), "line": m.line} for m in parsed.materials]
    for entry, item in zip(result["agenda_items"], parsed.agenda_items, strict=True):
        entry["line"] = item.line
        entry["statements"] = [{**s.to_dict(), "line": s.line} for s in item.statements]
    # The parser's layout profile and the lines it could not place, where it reports them.
    result["layout"] = getattr(parsed, "layout", "") or ""
    result["unplaced"] = [u if isinstance(u, dict) else vars(u) for u in getattr(parsed, "unplaced", []) or []]
    return result


@transaction.atomic
def import_run_correct(*, run: ImportRun, field: str, value: str, by: AnyUser) -> ImportRun:
    """Correct one field before committing: a header field, or `statement:i.j:speaker|text`, `item:i:title`."""
    run = ImportRun.objects.select_for_update().select_related("body").get(pk=run.pk)
    _require_secretariat(by, run.body)
    _require_open(run)
    value = value.strip()
    if field == "number":
        if not value.isdigit() or int(value) < 1:
            raise ValidationError(_("The meeting number must be a whole number from 1."), "number")
        run.number = int(value)
    elif field in HEADER_FIELDS or field.startswith(("statement:", "item:")):
        _check_value(run, field, value)
        run.corrections = {**run.corrections, field: value}
    else:
        raise ValidationError(_("%(field)s is not a field of the minutes.") % {"field": field}, "field")
    run.save(update_fields=["number", "corrections", "modified"])
    return run


def _check_value(run: ImportRun, field: str, value: str) -> None:
    try:
        if field == "date":
            dt.date.fromisoformat(value)
        elif field in ("start_time", "end_time") and value:
            dt.time.fromisoformat(value)
        elif field.startswith(("statement:", "item:")):
            _locate(run.result, field)
    except (ValueError, KeyError, IndexError) as error:
        raise ValidationError(_("%(field)s: %(value)s cannot be read.") % {"field": field, "value": value}) from error
    if field.endswith((":speaker", ":text", ":title")) and not value:
        raise ValidationError(_("%(field)s cannot be empty.") % {"field": field}, "empty")


def _locate(result: dict, field: str) -> dict:
    """statement:2.5:speaker → the 5th statement of the 2nd agenda item (both 1-based)."""
    kind, where, _part = field.split(":")
    if kind == "item":
        return result["agenda_items"][int(where) - 1]
    item, statement = (int(n) for n in where.split("."))
    if item < 1 or statement < 1:
        raise IndexError(field)
    return result["agenda_items"][item - 1]["statements"][statement - 1]


@transaction.atomic
def import_run_match(
    *, run: ImportRun, position: int, person: Person | None, create: bool = False, by: AnyUser
) -> ImportRun:
    """The directory person for the attendee at `position`, or a new one; the match grants nothing."""
    run = ImportRun.objects.select_for_update().select_related("body").get(pk=run.pk)
    _require_secretariat(by, run.body)
    _require_open(run)
    if not 0 <= position < len(run.result.get("attendees", [])):
        raise ValidationError(_("There is no attendee %(n)d in this file.") % {"n": position + 1}, "position")
    choice = "new" if create else (person.pk if person else None)
    matches = {**run.matches}
    if choice is None:
        matches.pop(str(position), None)
    else:
        matches[str(position)] = choice
    run.matches = matches
    run.save(update_fields=["matches", "modified"])
    return run


def corrected_minutes(run: ImportRun) -> ParsedMinutes:
    """The file read again, with the secretariat's corrections applied."""
    parsed = parse_minutes(run.text)
    for field, value in run.corrections.items():
        if field == "date":
            parsed.date = dt.date.fromisoformat(value)
        elif field in ("start_time", "end_time"):
            setattr(parsed, field, dt.time.fromisoformat(value) if value else None)
        elif field in ("title", "venue"):
            setattr(parsed, field, value)
        elif field.startswith("item:"):
            parsed.agenda_items[int(field.split(":")[1]) - 1].title = value
        else:
            _kind, where, part = field.split(":")
            item, number = (int(n) for n in where.split("."))
            statement = parsed.agenda_items[item - 1].statements[number - 1]
            setattr(statement, "speaker" if part == "speaker" else "text", value)
    return parsed


@transaction.atomic
def import_run_commit(*, run: ImportRun, by: AnyUser) -> Meeting:
    """Import the corrected minutes, all or nothing, then apply the chosen person matches."""
    run = ImportRun.objects.select_for_update().select_related("body").get(pk=run.pk)
    _require_secretariat(by, run.body)
    _require_open(run)
    if not run.number:
        raise ValidationError(_("Give the meeting number (第N回): the title does not print it."), "number")
    try:
        meeting = meeting_import(
            parsed=corrected_minutes(run),
            body_name=run.body.name,
            number=run.number,
            source_sha256=run.sha256,
            by=by if isinstance(by, User) else None,
            # People of other bodies the secretariat chose for a name: confirmed proposals.
            confirmed=Confirmations(people=frozenset(int(c) for c in run.matches.values() if c != "new")),
        )
    except MinutesError as error:
        raise ValidationError(str(error), "minutes") from error
    _apply_matches(run, meeting, by)
    run.meeting, run.status = meeting, ImportRun.Status.COMMITTED
    run.save(update_fields=["meeting", "status", "modified"])
    return meeting


def _apply_matches(run: ImportRun, meeting: Meeting, by: AnyUser) -> None:
    """Attendance rows follow the file's order (attendees, then absentees): position n is order n + 1."""
    if not run.matches:
        return
    rows = {a.order - 1: a for a in Attendance.objects.filter(meeting=meeting).select_related("person")}
    attendees = run.result["attendees"]
    for position, choice in sorted(run.matches.items()):
        row = rows.get(int(position))
        if row is None:
            continue
        if choice == "new":
            name = attendees[int(position)]["name"].split()
            person = Person.objects.create(family_name=name[0], given_name=" ".join(name[1:]))
        else:
            person = Person.objects.get(pk=choice)
        previous = row.person_id
        if previous == person.pk:
            continue
        row.person, row._history_user = person, by  # type: ignore[attr-defined]
        row.save(update_fields=["person", "modified"])
        if previous is not None:
            Statement.objects.filter(agenda_item__meeting=meeting, speaker_id=previous).update(speaker=person)
