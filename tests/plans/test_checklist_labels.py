"""What the plan checklist needs is never labelled "(optional)" (issue 15): every commercial model term whose
absence the checklist reports as a gap is marked required in the form, as it stands."""

import pytest
from django.db.models import BooleanField
from django.urls import reverse

from plans import commercial
from plans.forms import CommercialModelForm

from .test_plans import complete_model, plan  # noqa: F401 — `plan` is a fixture used here

pytestmark = pytest.mark.django_db


def _blank(model, name):
    field = model._meta.get_field(name)
    setattr(model, name, False if isinstance(field, BooleanField) else (None if field.null else ""))


@pytest.mark.parametrize(
    "flags", [{}, {"performance_linked": True, "staff_transfer": True, "property_involved": True}]
)
def test_each_term_the_checklist_needs_is_required_in_the_form(plan, flags):  # noqa: F811
    values = {
        "kpi_rationale": "x",
        "pension_liability": "x",
        "pension_rationale": "x",
        "property_terms": "x",
        "property_rationale": "x",
    }
    model = complete_model(plan, **flags, **values)
    form = CommercialModelForm(instance=model)
    assert commercial.gaps(model, 0, 1) == []
    needed = set()
    for name in form.fields:
        if name == "seen_version" or name in commercial.WHEN_REQUIRED.values():
            continue
        model.refresh_from_db()
        _blank(model, name)
        if commercial.gaps(model, 0, 1):
            needed.add(name)
    marked = {n for n, f in form.fields.items() if f.required or getattr(f, "checklist", False)}
    assert needed <= marked, needed - marked
    assert needed == commercial.required_terms(model) - ({"kpi_rationale"} if not flags else set())


def test_the_page_labels_agree(client, plan, commissioner, no_throttle):  # noqa: F811
    model = complete_model(plan, staff_transfer=True)
    client.force_login(commissioner)
    page = client.get(reverse("plans:commercial", args=[plan.pk])).content.decode()
    assert model.staff_transfer
    for label in ("Pension liability", "Rationale for the duration", "Indexation", "Start date"):
        assert f"{label} (optional)" not in page
    assert "Extension options (optional)" in page
