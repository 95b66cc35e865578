"""The reads behind a document take a fixed number of queries, however big the meeting or body."""

import pytest

from apps.reports.selectors import minutes_snapshot, progress_report_snapshot

pytestmark = pytest.mark.django_db


def test_the_minutes_of_the_reference_meeting_take_five_queries(reference_meeting, django_assert_num_queries):
    # meeting+body+host, attendance, agenda items, statements, minutes (errata only once published).
    with django_assert_num_queries(5):
        minutes_snapshot(reference_meeting.pk)


def test_the_progress_report_query_count_does_not_grow_with_issues(
    personas, reference_meeting, django_assert_num_queries
):
    from apps.deliberation.models import Issue, Position

    docomo = reference_meeting.attendances.filter(organization__isnull=False).first().organization

    def add_issue(number: int) -> None:
        issue = Issue.objects.create(
            body=personas.study_group, code=f"I-{number:03d}", title=f"課題{number}", raised_in=reference_meeting
        )
        position = Position.objects.create(
            issue=issue, organization=docomo, meeting=reference_meeting, stance=Position.Stance.SUPPORTS
        )
        position.statements.add(reference_meeting.agenda_items.get(order=2).statements.first())

    add_issue(1)
    # The last query asks whether any minutes the report draws on are unpublished.
    with django_assert_num_queries(17) as one:
        progress_report_snapshot(personas.study_group.pk)
    for number in range(2, 12):
        add_issue(number)
    with django_assert_num_queries(len(one.captured_queries)):
        progress_report_snapshot(personas.study_group.pk)


def test_officials_are_headed_by_the_ministry_above_the_host_bureau(
    personas, reference_meeting, django_assert_num_queries
):
    from apps.directory.models import Organization

    bureau = Organization.objects.create(name="総合通信基盤局", kind=Organization.Kind.BUREAU, parent=personas.ministry)
    personas.study_group.host = bureau
    personas.study_group.save(update_fields=["host"])
    with django_assert_num_queries(5):
        snapshot = minutes_snapshot(reference_meeting.pk)
    assert "総務省" in [section["heading"] for section in snapshot["attendance"]]
    assert "総合通信基盤局" not in [section["heading"] for section in snapshot["attendance"]]
