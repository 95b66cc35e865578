"""Who may do what, over every endpoint: a table of (who, method, endpoint, expected status).

`who` is a persona (a user signed in with a session), a token (read-only or writing, scoped to
the study group or to the other body), or None for an anonymous caller.
"""

import pytest
from django.utils import timezone

from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.api.conftest import client_for, make_meeting, make_statement

USERS = ["secretariat", "chair", "member", "operator", "observer", "outsider"]
TOKENS = ["read_token", "write_token", "other_token"]
EVERYONE = [*USERS, *TOKENS]

LISTS = [
    "bodies",
    "organizations",
    "people",
    "memberships",
    "meetings",
    "agenda-items",
    "materials",
    "statements",
    "decisions",
    "issues",
    "taggings",
    "positions",
    "assignments",
    "minutes",
    "documents",
    "tombstones",
    "aggregates/issue-counts",
    "aggregates/overdue-assignments",
    "aggregates/meetings-per-body",
    "aggregates/statements-per-organization",
    "aggregates/review-progress",
]

# Who may read a record, by where it sits (the rest get 404: it does not exist for them).
STUDY_GROUP_PUBLIC = {*USERS, "read_token", "write_token"}
STUDY_GROUP_DRAFT = {"secretariat", "chair", "member", "operator", "write_token"}
OTHER_BODY_DRAFT = {"outsider"}
DIRECTORY = set(EVERYONE)

# (endpoint with {placeholders} filled from the record, who may read it)
DETAILS = [
    ("bodies/{study_group}", {*USERS, "read_token", "write_token"}),
    ("bodies/{working_party}", {*USERS, "read_token", "write_token"}),
    ("bodies/{other_body}", {*USERS, "other_token"}),
    ("organizations/{operator_org}", DIRECTORY),
    ("people/{chair_person}", DIRECTORY),
    ("memberships/{chair_membership}", STUDY_GROUP_PUBLIC),
    ("meetings/{published}", STUDY_GROUP_PUBLIC),
    ("meetings/{in_review}", STUDY_GROUP_DRAFT),
    ("meetings/{other}", OTHER_BODY_DRAFT),
    ("agenda-items/{agenda_item}", STUDY_GROUP_PUBLIC),
    ("agenda-items/{draft_agenda_item}", STUDY_GROUP_DRAFT),
    ("materials/{material}", STUDY_GROUP_PUBLIC),
    ("statements/{statement}", STUDY_GROUP_PUBLIC),
    ("statements/{draft_statement}", STUDY_GROUP_DRAFT),
    ("statements/{other_statement}", OTHER_BODY_DRAFT),
    ("decisions/{decision}", STUDY_GROUP_PUBLIC),
    ("issues/{public_issue}", STUDY_GROUP_PUBLIC),
    ("issues/{draft_issue}", STUDY_GROUP_DRAFT),
    ("issues/{other_issue}", OTHER_BODY_DRAFT),
    ("taggings/{tagging}", STUDY_GROUP_PUBLIC),
    ("positions/{position}", STUDY_GROUP_PUBLIC),
    ("assignments/{assignment}", STUDY_GROUP_PUBLIC),
    ("minutes/{published_minutes}", STUDY_GROUP_PUBLIC),
    ("minutes/{in_review_minutes}", STUDY_GROUP_DRAFT),
    ("minutes/{other_minutes}", OTHER_BODY_DRAFT),
    ("aggregates/stakeholder-matrix/?body={study_group}", STUDY_GROUP_PUBLIC),
    # Progress reports: the working party's draws on published minutes only, the study group's
    # also on the meeting under review.
    ("documents/{published_report}", STUDY_GROUP_PUBLIC),
    ("documents/{draft_report}", STUDY_GROUP_DRAFT),
    ("aggregates/stakeholder-matrix/?body={other_body}", {*USERS, "other_token"}),
]

WRITERS = {"secretariat", "write_token"}


def _table(who):
    return [row for row in _all_rows() if row[0] == who]


