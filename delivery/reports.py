"""Highlight reports and the golden thread (DOMAIN.md "Performance reporting"; seed 003: direction of travel
and polarity; seed 004: the tiers political → strategic → tactical → service management).

Both read everything they need in a fixed number of queries, however many KPIs, actuals, services or
contracts there are: related rows come by select_related/prefetch_related, and the chains are worked out in
Python. A highlight report filters on status and direction, counts them and pages in SQL (neither is
stored: selectors.with_standing and standing_counts work them out), and reads the actuals of only the page's
KPIs.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Value
from django.shortcuts import get_object_or_404, render

import plans.permissions
from commissioning import csvexport, formatting
from commissioning.models import Directorate
from commissioning.pagecache import cached_page
from commissioning.permissions import require
from plans.models import CommissioningPlan, OptionsAppraisal, PlannedService
from strategies.models import Stage, Strategy

from . import charts, performance, selectors
from .models import Contract
from .permissions import can_view, readable_contracts

NO_ACTUAL = selectors.NO_ACTUAL
PER_PAGE = 50

STATUS_CHOICES = [
    ("", "All"),
    (performance.ACHIEVED, "Achieved"),
    (performance.WITHIN, "Within tolerance"),
    (performance.NOT_ACHIEVED, "Not achieved"),
    (NO_ACTUAL, "No actual yet"),
]
DIRECTION_CHOICES = [
    ("", "All"),
    (performance.IMPROVING, "Improving"),
    (performance.NO_CHANGE, "No change"),
    (performance.WORSENING, "Worsening"),
]


class StrategyHighlightFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    direction = forms.ChoiceField(label="Direction of travel", required=False, choices=DIRECTION_CHOICES)


class HighlightFilterForm(StrategyHighlightFilterForm):
    q = forms.CharField(label="Search", required=False, max_length=200, help_text="KPI, strategy or outcome")
    directorate = forms.ModelChoiceField(
        label="Directorate", required=False, queryset=Directorate.objects.all(), empty_label="All"
    )

    field_order = ["q", "directorate", "status", "direction"]


# Presentation helpers --------------------------------------------------------------------------------------


def amount(value: Decimal | None, unit: str) -> str:
    """A value with its unit, written the one way the whole app writes it (commissioning.formatting)."""
    return formatting.quantity(value, unit)


@dataclass
class Row:
    """One KPI of a highlight report: its position, and what the template shows of it."""

    position: performance.Position
    trend: charts.Trend | None = None
    exempt: bool = False  # its contract or commercial model is withheld from this reader (_mark_exempt)

    @property
    def kpi(self):
        return self.position.kpi

    @property
    def target(self) -> str:
        return amount(self.kpi.target, self.kpi.unit)

    @property
    def actual(self) -> str:
        latest = self.position.latest
        return amount(latest[1], self.kpi.unit) if latest else ""

    @property
    def previous(self) -> str:
        previous = self.position.previous
        return amount(previous[1], self.kpi.unit) if previous else ""

    @property
    def tolerance(self) -> str:
        return amount(self.kpi.tolerance, self.kpi.unit) if self.kpi.tolerance else ""

    @property
    def deduction(self) -> str | None:
        """A contractual KPI's payment deduction; None when the KPI is not in a commercial model."""
        if self.kpi.contract_kpi_id is None:
            return None
        return self.kpi.contract_kpi.payment_deduction or "None stated"


def summary(positions) -> dict:
    """Counts by status and by direction, with a sentence each: '12 KPIs: 7 achieved, 3 within tolerance,
    2 not achieved'."""
    statuses = Counter(p.status or NO_ACTUAL for p in positions)
    directions = Counter(p.direction for p in positions if p.direction)
    return _summary(len(positions), statuses, directions)


def summary_of(kpis, *, status: str = "", direction: str = "") -> dict:
    """summary(), counted in the database: of `kpis` (filtered, not annotated), those at `status` and going
    `direction` when given (selectors.standing_counts)."""
    counts = selectors.standing_counts(kpis, status=status, direction=direction)
    statuses = Counter({k: n for k, n in counts["statuses"].items() if n})
    directions = Counter({k: n for k, n in counts["directions"].items() if n})
    return _summary(counts["total"], statuses, directions)


