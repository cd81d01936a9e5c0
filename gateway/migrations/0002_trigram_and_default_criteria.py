from decimal import Decimal

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The filtering criteria of seed 001 (3.1, 4.1): council-wide vs single-directorate work, cross-cutting
# impact, value, statutory or reputational risk, public health impact. Administrators can change them.
CRITERIA = [
    ("Council-wide", "Is it interdependent with other directorates' strategies (council-wide, not single-directorate)?", "cross_directorate", None, 2),
    ("High value", "Is its annual value over £10 million?", "value_over", Decimal("10000000"), 2),
    ("Statutory or reputational risk", "Does it carry statutory or reputational risk?", "judged", None, 1),
    ("Public health impact", "Will it affect public health outcomes?", "judged", None, 1),
    ("Cross-cutting impact", "Could it have unintended impacts on other services, partners or places?", "judged", None, 1),
    ("Joint with a partner", "Is it a joint strategy led with a partner?", "joint", None, 1),
]


def add_defaults(apps, schema_editor):
    Criterion = apps.get_model("gateway", "Criterion")
    KeyProjectMark = apps.get_model("gateway", "KeyProjectMark")
    for order, (name, question, test, threshold, points) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            name=name, defaults={"question": question, "test": test, "threshold": threshold, "points": points, "order": order}
        )
    if not KeyProjectMark.objects.exists():
        KeyProjectMark.objects.create(points=4)


class Migration(migrations.Migration):
    dependencies = [("gateway", "0001_initial")]

    operations = [
        TrigramExtension(),  # pg_trgm, for the overlap finder (does nothing on SQLite)
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
    ]
