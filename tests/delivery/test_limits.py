"""Numeric limits (issue 16 item 4): a contract's annual value is never negative (it was accepted and
published in the open data), whether it comes from the page or a service; digits stay within the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from api import opendata
from delivery import services
from delivery.models import Contract

from .test_delivery import contract, contract_fields, contract_form, delivering, reload


@pytest.mark.django_db
def test_a_negative_annual_value_is_refused_by_the_service_and_never_published(commissioner):
    s, plan = delivering(commissioner)
    with pytest.raises(ValidationError) as refused:
        contract(s, plan, commissioner, annual_value=Decimal("-1200000"))
    assert refused.value.message_dict["annual_value"] == ["Annual value (£): Enter an amount of 0 or more"]
    assert not Contract.objects.exists() and not list(opendata.published_contracts())
    c = contract(s, plan, commissioner, annual_value=Decimal("0"))
    with pytest.raises(ValidationError):
        services.update_contract(
            contract=c,
            seen_version=1,
            changes=contract_fields(annual_value=Decimal("-5")),
            acting_user=commissioner,
        )
    assert reload(c).annual_value == 0


@pytest.mark.django_db
def test_the_contract_page_refuses_a_negative_or_too_long_value_and_keeps_what_was_typed(
    client, commissioner
):
    s, plan = delivering(commissioner)
    c = contract(s, plan, commissioner)
    client.force_login(commissioner)
    response = client.post(c.get_absolute_url(), contract_form(c, annual_value="-250", title="Renamed"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Annual value (£) must be 0 or more" in page and 'value="Renamed"' in page
    too_many_digits = client.post(c.get_absolute_url(), contract_form(c, annual_value="1234567890123456"))
    assert too_many_digits.status_code == 400
    assert (reload(c).annual_value, reload(c).title, reload(c).version) == (c.annual_value, c.title, 1)
