"""The meeting pages, at the paths they had under members (boards/<pk>/meetings/, meetings/, packs/)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("boards/<int:pk>/meetings/", views.board_meetings, name="board-meetings"),
    path("boards/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("boards/<int:pk>/work-programme/", views.programme_add, name="programme-add"),
    path(
        "boards/<int:pk>/work-programme/<int:planned_pk>/remove/",
        views.programme_remove,
        name="programme-remove",
    ),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", views.item_add, name="item-add"),
    path("meetings/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item-edit"),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item-move"),
    path("meetings/<int:pk>/items/<int:item_pk>/document/", views.document, name="item-document"),
    path("meetings/<int:pk>/packs/", views.packs_panel, name="packs"),
    path("meetings/<int:pk>/packs/build/", views.build, name="build-packs"),
    path("meetings/<int:pk>/packs/builds/<int:build_pk>/retry/", views.retry, name="retry-build"),
    path("meetings/<int:pk>/packs/builds/<int:build_pk>/restart/", views.restart, name="restart-build"),
    path("packs/<int:pk>/", views.download, name="pack"),
]
