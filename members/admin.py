"""Read-only audit views in the Django admin. Boards, rights and approvals are changed only through the
app's own pages (members.services), which keep groups, object rights and history in step."""

from django.contrib import admin

from commissioning.admin import ReadOnly

from .models import ApprovalDecision, ApprovalRequest, DecisionRecord


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
