"""Options appraised against the status quo (issue 15): the README's worked example, computed by the code
and shown by the page, the API and the meeting pack with the same figures; choosing the baseline; the
checklist asking for one; gross figures until it is chosen; and the migration choosing one for old rows."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from plans import checklist, services
from plans.appraisal import against_baseline, compare, net_present_cost
from plans.models import DeliveryOption, OptionsAppraisal

from .. import factories
from ..api.api_support import token_client
from .test_plans import option

# README "Options appraisal: figures against the status quo": two years at 10%.
YEARS, RATE = 2, Decimal(10)
STATUS_QUO = ("Current arrangements", "internal", 0, 2420, 0)
CONTRACT = ("Contract out", "external_contract", 300, 2178, 121)
REBUILD = ("Rebuild in-house", "internal", 1000, 2299, 0)


def _options(appraisal):
    made = []
    for name, channel, one_off, cost, benefit in (STATUS_QUO, CONTRACT, REBUILD):
        made.append(
            option(appraisal, name, channel, one_off, cost, benefit, value_for_money_evidence="Benchmarked")
        )
    return made


@pytest.fixture
def plan(own_strategy, commissioner):
    s = factories.advance(own_strategy, factories.Reached.IN_PLAN)
    return services.create_plan(strategy=s, acting_user=commissioner, title="Family support")


@pytest.fixture
def readme(plan, commissioner):
    """The README's appraisal, with its baseline chosen through the service."""
    a = OptionsAppraisal.objects.create(plan=plan, title="Family support", years=YEARS, discount_rate=RATE)
    status_quo, contract, rebuild = _options(a)
    services.choose_baseline(appraisal=a, option=status_quo, seen_version=a.version, acting_user=commissioner)
    return OptionsAppraisal.objects.get(pk=a.pk), status_quo, contract, rebuild


class TestTheWorkedExample:
    """By hand: discount factors 1/1.1 and 1/1.21."""

    def test_net_present_cost(self):
        status_quo, contract, rebuild = (
            DeliveryOption(one_off_cost=Decimal(o), annual_cost=Decimal(c), annual_benefit=Decimal(b))
            for _n, _ch, o, c, b in (STATUS_QUO, CONTRACT, REBUILD)
        )
        assert net_present_cost(status_quo, YEARS, RATE) == Decimal("4200.00")  # 2200 + 2000
        assert net_present_cost(contract, YEARS, RATE) == Decimal("4080.00")  # 300 + 1980 + 1800
        assert net_present_cost(rebuild, YEARS, RATE) == Decimal("4990.00")  # 1000 + 2090 + 1900

    def test_against_the_status_quo(self):
        status_quo, contract, rebuild = (
            DeliveryOption(one_off_cost=Decimal(o), annual_cost=Decimal(c), annual_benefit=Decimal(b))
            for _n, _ch, o, c, b in (STATUS_QUO, CONTRACT, REBUILD)
        )
        # Contract out: 242 a year saved + 121 a year more benefit = 363 a year: 330 + 300 = 630; costs 300 now.
        figures = against_baseline(contract, status_quo, YEARS, RATE)
        assert (figures.pv_benefits, figures.pv_costs, figures.npv) == (
            Decimal("630.00"),
            Decimal("300.00"),
            Decimal("330.00"),
        )
        assert (figures.roi, figures.bcr, figures.payback_year) == (Decimal("110.0"), Decimal("2.10"), 1)
        # Rebuild in-house: 121 a year saved = 110 + 100 = 210; costs 1,000 now; never pays back in 2 years.
        figures = against_baseline(rebuild, status_quo, YEARS, RATE)
        assert (figures.pv_benefits, figures.pv_costs, figures.npv) == (
            Decimal("210.00"),
            Decimal("1000.00"),
            Decimal("-790.00"),
        )
        assert (figures.roi, figures.bcr, figures.payback_year) == (Decimal("-79.0"), Decimal("0.21"), None)

    def test_a_benefit_lost_is_a_cost_and_a_cost_saved_a_benefit(self):
        status_quo = DeliveryOption(one_off_cost=0, annual_cost=Decimal(1100), annual_benefit=Decimal(220))
        cheaper = DeliveryOption(one_off_cost=0, annual_cost=Decimal(990), annual_benefit=Decimal(0))
        figures = against_baseline(cheaper, status_quo, 1, RATE)  # 110 saved, 220 lost, one year at 10%
        assert (figures.pv_benefits, figures.pv_costs, figures.npv) == (
            Decimal("100.00"),
            Decimal("200.00"),
            Decimal("-100.00"),
        )
        assert (figures.bcr, figures.payback_year) == (Decimal("0.50"), None)

    def test_the_same_as_the_status_quo_costs_nothing_extra(self):
        same = DeliveryOption(one_off_cost=0, annual_cost=Decimal(5), annual_benefit=Decimal(5))
        figures = against_baseline(same, same, 3, Decimal("3.5"))
        assert (figures.npv, figures.roi, figures.bcr, figures.payback_year) == (
            Decimal("0.00"),
            None,
            None,
            1,
        )


