"""The stakeholder tables of a progress report: the register's matrix cut to fit an A4 page."""

from typing import Any

from apps.deliberation.selectors import stakeholder_matrix
from apps.directory.models import Body

# Organizations per stakeholder table: more columns would not fit an A4 page.
MATRIX_COLUMNS = 7


def stakeholder_tables(body_ids: set[int], statuses: list[str], stance_labels: dict) -> list[dict[str, Any]]:
    """The latest stance of every organization on every open issue (the register's matrix),
    split into tables of MATRIX_COLUMNS organizations."""
    tables: list[dict[str, Any]] = []
    for body in Body.objects.filter(pk__in=body_ids).order_by("pk"):
        matrix = stakeholder_matrix(body=body, statuses=statuses)
        if not matrix.cells:
            continue
        for start in range(0, len(matrix.organizations), MATRIX_COLUMNS):
            organizations = matrix.organizations[start : start + MATRIX_COLUMNS]
            tables.append(
                {
                    "organizations": [o.short_name or o.name for o in organizations],
                    "rows": [
                        {
                            "code": issue.code,
                            "title": issue.title,
                            "stances": [str(stance_labels[c.stance]) if c else "" for c in cells],
                        }
                        for issue, cells in ((i, [matrix.cell(i, o) for o in organizations]) for i in matrix.issues)
                    ],
                }
            )
    return tables
