"""An issue's history across meetings, the carry-over offer, overdue assignments."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.deliberation import services
from apps.deliberation.selectors import carry_over_candidates, issue_history, issue_register, overdue_assignments
from apps.directory.models import Body


@pytest.fixture
def task_group(personas):
    return Body.objects.create(name="MVNOタスクグループ", kind=Body.Kind.TASK_GROUP, parent=personas.working_party)


def test_history_runs_meeting_by_meeting_in_the_order_things_happened(personas, record, task_group):
    by = personas.secretariat
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", raised_in=fifth, by=by)
    later = record.statement(sixth, "料金は作業班で検討を", label="藤井構成員")
    earlier = record.statement(sixth, "非常時だけ使える料金プランは", label="長谷川構成員")
    # Tagged in the reverse of the spoken order: history follows the minutes, not the tagging.
    later.order, earlier.order = 2, 1
    later.save()
    earlier.save()
    first_said = record.statement(fifth, "料金の在り方", label="相田座長")
    services.issue_tag_statement(issue=issue, statement=later, by=by)
    services.issue_tag_statement(issue=issue, statement=earlier, by=by)
    services.issue_tag_statement(issue=issue, statement=first_said, by=by)
    kddi = record.organization("KDDI株式会社")
    services.position_record(issue=issue, meeting=sixth, organization=kddi, stance="considering", by=by)
    services.assignment_create(issue=issue, task_group=task_group, assigned_in=sixth, by=by)
    services.issue_add_note(issue=issue, text="次回報告", meeting=sixth, by=by)

    history = issue_history(issue=issue)

    assert [(entry.meeting.number, entry.kind) for entry in history] == [
        (5, "raised"),
        (5, "statement"),
        (6, "statement"),
        (6, "statement"),
        (6, "position"),
        (6, "assignment"),
        (6, "status"),  # open → assigned
        (6, "note"),
    ]
    assert [entry.item for entry in history if entry.kind == "statement"] == [first_said, earlier, later]
    assert history[6].item.status_after == "assigned"


def test_history_hides_statements_of_minutes_the_user_may_not_read(personas, record):
    sixth = record.meeting(personas.study_group, 6)
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", raised_in=sixth, by=None)
    services.issue_tag_statement(issue=issue, statement=record.statement(sixth, "料金"), by=None)
    assert [e.kind for e in issue_history(issue=issue, user=personas.member)] == ["raised", "statement"]
    assert [e.kind for e in issue_history(issue=issue, user=personas.observer)] == []


def test_history_query_count_is_fixed(personas, record, django_assert_num_queries):
    sixth = record.meeting(personas.study_group, 6)
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", by=None)
    for i in range(5):
        services.issue_tag_statement(issue=issue, statement=record.statement(sixth, f"料金{i}"), by=None)
        services.position_record(
            issue=issue, meeting=sixth, organization=record.organization(f"事業者{i}"), stance="supports", by=None
        )
    with django_assert_num_queries(5):
        history = issue_history(issue=issue)
        [(e.meeting and e.meeting.number, str(e.item)) for e in history]


def test_a_new_meeting_is_offered_the_issues_still_open(personas, record, task_group):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    by = personas.secretariat
    open_issue = services.issue_create(body=personas.study_group, title="輻輳", raised_in=fifth, by=by)
    assigned = services.issue_create(body=personas.study_group, title="MVNO利用者の救済", raised_in=fifth, by=by)
    services.assignment_create(issue=assigned, task_group=task_group, assigned_in=fifth, by=by)
    resolved = services.issue_create(body=personas.study_group, title="解決済み", raised_in=fifth, by=by)
    services.issue_change_status(issue=resolved, status="resolved", reason="合意", meeting=fifth, by=by)
    deferred = services.issue_create(body=personas.study_group, title="先送り", raised_in=fifth, by=by)
    services.issue_change_status(issue=deferred, status="deferred", reason="次期", by=by)
    raised_later = services.issue_create(body=personas.study_group, title="第6回で提起", raised_in=sixth, by=by)
    services.issue_create(body=personas.other_body, title="よその課題", by=by)

    seventh = record.meeting(personas.study_group, 7)
    assert list(carry_over_candidates(meeting=sixth)) == [open_issue, assigned]
    assert list(carry_over_candidates(meeting=seventh)) == [open_issue, assigned, raised_later]

    notes = services.meeting_carry_over_issues(meeting=seventh, issues=[open_issue, raised_later], by=by)
    assert [(n.issue, n.meeting, n.status_after) for n in notes] == [
        (open_issue, seventh, "open"),
        (raised_later, seventh, "open"),
    ]
    # Once on the agenda, no longer offered; an issue not offered is refused.
    assert list(carry_over_candidates(meeting=seventh)) == [assigned]
    with pytest.raises(ValidationError, match="not open for the agenda"):
        services.meeting_carry_over_issues(meeting=seventh, issues=[resolved], by=by)


def test_overdue_assignments_are_the_active_ones_past_due(personas, record, task_group):
    fifth = record.meeting(personas.study_group, 5)
    make = lambda title, due: services.assignment_create(  # noqa: E731
        issue=services.issue_create(body=personas.study_group, title=title, by=None),
        task_group=task_group,
        assigned_in=fifth,
        due_on=due,
        by=None,
    )
    late = make("遅れ", date(2023, 1, 31))
    make("期限前", date(2023, 6, 30))
    reported = make("報告済み", date(2023, 1, 15))
    services.assignment_report_back(assignment=reported, meeting=fifth, by=None)
    make("期限なし", None)
    assert list(overdue_assignments(body=personas.study_group, today=date(2023, 3, 1))) == [late]
    assert list(overdue_assignments(body=personas.other_body, today=date(2023, 3, 1))) == []


def test_the_register_counts_tagged_statements_and_shows_active_assignments(
    personas, record, task_group, django_assert_num_queries
):
    sixth = record.meeting(personas.study_group, 6)
    first = services.issue_create(body=personas.study_group, title="料金", by=None)
    services.issue_create(body=personas.study_group, title="輻輳", by=None)
    for text in ("料金A", "料金B"):
        services.issue_tag_statement(issue=first, statement=record.statement(sixth, text), by=None)
    services.assignment_create(issue=first, task_group=task_group, by=None)
    with django_assert_num_queries(2):
        rows = [
            (i.code, i.statement_count, [a.task_group.name for a in i.active_assignments])
            for i in issue_register(body=personas.study_group)
        ]
    assert rows == [("I-001", 2, ["MVNOタスクグループ"]), ("I-002", 0, [])]
