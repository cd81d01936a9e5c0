"""The public site, at public/ (no sign-in)."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("boards/<id:pk>/", views.board, name="board"),
    path("boards/<id:pk>/meetings.ics", views.board_ics, name="board-ics"),
    path("boards/<id:pk>/subscribe/", views.subscribe, name="subscribe"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings.ics", views.meetings_ics, name="meetings-ics"),
    path("meetings/<id:pk>/", views.meeting, name="meeting"),
    path("meetings/<id:pk>/items/<id:item_pk>/", views.item, name="item"),
    path("meetings/<id:pk>/items/<id:item_pk>/report.pdf", views.item_pdf, name="item-pdf"),
    path("meetings/<id:pk>/versions/<id:version>/pack.pdf", views.pack, name="pack"),
    path("decisions/", views.decisions, name="decisions"),
    path("forward-plan/", views.forward_plan, name="forward-plan"),
    path("subscriptions/", views.my_subscriptions, name="my-subscriptions"),
    path("subscriptions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscriptions/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