def _summary(total: int, statuses: Counter, directions: Counter) -> dict:
    parts = [
        f"{statuses[performance.ACHIEVED]} achieved",
        f"{statuses[performance.WITHIN]} within tolerance",
        f"{statuses[performance.NOT_ACHIEVED]} not achieved",
    ]
    if statuses[NO_ACTUAL]:
        parts.append(f"{statuses[NO_ACTUAL]} with no actual yet")
    status_text = f"{total} KPI{'s' if total != 1 else ''}" + (f": {', '.join(parts)}" if total else "")
    direction_text = ""
    if directions:
        direction_text = "Against the previous period: " + ", ".join(
            [
                f"{directions[performance.IMPROVING]} improving",
                f"{directions[performance.NO_CHANGE]} no change",
                f"{directions[performance.WORSENING]} worsening",
            ]
        )
    return {
        "total": total,
        "statuses": statuses,
        "directions": directions,
        "text": status_text,
        "direction_text": direction_text,
    }


# Highlight reports -----------------------------------------------------------------------------------------


def _mark_exempt(user, rows) -> None:
    """A KPI's contract, or its payment deduction from a commercial model, is exempt information when the
    contract or the plan is confidential and this person may not read it: the row says so, without naming it."""
    contract_ids = {r.kpi.contract_id for r in rows if r.kpi.contract_id}
    plan_ids = {r.kpi.contract_kpi.plan_id for r in rows if r.kpi.contract_kpi_id}
    # Both read in one query (UNION ALL), however many of the page's KPIs have a contract or a commercial
    # model: as many queries whichever KPIs a page shows.
    contracts = readable_contracts(user, Contract.objects.filter(pk__in=contract_ids))
    plan_rows = plans.permissions.readable(user, CommissioningPlan.objects.filter(pk__in=plan_ids))
    readable = set(
        contracts.annotate(source=Value("contract"))
        .values_list("pk", "source")
        .order_by()
        .union(plan_rows.annotate(source=Value("plan")).values_list("pk", "source").order_by(), all=True)
    )
    readable_contract_ids = {pk for pk, source in readable if source == "contract"}
    readable_plan_ids = {pk for pk, source in readable if source == "plan"}
    for r in rows:
        r.exempt = (r.kpi.contract_id in contract_ids - readable_contract_ids) or (
            r.kpi.contract_kpi_id is not None and r.kpi.contract_kpi.plan_id not in readable_plan_ids
        )


def _highlight(request, kpis, form, strategy=None):
    """Filtered, counted and paged in SQL; only the page's KPIs are read with their actuals."""
    status = direction = ""
    if form.is_valid():
        status, direction = form.cleaned_data["status"], form.cleaned_data["direction"]
    # The rows' positions are worked out from their actuals: the standing is only filtered by, not selected.
    listed = selectors.with_standing(kpis, selected=False)
    if status:
        listed = listed.filter(standing=status)
    if direction:
        listed = listed.filter(travel=direction)
    if csvexport.wanted(request):
        return _highlight_csv(request, listed, strategy)
    found = summary_of(kpis, status=status, direction=direction)
    paginator = Paginator(listed, PER_PAGE)
    paginator.count = found["total"]  # counted with the summary: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = selectors.positions(page.object_list)
    rows = [Row(p, charts.trend(p)) for p in page.object_list]
    _mark_exempt(request.user, rows)
    places = selectors.locality_breakdowns([row.kpi for row in rows])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "delivery/highlight.html",
        {
            "strategy": strategy,
            "form": form,
            "page": page,
            "rows": rows,
            "places": [places[row.kpi.pk] for row in rows if row.kpi.pk in places],
            "summary": found,
            "filtered": any(v.strip() for k, v in request.GET.items() if k != "page"),
            "query": query.urlencode(),
        },
    )


def _highlight_csv(request, kpis, strategy):
    """Every KPI the filters find (not one page), as CSV; an exempt contract withheld as on the page."""
    rows = [Row(p) for p in selectors.positions(list(kpis))]
    _mark_exempt(request.user, rows)
    header = [
        "KPI",
        "Strategy",
        "Directorate",
        "Outcome it measures",
        "Target",
        "Better when",
        "Latest actual",
        "Period ending",
        "Status",
        "Direction of travel",
        "Contract",
    ]
    lines = (
        [
            r.kpi.name,
            str(r.kpi.strategy),
            str(r.kpi.strategy.directorate),
            r.kpi.outcome.title if r.kpi.outcome else "",
            r.target,
            r.kpi.get_polarity_display(),
            r.actual,
            r.position.latest[0].isoformat() if r.position.latest else "",
            r.position.status_label,
            r.position.direction_label if r.position.direction else "",
            "Confidential (exempt information, withheld)"
            if r.exempt
            else (r.kpi.contract.title if r.kpi.contract else ""),
        ]
        for r in rows
    )
    name = f"highlight-report-{strategy.reference}" if strategy else "highlight-report"
    return csvexport.response(name, header, lines)


