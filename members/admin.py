"""Read-only audit views in the Django admin. Boards, rights and approvals are changed only through the
app's own pages (members.services), which keep groups, object rights and history in step."""

from django.contrib import admin

from .models import ApprovalDecision, ApprovalRequest, DecisionRecord, Notification, Pack, PackBuild


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(ReadOnly):
    list_display = ["strategy", "subject", "plan", "status", "requested_by", "requested_at"]
    list_filter = ["status", "subject"]
    search_fields = ["strategy__reference", "strategy__title"]


@admin.register(ApprovalDecision)
class ApprovalDecisionAdmin(ReadOnly):
    list_display = ["request", "approver", "kind", "conflict_declared", "decided_at"]
    list_filter = ["kind", "conflict_declared"]


@admin.register(DecisionRecord)
class DecisionRecordAdmin(ReadOnly):
    list_display = ["title", "result", "decided_by", "decided_at"]
    list_filter = ["result", "subject"]
    search_fields = ["title", "summary"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["subject", "created_at", "sent_at"]
    search_fields = ["subject", "key"]


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
