"""Tables of the record for spreadsheets: statements, the issue register, the stakeholder matrix,
attendance; written as .xlsx (openpyxl) or as .csv in UTF-8 with a BOM, so that Excel reads
the Japanese. Rows come from the shared selectors, names as the reader may see them
(apps.meetings.naming). Every table is bounded: more than EXPORTS_MAX_ROWS rows is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from apps.deliberation.models import Issue, Position
from apps.deliberation.selectors import StakeholderMatrix
from apps.meetings.models import Meeting, Statement
from apps.meetings.naming import SpeakerNames

Cell = str | int | None
MAX_ROWS: int = getattr(settings, "EXPORTS_MAX_ROWS", 10_000)
# Excel's own limit on a cell; longer statements would be cut by Excel without a word.
MAX_CELL_CHARS = 32_767


@dataclass
class Table:
    name: str  # file name stem and sheet title
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def bounded(rows: Iterable, *, what: str) -> list:
    """The rows, or a ValidationError naming the limit when there are more than MAX_ROWS."""
    taken: list = []
    for row in rows:
        if len(taken) == MAX_ROWS:
            raise ValidationError(
                f"{what}: more than {MAX_ROWS:,} rows (the export limit, EXPORTS_MAX_ROWS); narrow the selection."
            )
        taken.append(row)
    return taken


def _date(meeting: Meeting) -> str:
    return timezone.localtime(meeting.starts_at).date().isoformat()


def statements_table(
    statements: Iterable[Statement], names_of: Callable[[Statement], SpeakerNames], *, name: str
) -> Table:
    """Statements with their meeting and agenda item (select_related agenda_item__meeting__body)."""
    table = Table(name=name, columns=["会議体", "回", "開催日", "議題番号", "議題", "順序", "発言者", "種別", "発言"])
    kinds = dict(Statement.Kind.choices)
    for statement in bounded(statements, what="statements"):
        names = names_of(statement)
        item = statement.agenda_item
        meeting = item.meeting
        table.rows.append(
            [
                meeting.body.name,
                meeting.number,
                _date(meeting),
                item.number_label,
                item.title,
                statement.order,
                names.speaker(statement),
                str(kinds.get(statement.kind, statement.kind)),
                names.text(statement.text),
            ]
        )
    return table


def issues_table(issues: Iterable[Issue], *, name: str) -> Table:
    """The register (apps.deliberation.selectors.issue_register)."""
    table = Table(
        name=name,
        columns=["コード", "件名", "状態", "優先度", "提起された会議", "解決した会議", "担当", "期限", "発言数"],
    )
    for issue in bounded(issues, what="issues"):
        assignment = next(iter(getattr(issue, "active_assignments", [])), None)
        table.rows.append(
            [
                issue.code,
                issue.title,
                issue.get_status_display(),
                issue.priority,
                str(issue.raised_in or ""),
                str(issue.resolved_in or ""),
                assignment.task_group.name if assignment else "",
                assignment.due_on.isoformat() if assignment and assignment.due_on else "",
                getattr(issue, "statement_count", None),
            ]
        )
    return table


def matrix_table(matrix: StakeholderMatrix, *, name: str) -> Table:
    """Issues × organizations, each cell the latest stance (apps.deliberation.selectors.stakeholder_matrix)."""
    stances = dict(Position.Stance.choices)
    table = Table(name=name, columns=["コード", "件名", *[o.short_name or o.name for o in matrix.organizations]])
    for issue, cells in bounded(matrix.rows(), what="issues"):
        table.rows.append([issue.code, issue.title, *[str(stances[c.stance]) if c else "" for c in cells]])
    return table


def attendance_table(meeting: Meeting, names: SpeakerNames, *, name: str) -> Table:
    """Who attended, in print order; the public version names roles and organizations only."""
    table = Table(name=name, columns=["区分", "グループ", "氏名", "所属", "役職", "出欠"])
    for attendance in bounded(meeting.attendances.all(), what="attendance"):
        public_name = names.attendee(attendance)
        person = attendance.person
        table.rows.append(
            [
                attendance.get_category_display(),
                attendance.group_label,
                "" if public_name is not None or person is None else person.full_name,
                attendance.organization.name if attendance.organization else "",
                attendance.role_label,
                attendance.get_presence_display(),
            ]
        )
    return table


def _guard_formula(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_guard_formula(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]  # Excel's limit on sheet names
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append([_guard_formula(v[:MAX_CELL_CHARS]) if isinstance(v, str) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        longest = max([len(str(column))] + [len(str(row[index - 1] or "")) for row in table.rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest * 2))
        if longest > 30:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
