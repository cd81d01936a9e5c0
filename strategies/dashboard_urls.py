"""The dashboard at the site's root, named "home" (not namespaced): the root URLconf includes this by
dotted path, so the core imports no app."""

from django.urls import path

from . import views

urlpatterns = [path("", views.home, name="home")]
