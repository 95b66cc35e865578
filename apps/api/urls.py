from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from apps.api import aggregates
from apps.api.exceptions import api_not_found
from apps.api.search import StatementSearchView
from apps.api.tombstones import TombstoneViewSet
from apps.deliberation.api import AssignmentViewSet, IssueViewSet, PositionViewSet, TaggingViewSet
from apps.directory.api import BodyViewSet, MembershipViewSet, OrganizationViewSet, PersonViewSet
from apps.meetings.api import AgendaItemViewSet, DecisionViewSet, MaterialViewSet, MeetingViewSet, StatementViewSet
from apps.minutes.api import MinutesViewSet
from apps.reports.api import DocumentViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("bodies", BodyViewSet, basename="api-body")
router.register("organizations", OrganizationViewSet, basename="api-organization")
router.register("people", PersonViewSet, basename="api-person")
router.register("memberships", MembershipViewSet, basename="api-membership")
router.register("meetings", MeetingViewSet, basename="api-meeting")
router.register("agenda-items", AgendaItemViewSet, basename="api-agendaitem")
router.register("materials", MaterialViewSet, basename="api-material")
router.register("statements", StatementViewSet, basename="api-statement")
router.register("decisions", DecisionViewSet, basename="api-decision")
router.register("issues", IssueViewSet, basename="api-issue")
router.register("taggings", TaggingViewSet, basename="api-tagging")
router.register("positions", PositionViewSet, basename="api-position")
router.register("assignments", AssignmentViewSet, basename="api-assignment")
router.register("minutes", MinutesViewSet, basename="api-minutes")
router.register("documents", DocumentViewSet, basename="api-document")
router.register("tombstones", TombstoneViewSet, basename="api-tombstone")
router.register(
    "aggregates/overdue-assignments", aggregates.OverdueAssignmentsViewSet, basename="api-agg-overdue-assignments"
)
router.register("aggregates/meetings-per-body", aggregates.MeetingsPerBodyViewSet, basename="api-agg-meetings-per-body")
router.register(
    "aggregates/statements-per-organization",
    aggregates.StatementsPerOrganizationViewSet,
    basename="api-agg-statements-per-organization",
)
router.register("aggregates/review-progress", aggregates.ReviewProgressViewSet, basename="api-agg-review-progress")

urlpatterns = [
    path("v1/aggregates/issue-counts/", aggregates.IssueCountsView.as_view(), name="api-agg-issue-counts"),
    path(
        "v1/aggregates/stakeholder-matrix/",
        aggregates.StakeholderMatrixView.as_view(),
        name="api-agg-stakeholder-matrix",
    ),
    path("v1/exports/", include("apps.exports.api_urls")),
    path("v1/statement-search/", StatementSearchView.as_view(), name="api-statement-search"),
    path("v1/", include(router.urls)),
    # Anything else under the API answers in the API's error shape, not with an HTML page.
    re_path(r"^v1/", api_not_found),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL of its own: no inline script under the CSP.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="swagger-ui",
    ),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
