"""What each role has to do or read, for the home page: one function per section.

Every section is bounded and ordered (soonest first); the bodies a user may act on come from
apps.access.permissions, so a queue never lists what its reader may not open.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.access import permissions
from apps.access.documents import visible_documents
from apps.access.permissions import AnyUser
from apps.deliberation.models import Issue, IssueStatus, Position
from apps.deliberation.selectors import overdue_assignments
from apps.directory.models import Body, Membership
from apps.importer.models import ImportRun
from apps.meetings.models import Meeting, Statement
from apps.minutes.models import Minutes, ReviewRequest, Suggestion
from apps.minutes.selectors import review_requests_for
from apps.reports.models import GeneratedDocument

LIMIT = 20


def _in_bodies(queryset: QuerySet, body_ids: set[int] | None, field_name: str) -> QuerySet:
    return queryset if body_ids is None else queryset.filter(**{f"{field_name}__in": body_ids})


def minutes_with_progress(queryset: QuerySet[Minutes]) -> QuerySet[Minutes]:
    """Minutes with review_total and review_approved: the n/m of the queue."""
    return queryset.annotate(
        review_total=Count("review_requests", distinct=True),
        review_approved=Count(
            "review_requests", filter=Q(review_requests__status=ReviewRequest.Status.APPROVED), distinct=True
        ),
    )


def _all_approved(minutes: Minutes) -> bool:
    return minutes.review_total == minutes.review_approved  # type: ignore[attr-defined]  # minutes_with_progress


@dataclass
class SecretariatQueue:
    drafts: list[Meeting] = field(default_factory=list)
    in_review: list[Minutes] = field(default_factory=list)
    corrections: list[Suggestion] = field(default_factory=list)
    ready_to_approve: list[Minutes] = field(default_factory=list)
    ready_to_publish: list[Minutes] = field(default_factory=list)
    overdue: list = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    imports: list[ImportRun] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(vars(self).values())


def secretariat_queue(*, user: AnyUser, today: dt.date | None = None) -> SecretariatQueue | None:
    """The work waiting for the secretariat of the user's bodies; None if they run none."""
    body_ids = permissions.secretariat_body_ids(user)
    if body_ids is not None and not body_ids:
        return None
    today = today or timezone.localdate()
    meetings = _in_bodies(Meeting.objects.select_related("body"), body_ids, "body_id")
    minutes = _in_bodies(Minutes.objects.select_related("meeting__body"), body_ids, "meeting__body_id")
    in_review = list(
        minutes_with_progress(minutes.filter(status=Minutes.Status.IN_REVIEW)).order_by("review_due_on", "id")[:LIMIT]
    )
    return SecretariatQueue(
        drafts=list(
            meetings.filter(status=Meeting.Status.HELD)
            .filter(Q(minutes__isnull=True) | Q(minutes__status=Minutes.Status.DRAFT))
            .order_by("starts_at", "id")[:LIMIT]
        ),
        in_review=[m for m in in_review if not _all_approved(m)],
        ready_to_approve=[m for m in in_review if _all_approved(m)],
        corrections=list(
            _in_bodies(
                Suggestion.objects.filter(status=Suggestion.Status.OPEN).select_related(
                    "statement__agenda_item__meeting__body", "review_request__reviewer"
                ),
                body_ids,
                "statement__agenda_item__meeting__body_id",
            ).order_by("created", "id")[:LIMIT]
        ),
        ready_to_publish=list(minutes.filter(status=Minutes.Status.APPROVED).order_by("approved_at", "id")[:LIMIT]),
        overdue=list(_in_bodies(overdue_assignments(today=today), body_ids, "issue__body_id")[:LIMIT]),
        upcoming=list(
            meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now()).order_by("starts_at")[
                :LIMIT
            ]
        ),
        # Read, or failed, and not yet committed: each waits for the secretariat's review.
        imports=list(
            _in_bodies(
                ImportRun.objects.exclude(status=ImportRun.Status.COMMITTED).select_related("body"), body_ids, "body_id"
            ).order_by("created", "id")[:LIMIT]
        ),
    )


def _chair_body_ids(user: AnyUser) -> set[int]:
    if not isinstance(user, User):
        return set()
    chairs = Membership.objects.filter(person__user=user, role__in=permissions.CHAIR_ROLES, end__isnull=True)
    return set(chairs.values_list("body_id", flat=True))


@dataclass
class ChairDesk:
    approvals: list[Minutes]
    bodies: list[tuple[Body, list[tuple[str, str, int]]]]  # each body with its (status, label, count)


def chair_desk(*, user: AnyUser) -> ChairDesk | None:
    """Minutes of the chair's bodies waiting for approval, and the issue status of those bodies."""
    body_ids = _chair_body_ids(user)
    if not body_ids:
        return None
    approvals = minutes_with_progress(
        Minutes.objects.filter(meeting__body_id__in=body_ids, status=Minutes.Status.IN_REVIEW).select_related(
            "meeting__body"
        )
    ).order_by("review_due_on", "id")[:LIMIT]
    labels = dict(IssueStatus.choices)
    counts: dict[int, list[tuple[str, str, int]]] = {pk: [] for pk in body_ids}
    rows = Issue.objects.filter(body_id__in=body_ids).values_list("body_id", "status").annotate(n=Count("id"))
    for body_id, status, number in rows.order_by("body_id", "status"):
        counts[body_id].append((status, str(labels.get(status, status)), number))
    bodies = Body.objects.filter(pk__in=body_ids).order_by("name", "id")
    return ChairDesk(approvals=list(approvals), bodies=[(body, counts[body.pk]) for body in bodies])


@dataclass
class MemberDesk:
    reviews: list[ReviewRequest]
    statements: list[Statement]
    issues: list[Issue]


def member_desk(*, user: AnyUser) -> MemberDesk | None:
    """The reviews a member has to answer, their latest statements, the issues they took a stance on."""
    if not isinstance(user, User) or not hasattr(user, "person"):
        return None
    person = user.person
    reviews = list(review_requests_for(user=user).exclude(status=ReviewRequest.Status.APPROVED)[:LIMIT])
    statements = list(
        Statement.objects.filter(speaker=person, agenda_item__meeting__in=permissions.visible_meetings(user))
        .select_related("agenda_item__meeting__body")
        .order_by("-agenda_item__meeting__starts_at", "agenda_item__order", "order")[:10]
    )
    stance_holders = Q(person=person)
    if person.organization_id:
        stance_holders |= Q(organization_id=person.organization_id)
    stance_holders |= Q(organization__memberships__person=person, organization__memberships__end__isnull=True)
    issues = list(
        permissions.visible_issues(user)
        .filter(pk__in=Position.objects.filter(stance_holders).values("issue_id"))
        .select_related("body")
        .order_by(*Issue.code_order())[:LIMIT]
    )
    if not (reviews or statements or issues):
        return None
    return MemberDesk(reviews=reviews, statements=statements, issues=issues)


def recent_publications(*, user: AnyUser) -> tuple[list[Meeting], list[GeneratedDocument]]:
    """The latest published minutes and the progress reports the user may read."""
    minutes = list(
        Meeting.objects.filter(minutes__status=Minutes.Status.PUBLISHED)
        .select_related("body", "minutes")
        .order_by("-minutes__published_at", "-id")[:10]
    )
    reports = list(
        visible_documents(
            user,
            GeneratedDocument.objects.filter(
                kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF, status=GeneratedDocument.Status.DONE
            ),
        )
        .defer("inputs")
        .order_by("-finished_at", "-id")[:5]
    )
    return minutes, reports
