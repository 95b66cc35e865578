"""The demo register of the reference meeting, built on the imported minutes."""

import pytest

from apps.core.text import normalize
from apps.deliberation import selectors
from apps.deliberation.models import Issue
from apps.deliberation.selectors import (
    issue_history,
    overdue_assignments,
    stakeholder_matrix,
    statement_search,
    tag_suggestions,
)
from apps.demo.management.commands.load_demo import BODY_NAME, load_demo
from apps.directory.models import Body
from apps.meetings.models import Meeting, Statement


@pytest.fixture
def demo(db) -> Meeting:
    load_demo()
    return Meeting.objects.get(body__name=BODY_NAME, number=6)


def test_the_eight_issues_of_the_meeting_with_their_statuses(demo):
    issues = list(Issue.objects.filter(body=demo.body).order_by("code"))
    assert [(i.code, i.status) for i in issues] == [
        ("I-001", "assigned"),
        ("I-002", "assigned"),
        ("I-003", "assigned"),
        ("I-004", "assigned"),
        ("I-005", "resolved"),
        ("I-006", "assigned"),
        ("I-007", "open"),
        ("I-008", "assigned"),
    ]
    assert issues[4].resolved_in == demo
    assert all(issue.raised_in == demo for issue in issues)
    assert [issue.taggings.count() for issue in issues] == [3, 1, 6, 10, 8, 5, 3, 2]


def test_emergency_only_pricing_positions(demo):
    pricing = Issue.objects.get(body=demo.body, title="非常時のみ利用可能な料金プラン")
    matrix = stakeholder_matrix(body=demo.body)
    row = dict(matrix.rows())[pricing]
    cells = {org.name: cell for org, cell in zip(matrix.organizations, row, strict=True) if cell}
    assert {name: cell.stance for name, cell in cells.items()} == {
        "株式会社NTTドコモ": "considering",
        "KDDI株式会社": "considering",
        "ソフトバンク株式会社": "considering",
        "楽天モバイル株式会社": "no_position",
        "株式会社インターネットイニシアティブ": "informational",
        "日本通信株式会社": "informational",
    }
    iij = cells["株式会社インターネットイニシアティブ"].position
    assert "440円" in iij.summary and "最低利用期間なし" in iij.summary
    assert "290円" in cells["日本通信株式会社"].position.summary
    assert all(cell.meeting == demo for cell in cells.values())
    # Each position rests on statements of that organization.
    for name, cell in cells.items():
        speakers = {s.speaker_organization.name for s in cell.position.statements.all() if s.speaker_organization}
        assert speakers <= {name}, name


def test_working_party_and_task_groups_with_assignments(demo):
    party = Body.objects.get(parent=demo.body, kind="working_party")
    groups = {body.name: body.kind for body in party.children.all()}
    assert groups["MVNOタスクグループ"] == "task_group"
    assert sum(kind == "working_group" for kind in groups.values()) == 3
    mvno = Issue.objects.get(body=demo.body, title="MVNO利用者の救済措置")
    assert [a.task_group.name for a in mvno.assignments.all()] == ["MVNOタスクグループ"]
    assert len(list(overdue_assignments(body=demo.body))) == 6  # due in 2023


def test_search_finds_ryokin_in_exactly_the_statements_that_say_it(demo):
    found = list(statement_search(term="料金", body=demo.body))
    expected = {s.pk for s in Statement.objects.filter(agenda_item__meeting=demo) if "料金" in normalize(s.text)}
    assert {s.pk for s in found} == expected
    assert len(found) >= 8
    labels = {s.speaker_label for s in found}
    assert {"長谷川構成員", "インターネットイニシアティブ（佐々木）", "ソフトバンク（関和）"} <= labels


def test_issue_history_of_the_pricing_issue(demo):
    pricing = Issue.objects.get(body=demo.body, title="非常時のみ利用可能な料金プラン")
    kinds = [entry.kind for entry in issue_history(issue=pricing)]
    assert kinds[0] == "raised"
    assert kinds.count("statement") == 10 and kinds.count("position") == 6
    assert kinds[-2:] == ["assignment", "status"]


def test_loading_twice_adds_nothing(demo):
    from apps.demo.register import load_register_demo

    load_register_demo(meeting=demo)
    assert Issue.objects.filter(body=demo.body).count() == 8


def test_tag_suggestions_are_those_of_every_tagged_statement(demo, monkeypatch):
    """The demo's issues have far fewer tagged statements than suggestions read: bounded or not, the same."""
    statements = list(Statement.objects.filter(agenda_item__meeting=demo).order_by("agenda_item__order", "order"))
    bounded = [tag_suggestions(statement=statement) for statement in statements]
    assert sum(1 for found in bounded if found) > len(statements) // 2
    monkeypatch.setattr(selectors, "RECENT_TAGGED", 1_000_000)
    assert [tag_suggestions(statement=statement) for statement in statements] == bounded
