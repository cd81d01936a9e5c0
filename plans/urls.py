from django.urls import path

from . import appraisal_views, views

app_name = "plans"

urlpatterns = [
    path("new/<int:strategy_pk>/", views.plan_create, name="create"),
    path("no-plan/<int:strategy_pk>/", views.no_plan, name="no-plan"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/commercial-model/", views.commercial_model, name="commercial"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/appraisals/<int:appraisal_pk>/", appraisal_views.appraisal, name="appraisal"),
    path(
        "<int:pk>/appraisals/<int:appraisal_pk>/options/new/", appraisal_views.option_edit, name="option-add"
    ),
    path(
        "<int:pk>/appraisals/<int:appraisal_pk>/options/<int:option_pk>/",
        appraisal_views.option_edit,
        name="option-edit",
    ),
    path(
        "<int:pk>/appraisals/<int:appraisal_pk>/options/<int:option_pk>/delete/",
        appraisal_views.option_delete,
        name="option-delete",
    ),
    path("<int:pk>/appraisals/<int:appraisal_pk>/criteria/", appraisal_views.criteria, name="criteria"),
    path("<int:pk>/appraisals/<int:appraisal_pk>/scores/", appraisal_views.scores, name="scores"),
    path("<int:pk>/appraisals/<int:appraisal_pk>/adopt/", appraisal_views.adopt, name="adopt"),
    path("<int:pk>/appraisals/<int:appraisal_pk>/baseline/", appraisal_views.baseline, name="baseline"),
    *views.pages.urls(),
]