@cached_page
def strategy_highlight(request, pk):
    """One strategy's KPIs: where each stands, which way it is going, and its trend."""
    require(can_view(request.user))
    strategy = get_object_or_404(Strategy.objects.select_related("directorate"), pk=pk)
    form = StrategyHighlightFilterForm(request.GET or None)
    kpis = selectors.kpis_with_actuals().filter(strategy=strategy).order_by("pk")
    return _highlight(request, kpis, form, strategy=strategy)


@cached_page
def council_highlight(request):
    """Every live strategy's KPIs across the council (archived strategies are left out)."""
    require(can_view(request.user))
    form = HighlightFilterForm(request.GET or None)
    kpis = selectors.kpis_with_actuals().exclude(strategy__stage=Stage.ARCHIVED)
    if form.is_valid():
        data = form.cleaned_data
        if data["directorate"]:
            kpis = kpis.filter(strategy__directorate=data["directorate"])
        if data["q"]:
            q = data["q"].strip()
            kpis = kpis.filter(
                Q(name__icontains=q)
                | Q(strategy__title__icontains=q)
                | Q(strategy__reference__icontains=q)
                | Q(outcome__title__icontains=q)
                | Q(contract__title__icontains=q)
                | Q(contract__provider__icontains=q)
            )
    kpis = kpis.order_by("strategy__reference", "pk")
    return _highlight(request, kpis, form)


# The golden thread -----------------------------------------------------------------------------------------


@dataclass
class ServiceLink:
    """A planned service and how it is delivered: the adopted option of each appraisal covering it."""

    service: PlannedService
    deliveries: list = field(default_factory=list)  # [Delivery]


@dataclass
class Delivery:
    appraisal: OptionsAppraisal
    option: object | None  # the adopted DeliveryOption, or None when none is adopted yet
    contracts: list = field(default_factory=list)


@dataclass
class OutcomeThread:
    outcome: object
    services: list = field(default_factory=list)  # [ServiceLink]
    kpis: list = field(default_factory=list)  # [Position]


@dataclass
class ContractLink:
    contract: Contract
    services: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    kpis: list = field(default_factory=list)  # [Position]
    adopted: bool = True  # False when its option is no longer the one the appraisal adopted


@dataclass
class GoldenThread:
    outcomes: list  # [OutcomeThread]
    kpis: list  # [Position], every KPI of the strategy
    contracts: list  # [ContractLink]
    plans: list

    @property
    def undelivered(self):
        return [t.outcome for t in self.outcomes if not t.services]

    @property
    def unmeasured(self):
        return [t.outcome for t in self.outcomes if not t.kpis]

    @property
    def orphan_kpis(self):
        return [p.kpi for p in self.kpis if p.kpi.outcome_id is None]

    @property
    def contracts_without_kpis(self):
        return [c.contract for c in self.contracts if not c.kpis]

    @property
    def gap_count(self) -> int:
        return (
            len(self.undelivered)
            + len(self.unmeasured)
            + len(self.orphan_kpis)
            + len(self.contracts_without_kpis)
        )


def thread(strategy, user) -> GoldenThread:
    """Outcome → planned services (of the current cycle's plans) → adopted option's channel → contracts,
    and the KPIs measuring each outcome; and back up from each KPI and contract. Eight queries, however much there is."""
    outcomes = list(strategy.outcomes.order_by("pk"))
    # Without the confidential plans and contracts this person may not read (exempt information).
    readable_plans = list(
        plans.permissions.readable(
            user, CommissioningPlan.objects.filter(strategy=strategy, cycle=strategy.cycle)
        ).order_by("pk")
    )
    services = list(
        PlannedService.objects.filter(plan__in=readable_plans)
        .prefetch_related(
            "outcomes",
            Prefetch(
                "appraisals",
                queryset=OptionsAppraisal.objects.select_related("adopted_option").order_by("pk"),
            ),
        )
        .order_by("plan_id", "pk")
    )
    contracts = list(
        readable_contracts(user, Contract.objects.filter(strategy=strategy, plan__cycle=strategy.cycle))
        .select_related("option", "plan")
        .order_by("pk")
    )
    kpis = list(selectors.kpis_with_actuals().filter(strategy=strategy).order_by("pk"))
    positions = selectors.positions(kpis)
    linked = Contract.objects.filter(pk__in={k.contract_id for k in kpis if k.contract_id})
    readable_ids = set(readable_contracts(user, linked).values_list("pk", flat=True))
    for p in positions:
        p.contract_withheld = p.kpi.contract_id is not None and p.kpi.contract_id not in readable_ids
    return assemble(outcomes, readable_plans, services, contracts, positions)


