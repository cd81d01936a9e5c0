"""The profile page, with personal API tokens (included at account/ by the root URLconf)."""

from django.urls import path

from . import pages

app_name = "account"
urlpatterns = [
    path("", pages.profile, name="profile"),
    path("tokens/<id:pk>/revoke/", pages.revoke, name="revoke"),
]
