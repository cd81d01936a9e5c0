from django.urls import path

from . import imports, reports, views

app_name = "delivery"

urlpatterns = [
    path("delivery/strategies/<id:pk>/", views.strategy_delivery, name="strategy"),
    path("delivery/strategies/<id:pk>/contracts/", views.contract_create, name="contract-create"),
    path("delivery/strategies/<id:pk>/kpis/", views.kpi_create, name="kpi-create"),
    path("delivery/strategies/<id:pk>/review/", views.review_record, name="review"),
    path("delivery/strategies/<id:pk>/import/", imports.import_measurements, name="import"),
    path("delivery/strategies/<id:pk>/highlight/", reports.strategy_highlight, name="strategy-highlight"),
    path("delivery/strategies/<id:pk>/golden-thread/", reports.golden_thread, name="golden-thread"),
    path("delivery/highlight/", reports.council_highlight, name="highlight"),
    path("delivery/council-plan/", reports.council_plan, name="council-plan"),
    path("delivery/contracts/ending/", views.contracts_ending, name="contracts-ending"),
    path("delivery/contracts/<id:pk>/", views.contract_detail, name="contract"),
    path("delivery/checks/<id:pk>/", views.check_edit, name="check"),
    path("delivery/kpis/<id:pk>/", views.kpi_detail, name="kpi"),
]
