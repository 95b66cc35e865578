"""The agenda of an imported meeting: its items, their materials and statements.

On re-import, items and statements keep their rows by position, so that issue tags and
reviewers' suggestions pointing at them survive; a statement whose text changed gets a new version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.core.text import normalize
from apps.directory.models import Organization, Person
from apps.importer.fields import material_key
from apps.importer.kinds import statement_kind
from apps.importer.result import AgendaEntry, ParsedMinutes
from apps.importer.rows import checked, differs, sync_rows
from apps.meetings.models import AgendaItem, Material, Meeting, Statement

SpeakerLookup = Callable[[str], tuple[Person | None, Organization | None]]
STATEMENT_FIELDS = ["speaker", "speaker_organization", "speaker_label", "kind", "text", "text_normalized"]


@dataclass
class AgendaImport:
    parsed: ParsedMinutes
    meeting: Meeting
    materials: dict[str, Material]  # by material_key
    speaker: SpeakerLookup  # MinutesImport.speaker
    by: User | None
    reimport: bool

    def run(self) -> None:
        items = [
            checked(
                AgendaItem(
                    meeting=self.meeting,
                    order=order,
                    number_label=(entry.number or "")[:20],
                    title=(entry.title or "冒頭")[:300],
                    proceedings=entry.proceedings or "",
                ),
                entry.line,
            )
            for order, entry in enumerate(self.parsed.agenda_items, start=1)
        ]
        old_items: list[AgendaItem] = []
        old_statements: dict[int, list[Statement]] = {}
        if self.reimport:
            old_items = list(AgendaItem.objects.filter(meeting=self.meeting).order_by("order", "id"))
            for statement in Statement.objects.filter(agenda_item__meeting=self.meeting).order_by("order", "id"):
                old_statements.setdefault(statement.agenda_item_id, []).append(statement)
            AgendaItem.materials.through.objects.filter(agendaitem__meeting=self.meeting).delete()
        items = sync_rows(AgendaItem, old_items, items, self.by)

        links = []
        statements: list[Statement] = []
        kept_statements: list[Statement] = []
        for item, entry in zip(items, self.parsed.agenda_items, strict=True):
            for key in dict.fromkeys(material_key(label) for label in entry.materials):
                if key in self.materials:
                    links.append(
                        AgendaItem.materials.through(agendaitem_id=item.pk, material_id=self.materials[key].pk)
                    )
            item_statements = old_statements.get(item.pk, [])
            kept_statements.extend(item_statements[: len(entry.statements)])
            surplus = item_statements[len(entry.statements) :]
            if surplus:
                Statement.objects.filter(pk__in=[row.pk for row in surplus]).delete()
            statements += self._statements(item, entry)
        AgendaItem.materials.through.objects.bulk_create(links)
        self._sync_statements(kept_statements, statements)

    def _statements(self, item: AgendaItem, entry: AgendaEntry) -> list[Statement]:
        rows: list[Statement] = []
        previous = None
        for order, parsed_statement in enumerate(entry.statements, start=1):
            person, org = self.speaker(parsed_statement.speaker)
            statement = Statement(
                agenda_item=item,
                order=order,
                speaker=person,
                speaker_organization=org,
                speaker_label=parsed_statement.speaker[:200],
                text=parsed_statement.text,
                text_normalized=normalize(parsed_statement.text),
            )
            statement.kind = statement_kind(statement.text, previous, statement.speaker_label)
            rows.append(checked(statement, parsed_statement.line))
            previous = statement
        return rows

    def _sync_statements(self, existing: list[Statement], wanted: list[Statement]) -> None:
        """Statements keep their rows by (agenda item, order); a changed text bumps the version."""
        by_position = {(old.agenda_item_id, old.order): old for old in existing}
        updated, new = [], []
        for statement in wanted:
            old = by_position.get((statement.agenda_item.pk, statement.order))
            if old is None:
                new.append(statement)
                continue
            if not differs(old, statement, STATEMENT_FIELDS):
                continue
            statement.pk, statement.created, statement.modified = old.pk, old.created, timezone.now()
            statement.reply_to_id = old.reply_to_id
            statement.version = old.version + (1 if old.text != statement.text else 0)
            updated.append(statement)
        if updated:
            fields = [*STATEMENT_FIELDS, "version", "modified"]
            bulk_update_with_history(updated, Statement, fields, default_user=self.by)
        if new:
            bulk_create_with_history(new, Statement, default_user=self.by)
