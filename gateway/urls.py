from django.urls import path

from . import views

app_name = "gateway"

urlpatterns = [
    path("programme/", views.programme_list, name="programme"),
    path("programme/forward-plan/", views.forward_plan, name="forward-plan"),
    path("programme/forward-plan.csv", views.forward_plan_csv, name="forward-plan-csv"),
    path("gateway/projects/<int:pk>/", views.project, name="project"),
    path("gateway/projects/<int:pk>/criteria/", views.answer_criteria, name="answer-criteria"),
    path("gateway/projects/<int:pk>/override/", views.override, name="override"),
    path("gateway/projects/<int:pk>/reviews/", views.schedule, name="schedule"),
    path("gateway/reviews/<int:pk>/", views.review_detail, name="review"),
    path("gateway/reviews/<int:pk>/findings/<slug:area>/", views.save_finding, name="finding"),
    path("gateway/reviews/<int:pk>/actions/", views.add_action, name="add-action"),
    path("gateway/reviews/<int:pk>/verdict/", views.verdict, name="verdict"),
    path("gateway/reviews/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("gateway/actions/", views.actions_list, name="actions"),
    path("gateway/actions/<int:pk>/", views.action_detail, name="action"),
    path("gateway/overlaps/", views.overlap_list, name="overlaps"),
    path("gateway/overlaps/<int:first>/<int:second>/", views.decide_overlap, name="decide-overlap"),
    path("gateway/criteria/", views.criteria_list, name="criteria"),
    path("gateway/criteria/mark/", views.set_mark, name="mark"),
    path("gateway/criteria/new/", views.criterion_edit, name="criterion-create"),
    path("gateway/criteria/<int:pk>/", views.criterion_edit, name="criterion-edit"),
]
