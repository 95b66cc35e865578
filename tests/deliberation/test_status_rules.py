"""Issue codes and status changes: every move between statuses, allowed or refused, and why."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.deliberation import services
from apps.deliberation.models import Issue, IssueStatus, ProgressNote
from apps.directory.models import Body

S = IssueStatus

ALLOWED = {
    (S.OPEN, S.ASSIGNED),
    (S.OPEN, S.IN_PROGRESS),
    (S.OPEN, S.RESOLVED),
    (S.OPEN, S.DEFERRED),
    (S.OPEN, S.CLOSED),
    (S.ASSIGNED, S.OPEN),
    (S.ASSIGNED, S.IN_PROGRESS),
    (S.ASSIGNED, S.RESOLVED),
    (S.ASSIGNED, S.DEFERRED),
    (S.ASSIGNED, S.CLOSED),
    (S.IN_PROGRESS, S.OPEN),
    (S.IN_PROGRESS, S.ASSIGNED),
    (S.IN_PROGRESS, S.RESOLVED),
    (S.IN_PROGRESS, S.DEFERRED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.DEFERRED, S.OPEN),
    (S.DEFERRED, S.ASSIGNED),
    (S.DEFERRED, S.IN_PROGRESS),
    (S.DEFERRED, S.CLOSED),
    (S.RESOLVED, S.OPEN),
    (S.RESOLVED, S.CLOSED),
}


@pytest.fixture
def setting(personas, record):
    task_group = Body.objects.create(
        name="MVNOタスクグループ", kind=Body.Kind.TASK_GROUP, parent=personas.working_party
    )
    first = record.meeting(personas.study_group, 5)
    second = record.meeting(personas.study_group, 6)
    return personas, task_group, first, second


def _issue_in(status, setting) -> Issue:
    """An issue brought to `status` the way the secretariat would, through the services."""
    personas, task_group, first, second = setting
    by = personas.secretariat
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", raised_in=first, by=by)
    if status in (S.ASSIGNED,):
        services.assignment_create(issue=issue, task_group=task_group, assigned_in=first, by=by)
    elif status != S.OPEN:
        services.issue_change_status(issue=issue, status=status, reason="経緯", meeting=second, by=by)
    issue.refresh_from_db()
    assert issue.status == status
    return issue


def test_issue_codes_count_up_per_body(personas):
    by = personas.secretariat
    codes = [services.issue_create(body=personas.study_group, title=f"課題{i}", by=by).code for i in range(3)]
    other = services.issue_create(body=personas.other_body, title="別の課題", by=by)
    assert codes == ["I-001", "I-002", "I-003"]
    assert other.code == "I-001"


def test_creating_an_issue_records_who_raised_it_where(setting):
    personas, _, first, _ = setting
    issue = services.issue_create(body=personas.study_group, title="輻輳対策", raised_in=first, by=personas.secretariat)
    note = issue.progress_notes.get()
    recorded = (note.status_before, note.status_after, note.meeting, note.author)
    assert recorded == ("", S.OPEN, first, personas.secretariat)


@pytest.mark.parametrize("before", S.values)
@pytest.mark.parametrize("after", S.values)
def test_every_status_move_is_allowed_or_refused(setting, before, after):
    personas, task_group, first, second = setting
    issue = _issue_in(before, setting)
    if after == S.ASSIGNED and (before, after) in ALLOWED:
        services.assignment_create(issue=issue, task_group=task_group, assigned_in=second, by=personas.secretariat)
        issue.refresh_from_db()
        assert issue.status == S.ASSIGNED
        return
    if (before, after) == (S.ASSIGNED, S.OPEN):
        # Not while the task group still holds it: withdrawing the assignment reopens it.
        with pytest.raises(ValidationError, match="Withdraw"):
            services.issue_change_status(issue=issue, status=after, reason="再開", by=None)
        services.assignment_withdraw(assignment=issue.assignments.get(), reason="作業班で扱わない", by=None)
        issue.refresh_from_db()
        assert issue.status == S.OPEN
        return
    notes_before = ProgressNote.objects.filter(issue=issue).count()
    if (before, after) in ALLOWED:
        note = services.issue_change_status(
            issue=issue, status=after, reason="第6回で議論", meeting=second, by=personas.chair
        )
        issue.refresh_from_db()
        assert issue.status == after
        assert (note.status_before, note.status_after) == (before, after)
        assert (note.meeting, note.author, note.text) == (second, personas.chair, "第6回で議論")
        assert issue.resolved_in == (second if after == S.RESOLVED else None if after == S.OPEN else issue.resolved_in)
    else:
        with pytest.raises(ValidationError):
            services.issue_change_status(issue=issue, status=after, reason="理由", meeting=second, by=personas.chair)
        issue.refresh_from_db()
        assert issue.status == before
        assert ProgressNote.objects.filter(issue=issue).count() == notes_before


def test_resolving_needs_the_resolving_meeting(setting):
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="meeting that resolved"):
        services.issue_change_status(issue=issue, status=S.RESOLVED, reason="解決", by=setting[0].secretariat)


def test_resolving_before_the_raising_meeting_is_refused(setting, record):
    personas, _, first, _ = setting
    earlier = record.meeting(personas.study_group, 2)
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="before the meeting that raised it"):
        services.issue_change_status(issue=issue, status=S.RESOLVED, reason="解決", meeting=earlier, by=None)


def test_a_meeting_of_another_body_cannot_resolve(setting, record):
    personas = setting[0]
    elsewhere = record.meeting(personas.other_body, 9)
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="must be one of"):
        services.issue_change_status(issue=issue, status=S.RESOLVED, reason="解決", meeting=elsewhere, by=None)


def test_a_working_party_meeting_may_resolve_a_study_group_issue(setting, record):
    personas = setting[0]
    party_meeting = record.meeting(personas.working_party, 7)
    issue = _issue_in(S.OPEN, setting)
    services.issue_change_status(issue=issue, status=S.RESOLVED, reason="作業班で整理", meeting=party_meeting, by=None)
    issue.refresh_from_db()
    assert issue.resolved_in == party_meeting


def test_assigned_needs_an_active_assignment(setting):
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="Assign the issue"):
        services.issue_change_status(issue=issue, status=S.ASSIGNED, reason="割当て", by=None)


def test_reopening_while_an_assignment_is_active_is_refused(setting):
    issue = _issue_in(S.ASSIGNED, setting)
    with pytest.raises(ValidationError, match="Withdraw"):
        services.issue_change_status(issue=issue, status=S.OPEN, reason="再開", by=None)


def test_a_status_change_needs_a_reason(setting):
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="Say why"):
        services.issue_change_status(issue=issue, status=S.DEFERRED, reason="  ", by=None)


def test_a_cancelled_meeting_cannot_decide(setting, record):
    personas = setting[0]
    cancelled = record.meeting(personas.study_group, 8, status="cancelled")
    issue = _issue_in(S.OPEN, setting)
    with pytest.raises(ValidationError, match="cancelled"):
        services.issue_change_status(issue=issue, status=S.DEFERRED, reason="延期", meeting=cancelled, by=None)


def test_a_closed_issue_is_never_edited(setting, record):
    personas, task_group, first, second = setting
    issue = _issue_in(S.CLOSED, setting)
    statement = record.statement(second, "料金について")
    organization = record.organization("KDDI株式会社")
    attempts = [
        lambda: services.issue_update(issue=issue, title="新しい題", by=None),
        lambda: services.issue_add_note(issue=issue, text="メモ", by=None),
        lambda: services.issue_tag_statement(issue=issue, statement=statement, by=None),
        lambda: services.position_record(
            issue=issue, meeting=second, organization=organization, stance="considering", by=None
        ),
        lambda: services.assignment_create(issue=issue, task_group=task_group, by=None),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="closed"):
            attempt()
    issue.refresh_from_db()
    assert issue.title == "非常時のみの料金"
    assert not issue.taggings.exists() and not issue.positions.exists() and not issue.assignments.exists()


def test_reporting_back_returns_the_issue_to_the_body(setting):
    personas, task_group, first, second = setting
    issue = _issue_in(S.ASSIGNED, setting)
    assignment = issue.assignments.get()
    services.assignment_report_back(assignment=assignment, meeting=second, by=personas.secretariat)
    issue.refresh_from_db()
    assignment.refresh_from_db()
    assert (issue.status, assignment.status, assignment.report_back) == (S.IN_PROGRESS, "reported", second)


def test_withdrawing_the_last_assignment_reopens_the_issue(setting):
    issue = _issue_in(S.ASSIGNED, setting)
    services.assignment_withdraw(assignment=issue.assignments.get(), reason="作業班で扱わない", by=None)
    issue.refresh_from_db()
    assert issue.status == S.OPEN


def test_issues_are_assigned_only_to_sub_groups(setting):
    personas = setting[0]
    issue = _issue_in(S.OPEN, setting)
    for body in (personas.study_group, personas.other_body):
        with pytest.raises(ValidationError, match="sub-group"):
            services.assignment_create(issue=issue, task_group=body, by=None)


def test_refusals_are_worded_in_japanese_first(setting):
    issue = _issue_in(S.OPEN, setting)
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        services.issue_change_status(issue=issue, status=S.RESOLVED, reason="解決", by=None)
    assert refused.value.message_dict == {"meeting": ["解決した会議を指定してください。"]}
