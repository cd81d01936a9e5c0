from django.contrib import admin

from .models import Locality


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    """Wards and localities KPIs are reported by; load a council's own with manage.py load_localities."""

    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
