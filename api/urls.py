from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("gateway-reviews", views.GatewayReviewViewSet, basename="gateway-review")
router.register("gateway-actions", views.ReviewActionViewSet, basename="gateway-action")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("approvals", views.ApprovalViewSet, basename="approval")
router.register("interests", views.InterestViewSet, basename="interest")
router.register("decision-notices", views.DecisionNoticeViewSet, basename="decision-notice")
router.register("forward-plan", views.ForwardPlanEntryViewSet, basename="forward-plan-entry")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("public/meetings", views.PublicMeetingViewSet, basename="public-meeting")
router.register("public/decisions", views.PublicDecisionViewSet, basename="public-decision")


def public(view):
    view.login_required = False  # the schema and its docs describe the API; they hold no data
    return view


app_name = "api"

urlpatterns = [
    path("schema/", public(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        public(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html")
        ),
        name="docs",
    ),
    path("open-data/contracts.csv", views.RegisterView.as_view(), name="register"),
    path("packs/<id:pk>/download/", views.PackDownloadView.as_view(), name="pack-download"),
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("notifications/", views.NoticeListView.as_view(), name="notifications"),
    path("notifications/read/", views.NoticeReadView.as_view(), name="notifications-read"),
    path("", include(router.urls)),
]
