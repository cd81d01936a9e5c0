"""The meeting pages, at the paths they had under members (boards/<pk>/meetings/, meetings/, packs/)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("boards/<id:pk>/meetings/", views.board_meetings, name="board-meetings"),
    path("boards/<id:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("boards/<id:pk>/work-programme/", views.programme_add, name="programme-add"),
    path("boards/<id:pk>/quorum/", views.quorum, name="quorum"),
    path(
        "boards/<id:pk>/work-programme/<id:planned_pk>/remove/",
        views.programme_remove,
        name="programme-remove",
    ),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/attendance/", views.attendance_statistics, name="attendance-statistics"),
    path("meetings/<id:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<id:pk>/attendance/attendees/", views.attendee_add, name="attendee-add"),
    path(
        "meetings/<id:pk>/attendance/<id:attendance_pk>/remove/",
        views.attendee_remove,
        name="attendee-remove",
    ),
    path("meetings/<id:pk>/minutes/draft/", views.minutes_draft, name="minutes-draft"),
    path("meetings/<id:pk>/items/<id:item_pk>/resolution/", views.resolution, name="resolution"),
    path("meetings/<id:pk>/items/<id:item_pk>/declarations/", views.declaration_add, name="declaration-add"),
    path(
        "meetings/<id:pk>/items/<id:item_pk>/declarations/<id:declaration_pk>/remove/",
        views.declaration_remove,
        name="declaration-remove",
    ),
    path(
        "meetings/<id:pk>/items/<id:item_pk>/approve-minutes/", views.minutes_approve, name="minutes-approve"
    ),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<id:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<id:pk>/items/new/", views.item_add, name="item-add"),
    path("meetings/<id:pk>/items/<id:item_pk>/", views.item_edit, name="item-edit"),
    path("meetings/<id:pk>/items/<id:item_pk>/move/", views.item_move, name="item-move"),
    path("meetings/<id:pk>/items/<id:item_pk>/document/", views.document, name="item-document"),
    path("meetings/<id:pk>/items/<id:item_pk>/pdf/", views.item_pdf, name="item-pdf"),
    path("meetings/<id:pk>/publish/", views.publish, name="publish"),
    path("meetings/<id:pk>/packs/", views.packs_panel, name="packs"),
    path("meetings/<id:pk>/packs/build/", views.build, name="build-packs"),
    path("meetings/<id:pk>/packs/builds/<id:build_pk>/retry/", views.retry, name="retry-build"),
    path("meetings/<id:pk>/packs/builds/<id:build_pk>/restart/", views.restart, name="restart-build"),
    path("packs/<id:pk>/", views.download, name="pack"),
]
