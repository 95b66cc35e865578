"""Which issues a statement may be tagged to, by whom: one rule for the tagging page, the admin
and the API."""

from django.db.models import QuerySet

from apps.access.permissions import AnyUser, secretariat_body_ids, visible_issues
from apps.directory.models import Body
from apps.meetings.models import Statement

from .models import Issue


def taggable_issues(*, statement: Statement, user: AnyUser | None = None) -> QuerySet[Issue]:
    """The issues of the statement's body tree (closed ones too: the service refuses those with a
    message); for a user, only those they may see
    and whose body they run (a task group's secretariat neither sees nor tags its parent body's
    draft issues). Without a user, every one of them (for code that checks access itself)."""
    # The tree is shallow (study group → working party → task group): one query reaches its root.
    root = Body.objects.select_related("parent__parent__parent").get(meetings__agenda_items__statements=statement)
    while root.parent is not None:
        root = root.parent
    issues = Issue.objects.filter(body_id__in=root.descendant_ids())
    if user is None:
        return issues
    runs = secretariat_body_ids(user)
    issues = visible_issues(user, issues)
    return issues if runs is None else issues.filter(body_id__in=runs)
