"""Statement search as one QuerySet of every match, for callers that need them all (the demo,
exports). Readers get pages from apps.deliberation.search_plan, fast for any term."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import AnyUser
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement

from .models import Issue
from .ngrams import search_form
from .search_plan import RESULT_ORDER, statements_containing
from .search_scope import SearchScope

__all__ = ["statement_search", "statements_containing"]


def statement_search(
    *,
    term: str,
    body: Body | None = None,
    include_sub_bodies: bool = True,
    speaker: Person | None = None,
    organization: Organization | None = None,
    meeting: Meeting | None = None,
    issue: Issue | None = None,
    user: AnyUser | None = None,
    indexed: bool = True,
) -> QuerySet[Statement]:
    """Every statement whose text contains `term` (NFKC, case-insensitive), newest meeting first.

    The same filters and order as search_plan.search_page. With `user`, only meetings whose
    minutes the user may read. `indexed=False`: the plain scan, for comparison.
    """
    if not search_form(term).strip():
        raise ValidationError({"term": _("Enter a word to search for.")})
    scope = SearchScope(
        body=body,
        include_sub_bodies=include_sub_bodies,
        meeting=meeting,
        speaker=speaker,
        organization=organization,
        issue=issue,
        user=user,
    )
    statements = statements_containing(Statement.objects.filter(scope.statement_filter()), term, indexed=indexed)
    return statements.select_related("agenda_item__meeting__body", "speaker", "speaker_organization").order_by(
        *RESULT_ORDER
    )