def _all_rows():
    rows = []
    for endpoint in LISTS:
        rows.append((None, "get", endpoint, 401))
        rows += [(who, "get", endpoint, 200) for who in EVERYONE]
    for endpoint, readers in DETAILS:
        rows.append((None, "get", endpoint, 401))
        rows += [(who, "get", endpoint, 200 if who in readers else 404) for who in EVERYONE]
    # The secretariat's writes. Others are refused before anything is looked up (403).
    writes = [
        ("post", "issues", "new_issue", 201),
        ("post", "issues", "new_issue_in_other_body", 403),
        ("patch", "issues/{public_issue}", "issue_change", 200),
        ("post", "taggings", "new_tagging", 201),
        ("delete", "taggings/{tagging}", None, 204),
        ("post", "positions", "new_position", 201),
        ("patch", "positions/{position}", "position_change", 200),
        ("post", "issues/{draft_issue}/status", "status_change", 200),
        ("post", "assignments", "new_assignment", 201),
        ("post", "assignments/{assignment}/report-back", "report_back", 200),
    ]
    for method, endpoint, payload, status in writes:
        rows.append((None, method, endpoint, 401, payload))
        rows += [(who, method, endpoint, status if who in WRITERS else 403, payload) for who in EVERYONE]
    # Asking for a progress report reads the whole record: only the body's participants may, even
    # where everyone may read the published report; to the others the body is not found.
    rows.append((None, "post", "documents", 401, "new_report"))
    rows += [(who, "post", "documents", 202 if who in STUDY_GROUP_DRAFT else 404, "new_report") for who in EVERYONE]
    # For a token, a body outside its scope does not exist: naming it is a bad request.
    rows.remove(("write_token", "post", "issues", 403, "new_issue_in_other_body"))
    rows.append(("write_token", "post", "issues", 400, "new_issue_in_other_body"))
    # The record of a meeting is never written through the API, published or not.
    for endpoint in ["statements/{statement}", "statements/{draft_statement}", "minutes/{published_minutes}"]:
        rows += [("secretariat", method, endpoint, 405) for method in ("put", "patch", "delete")]
        rows += [("write_token", "patch", endpoint, 405), ("chair", "patch", endpoint, 403)]
    for endpoint in ["statements", "meetings", "minutes", "bodies"]:
        rows += [("secretariat", "post", endpoint, 405), ("write_token", "post", endpoint, 405)]
    # Issues and positions are changed, never replaced or deleted; assignments change through services.
    rows += [
        ("secretariat", "put", "positions/{position}", 405),
        ("secretariat", "delete", "positions/{position}", 405),
        ("secretariat", "patch", "assignments/{assignment}", 405),
    ]
    rows += [
        ("secretariat", "put", "issues/{public_issue}", 405),
        ("secretariat", "delete", "issues/{public_issue}", 405),
    ]
    return [row if len(row) == 5 else (*row, None) for row in rows]


def _ids(record, personas) -> dict[str, int]:
    chair = personas.chair.person
    return {
        "study_group": personas.study_group.pk,
        "working_party": personas.working_party.pk,
        "other_body": personas.other_body.pk,
        "operator_org": record.operator_org.pk,
        "chair_person": chair.pk,
        "chair_membership": chair.memberships.get().pk,
        "published": record.published.pk,
        "in_review": record.in_review.pk,
        "other": record.other.pk,
        "agenda_item": record.statement.agenda_item_id,
        "draft_agenda_item": record.draft_statement.agenda_item_id,
        "material": record.material.pk,
        "statement": record.statement.pk,
        "draft_statement": record.draft_statement.pk,
        "other_statement": record.other_statement.pk,
        "decision": record.decision.pk,
        "public_issue": record.public_issue.pk,
        "draft_issue": record.draft_issue.pk,
        "other_issue": record.other_issue.pk,
        "tagging": record.tagging.pk,
        "position": record.position.pk,
        "assignment": record.assignment.pk,
        "published_minutes": record.published.minutes.pk,
        "in_review_minutes": record.in_review.minutes.pk,
        "other_minutes": record.other.minutes.pk,
    }


def _payloads(record, personas) -> dict[str, dict]:
    return {
        "new_issue": {"body": personas.study_group.pk, "code": "I-009", "title": "緊急通報のみのローミング"},
        "new_issue_in_other_body": {"body": personas.other_body.pk, "code": "I-010", "title": "他の会議体"},
        "issue_change": {"priority": 1},
        "position_change": {"stance": "conditional"},
        "new_tagging": {"issue": record.public_issue.pk, "statement": record.draft_statement.pk},
        "new_position": {
            "issue": record.public_issue.pk,
            "organization": personas.ministry.pk,
            "meeting": record.published.pk,
            "stance": "considering",
        },
        "status_change": {"status": "deferred", "reason": "次年度に検討", "meeting": record.in_review.pk},
        "new_assignment": {"issue": record.draft_issue.pk, "task_group": personas.working_party.pk},
        "report_back": {"meeting": record.in_review.pk, "text": "作業班から報告"},
        "new_report": {"kind": GeneratedDocument.Kind.PROGRESS_REPORT_PDF, "body": personas.working_party.pk},
    }


@pytest.fixture
def reports(record, personas) -> dict[str, int]:
    """A published meeting of the working party, then a progress report of it and one of the study group."""
    meeting = make_meeting(personas.working_party, 1, None)
    make_statement(meeting, 1, "作業班での検討結果を報告した。")
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    return {
        "published_report": document_request(kind=kind, subject=personas.working_party, by=None).pk,
        "draft_report": document_request(kind=kind, subject=personas.study_group, by=None).pk,
    }


@pytest.mark.parametrize("who", [None, *EVERYONE])
def test_access_table(record, personas, reports, who):
    """One test per caller, over every row of the table; it reports every mismatch at once."""
    ids = {**_ids(record, personas), **reports}
    payloads = _payloads(record, personas)
    client = client_for(getattr(personas, who) if who in USERS else who, record)
    mismatches = []
    for _who, method, endpoint, expected, payload in _table(who):
        url = "/api/v1/" + endpoint.format(**ids) + ("" if "?" in endpoint else "/")
        if payload:
            response = getattr(client, method)(url, payloads[payload], format="json")
        else:
            response = getattr(client, method)(url)
        if response.status_code != expected:
            mismatches.append((method, endpoint, expected, response.status_code, response.content[:200]))
        elif expected >= 400 and response.json()["error"]["status"] != expected:
            mismatches.append((method, endpoint, "error shape", response.content[:200]))
    assert not mismatches
    assert len(_table(who)) >= len(LISTS)
