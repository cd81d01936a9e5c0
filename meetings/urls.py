"""The meeting pages, at the paths they had under members (boards/<pk>/meetings/, meetings/, packs/)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("boards/<id:pk>/meetings/", views.board_meetings, name="board-meetings"),
    path("boards/<id:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("boards/<id:pk>/work-programme/", views.programme_add, name="programme-add"),
    path(
        "boards/<id:pk>/work-programme/<id:planned_pk>/remove/",
        views.programme_remove,
        name="programme-remove",
    ),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<id:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<id:pk>/items/new/", views.item_add, name="item-add"),
    path("meetings/<id:pk>/items/<id:item_pk>/", views.item_edit, name="item-edit"),
    path("meetings/<id:pk>/items/<id:item_pk>/move/", views.item_move, name="item-move"),
    path("meetings/<id:pk>/items/<id:item_pk>/document/", views.document, name="item-document"),
    path("meetings/<id:pk>/publish/", views.publish, name="publish"),
    path("meetings/<id:pk>/packs/", views.packs_panel, name="packs"),
    path("meetings/<id:pk>/packs/build/", views.build, name="build-packs"),
    path("meetings/<id:pk>/packs/builds/<id:build_pk>/retry/", views.retry, name="retry-build"),
    path("meetings/<id:pk>/packs/builds/<id:build_pk>/restart/", views.restart, name="restart-build"),
    path("packs/<id:pk>/", views.download, name="pack"),
]