def assemble(outcomes, plans, services, contracts, positions) -> GoldenThread:
    """The thread from rows already read (each list in pk order, of the strategy's current cycle): no
    queries, so meeting packs can draw many strategies' threads from one bulk read."""
    contracts_by_option: dict[int, list] = {}
    for c in contracts:
        contracts_by_option.setdefault(c.option_id, []).append(c)
    kpis_by_outcome: dict[int, list] = {}
    kpis_by_contract: dict[int, list] = {}
    for p in positions:
        if p.kpi.outcome_id:
            kpis_by_outcome.setdefault(p.kpi.outcome_id, []).append(p)
        if p.kpi.contract_id:
            kpis_by_contract.setdefault(p.kpi.contract_id, []).append(p)

    links_by_outcome: dict[int, list] = {}
    services_by_appraisal: dict[int, list] = {}
    adopted_ids = set()
    for service in services:
        link = ServiceLink(service)
        for appraisal in service.appraisals.all():
            services_by_appraisal.setdefault(appraisal.pk, []).append(service)
            option = appraisal.adopted_option
            if option is not None:
                adopted_ids.add(option.pk)
            link.deliveries.append(
                Delivery(appraisal, option, contracts_by_option.get(option.pk, []) if option else [])
            )
        for outcome in service.outcomes.all():
            links_by_outcome.setdefault(outcome.pk, []).append(link)

    outcome_threads = [
        OutcomeThread(o, links_by_outcome.get(o.pk, []), kpis_by_outcome.get(o.pk, [])) for o in outcomes
    ]

    contract_links = []
    for c in contracts:
        served = services_by_appraisal.get(c.option.appraisal_id, [])
        reached = {}
        for service in served:
            for outcome in service.outcomes.all():
                reached.setdefault(outcome.pk, outcome)
        contract_links.append(
            ContractLink(
                contract=c,
                services=served,
                outcomes=sorted(reached.values(), key=lambda o: o.pk),
                kpis=kpis_by_contract.get(c.pk, []),
                adopted=c.option_id in adopted_ids,
            )
        )
    return GoldenThread(outcome_threads, positions, contract_links, plans)


def golden_thread(request, pk):
    """From each outcome down to the services, channels, contracts and KPIs that deliver and measure it,
    and back up; the gaps named."""
    require(can_view(request.user))
    strategy = get_object_or_404(Strategy.objects.select_related("directorate"), pk=pk)
    return render(
        request,
        "delivery/golden_thread.html",
        {"strategy": strategy, "thread": thread(strategy, request.user)},
    )


# The council plan ------------------------------------------------------------------------------------------


def council_plan(request):
    """Each council plan priority with the strategies, outcomes and KPIs that serve it, the priorities
    nothing serves, and the national framework indicators with their local measures."""
    require(can_view(request.user))
    priorities = selectors.council_plan()
    return render(
        request,
        "delivery/council_plan.html",
        {
            "priorities": priorities,
            "unserved": [p.subject for p in priorities if not p.served],
            "indicators": selectors.framework_indicators(),
        },
    )


# KPIs and their actuals as CSV ----------------------------------------------------------------------------


def kpis_and_actuals_csv(request, kpis, name: str):
    """Each KPI with each of its actuals, one row per actual (a KPI with none: one row saying so), as on the
    strategy's delivery page and the KPI's page; an exempt contract withheld as the highlight report does."""
    rows = [Row(p) for p in selectors.positions(kpis)]
    _mark_exempt(request.user, rows)
    header = [
        "KPI",
        "Strategy",
        "Outcome it measures",
        "Better when",
        "Target",
        "Unit",
        "Period ending",
        "Actual",
        "Status",
        "Direction of travel",
        "Note",
        "Contract",
        "Link",
    ]

    def lines():
        for r in rows:
            kpi = r.kpi
            start = [
                kpi.name,
                str(kpi.strategy),
                kpi.outcome.title if kpi.outcome else "",
                kpi.get_polarity_display(),
                kpi.target,
                kpi.unit,
            ]
            contract = (
                "Confidential (exempt information, withheld)"
                if r.exempt
                else (kpi.contract.title if kpi.contract else "")
            )
            link = request.build_absolute_uri(kpi.get_absolute_url())
            measurements = sorted(kpi.measurements.all(), key=lambda m: m.period_end)
            if not measurements:
                yield [*start, "", "", "No actual yet", "", "", contract, link]
            previous = None
            for m in measurements:
                status = performance.status(m.value, kpi.target, kpi.tolerance, kpi.polarity)
                travel = performance.direction(m.value, previous, kpi.polarity)
                yield [
                    *start,
                    m.period_end.isoformat(),
                    m.value,
                    performance.STATUS_LABELS[status],
                    performance.DIRECTION_LABELS.get(travel, "First period"),
                    m.note,
                    contract,
                    link,
                ]
                previous = m.value

    return csvexport.response(name, header, lines())
