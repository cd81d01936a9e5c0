from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Directorate, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Council", {"fields": ("job_title",)}))


admin.site.register(Directorate)
admin.site.site_header = "Commissioning administration"