@pytest.mark.django_db
class TestShown:
    def test_compare_marks_the_baseline_and_counts_the_others_against_it(self, readme):
        a, status_quo, contract, rebuild = readme
        rows = {r.option.pk: r for r in compare(a)}
        assert rows[status_quo.pk].is_baseline and rows[status_quo.pk].against_baseline is None
        assert rows[contract.pk].against_baseline.npv == Decimal("330.00")
        assert rows[rebuild.pk].net_present_cost == Decimal("4990.00")

    def test_the_page_shows_the_readme_figures(self, client, readme, commissioner, no_throttle):
        a, *_ = readme
        client.force_login(commissioner)
        page = client.get(reverse("plans:appraisal", args=[a.plan_id, a.pk])).content.decode()
        assert "compared with the status quo, <strong>Current arrangements</strong>" in page
        for shown in [
            "Net present value against the status quo",
            "£4,200",
            "£4,080",
            "£4,990",
            "£330",
            "−£790",
            "110.0%",
            "−79.0%",
            "2.10",
            "0.21",
            "Year 1",
            "Not within 2 years",
        ]:
            assert shown in page, shown
        assert "gross: no baseline chosen" not in page

    def test_the_api_gives_the_same_figures(self, readme, commissioner):
        a, status_quo, contract, rebuild = readme
        body = token_client(commissioner).get(f"/api/plans/{a.plan_id}/").json()
        appraisal = next(x for x in body["appraisals"] if x["id"] == a.pk)
        assert appraisal["baseline_option"] == status_quo.pk
        by_id = {o["id"]: o for o in appraisal["options"]}
        assert by_id[status_quo.pk]["is_baseline"] and by_id[status_quo.pk]["against_baseline"] is None
        assert by_id[status_quo.pk]["net_present_cost"] == "4200.00"
        assert by_id[contract.pk]["net_present_cost"] == "4080.00"
        assert by_id[contract.pk]["against_baseline"] == {
            "pv_benefits": "630.00",
            "pv_costs": "300.00",
            "npv": "330.00",
            "roi": "110.0",
            "bcr": "2.10",
            "payback_year": 1,
        }
        assert by_id[rebuild.pk]["against_baseline"] == {
            "pv_benefits": "210.00",
            "pv_costs": "1000.00",
            "npv": "-790.00",
            "roi": "-79.0",
            "bcr": "0.21",
            "payback_year": None,
        }

    def test_the_pack_shows_the_same_figures(self, readme):
        from meetings.items.plan import _appraisal

        a, status_quo, contract, rebuild = readme
        loaded = OptionsAppraisal.objects.prefetch_related("criteria", "options__scores", "services").get(
            pk=a.pk
        )
        report = _appraisal(loaded)
        assert report["baseline"] == status_quo
        shown = {o["option"].pk: o["shown"] for o in report["options"]}
        assert {k: shown[contract.pk][k] for k in ("net_present_cost", "npv", "roi", "bcr", "payback")} == {
            "net_present_cost": "£4,080",
            "npv": "£330",
            "roi": "110.0%",
            "bcr": "2.10",
            "payback": "Year 1",
        }
        assert (shown[rebuild.pk]["npv"], shown[rebuild.pk]["payback"]) == ("−£790", "Not within 2 years")
        assert shown[status_quo.pk]["npv"] == "Baseline"


