from django.urls import path

from . import appraisal_views, views

app_name = "plans"

urlpatterns = [
    path("new/<id:strategy_pk>/", views.plan_create, name="create"),
    path("no-plan/<id:strategy_pk>/", views.no_plan, name="no-plan"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/commercial-model/", views.commercial_model, name="commercial"),
    path("<id:pk>/history/", views.plan_history, name="history"),
    path("<id:pk>/appraisals/<id:appraisal_pk>/", appraisal_views.appraisal, name="appraisal"),
    path("<id:pk>/appraisals/<id:appraisal_pk>/options/new/", appraisal_views.option_edit, name="option-add"),
    path(
        "<id:pk>/appraisals/<id:appraisal_pk>/options/<id:option_pk>/",
        appraisal_views.option_edit,
        name="option-edit",
    ),
    path(
        "<id:pk>/appraisals/<id:appraisal_pk>/options/<id:option_pk>/delete/",
        appraisal_views.option_delete,
        name="option-delete",
    ),
    path("<id:pk>/appraisals/<id:appraisal_pk>/criteria/", appraisal_views.criteria, name="criteria"),
    path("<id:pk>/appraisals/<id:appraisal_pk>/scores/", appraisal_views.scores, name="scores"),
    path("<id:pk>/appraisals/<id:appraisal_pk>/adopt/", appraisal_views.adopt, name="adopt"),
    *views.pages.urls(),
]
