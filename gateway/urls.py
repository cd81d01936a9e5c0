from django.urls import path

from . import views

app_name = "gateway"

urlpatterns = [
    path("programme/", views.programme_list, name="programme"),
    path("programme/forward-plan/", views.forward_plan, name="forward-plan"),
    path("programme/forward-plan.csv", views.forward_plan_csv, name="forward-plan-csv"),
    path("gateway/projects/<id:pk>/", views.project, name="project"),
    path("gateway/projects/<id:pk>/criteria/", views.answer_criteria, name="answer-criteria"),
    path("gateway/projects/<id:pk>/override/", views.override, name="override"),
    path("gateway/projects/<id:pk>/reviews/", views.schedule, name="schedule"),
    path("gateway/reviews/<id:pk>/", views.review_detail, name="review"),
    path("gateway/reviews/<id:pk>/findings/<slug:area>/", views.save_finding, name="finding"),
    path("gateway/reviews/<id:pk>/actions/", views.add_action, name="add-action"),
    path("gateway/reviews/<id:pk>/verdict/", views.verdict, name="verdict"),
    path("gateway/reviews/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("gateway/actions/", views.actions_list, name="actions"),
    path("gateway/actions/<id:pk>/", views.action_detail, name="action"),
    path("gateway/overlaps/", views.overlap_list, name="overlaps"),
    path("gateway/overlaps/<id:first>/<id:second>/", views.decide_overlap, name="decide-overlap"),
    path("gateway/overlaps/<id:first>/<id:second>/matches/", views.overlap_pair, name="overlap-pair"),
    path("gateway/criteria/", views.criteria_list, name="criteria"),
    path("gateway/criteria/mark/", views.set_mark, name="mark"),
    path("gateway/criteria/new/", views.criterion_edit, name="criterion-create"),
    path("gateway/criteria/<id:pk>/", views.criterion_edit, name="criterion-edit"),
]
