from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("approvals/", views.waiting_on, name="waiting-on"),
    path("approvals/yours/", views.my_decisions, name="my-decisions"),
    path("approvals/<id:pk>/", views.request_detail, name="request"),
    path("approvals/<id:pk>/decide/", views.decide, name="decide"),
    path("approvals/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("decisions/", views.decision_log, name="decision-log"),
    path("decisions.csv", views.decision_log_csv, name="decision-log-csv"),
    path("decisions/<id:pk>/", views.decision_detail, name="decision"),
    path("decision-notices/", views.notices, name="notices"),
    path("decision-notices/<id:pk>/", views.notice_detail, name="notice"),
    path("decision-notices/<id:pk>/call-in/", views.call_in, name="call-in"),
    path("decision-notices/<id:pk>/outcome/", views.call_in_outcome, name="call-in-outcome"),
    path("forward-plan/<id:pk>/", views.forward_plan_entry, name="forward-plan-entry"),
    path("forward-plan/<id:pk>/exceptions/", views.record_exception, name="key-decision-exception"),
    path("scrutiny/", views.referred, name="referred"),
    path("recommendations/<id:pk>/respond/", views.respond, name="respond"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_edit, name="board-create"),
    path("boards/<id:pk>/", views.board_detail, name="board"),
    path("boards/<id:pk>/edit/", views.board_edit, name="board-edit"),
    path("boards/<id:pk>/members/", views.member_add, name="member-add"),
    path("boards/<id:pk>/members/<id:membership_pk>/", views.member_edit, name="member-edit"),
    path("councillors/", views.councillors, name="councillors"),
    path("councillors/<id:user_pk>/", views.councillor_edit, name="councillor-edit"),
    path("members/<id:pk>/interests/", views.interests_register, name="interests"),
    path("members/<id:pk>/interests/new/", views.interest_edit, name="interest-add"),
    path("members/<id:pk>/interests/<id:interest_pk>/", views.interest_edit, name="interest-edit"),
    path("members/<id:pk>/interests/published/", views.published_interests, name="interests-published"),
    path("members/<id:pk>/dispensations/new/", views.dispensation_add, name="dispensation-add"),
    path("strategies/<id:pk>/approvals/", views.strategy_approvals, name="strategy-approvals"),
    path("strategies/<id:pk>/approvals/<slug:subject>/", views.request_approval, name="request-approval"),
    path(
        "strategies/<id:pk>/approvals/<slug:subject>/<id:plan_pk>/",
        views.request_approval,
        name="request-plan-approval",
    ),
    path("strategies/<id:pk>/forward-plan/<slug:subject>/", views.forward_plan_add, name="forward-plan-add"),
    path(
        "strategies/<id:pk>/forward-plan/<slug:subject>/<id:plan_pk>/",
        views.forward_plan_add,
        name="forward-plan-add-plan",
    ),
    path("strategies/<id:pk>/scrutiny/", views.scrutiny, name="scrutiny"),
    path("strategies/<id:pk>/scrutiny/comments/", views.comment, name="comment"),
    path("strategies/<id:pk>/scrutiny/recommendations/", views.recommend, name="recommend"),
    path("strategies/<id:pk>/councillors/", views.assign, name="assign"),
]
