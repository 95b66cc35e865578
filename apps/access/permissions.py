"""Who may see and do what, shared by the portal, the API and the reports.

- secretariat of a body (or of an ancestor): everything of it, drafts included, and may edit;
- chair, deputy chair, members, experts, operator representatives of a body (or of an
  ancestor): drafts of that body, read-only;
- observers, other users and anonymous visitors: published minutes and reports only;
- a reviewer: their own review requests (their statements, with the rest of the draft as context).
The secretariat runs the minutes workflow; the chair (or deputy) may also approve minutes.
Superusers count as secretariat everywhere.

A dashboard token (TokenActor, used by the API) reads only the bodies it is scoped to, and
only what the public may read there unless it may read unpublished records (then as their
participants do); a token allowed to write counts as their secretariat.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from apps.directory.models import Body, Membership
from apps.meetings.models import Attendance, Meeting, Statement
from apps.meetings.naming import SpeakerNames

SECRETARIAT_ROLES = frozenset({Membership.Role.SECRETARIAT})
PARTICIPANT_ROLES = frozenset(
    {
        Membership.Role.CHAIR,
        Membership.Role.DEPUTY_CHAIR,
        Membership.Role.MEMBER,
        Membership.Role.EXPERT,
        Membership.Role.OPERATOR_REPRESENTATIVE,
    }
)

CHAIR_ROLES = frozenset({Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR})


@dataclass(frozen=True)
class TokenActor:
    """A dashboard token acting through the API: no person behind it, bounded to some bodies."""

    token_id: int
    body_ids: frozenset[int]  # the scoped bodies with every body below them
    can_write: bool
    can_read_drafts: bool = False

    is_authenticated = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    is_active = True
    pk = None


AnyUser = User | AnonymousUser | TokenActor


def token_actor(
    *, token_id: int, body_ids: set[int], issuer: User | None, can_write: bool, can_read_drafts: bool
) -> TokenActor | None:
    """What a token may do on this request: never more than its issuer could do now.

    The token reaches only the bodies (of `body_ids`, its scope with every body below) that its
    issuer still runs as secretariat; None when there are none left, or the issuer's account is
    gone or deactivated, so that a token ends with its issuer's rights.
    """
    if issuer is None or not issuer.is_active:
        return None
    runs = secretariat_body_ids(issuer)
    reach = body_ids if runs is None else body_ids & runs
    if not reach:
        return None
    return TokenActor(
        token_id=token_id, body_ids=frozenset(reach), can_write=can_write, can_read_drafts=can_read_drafts
    )


def _body_ids_with_roles(user: AnyUser, roles: frozenset[str]) -> set[int]:
    """Bodies where the user holds one of `roles` now, with every body below them."""
    if not user.is_authenticated or isinstance(user, TokenActor):
        return set()
    direct = Membership.objects.filter(person__user=user, role__in=roles, end__isnull=True).values_list(
        "body_id", flat=True
    )
    return Body.objects.filter(pk__in=direct).subtree_ids()


def scope_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies whose records the user may read at all; None means all of them (people log in)."""
    if isinstance(user, TokenActor):
        return set(user.body_ids)
    return None


def secretariat_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies the user runs as secretariat; None means all of them (superuser)."""
    if isinstance(user, TokenActor):
        return set(user.body_ids) if user.can_write else set()
    if user.is_authenticated and user.is_superuser:
        return None
    return _body_ids_with_roles(user, SECRETARIAT_ROLES)


def draft_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies whose unpublished records the user may read; None means all of them."""
    if isinstance(user, TokenActor):
        return set(user.body_ids) if user.can_write or user.can_read_drafts else set()
    if user.is_authenticated and user.is_superuser:
        return None
    return _body_ids_with_roles(user, SECRETARIAT_ROLES | PARTICIPANT_ROLES)


def is_secretariat(user: AnyUser, body: Body) -> bool:
    ids = secretariat_body_ids(user)
    return ids is None or body.pk in ids


def can_see_drafts(user: AnyUser, body: Body) -> bool:
    ids = draft_body_ids(user)
    return ids is None or body.pk in ids


def visible_meetings(user: AnyUser, queryset: QuerySet | None = None) -> QuerySet:
    """Meetings whose record the user may read: published minutes, or drafts of their bodies."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    scope = scope_body_ids(user)
    if scope is not None:
        queryset = queryset.filter(body_id__in=scope)
    body_ids = draft_body_ids(user)
    if body_ids is None or (scope is not None and scope <= body_ids):
        return queryset  # drafts of every body in reach: nothing more to hide
    return queryset.filter(Q(minutes__status="published") | Q(body_id__in=body_ids))


def visible_bodies(user: AnyUser, queryset: QuerySet | None = None) -> QuerySet:
    """Bodies the user may read about at all (every body, unless a token narrows the scope)."""
    queryset = Body.objects.all() if queryset is None else queryset
    scope = scope_body_ids(user)
    return queryset if scope is None else queryset.filter(pk__in=scope)


def visible_issues(user: AnyUser, queryset: QuerySet | None = None) -> QuerySet:
    """The issue register: participants see every issue of their bodies; everyone else only the
    issues raised in a meeting whose minutes are published."""
    from apps.deliberation.models import Issue

    queryset = Issue.objects.all() if queryset is None else queryset
    scope = scope_body_ids(user)
    if scope is not None:
        queryset = queryset.filter(body_id__in=scope)
    body_ids = draft_body_ids(user)
    if body_ids is None:
        return queryset
    return queryset.filter(Q(raised_in__minutes__status="published") | Q(body_id__in=body_ids))


def visible_positions(user: AnyUser, queryset: QuerySet | None = None) -> QuerySet:
    """Stances on visible issues, taken in meetings whose record the user may read."""
    from apps.deliberation.models import Position

    queryset = Position.objects.all() if queryset is None else queryset
    return queryset.filter(issue__in=visible_issues(user), meeting__in=visible_meetings(user))


def can_view_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """The meeting record: published minutes for everyone, drafts for the body's participants."""
    scope = scope_body_ids(user)
    if scope is not None and meeting.body_id not in scope:
        return False
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.status == "published":
        return True
    return can_see_drafts(user, meeting.body)


