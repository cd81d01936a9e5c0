"""The open data pages (included at open-data/ by the root URLconf)."""

from django.urls import path

from . import pages

app_name = "opendata"
urlpatterns = [
    path("", pages.index, name="index"),
    path("contracts.csv", pages.register_csv, name="register"),
    path("plans/<id:pk>.json", pages.plan_ocds, name="plan"),
    path("contracts/<id:pk>.json", pages.contract_ocds, name="contract"),
]
