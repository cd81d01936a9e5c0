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
    path("<int:pk>/<slug:slug>/", views.section, name="section"),
    path("<int:pk>/<slug:slug>/<int:item_pk>/edit/", views.part_edit, name="part-edit"),
    path("<int:pk>/<slug:slug>/<int:item_pk>/delete/", views.part_delete, name="part-delete"),
]
