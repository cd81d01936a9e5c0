"""Issue 15 item 2: the forward plan and the programme's key dates read contract end dates from delivery's
contracts (with their extension options), the same records the dashboard's "ending soon" reads, so the two
agree: every contract the dashboard flags is in the forward plan."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import roles
from delivery import services
from delivery.models import Contract
from gateway import selectors

from .. import factories

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def reader():
    return factories.user(roles.ADMINISTRATOR)


def contract(s, title, end_date, **more):
    option = s.plans.get().optionsappraisals.get().adopted_option
    return services.create_contract(
        strategy=s,
        option=option,
        acting_user=s.accountable_commissioner,
        kind=Contract.Kind.CONTRACT,
        title=title,
        provider="Action Kids",
        sector=Contract.Sector.PRIVATE,
        annual_value=Decimal("1200000"),
        start_date=today() - timedelta(days=3 * 365),
        end_date=end_date,
        **more,
    )


@pytest.fixture
def contracts(commissioner, commissioner2):
    ours = factories.StrategyFactory(commissioner=commissioner, delivering=True, title="Children are safe")
    theirs = factories.StrategyFactory(commissioner=commissioner2, delivering=True, title="Safe roads")
    return {
        "soon": contract(
            ours, "Family support", today() + timedelta(days=100), extension_options="2 + 1 years"
        ),
        "horizon": contract(theirs, "Road safety", today() + timedelta(days=270)),
        "ended": contract(ours, "Parenting groups", today() - timedelta(days=30)),
        "today": contract(theirs, "School crossings", today()),
        "later": contract(ours, "Youth work", today() + timedelta(days=3 * 365)),
        "long_ago": contract(theirs, "Old grant", today() - timedelta(days=200)),
    }


def test_every_contract_the_dashboard_flags_is_in_the_forward_plan(contracts):
    flagged = set(Contract.objects.ending())
    assert flagged == {contracts[k] for k in ("soon", "horizon", "ended", "today")}
    planned = [
        d for d in selectors.forward_plan(months=12, today=today(), user=reader()) if d.kind == "Contract end"
    ]
    listed = {d.url for d in planned}
    assert {c.get_absolute_url() for c in flagged} <= listed
    assert contracts["later"].get_absolute_url() not in listed  # beyond the window
    assert contracts["long_ago"].get_absolute_url() not in listed  # ended long ago: done with


def test_the_contract_end_is_read_from_the_contract_with_its_extension_options(contracts):
    planned = {d.url: d for d in selectors.forward_plan(months=6, today=today(), user=reader())}
    soon = planned[contracts["soon"].get_absolute_url()]
    assert soon.when == contracts["soon"].end_date
    assert soon.what == "Contract ends: Family support (Action Kids), extension options 2 + 1 years"
    assert contracts["horizon"].get_absolute_url() not in planned  # 270 days is beyond six months
    services.update_contract(
        contract=contracts["horizon"],
        seen_version=contracts["horizon"].version,
        changes={"end_date": today() + timedelta(days=60)},
        acting_user=contracts["horizon"].strategy.accountable_commissioner,
    )
    planned = {d.url: d for d in selectors.forward_plan(months=6, today=today(), user=reader())}
    assert planned[contracts["horizon"].get_absolute_url()].when == today() + timedelta(days=60)


def test_the_forward_plan_page_lists_them(client, contracts, commissioner):
    client.force_login(commissioner)
    response = client.get(reverse("gateway:forward-plan"))  # by default, as far ahead as the dashboard looks
    assert response.status_code == 200
    assert "Contract ends: Road safety (Action Kids)" in response.content.decode()
    text = response.content.decode()
    assert "Contract ends: Family support (Action Kids), extension options 2 + 1 years" in text
    assert "Contract ends: Parenting groups (Action Kids)" in text


def test_a_confidential_contracts_end_is_withheld_from_who_may_not_read_it(contracts, commissioner2):
    secret = contracts["soon"]
    Contract.objects.filter(pk=secret.pk).update(confidential=True, exemption="3")
    outsider = {d.url for d in selectors.forward_plan(months=12, today=today(), user=commissioner2)}
    assert secret.get_absolute_url() not in outsider
    assert contracts["horizon"].get_absolute_url() in outsider  # commissioner2's own
    owner = {
        d.url
        for d in selectors.forward_plan(
            months=12, today=today(), user=secret.strategy.accountable_commissioner
        )
    }
    assert secret.get_absolute_url() in owner
