from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import CouncilPriority, FrameworkIndicator, ImpactArea, OutcomeFramework, Strategy, TransitionLog


@admin.register(Strategy)
class StrategyAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    """Administrators can also grant object rights here ('Object permissions')."""

    list_display = ["reference", "title", "directorate", "stage", "accountable_commissioner"]
    list_filter = ["stage", "directorate"]
    search_fields = ["reference", "title"]
    readonly_fields = ["stage", "cycle"]


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    list_display = ["strategy", "source", "target", "actor", "at"]
    readonly_fields = [f.name for f in TransitionLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImpactArea)
class ImpactAreaAdmin(admin.ModelAdmin):
    """The areas an integrated impact assessment covers: the council's local additions and further
    sections are switched on and off here."""

    list_display = ["name", "kind", "switched_on", "order"]
    list_editable = ["switched_on", "order"]
    list_filter = ["kind", "switched_on"]


@admin.register(CouncilPriority)
class CouncilPriorityAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "order"]
    search_fields = ["reference", "title"]


class IndicatorInline(admin.TabularInline):
    model = FrameworkIndicator
    extra = 1


@admin.register(OutcomeFramework)
class OutcomeFrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [IndicatorInline]


@admin.register(FrameworkIndicator)
class FrameworkIndicatorAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "name", "domain", "polarity"]
    list_filter = ["framework", "polarity"]
    search_fields = ["code", "name", "domain"]
