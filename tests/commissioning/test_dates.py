"""Issue 15: one configurable bound on every date a person types (commissioning.dates), applied by the forms
(GovukFormMixin) and by the services that write dates, so pages, CSV imports and the API all refuse a typo
such as 2206 or 1026 with a reason."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning import dates
from delivery import services
from delivery.models import Contract
from plans.forms import MilestoneForm
from plans.models import Milestone
from plans.services import add_part

from .. import factories

pytestmark = pytest.mark.django_db


def test_the_bounds_are_1990_to_thirty_years_ahead():
    today = timezone.localdate()
    earliest, latest = dates.bounds()
    assert earliest == date(1990, 1, 1)
    assert latest == today.replace(year=today.year + 30)
    assert dates.problem(earliest) is None
    assert dates.problem(earliest - timedelta(days=1)) == "The date must be on or after 1 January 1990"
    assert dates.problem(latest) is None
    assert dates.problem(latest + timedelta(days=1), "The end date") == (
        f"The end date must be on or before {latest.day} {latest:%B %Y}"
    )


def test_the_bounds_are_the_councils_settings(settings):
    settings.DATE_BOUNDS_EARLIEST_YEAR = 2000
    settings.DATE_BOUNDS_FUTURE_YEARS = 5
    today = timezone.localdate()
    assert dates.problem(date(1999, 12, 31)) == "The date must be on or after 1 January 2000"
    assert dates.problem(today + timedelta(days=6 * 366)) is not None
    assert dates.problem(today + timedelta(days=4 * 365)) is None


def test_29_february_thirty_years_on():
    assert dates.bounds(date(2028, 2, 29))[1] == date(2058, 2, 28)


def test_a_form_names_the_field_and_keeps_the_bound():
    form = MilestoneForm(data={"title": "Contract signed", "due_date": "2206-03-31", "status": "not_started"})
    assert not form.is_valid()
    assert form.errors["due_date"][0].startswith("Due date must be on or before")


@pytest.mark.django_db
def test_services_refuse_dates_out_of_bounds(commissioner):
    s = factories.StrategyFactory(commissioner=commissioner, delivering=True)
    plan = s.plans.get()
    with pytest.raises(ValidationError) as refused:
        add_part(
            plan=plan,
            model=Milestone,
            values={"title": "Contract signed", "due_date": date(1026, 3, 31)},
            acting_user=commissioner,
        )
    assert refused.value.message_dict == {"due_date": ["Due date must be on or after 1 January 1990"]}
    with pytest.raises(ValidationError) as refused:
        services.create_contract(
            strategy=s,
            option=plan.optionsappraisals.get().adopted_option,
            acting_user=commissioner,
            kind=Contract.Kind.CONTRACT,
            title="Family support",
            provider="Action Kids",
            sector=Contract.Sector.PRIVATE,
            annual_value=Decimal("1000"),
            start_date=date(2026, 4, 1),
            end_date=date(2206, 3, 31),
        )
    assert list(refused.value.message_dict) == ["end_date"]
    assert not Contract.objects.exists() and not Milestone.objects.filter(title="Contract signed").exists()
