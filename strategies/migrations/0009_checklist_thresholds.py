"""Default thresholds of the proportionate checklist items; administrators change them afterwards. The seeds
ask only that effort be proportionate to the scale of a strategy: these defaults make the items that cost
most effort for least value on a small strategy (documents, the contribution of other service areas and
interdependencies) apply from an annual value of £500,000, and to every key project and statutory service.
"""

from decimal import Decimal

from django.db import migrations

DEFAULTS = ["documents", "contributions", "interdependencies"]


def add(apps, schema_editor):
    ChecklistThreshold = apps.get_model("strategies", "ChecklistThreshold")  # noqa: N806
    for item in DEFAULTS:
        ChecklistThreshold.objects.get_or_create(
            item=item,
            defaults={"min_annual_value": Decimal("500000"), "key_projects": True, "statutory": True},
        )


class Migration(migrations.Migration):
    dependencies = [("strategies", "0008_proportionate_requirements")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
