"""Read-only audit views of pack jobs and built packs in the Django admin; meetings are set up through the
app's own pages (meetings.services)."""

from django.contrib import admin

from commissioning.admin import ReadOnly

from .models import Pack, PackBuild


@admin.register(PackBuild)
class PackBuildAdmin(ReadOnly):
    """Pack jobs, to see what failed and why; built packs are listed on each meeting's page."""

    list_display = [
        "meeting",
        "status",
        "progress",
        "attempts",
        "requested_by",
        "requested_at",
        "finished_at",
    ]
    list_filter = ["status"]


@admin.register(Pack)
class PackAdmin(ReadOnly):
    list_display = ["meeting", "part", "version", "pages", "sha256", "built_by", "built_at"]
    list_filter = ["part"]
