"""The default areas of an integrated impact assessment; administrators change them afterwards.

Protected characteristics: Equality Act 2010, section 4 (the duty itself: section 149). The local additions
and further sections are the seeds' defaults (North Lincolnshire's integrated impact assessment); the further
sections are off until a council switches them on.
"""

from django.db import migrations

AREAS = [
    # (code, name, kind, switched on, guidance)
    ("age", "Age", "protected", True, ""),
    ("disability", "Disability", "protected", True, ""),
    ("gender-reassignment", "Gender reassignment", "protected", True, ""),
    (
        "marriage-civil-partnership",
        "Marriage and civil partnership",
        "protected",
        True,
        "The duty covers this characteristic only for eliminating discrimination (section 149(7)).",
    ),
    ("pregnancy-maternity", "Pregnancy and maternity", "protected", True, ""),
    ("race", "Race", "protected", True, ""),
    ("religion-belief", "Religion or belief", "protected", True, ""),
    ("sex", "Sex", "protected", True, ""),
    ("sexual-orientation", "Sexual orientation", "protected", True, ""),
    ("carers", "Carers", "local", True, "Unpaid carers of any age."),
    ("care-leavers", "Care leavers", "local", True, "Young people who have left the council's care."),
    ("rurality", "Rurality", "local", True, "People in rural areas, and access to services without a car."),
    (
        "socio-economic",
        "Socio-economic disadvantage",
        "local",
        True,
        "People on low incomes, in deprived areas, or otherwise disadvantaged.",
    ),
    ("health", "Health and wellbeing", "section", False, "Effects on physical and mental health."),
    ("environment", "Environment (carbon)", "section", False, "Carbon emissions, travel, waste and energy."),
    (
        "community-safety",
        "Community safety",
        "section",
        False,
        "Crime, disorder and anti-social behaviour (Crime and Disorder Act 1998, section 17).",
    ),
]


def add(apps, schema_editor):
    ImpactArea = apps.get_model("strategies", "ImpactArea")  # noqa: N806
    for order, (code, name, kind, on, guidance) in enumerate(AREAS, start=1):
        ImpactArea.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "switched_on": on, "guidance": guidance, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("strategies", "0005_impact_assessment")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
