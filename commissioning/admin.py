from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Directorate, Notification, SignInEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Council", {"fields": ("job_title",)}))


class ReadOnly(admin.ModelAdmin):
    """For audit: records changed only through the apps' own pages and services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Directorate)


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    """The outbox, to see what was sent and when; written only by commissioning.notifications."""

    list_display = ["subject", "created_at", "sent_at"]
    search_fields = ["subject", "key"]


admin.site.site_header = "Commissioning administration"


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnly):
    """The sign-in audit, for administrators: written only by commissioning.sign_in_audit."""

    list_display = ["at", "kind", "username", "user", "ip_address", "user_agent", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "user__username", "ip_address"]
    date_hierarchy = "at"
