"""Issues are listed by the number of their code, everywhere: I-999 comes before I-1000."""

import importlib
import re

import pytest
from django.urls import reverse

from apps.deliberation import services
from apps.deliberation.models import Issue, IssueStatement, Position
from apps.deliberation.selectors import (
    carry_over_candidates,
    issue_register,
    notes_of_meeting,
    stakeholder_matrix,
    tag_suggestions,
)
from apps.reports.selectors import progress_report_snapshot

IN_ORDER = ["I-001", "I-200", "I-999", "I-1000"]  # as text: I-001, I-1000, I-200, I-999


@pytest.fixture
def issues(personas, record):
    """Issues created out of order, each raised, tagged, with a position and a note in the 5th meeting."""
    fifth = record.meeting(personas.study_group, 5)
    docomo = record.organization("株式会社NTTドコモ")
    said = record.statement(fifth, "料金プランについて", speaker_organization=docomo)
    created = {}
    for code in ["I-200", "I-1000", "I-999", "I-001"]:
        issue = Issue.objects.create(body=personas.study_group, code=code, title=f"課題{code}", raised_in=fifth)
        IssueStatement.objects.create(issue=issue, statement=said)
        Position.objects.create(issue=issue, organization=docomo, meeting=fifth, stance=Position.Stance.SUPPORTS)
        services.issue_add_note(issue=issue, text="審議した。", meeting=fifth, by=None)
        created[code] = issue
    return created


def _codes_in(page: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"I-\d+", page)))


def test_the_number_is_kept_in_step_with_the_code(personas):
    issue = Issue.objects.create(body=personas.study_group, code="I-1000", title="課題")
    assert issue.number == 1000
    issue.code = "I-1001"
    issue.save(update_fields=["code"])
    issue.refresh_from_db()
    assert issue.number == 1001
    assert Issue.objects.create(body=personas.other_body, code="X-001", title="番号の体系の外").number is None


def test_after_I_999_comes_I_1000(personas):
    Issue.objects.create(body=personas.study_group, code="I-999", title="課題")
    issue = services.issue_create(body=personas.study_group, title="千番目の課題", by=None)
    assert (issue.code, issue.number) == ("I-1000", 1000)
    assert [i.code for i in Issue.objects.filter(body=personas.study_group)] == ["I-999", "I-1000"]


def test_codes_outside_the_scheme_come_last_by_their_text(personas):
    for code in ["X-2", "I-10", "X-10", "I-9"]:
        Issue.objects.create(body=personas.study_group, code=code, title=code)
    assert [i.code for i in issue_register(body=personas.study_group)] == ["I-9", "I-10", "X-10", "X-2"]


def test_selectors_list_issues_by_number(personas, record, issues):
    sixth = record.meeting(personas.study_group, 6)
    assert [i.code for i in issue_register(body=personas.study_group)] == IN_ORDER
    assert [i.code for i in stakeholder_matrix(body=personas.study_group).issues] == IN_ORDER
    assert [i.code for i in carry_over_candidates(meeting=sixth)] == IN_ORDER
    fifth = issues["I-001"].raised_in
    assert _codes_in(" ".join(note.issue.code for note in notes_of_meeting(meeting=fifth))) == IN_ORDER
    report = progress_report_snapshot(personas.study_group.pk)
    assert [row["code"] for row in report["open_issues"]] == IN_ORDER
    assert [row["code"] for row in report["matrix_tables"][0]["rows"]] == IN_ORDER


def test_equal_suggestions_come_in_number_order(personas, record):
    meeting = record.meeting(personas.study_group, 6)
    for code in ["I-1000", "I-999"]:
        Issue.objects.create(body=personas.study_group, code=code, title="非常時のみの料金プラン")
    suggestions = tag_suggestions(statement=record.statement(meeting, "非常時の料金プラン"))
    assert suggestions[0].score == suggestions[1].score
    assert [s.issue.code for s in suggestions] == ["I-999", "I-1000"]


def test_pages_and_the_api_list_issues_by_number(client, personas, issues):
    client.force_login(personas.secretariat)
    body = personas.study_group.pk
    for url in [reverse("register:register", args=[body]), reverse("register:matrix", args=[body])]:
        assert _codes_in(client.get(url).content.decode()) == IN_ORDER, url
    assert _codes_in(client.get(reverse("portal:body", args=[body])).content.decode()) == IN_ORDER
    listed = client.get("/api/v1/issues/", {"body": body}).json()["results"]
    assert [issue["code"] for issue in listed] == IN_ORDER
    counted = client.get("/api/v1/aggregates/statements-per-organization/", {"body": body}).json()
    rows = counted["results"] if isinstance(counted, dict) else counted
    assert [row["issue_code"] for row in rows] == IN_ORDER


def test_the_admin_lists_issues_by_number_and_sorts_the_code_column_by_number(client, personas, issues):
    client.force_login(personas.secretariat)
    url = reverse("admin:deliberation_issue_changelist")
    assert _codes_in(client.get(url).content.decode()) == IN_ORDER
    assert _codes_in(client.get(url, {"o": "1"}).content.decode()) == IN_ORDER
    assert _codes_in(client.get(url, {"o": "-1"}).content.decode()) == IN_ORDER[::-1]


def test_the_migration_numbers_existing_issues_and_leaves_a_second_number_in_a_body_empty(personas):
    from django.apps import apps

    migration = importlib.import_module("apps.deliberation.migrations.0006_issue_number")
    for body, code in [(personas.study_group, "I-1000"), (personas.study_group, "I-001"), (personas.other_body, "I-1")]:
        Issue.objects.create(body=body, code=code, title=code)
    Issue.objects.update(number=None)  # as before the migration
    Issue.objects.bulk_create([Issue(body=personas.study_group, code=code, title=code) for code in ["I-1", "X-001"]])
    migration.fill_numbers(apps, schema_editor=None)
    numbers = {(issue.body_id, issue.code): issue.number for issue in Issue.objects.all()}
    assert numbers == {
        (personas.study_group.pk, "I-1000"): 1000,
        (personas.study_group.pk, "I-001"): 1,
        (personas.study_group.pk, "I-1"): None,  # I-001 has 1 in this body
        (personas.study_group.pk, "X-001"): None,
        (personas.other_body.pk, "I-1"): 1,
    }