@pytest.mark.django_db
class TestChoosingTheBaseline:
    def test_until_chosen_the_page_asks_and_shows_gross_figures(
        self, client, plan, commissioner, no_throttle
    ):
        a = OptionsAppraisal.objects.create(
            plan=plan, title="Family support", years=YEARS, discount_rate=RATE
        )
        status_quo, *_ = _options(a)
        client.force_login(commissioner)
        url = reverse("plans:appraisal", args=[plan.pk, a.pk])
        page = client.get(url).content.decode()
        assert "No baseline is chosen, so the figures below are gross" in page
        assert "Return on investment (gross: no baseline chosen)" in page
        item = next(i for i in checklist.build(plan) if i.key == f"appraisal_{a.pk}")
        assert "choose the baseline" in item.missing.lower()

        response = client.post(
            reverse("plans:baseline", args=[plan.pk, a.pk]),
            {"baseline-seen_version": a.version, "baseline-option": status_quo.pk},
        )
        assert response.status_code == 302
        a = OptionsAppraisal.objects.get(pk=a.pk)
        assert a.baseline_option == status_quo and a.version == 2
        assert a.history.first().history_user == commissioner
        assert "Net present value against the status quo" in client.get(url).content.decode()
        item = next(i for i in checklist.build(plan) if i.key == f"appraisal_{a.pk}")
        assert "baseline" not in item.missing.lower()

    def test_no_choice_is_a_clear_message(self, client, plan, commissioner, no_throttle):
        a = OptionsAppraisal.objects.create(plan=plan, title="Family support")
        _options(a)
        client.force_login(commissioner)
        response = client.post(
            reverse("plans:baseline", args=[plan.pk, a.pk]), {"baseline-seen_version": a.version}
        )
        assert response.status_code == 400
        assert "Select the option that carries on as now" in response.content.decode()
        assert OptionsAppraisal.objects.get(pk=a.pk).baseline_option is None

    def test_only_those_who_may_edit_the_plan_choose_it(self, client, plan, commissioner2, no_throttle):
        a = OptionsAppraisal.objects.create(plan=plan, title="Family support")
        status_quo, *_ = _options(a)
        client.force_login(commissioner2)
        response = client.post(
            reverse("plans:baseline", args=[plan.pk, a.pk]),
            {"baseline-seen_version": a.version, "baseline-option": status_quo.pk},
        )
        assert response.status_code == 403
        assert OptionsAppraisal.objects.get(pk=a.pk).baseline_option is None

    def test_removing_the_baseline_option_leaves_none_chosen(self, readme, commissioner):
        a, status_quo, *_ = readme
        services.delete_option(
            appraisal=a, option_pk=status_quo.pk, seen_version=status_quo.version, acting_user=commissioner
        )
        assert OptionsAppraisal.objects.get(pk=a.pk).baseline_option is None


@pytest.mark.django_db
def test_the_migration_chooses_an_option_named_as_the_status_quo(plan):
    migration = importlib.import_module("plans.migrations.0004_appraisal_baseline")
    named = OptionsAppraisal.objects.create(plan=plan, title="Named")
    option(named, "Tender a new contract", "external_contract")
    keep = option(named, "Keep the current contract", "external_contract")
    do_nothing = option(named, "Do nothing", "decommission")
    unnamed = OptionsAppraisal.objects.create(plan=plan, title="Unnamed")
    option(unnamed, "Tender", "external_contract")
    option(unnamed, "In-house", "internal")
    migration.choose_baselines(apps, None)
    assert OptionsAppraisal.objects.get(pk=named.pk).baseline_option == do_nothing  # the plainest name wins
    assert OptionsAppraisal.objects.get(pk=unnamed.pk).baseline_option is None
    assert keep.pk  # found too, but "do nothing" says it more plainly
