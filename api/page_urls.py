from django.urls import path

from . import pages

account = (
    [
        path("", pages.profile, name="profile"),
        path("tokens/<int:pk>/revoke/", pages.revoke, name="revoke"),
    ],
    "account",
)
opendata = (
    [
        path("", pages.index, name="index"),
        path("contracts.csv", pages.register_csv, name="register"),
        path("plans/<int:pk>.json", pages.plan_ocds, name="plan"),
        path("contracts/<int:pk>.json", pages.contract_ocds, name="contract"),
    ],
    "opendata",
)
