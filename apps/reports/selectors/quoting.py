"""How a report names the speakers of the statements it quotes (apps.meetings.naming)."""

from collections.abc import Callable

from django.db.models import Prefetch, prefetch_related_objects

from apps.deliberation.models import Issue
from apps.meetings.models import Attendance, Meeting, Statement
from apps.meetings.naming import SpeakerNames

AS_PRINTED = SpeakerNames(naming=Meeting.SpeakerNaming.AS_PRINTED)


def quoted_speaker_names(issues: list[Issue]) -> Callable[[Statement], SpeakerNames]:
    """One document for every reader: the statements of a meeting with a public version are
    quoted as that version names speakers. Queries only when such a meeting is quoted.

    Expects the positions' statements with agenda_item__meeting, speaker and speaker_organization."""
    quoted = [s for issue in issues for p in issue.positions.all() for s in p.statements.all()]
    anonymised = {
        s.agenda_item.meeting_id: s.agenda_item.meeting
        for s in quoted
        if s.agenda_item.meeting.public_speaker_naming != Meeting.SpeakerNaming.AS_PRINTED
    }
    if not anonymised:
        return lambda _statement: AS_PRINTED
    prefetch_related_objects(
        list(anonymised.values()),
        Prefetch("attendances", queryset=Attendance.objects.select_related("person", "organization")),
    )
    names = {
        pk: SpeakerNames.for_meeting(
            meeting, public=True, statements=[s for s in quoted if s.agenda_item.meeting_id == pk]
        )
        for pk, meeting in anonymised.items()
    }
    return lambda statement: names.get(statement.agenda_item.meeting_id, AS_PRINTED)