def can_manage_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """Edit the draft, send it for review, decide suggestions, publish, add errata."""
    return is_secretariat(user, meeting.body)


def can_enter_meetings(user: AnyUser, body: Body) -> bool:
    """The meeting editor and the import workbench: the body's secretariat, signed in; never a token."""
    if isinstance(user, TokenActor) or not user.is_authenticated:
        return False
    return is_secretariat(user, body)


def entry_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies whose meetings the user may enter or import; None means all of them (superuser)."""
    if isinstance(user, TokenActor) or not user.is_authenticated:
        return set()
    return secretariat_body_ids(user)


def can_approve_minutes(user: AnyUser, meeting: Meeting) -> bool:
    if is_secretariat(user, meeting.body):
        return True
    return meeting.body_id in _body_ids_with_roles(user, CHAIR_ROLES)


def is_reviewer(user: AnyUser, review_request) -> bool:
    return user.is_authenticated and user.pk is not None and review_request.reviewer.user_id == user.pk


def can_view_review(user: AnyUser, review_request) -> bool:
    return is_reviewer(user, review_request) or is_secretariat(user, review_request.minutes.meeting.body)


def sees_speaker_names(user: AnyUser, meeting: Meeting) -> bool:
    """Whether the user reads the record with its names as printed, or its public version
    (apps.meetings.naming): the names are for the body's participants, like its drafts."""
    return can_see_drafts(user, meeting.body)


def public_names_for(user: AnyUser, meetings: Sequence[Meeting]) -> dict[int, SpeakerNames]:
    """The public names of those meetings that the user reads in their public version, by meeting
    id (the others read as printed and are left out). Queries only when an anonymised meeting
    the user is no participant of is among them."""
    anonymised = [m for m in meetings if m.public_speaker_naming != Meeting.SpeakerNaming.AS_PRINTED]
    participant_of = draft_body_ids(user) if anonymised else None
    if participant_of is not None:
        anonymised = [m for m in anonymised if m.body_id not in participant_of]
    if not anonymised:
        return {}
    prefetch_related_objects(
        anonymised, Prefetch("attendances", queryset=Attendance.objects.select_related("person", "organization"))
    )
    speakers = Statement.objects.filter(agenda_item__meeting__in=anonymised, speaker__isnull=False)
    by_meeting: dict[int, list[Statement]] = {}
    for statement in speakers.select_related("speaker", "agenda_item").only(
        "speaker", "agenda_item", "agenda_item__meeting", "speaker__family_name", "speaker__given_name"
    ):
        by_meeting.setdefault(statement.agenda_item.meeting_id, []).append(statement)
    return {m.pk: SpeakerNames.for_meeting(m, public=True, statements=by_meeting.get(m.pk, [])) for m in anonymised}


def mark_public_statements(
    user: AnyUser, statements: Sequence[Statement], *, meeting_of: Callable[[Statement], Meeting]
) -> None:
    """Give each statement that the user reads in its meeting's public version those names, as
    `public_names` (read by apps.meetings.naming.shown_speaker/shown_text and the API)."""
    meetings = {meeting.pk: meeting for meeting in map(meeting_of, statements)}
    names = public_names_for(user, list(meetings.values()))
    if not names:
        return
    marked = [statement for statement in statements if meeting_of(statement).pk in names]
    prefetch_related_objects(marked, "speaker_organization")
    for statement in marked:
        statement.public_names = names[meeting_of(statement).pk]  # type: ignore[attr-defined]


def _attributable(user: AnyUser, meeting_path: str = "") -> Q:
    """Meetings whose speakers the user may know: named in the public version, or of their bodies."""
    participant_of = draft_body_ids(user)
    if participant_of is None:
        return Q()
    return Q(**{f"{meeting_path}public_speaker_naming": Meeting.SpeakerNaming.AS_PRINTED}) | Q(
        **{f"{meeting_path}body__in": participant_of}
    )


def attributable_meetings(user: AnyUser, meetings: QuerySet) -> QuerySet:
    """A filter by speaker must not find who said what in a meeting whose public version names
    no one, for readers of that version: only these meetings may answer it."""
    return meetings.filter(_attributable(user))


def attributable_statements(user: AnyUser, queryset: QuerySet) -> QuerySet:
    """The statements of attributable_meetings."""
    return queryset.filter(_attributable(user, "agenda_item__meeting__"))
