from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("", views.strategy_list, name="list"),
    path("new/", views.strategy_create, name="create"),
    path("<id:pk>/", views.strategy_detail, name="detail"),
    path("<id:pk>/history/", views.strategy_history, name="history"),
    path("<id:pk>/content/", views.strategy_content, name="content"),
    path("<id:pk>/move/<str:name>/", views.transition, name="transition"),
    path("<id:pk>/checklist/<slug:item>/not-required/", views.not_required, name="not-required"),
    path("<id:pk>/evidence/<id:item_pk>/file/", views.evidence_file, name="evidence-file"),
    *views.pages.urls(),
]
