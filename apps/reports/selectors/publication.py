"""Whether a progress report may be read by those who see published minutes only."""

from django.db.models import Q

from apps.deliberation.models import Issue
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes


def draws_on_published_minutes_only(meetings: list[Meeting], issues: list[Issue]) -> bool:
    """Whether everything the report prints comes from meetings whose minutes are published.

    Only such a report may be read by those who see published minutes only
    (apps.access.documents); one built while any minutes it draws on were unpublished stays
    with the participants, like a draft's PDF. An issue raised outside any meeting is not in
    the public register either. The stakeholder tables repeat the issues' positions.
    """
    if any(issue.raised_in_id is None for issue in issues):
        return False
    meeting_ids: set[int | None] = {meeting.pk for meeting in meetings}
    statement_ids: set[int] = set()
    for issue in issues:
        meeting_ids |= {issue.raised_in_id, issue.resolved_in_id}
        meeting_ids |= {note.meeting_id for note in issue.progress_notes.all()}
        for position in issue.positions.all():
            meeting_ids.add(position.meeting_id)
            statement_ids |= {statement.pk for statement in position.statements.all()}
    meeting_ids.discard(None)  # a note recorded outside a meeting is public in the register too
    unpublished = Meeting.objects.exclude(minutes__status=Minutes.Status.PUBLISHED).filter(
        Q(pk__in=meeting_ids) | Q(agenda_items__statements__in=statement_ids)
    )
    return not unpublished.exists()
