"""Search across everything the user may read (commissioning.search): each app's kinds in one index, grouped
by kind with the words highlighted, filtered by the pages' own rights; full text on PostgreSQL with near
misses by trigram, and the plain fallback with the same interface."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning import roles, search
from commissioning.models import SearchEntry
from delivery.models import Contract
from plans.models import Channel, CommissioningPlan, DeliveryOption, OptionsAppraisal
from strategies.models import Stage, Strategy

from .. import factories
from ..matrix import shared_world_fixture

pytestmark = pytest.mark.django_db


def _plan_with_contract(s, title, option_text, contract_title, provider, confidential=False):
    plan = CommissioningPlan.objects.create(
        strategy=s,
        cycle=s.cycle,
        title=title,
        confidential=confidential,
        exemption="3" if confidential else "",
    )
    appraisal = OptionsAppraisal.objects.create(plan=plan, title="How it is delivered")
    options = [
        DeliveryOption.objects.create(
            appraisal=appraisal, name=name, channel=Channel.EXTERNAL_CONTRACT, description=option_text
        )
        for name in ("Tender it", "Grant to the voluntary sector")
    ]
    contract = Contract.objects.create(
        strategy=s,
        plan=plan,
        option=options[0],
        title=contract_title,
        provider=provider,
        sector=Contract.Sector.VOLUNTARY,
        channel=Channel.EXTERNAL_CONTRACT,
        annual_value=Decimal("1000"),
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() + timedelta(days=700),
    )
    return plan, options, contract


def build():
    commissioner = factories.user(roles.COMMISSIONER, username="find-commissioner")
    other = factories.user(roles.COMMISSIONER, username="find-other")
    s = factories.strategy(commissioner=commissioner, title="Advocacy for young carers")
    plan, options, contract = _plan_with_contract(
        s,
        "Independent advocacy service plan",
        "Commission an advocacy service for carers aged 8 to 17.",
        "Young carers' advocacy contract",
        "VoiceAbility",
    )
    hidden = factories.strategy(commissioner=other, title="Public protection")
    secret_plan, _, secret = _plan_with_contract(
        hidden,
        "Enforcement plan",
        "Outsource enforcement.",
        "Enforcement contract",
        "Securitas Quandary Ltd",
        True,
    )
    return {
        "people": {"commissioner": commissioner, "other": other, "admin": factories.administrator()},
        "strategy": s,
        "plan": plan,
        "options": options,
        "contract": contract,
        "hidden": hidden,
        "secret": secret,
        "secret_plan": secret_plan,
    }


world = shared_world_fixture(build)


def found(results) -> dict[str, set[str]]:
    return {g.key: {h.url for h in g.hits} for g in results.groups}


def test_advocacy_finds_the_strategy_its_plan_options_and_contract(world):
    results = search.search(world["people"]["commissioner"], "advocacy")
    hits = found(results)
    assert world["strategy"].get_absolute_url() in hits["strategy"]
    assert world["plan"].get_absolute_url() in hits["plan"]
    assert len(next(g for g in results.groups if g.key == "option").hits) == 2
    assert world["contract"].get_absolute_url() in hits["contract"]
    assert not results.near_misses
    strategy_hit = next(g for g in results.groups if g.key == "strategy").hits[0]
    assert "<mark>Advocacy</mark>" in strategy_hit.title


def test_a_confidential_contracts_supplier_is_found_only_by_those_who_may_read_it(world):
    assert search.search(world["people"]["commissioner"], "Securitas Quandary").groups == []
    assert search.search(world["people"]["commissioner"], "Enforcement").groups == []  # its plan, options too
    for reader in ("other", "admin"):
        hits = found(search.search(world["people"][reader], "Securitas Quandary"))
        assert hits["contract"] == {world["secret"].get_absolute_url()}


def test_near_misses_by_trigram(world, on_postgres):
    results = search.search(world["people"]["commissioner"], "advocasy")
    assert results.near_misses
    assert world["strategy"].get_absolute_url() in found(results)["strategy"]


def test_filters_by_kind_stage_and_date(world):
    commissioner = world["people"]["commissioner"]
    assert set(found(search.search(commissioner, "advocacy", kinds=["contract"]))) == {"contract"}
    assert search.search(commissioner, "advocacy", scope={"stage": Stage.DO}).groups == []
    Strategy.objects.filter(pk=world["strategy"].pk).update(stage=Stage.DO)
    assert search.search(commissioner, "advocacy", scope={"stage": Stage.DO}).groups
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert search.search(commissioner, "advocacy", date_from=tomorrow, kinds=["plan"]).groups == []


def test_the_index_follows_saves_and_deletes(world):
    contract = Contract.objects.get(pk=world["contract"].pk)  # a copy: the world's is shared
    contract.provider = "Carers Voice"
    contract.save()
    assert found(search.search(world["people"]["commissioner"], "Carers Voice"))["contract"]
    contract.delete()
    assert not SearchEntry.objects.filter(kind="contract", object_id=world["contract"].pk).exists()


def test_deferred_writes_the_entries_on_leaving_in_the_order_they_were_saved(world):
    commissioner = world["people"]["commissioner"]
    with search.deferred():
        later = factories.strategy(commissioner=commissioner, title="Deferred befriending")
        earlier = factories.strategy(commissioner=commissioner, title="Deferred advocacy")
        gone = factories.strategy(commissioner=commissioner, title="Deferred and deleted")
        later.title = "Deferred befriending, renamed"
        later.save()  # saved again: its entry keeps its place
        gone.delete()
        Strategy.objects.filter(pk=earlier.pk).update(title="Deferred advocacy, dated")  # unseen by saving
        assert not SearchEntry.objects.filter(kind="strategy", object_id__in=[later.pk, earlier.pk]).exists()
    entries = SearchEntry.objects.filter(kind="strategy", object_id__in=[later.pk, earlier.pk, gone.pk])
    assert list(entries.order_by("pk").values_list("object_id", flat=True)) == [later.pk, earlier.pk]
    titles = set(entries.values_list("title", flat=True))
    assert titles == {
        f"{later.reference}: Deferred befriending, renamed",
        f"{earlier.reference}: Deferred advocacy, dated",
    }
    assert found(search.search(commissioner, "befriending"))["strategy"]


def test_the_fallback_answers_the_same(world, monkeypatch):
    monkeypatch.setattr(search, "on_postgres", lambda: False)
    hits = found(search.search(world["people"]["commissioner"], "advocacy"))
    assert {"strategy", "plan", "option", "contract"} <= set(hits)
    assert search.search(world["people"]["commissioner"], "Securitas").groups == []


def test_words_are_escaped_around_the_highlight():
    assert search.highlight("<b>advocacy</b> & more", ["advocacy"]) == (
        "&lt;b&gt;<mark>advocacy</mark>&lt;/b&gt; &amp; more"
    )


def test_queries_stay_constant_as_records_grow(world):
    commissioner = world["people"]["commissioner"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            search.search(commissioner, "advocacy")
        return len(queries)

    before = count()
    for i in range(3):
        _plan_with_contract(world["strategy"], f"Advocacy plan {i}", "advocacy", f"Advocacy {i}", "Provider")
    assert count() == before


def test_page_and_api(world, client):
    client.force_login(world["people"]["commissioner"])
    page = client.get(reverse("search"), {"q": "advocacy"})
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        "Contracts and providers" in html
        and "<mark>" in html
        and world["contract"].get_absolute_url() in html
    )
    assert 'role="search"' in client.get(reverse("home")).content.decode()  # the header's box
    bad = client.get(reverse("search"), {"q": "x", "date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()

    data = client.get("/api/search/", {"q": "advocacy", "kind": "contract"}).json()
    assert [g["kind"] for g in data["groups"]] == ["contract"]
    assert data["groups"][0]["hits"][0]["url"] == world["contract"].get_absolute_url()
    assert client.get("/api/search/", {"q": "Securitas Quandary"}).json()["total"] == 0
    assert client.get("/api/search/").status_code == 400
    client.logout()
    assert client.get("/api/search/", {"q": "advocacy"}).status_code in (401, 403)
