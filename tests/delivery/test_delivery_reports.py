"""Highlight reports and the golden thread (delivery.reports): status and direction respecting polarity,
filters, the trend chart's text alternative, the chains and gaps of the golden thread, and query counts
that stay the same however many KPIs there are."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery import charts, reports, selectors
from delivery.models import Contract, Kpi, Measurement
from delivery.performance import Position
from plans.models import Channel, CommissioningPlan, ContractKpi, DeliveryOption
from strategies.models import Outcome, Stage, Strategy

from .. import factories

pytestmark = pytest.mark.django_db


def period(i: int) -> date:
    return date(2024 + i // 12, i % 12 + 1, 28)


def make_kpi(
    strategy, name, *, target, actuals=(), polarity="higher", tolerance=0, unit="%", **fields
) -> Kpi:
    kpi = Kpi.objects.create(
        strategy=strategy,
        name=name,
        target=Decimal(str(target)),
        polarity=polarity,
        tolerance=Decimal(str(tolerance)),
        unit=unit,
        **fields,
    )
    who = strategy.accountable_commissioner
    for i, value in enumerate(actuals):
        Measurement.objects.create(kpi=kpi, period_end=period(i), value=Decimal(str(value)), recorded_by=who)
    return kpi


def rows(response) -> dict[str, str]:
    """The highlight table's body rows, keyed by the KPI's name (the row header's link text)."""
    html = response.content.decode()
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row in body.split('<tr class="govuk-table__row">')[1:]:
        name = re.search(r'<th scope="row"[^>]*><a [^>]*>([^<]+)</a>', row).group(1)
        found[name] = row
    return found


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


@pytest.fixture
def reader(scrutiny, client):
    """Someone signed in who is not the strategy's commissioner: everyone signed in reads the reports."""
    client.force_login(scrutiny)
    return client


@pytest.fixture
def kpis(own_strategy):
    outcome = Outcome.objects.create(strategy=own_strategy, title="Every child is safe at home")
    return {
        # 69% against 70%, 60% last time: not achieved, yet improving (seed 003).
        "higher": make_kpi(
            own_strategy, "Plans closed with needs met", target=70, actuals=[60, 69], outcome=outcome
        ),
        # Lower is better: 12 against 10, 15 last time: not achieved, improving.
        "lower": make_kpi(
            own_strategy,
            "Days from referral to first visit",
            target=10,
            actuals=[15, 12],
            polarity="lower",
            unit="days",
        ),
        # Lower is better: 9 against 10 is achieved, but up from 8 is worsening.
        "achieved": make_kpi(
            own_strategy,
            "Re-referrals within 12 months",
            target=10,
            actuals=[8, 9],
            polarity="lower",
            outcome=outcome,
        ),
        # Higher is better: 68.5 against 70 with a tolerance of 2 is within tolerance; unchanged.
        "within": make_kpi(own_strategy, "Families satisfied", target=70, tolerance=2, actuals=[68.5, 68.5]),
        "none": make_kpi(own_strategy, "Children seen alone", target=95),
    }


def strategy_url(s):
    return reverse("delivery:strategy-highlight", args=[s.pk])


class TestHighlight:
    def test_status_and_direction_respect_polarity(self, reader, own_strategy, kpis):
        found = {name: text(row) for name, row in rows(reader.get(strategy_url(own_strategy))).items()}
        higher = found["Plans closed with needs met"]
        assert "69%" in higher and "70%" in higher and "Higher is better" in higher
        assert "Not achieved" in higher and "↑ Improving compared with the previous period" in higher
        assert "Up from 60% to 69% (higher is better)" in higher
        lower = found["Days from referral to first visit"]
        assert "12 days" in lower and "10 days" in lower and "Lower is better" in lower
        assert "Not achieved" in lower and "Worsening" not in lower
        # The value fell, and for this KPI that is better: the arrow means better, and says so in words.
        assert "↑ Improving compared with the previous period" in lower
        assert "Down from 15 days to 12 days (lower is better)" in lower
        achieved = found["Re-referrals within 12 months"]
        assert "Achieved" in achieved and "Worsening" in achieved
        within = found["Families satisfied"]
        assert "Within tolerance" in within and "No change" in within and "tolerance 2%" in within
        none = found["Children seen alone"]
        assert "No actual yet" in none and "No actuals yet" in none

    def test_status_is_a_govuk_tag(self, reader, own_strategy, kpis):
        found = rows(reader.get(strategy_url(own_strategy)))
        assert (
            '<strong class="govuk-tag govuk-tag--red">Not achieved</strong>'
            in found["Plans closed with needs met"]
        )
        assert (
            '<strong class="govuk-tag govuk-tag--green">Achieved</strong>'
            in found["Re-referrals within 12 months"]
        )
        assert (
            '<strong class="govuk-tag govuk-tag--yellow">Within tolerance</strong>'
            in found["Families satisfied"]
        )
        assert (
            '<strong class="govuk-tag govuk-tag--grey">No actual yet</strong>' in found["Children seen alone"]
        )
        assert '<span aria-hidden="true">↑</span>' in found["Plans closed with needs met"]

    def test_summary_counts(self, reader, own_strategy, kpis):
        page = text(reader.get(strategy_url(own_strategy)).content.decode())
        assert "5 KPIs: 1 achieved, 1 within tolerance, 2 not achieved, 1 with no actual yet" in page
        assert "Against the previous period: 2 improving, 1 no change, 1 worsening" in page

    def test_outcome_shown_or_its_absence(self, reader, own_strategy, kpis):
        found = {name: text(row) for name, row in rows(reader.get(strategy_url(own_strategy))).items()}
        assert "Every child is safe at home" in found["Plans closed with needs met"]
        assert "None: it measures no outcome" in found["Days from referral to first visit"]

    @pytest.mark.parametrize(
        "query, expected",
        [
            (
                {"status": "not_achieved"},
                {"Plans closed with needs met", "Days from referral to first visit"},
            ),
            ({"status": "achieved"}, {"Re-referrals within 12 months"}),
            ({"status": "within_tolerance"}, {"Families satisfied"}),
            ({"status": "none"}, {"Children seen alone"}),
            (
                {"direction": "improving"},
                {"Plans closed with needs met", "Days from referral to first visit"},
            ),
            ({"direction": "worsening"}, {"Re-referrals within 12 months"}),
            ({"direction": "no_change"}, {"Families satisfied"}),
            (
                {"status": "not_achieved", "direction": "improving"},
                {"Plans closed with needs met", "Days from referral to first visit"},
            ),
        ],
    )
    def test_filters_by_status_and_direction(self, reader, own_strategy, kpis, query, expected):
        response = reader.get(strategy_url(own_strategy), query)
        assert set(rows(response)) == expected
        assert f"{len(expected)} KPI" in text(response.content.decode())

    def test_no_match_and_no_kpis_in_plain_words(self, reader, own_strategy, other_strategy, kpis):
        response = reader.get(strategy_url(own_strategy), {"status": "none", "direction": "improving"})
        assert "No KPIs match the filters." in response.content.decode()
        empty = reader.get(strategy_url(other_strategy)).content.decode()
        assert "No KPIs are recorded for this strategy yet." in empty
        main = empty.split("<main", 1)[1]  # no table or filters in the page (the header's search box aside)
        assert "<table" not in main and 'role="search"' not in main

    def test_the_trend_chart_is_svg_with_its_values_as_text(self, reader, own_strategy, kpis):
        found = rows(reader.get(strategy_url(own_strategy)))
        row = found["Plans closed with needs met"]
        kpi = kpis["higher"]
        name = f"kpi-{kpi.pk}-chart-title"
        assert f'role="img" aria-labelledby="{name}"' in row
        assert (
            f'<title id="{name}">Improving (higher is better): 60% in January 2024, 69% in February 2024; '
            "target 70%</title>"
        ) in row
        # Axes: the unit on the value axis, each period dated, the target a labelled dashed line.
        assert ">Per cent (%)</text>" in row and ">Jan 2024</text>" in row and ">Feb 2024</text>" in row
        assert 'class="app-chart__target"' in row and ">Target 70%</text>" in row
        assert "<polyline" in row and row.count('class="app-chart__point"') == 2
        assert "<title>February 2024: 69%</title>" in row  # each point's value, shown on hover
        lower = found["Days from referral to first visit"]
        assert (
            "Improving (lower is better): 15 days in January 2024, 12 days in February 2024; target 10 days"
            in lower
        )
        assert ">Days</text>" in lower
        within = found["Families satisfied"]
        assert 'class="app-chart__band"' in within and "tolerance 2%" in within
        assert 'class="app-chart__band"' not in row  # no tolerance, no band
        page = reader.get(strategy_url(own_strategy)).content.decode()
        assert "<script" not in page.split("<main", 1)[1]

    def test_contractual_kpi_shows_its_payment_deduction(self, reader, commissioner, own_strategy):
        plan = CommissioningPlan.objects.create(strategy=own_strategy, cycle=own_strategy.cycle, title="Plan")
        term = ContractKpi.objects.create(
            plan=plan,
            name="Families seen within 10 days",
            measurement="Monthly report",
            target="90%",
            payment_deduction="2% of the monthly payment for each month below target",
        )
        make_kpi(own_strategy, "Families seen within 10 days", target=90, actuals=[85], contract_kpi=term)
        make_kpi(own_strategy, "Not in the contract", target=90, actuals=[95])
        found = {name: text(row) for name, row in rows(reader.get(strategy_url(own_strategy))).items()}
        assert (
            "Payment deduction: 2% of the monthly payment for each month below target"
            in found["Families seen within 10 days"]
        )
        assert "First period" in found["Families seen within 10 days"]
        assert "Payment deduction" not in found["Not in the contract"]

    def test_signed_in_only_and_unknown_strategy(self, client, reader, own_strategy):
        assert reader.get(reverse("delivery:strategy-highlight", args=[999999])).status_code == 404
        client.logout()
        response = client.get(strategy_url(own_strategy))
        assert response.status_code == 302 and reverse("login") in response["Location"]
        assert client.get(reverse("delivery:highlight")).status_code == 302


class TestCouncilHighlight:
    @pytest.fixture
    def two(self, own_strategy, commissioner2, kpis):
        place = factories.strategy(
            commissioner=commissioner2,
            title="Roads are safe",
            directorate=factories.DirectorateFactory(name="Place"),
        )
        make_kpi(place, "Potholes fixed within 28 days", target=90, actuals=[80, 91])
        archived = factories.strategy(commissioner=commissioner2, title="Old strategy")
        Strategy.objects.filter(pk=archived.pk).update(stage=Stage.ARCHIVED)
        make_kpi(archived, "Archived KPI", target=1, actuals=[1])
        return place

    def test_every_live_strategys_kpis_with_the_strategy(self, reader, own_strategy, two):
        response = reader.get(reverse("delivery:highlight"))
        found = rows(response)
        assert "Potholes fixed within 28 days" in found and "Plans closed with needs met" in found
        assert "Archived KPI" not in found
        assert two.reference in found["Potholes fixed within 28 days"]
        assert "Place" in text(found["Potholes fixed within 28 days"])
        assert "6 KPIs: 2 achieved, 1 within tolerance, 2 not achieved, 1 with no actual yet" in text(
            response.content.decode()
        )

    def test_filters(self, reader, own_strategy, two):
        url = reverse("delivery:highlight")
        place = two.directorate
        assert set(rows(reader.get(url, {"directorate": place.pk}))) == {"Potholes fixed within 28 days"}
        assert set(rows(reader.get(url, {"q": "pothole"}))) == {"Potholes fixed within 28 days"}
        assert set(rows(reader.get(url, {"q": two.reference}))) == {"Potholes fixed within 28 days"}
        assert set(rows(reader.get(url, {"q": "SAFE AT HOME"}))) == {
            "Plans closed with needs met",
            "Re-referrals within 12 months",
        }
        achieved = rows(reader.get(url, {"status": "achieved", "direction": "improving"}))
        assert set(achieved) == {"Potholes fixed within 28 days"}
        response = reader.get(url, {"q": "nothing like this"})
        assert "No KPIs match the filters." in response.content.decode()

    def test_nothing_yet(self, reader):
        page = reader.get(reverse("delivery:highlight")).content.decode()
        assert "No KPIs are recorded for any live strategy yet." in page

    def test_each_row_is_drawn_from_the_actuals_of_the_pages_kpis_only(self, reader, two, monkeypatch):
        """The KPIs are counted in SQL; only the page's are read with their actuals (their latest two
        worked out in SQL too, as the counts are), and each row's chart is drawn from its KPI's actuals."""
        monkeypatch.setattr(reports, "PER_PAGE", 2)
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(reverse("delivery:highlight"))
        html = response.content.decode()
        assert "6 KPIs: 2 achieved, 1 within tolerance, 2 not achieved, 1 with no actual yet" in text(html)
        page = response.context["rows"]
        assert len(page) == 2 and all(r.position.series for r in page)
        actuals = [
            q["sql"] for q in queries.captured_queries if 'FROM "delivery_measurement" WHERE' in q["sql"]
        ]
        (read,) = [set(re.search(r'"kpi_id" IN \(([^)]*)\)', sql).group(1).split(", ")) for sql in actuals]
        assert read == {str(r.kpi.pk) for r in page}
        standing = selectors.with_standing(Kpi.objects.filter(pk__in=[r.kpi.pk for r in page])).in_bulk()
        for r in page:
            series = r.position.series
            assert (standing[r.kpi.pk].latest_value, standing[r.kpi.pk].previous_value) == (
                series[-1][1],
                series[-2][1],
            )
            alone = Kpi.objects.get(pk=r.kpi.pk)
            drawn = charts.trend(Position(alone, [(m.period_end, m.value) for m in alone.measurements.all()]))
            assert r.trend.svg == drawn.svg and drawn.svg in html


class TestStandingCounts:
    """The summary's counts (selectors.standing_counts) work out each KPI's standing in SQL from its latest
    two actuals, found once: they must agree with each KPI's own Position, whatever its polarity, series
    and tolerance, with the page's filters applied."""

    # name: (status, direction) as performance.Position has them
    EXPECTED = {
        "Higher, improving": ("not_achieved", "improving"),
        "Higher, worsening": ("achieved", "worsening"),
        "Lower, improving": ("not_achieved", "improving"),
        "Lower, worsening": ("achieved", "worsening"),
        "No actuals": (None, None),
        "One actual": ("not_achieved", None),
        "Unchanged within tolerance": ("within_tolerance", "no_change"),
        "Higher, at the edge of its tolerance": ("within_tolerance", "worsening"),
        "Higher, just past the tolerance": ("not_achieved", None),
        "Higher, at the target": ("achieved", "improving"),
        "Lower, at the edge of its tolerance": ("within_tolerance", "improving"),
        "Lower, just past the tolerance": ("not_achieved", "improving"),
        "Lower, at the target": ("achieved", "no_change"),
        "Latest period recorded first": ("achieved", "improving"),
        "Four periods, the last two worsening": ("within_tolerance", "worsening"),
    }

    @pytest.fixture
    def council(self, own_strategy, commissioner2):
        place = factories.strategy(
            commissioner=commissioner2,
            title="Roads are safe",
            directorate=factories.DirectorateFactory(name="Place"),
        )
        archived = factories.strategy(commissioner=commissioner2, title="Old strategy")
        Strategy.objects.filter(pk=archived.pk).update(stage=Stage.ARCHIVED)
        people = own_strategy
        make_kpi(people, "Higher, improving", target=70, actuals=[60, 69])
        make_kpi(people, "Higher, worsening", target=70, actuals=[75, 72])
        make_kpi(people, "Lower, improving", target=10, actuals=[15, 12], polarity="lower")
        make_kpi(people, "Lower, worsening", target=10, actuals=[8, 9], polarity="lower")
        make_kpi(people, "No actuals", target=95)
        make_kpi(people, "One actual", target=90, actuals=[85])
        make_kpi(people, "Unchanged within tolerance", target=70, tolerance=2, actuals=[68.5, 68.5])
        make_kpi(place, "Higher, at the edge of its tolerance", target=70, tolerance=2, actuals=[71, 68])
        make_kpi(place, "Higher, just past the tolerance", target=70, tolerance=2, actuals=[67.99])
        make_kpi(place, "Higher, at the target", target=70, actuals=[69, 70])
        edge = {"target": 10, "tolerance": 1.5, "polarity": "lower"}
        make_kpi(place, "Lower, at the edge of its tolerance", actuals=[12, 11.5], **edge)
        make_kpi(place, "Lower, just past the tolerance", actuals=[11.52, 11.51], **edge)
        make_kpi(place, "Lower, at the target", target=10, polarity="lower", actuals=[10, 10])
        shuffled = make_kpi(place, "Latest period recorded first", target=50)
        for i, value in [(2, 55), (0, 40), (1, 45)]:  # the newest has the lowest id
            Measurement.objects.create(
                kpi=shuffled, period_end=period(i), value=Decimal(value), recorded_by=commissioner2
            )
        make_kpi(
            place, "Four periods, the last two worsening", target=50, tolerance=5, actuals=[60, 58, 52, 47]
        )
        make_kpi(archived, "Archived", target=1, actuals=[1])
        return place

    @staticmethod
    def expected(kpis, status="", direction=""):
        """Each KPI's Position, of those at `status` and going `direction` (each when given)."""
        return [
            p
            for p in selectors.positions(kpis.prefetch_related("measurements"))
            if (not status or (p.status or selectors.NO_ACTUAL) == status)
            and (not direction or p.direction == direction)
        ]

    def test_the_council_is_varied(self, council):
        live = Kpi.objects.exclude(strategy__stage=Stage.ARCHIVED)
        assert {p.kpi.name: (p.status, p.direction) for p in self.expected(live)} == self.EXPECTED

    def test_counts_agree_with_each_kpis_own_position(self, council):
        live = Kpi.objects.exclude(strategy__stage=Stage.ARCHIVED)
        chosen = [
            live,
            live.filter(strategy__directorate=council.directorate),
            live.filter(name__icontains="lower"),
            Kpi.objects.filter(strategy=council),
            Kpi.objects.none(),
        ]
        for kpis in chosen:
            for status in ["", *selectors.STATUSES]:
                for direction in ["", *selectors.DIRECTIONS]:
                    expected = self.expected(kpis, status, direction)
                    statuses = Counter(p.status or selectors.NO_ACTUAL for p in expected)
                    directions = Counter(p.direction for p in expected)
                    found = selectors.standing_counts(kpis, status=status, direction=direction)
                    assert found == {
                        "total": len(expected),
                        "statuses": {s: statuses[s] for s in selectors.STATUSES},
                        "directions": {d: directions[d] for d in selectors.DIRECTIONS},
                    }, (kpis.query, status, direction)

    def test_counted_in_one_statement_that_reads_the_actuals_once(self, council):
        with CaptureQueriesContext(connection) as queries:
            selectors.standing_counts(Kpi.objects.exclude(strategy__stage=Stage.ARCHIVED), status="achieved")
        (counting,) = [q["sql"] for q in queries.captured_queries]
        # Each KPI's latest and previous actuals are found in one pass, not in a subquery per use.
        assert counting.count("delivery_measurement") == 1

    @pytest.mark.parametrize(
        "query",
        [
            {},
            {"directorate": "Place"},
            {"status": "within_tolerance"},
            {"direction": "improving"},
            {"directorate": "Place", "status": "achieved", "direction": "no_change"},
            {"q": "lower", "status": "not_achieved", "direction": "improving"},
        ],
    )
    def test_the_council_pages_summary_counts_what_its_filters_find(self, reader, council, query):
        kpis = Kpi.objects.exclude(strategy__stage=Stage.ARCHIVED)
        if "directorate" in query:
            query = {**query, "directorate": council.directorate_id}
            kpis = kpis.filter(strategy__directorate=council.directorate)
        if "q" in query:
            kpis = kpis.filter(name__icontains=query["q"])
        expected = self.expected(kpis, query.get("status", ""), query.get("direction", ""))
        response = reader.get(reverse("delivery:highlight"), query)
        assert response.context["summary"] == reports.summary(expected)
        assert set(rows(response)) == {p.kpi.name for p in expected}


# The golden thread -----------------------------------------------------------------------------------------


@pytest.fixture
def threaded(own_strategy, commissioner):
    """A strategy in Plan with a complete plan (two services serving its outcome, an adopted contract
    option), two contracts, and each kind of gap."""
    s = factories.advance(own_strategy, factories.Reached.IN_PLAN)
    plan = factories.complete_plan(s, commissioner, approved=False)
    served = s.outcomes.get(title="Children are safe and healthy")
    lonely = Outcome.objects.create(strategy=s, title="Adults live independently")
    option = DeliveryOption.objects.get(appraisal__plan=plan, channel=Channel.EXTERNAL_CONTRACT)

    def contract(title):
        return Contract.objects.create(
            strategy=s,
            plan=plan,
            option=option,
            title=title,
            provider="Action Kids",
            sector=Contract.Sector.VOLUNTARY,
            channel=Channel.EXTERNAL_CONTRACT,
            annual_value=Decimal("1200000"),
            start_date=date(2025, 4, 1),
            end_date=date(2029, 3, 31),
        )

    measured = contract("Family support contract")
    unmeasured = contract("Parenting groups contract")
    seen = make_kpi(
        s, "Families seen within 10 days", target=90, actuals=[80, 85], outcome=served, contract=measured
    )
    orphan = make_kpi(s, "Calls answered", target=95, actuals=[96])
    return {
        "strategy": s,
        "plan": plan,
        "served": served,
        "lonely": lonely,
        "measured": measured,
        "unmeasured": unmeasured,
        "seen": seen,
        "orphan": orphan,
    }


def thread_url(s):
    return reverse("delivery:golden-thread", args=[s.pk])


def section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


class TestGoldenThread:
    def test_the_thread_and_its_gaps(self, threaded):
        t = reports.thread(threaded["strategy"], threaded["strategy"].accountable_commissioner)
        assert [o.outcome for o in t.outcomes] == [threaded["served"], threaded["lonely"]]
        served = t.outcomes[0]
        assert [link.service.name for link in served.services] == [
            "Family support for children in need",
            "Parenting groups",
        ]
        delivery = served.services[0].deliveries[0]
        assert delivery.option.channel == Channel.EXTERNAL_CONTRACT
        assert delivery.contracts == [threaded["measured"], threaded["unmeasured"]]
        assert [p.kpi for p in served.kpis] == [threaded["seen"]]
        assert t.undelivered == [threaded["lonely"]]
        assert t.unmeasured == [threaded["lonely"]]
        assert t.orphan_kpis == [threaded["orphan"]]
        assert t.contracts_without_kpis == [threaded["unmeasured"]]
        assert t.gap_count == 4
        back = {link.contract: link for link in t.contracts}
        assert back[threaded["measured"]].outcomes == [threaded["served"]]
        assert [p.kpi for p in back[threaded["measured"]].kpis] == [threaded["seen"]]
        assert len(back[threaded["unmeasured"]].services) == 2

    def test_the_page_shows_chains_down(self, reader, threaded):
        html = reader.get(thread_url(threaded["strategy"])).content.decode()
        served = text(section(html, f'id="outcome-{threaded["served"].pk}"', "</dl>"))
        assert "Family support for children in need" in served and "Parenting groups" in served
        assert (
            "Channel: External: contract Adopted option: Tender a four-year family support contract" in served
        )
        assert "Family support contract" in served and "Parenting groups contract" in served
        assert "Families seen within 10 days Not achieved ↑ Improving" in served
        lonely = text(section(html, f'id="outcome-{threaded["lonely"].pk}"', "</dl>"))
        assert "Gap No planned service delivers this outcome." in lonely
        assert "Gap No KPI measures this outcome." in lonely

    def test_the_page_names_each_kind_of_gap(self, reader, threaded):
        html = reader.get(thread_url(threaded["strategy"])).content.decode()
        gaps = text(section(html, 'id="gaps"', 'id="outcomes"'))
        assert "4 gaps in the golden thread" in gaps
        assert "Outcomes no service delivers Adults live independently" in gaps
        assert "Outcomes no KPI measures Adults live independently" in gaps
        assert "KPIs that measure no outcome Calls answered" in gaps
        assert "Contracts with no KPI Parenting groups contract (Action Kids)" in gaps

    def test_the_page_shows_chains_back_up(self, reader, threaded):
        html = reader.get(thread_url(threaded["strategy"])).content.decode()
        back = html.split('id="back-up"', 1)[1]
        kpi_table, contract_table = back.split("From each contract to the outcomes it serves", 1)
        kpi_table = kpi_table.split("</tbody>", 1)[0]
        kpi_rows = [text(r) for r in kpi_table.split('<tr class="govuk-table__row">')[2:]]
        assert kpi_rows == [
            "Families seen within 10 days Not achieved Family support contract Children are safe and healthy",
            "Calls answered Achieved Not contractual Gap It measures no outcome",
        ]
        contract_table = contract_table.split("</tbody>", 1)[0]
        contracts = [text(r) for r in contract_table.split('<tr class="govuk-table__row">')[2:]]
        assert contracts[0].startswith("Family support contract")
        assert (
            "Children are safe and healthy" in contracts[0] and "Families seen within 10 days" in contracts[0]
        )
        assert contracts[1].startswith("Parenting groups contract") and contracts[1].endswith("Gap No KPI")

    def test_only_the_current_cycles_plans(self, reader, threaded):
        s = threaded["strategy"]
        Strategy.objects.filter(pk=s.pk).update(cycle=2)
        s.refresh_from_db()
        t = reports.thread(s, s.accountable_commissioner)
        assert t.plans == [] and t.contracts == []
        assert t.undelivered == [threaded["served"], threaded["lonely"]]
        assert "There is no commissioning plan in cycle 2 yet" in reader.get(thread_url(s)).content.decode()

    def test_no_gaps_said_plainly(self, reader, threaded):
        threaded["lonely"].delete()
        threaded["orphan"].delete()
        make_kpi(
            threaded["strategy"],
            "Groups attended",
            target=50,
            outcome=threaded["served"],
            contract=threaded["unmeasured"],
        )
        html = reader.get(thread_url(threaded["strategy"])).content.decode()
        assert "No gaps: every outcome is delivered by a planned service and measured by a KPI" in html

    def test_no_outcomes(self, reader, other_strategy):
        html = reader.get(thread_url(other_strategy)).content.decode()
        assert "This strategy has no outcomes yet." in html
        assert "No KPIs are recorded for this strategy yet." in html


# Query counts ----------------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm any per-process caches first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_kpis(strategy, n, outcome=None, contract=None, start=0):
    for i in range(start, start + n):
        make_kpi(
            strategy,
            f"KPI {i}",
            target=50,
            actuals=[40 + i, 45 + i, 50 + i],
            polarity="lower" if i % 2 else "higher",
            outcome=outcome,
            contract=contract,
        )


class TestQueryCounts:
    def test_strategy_highlight(self, reader, own_strategy):
        outcome = Outcome.objects.create(strategy=own_strategy, title="Children are safe")
        add_kpis(own_strategy, 2, outcome=outcome)
        url = strategy_url(own_strategy)
        few = count_queries(reader, url)
        add_kpis(own_strategy, 8, outcome=outcome, start=2)
        assert count_queries(reader, url) == few
        assert len(rows(reader.get(url))) == 10

    def test_council_highlight(self, reader, own_strategy, other_strategy):
        add_kpis(own_strategy, 2)
        url = reverse("delivery:highlight")
        few = count_queries(reader, url)
        add_kpis(other_strategy, 8, start=2)
        assert count_queries(reader, url) == few
        # Filtered in SQL: a page with no rows to show reads no actuals, so never more queries.
        assert count_queries(reader, url + "?status=achieved&direction=worsening&q=KPI") <= few

    def test_golden_thread(self, reader, threaded):
        url = thread_url(threaded["strategy"])
        few = count_queries(reader, url)
        add_kpis(threaded["strategy"], 8, outcome=threaded["served"], contract=threaded["unmeasured"])
        Outcome.objects.create(strategy=threaded["strategy"], title="Another outcome")
        assert count_queries(reader, url) == few

    def test_highlight_whether_its_kpis_are_in_a_commercial_model_or_not(self, reader, threaded):
        """Whether a contract and a commercial model are exempt is read in one query however the page's KPIs
        are bound: a page with a contractual KPI reads no more than one with a contract's KPI only."""
        url = strategy_url(threaded["strategy"])
        few = count_queries(reader, url)
        term = ContractKpi.objects.create(
            plan=threaded["plan"], name="Families seen", measurement="Monthly", target="90%"
        )
        make_kpi(threaded["strategy"], "Families seen", target=90, actuals=[85], contract_kpi=term)
        assert count_queries(reader, url) == few
        assert "Families seen" in rows(reader.get(url))
