from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("", views.strategy_list, name="list"),
    path("new/", views.strategy_create, name="create"),
    path("<int:pk>/", views.strategy_detail, name="detail"),
    path("<int:pk>/history/", views.strategy_history, name="history"),
    path("<int:pk>/move/<str:name>/", views.transition, name="transition"),
    path("<int:pk>/evidence/<int:item_pk>/file/", views.evidence_file, name="evidence-file"),
    *views.pages.urls(),
]
