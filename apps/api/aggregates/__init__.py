"""Aggregates for dashboards, one module per domain. Each one counts only what the caller may see."""

from .issues import IssueCountsView, OverdueAssignmentsViewSet
from .matrix import StakeholderMatrixView
from .meetings import MeetingsPerBodyViewSet, StatementsPerOrganizationViewSet
from .reviews import ReviewProgressViewSet

__all__ = [
    "IssueCountsView",
    "MeetingsPerBodyViewSet",
    "OverdueAssignmentsViewSet",
    "ReviewProgressViewSet",
    "StakeholderMatrixView",
    "StatementsPerOrganizationViewSet",
]
