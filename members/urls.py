from django.urls import path

from . import meeting_views as meetings
from . import views

app_name = "members"

urlpatterns = [
    path("approvals/", views.waiting_on, name="waiting-on"),
    path("approvals/yours/", views.my_decisions, name="my-decisions"),
    path("approvals/<int:pk>/", views.request_detail, name="request"),
    path("approvals/<int:pk>/decide/", views.decide, name="decide"),
    path("approvals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("decisions/", views.decision_log, name="decision-log"),
    path("decisions.csv", views.decision_log_csv, name="decision-log-csv"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("scrutiny/", views.referred, name="referred"),
    path("recommendations/<int:pk>/respond/", views.respond, name="respond"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_edit, name="board-create"),
    path("boards/<int:pk>/", views.board_detail, name="board"),
    path("boards/<int:pk>/edit/", views.board_edit, name="board-edit"),
    path("boards/<int:pk>/members/", views.member_add, name="member-add"),
    path("boards/<int:pk>/members/<int:membership_pk>/", views.member_edit, name="member-edit"),
    path("boards/<int:pk>/meetings/", meetings.board_meetings, name="board-meetings"),
    path("boards/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("boards/<int:pk>/work-programme/", meetings.programme_add, name="programme-add"),
    path(
        "boards/<int:pk>/work-programme/<int:planned_pk>/remove/",
        meetings.programme_remove,
        name="programme-remove",
    ),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", meetings.item_add, name="item-add"),
    path("meetings/<int:pk>/items/<int:item_pk>/", meetings.item_edit, name="item-edit"),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", meetings.item_move, name="item-move"),
    path("meetings/<int:pk>/items/<int:item_pk>/document/", meetings.document, name="item-document"),
    path("meetings/<int:pk>/packs/", meetings.packs_panel, name="packs"),
    path("meetings/<int:pk>/packs/build/", meetings.build, name="build-packs"),
    path("meetings/<int:pk>/packs/builds/<int:build_pk>/retry/", meetings.retry, name="retry-build"),
    path("packs/<int:pk>/", meetings.download, name="pack"),
    path("councillors/", views.councillors, name="councillors"),
    path("councillors/<int:user_pk>/", views.councillor_edit, name="councillor-edit"),
    path("strategies/<int:pk>/approvals/", views.strategy_approvals, name="strategy-approvals"),
    path("strategies/<int:pk>/approvals/<slug:subject>/", views.request_approval, name="request-approval"),
    path(
        "strategies/<int:pk>/approvals/<slug:subject>/<int:plan_pk>/",
        views.request_approval,
        name="request-plan-approval",
    ),
    path("strategies/<int:pk>/scrutiny/", views.scrutiny, name="scrutiny"),
    path("strategies/<int:pk>/scrutiny/comments/", views.comment, name="comment"),
    path("strategies/<int:pk>/scrutiny/recommendations/", views.recommend, name="recommend"),
    path("strategies/<int:pk>/councillors/", views.assign, name="assign"),
]
