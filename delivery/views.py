"""Thin views for Do and Review: rights from delivery.permissions, writes through delivery.services."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

import strategies.permissions
from commissioning import csvexport, formatting
from commissioning.editing import attempt
from commissioning.forms import add_errors
from commissioning.pagecache import cached_page
from commissioning.permissions import require
from strategies.models import Strategy

from . import performance, periods, permissions, reports, selectors, services
from .charts import trend
from .forms import CheckForm, ContractEditForm, ContractForm, KpiForm, MeasurementForm, ReviewForm
from .models import Contract, DueDiligenceCheck, Kpi, ReviewRecord


def _strategy(request, pk):
    strategy = get_object_or_404(
        Strategy.objects.select_related("directorate", "accountable_commissioner"), pk=pk
    )
    require(strategies.permissions.can_view(request.user, strategy))
    return strategy


def strategy_delivery(request, pk, contract_form=None, kpi_form=None, status=200):
    strategy = _strategy(request, pk)
    if csvexport.wanted(request) and request.method == "GET":  # its "Download CSV": the KPIs and actuals
        kpis = selectors.kpis_with_actuals().filter(strategy=strategy).order_by("name", "pk")
        return reports.kpis_and_actuals_csv(request, kpis, f"kpis-and-actuals-{strategy.reference}")
    may_record = permissions.can_record(request.user, strategy)
    recorded = strategy.contracts.all()
    contracts = list(
        permissions.readable_contracts(request.user, recorded)
        .select_related("option", "plan")
        .prefetch_related("checks")
    )
    for c in contracts:
        c.checks_open = sum(
            1 for check in c.checks.all() if check.status != DueDiligenceCheck.Status.SATISFIED
        )
    kpis = selectors.kpis_with_actuals().filter(strategy=strategy)
    return render(
        request,
        "delivery/strategy.html",
        {
            "strategy": strategy,
            "contracts": contracts,
            "contracts_withheld": recorded.count() - len(contracts),
            "positions": selectors.positions(kpis),
            "may_record": may_record,
            "contract_form": contract_form or (ContractForm(strategy=strategy) if may_record else None),
            "kpi_form": kpi_form or (KpiForm(strategy=strategy) if may_record else None),
            "review": ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle).first(),
            "horizon_days": settings.RECOMMISSION_HORIZON_DAYS,
        },
        status=status,
    )


@require_POST
def contract_create(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_record(request.user, strategy))
    form = ContractForm(request.POST, strategy=strategy)
    if form.is_valid():
        data = dict(form.cleaned_data)
        option = data.pop("option")
        try:
            contract = services.create_contract(
                strategy=strategy, option=option, acting_user=request.user, **data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{contract} is recorded.")
            return redirect(contract)
    return strategy_delivery(request, pk, contract_form=form, status=400)


@require_POST
def kpi_create(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_record(request.user, strategy))
    form = KpiForm(request.POST, strategy=strategy)
    if form.is_valid():
        try:
            kpi = services.create_kpi(strategy=strategy, acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The KPI '{kpi}' is defined. Record its actuals below.")
            return redirect(kpi)
    return strategy_delivery(request, pk, kpi_form=form, status=400)


@require_http_methods(["GET", "POST"])
def contract_detail(request, pk):
    contract = get_object_or_404(
        Contract.objects.select_related("strategy__directorate", "plan", "option"), pk=pk
    )
    require(permissions.can_view_contract(request.user, contract))
    may_record = permissions.can_record(request.user, contract.strategy)
    form = ContractEditForm(request.POST or None, instance=contract) if may_record else None
    stale, status = None, 200
    if request.method == "POST":
        require(may_record)
        saving = attempt(
            form,
            lambda seen: services.update_contract(
                contract=contract, seen_version=seen, changes=form.changes(), acting_user=request.user
            ),
        )
        if saving.done:
            messages.success(request, f"{contract.title} is saved.")
            return redirect(contract)
        stale, status = saving.stale, saving.status
    return render(
        request,
        "delivery/contract.html",
        {
            "contract": contract,
            "strategy": contract.strategy,
            "checks": contract.checks.all(),
            "kpis": contract.kpis.all(),
            "form": form,
            "stale": stale,
            "may_record": may_record,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def check_edit(request, pk):
    check = get_object_or_404(DueDiligenceCheck.objects.select_related("contract__strategy"), pk=pk)
    require(permissions.can_record(request.user, check.contract.strategy))
    form = CheckForm(request.POST or None, instance=check)
    stale, status = None, 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_check(
                check=check,
                seen_version=seen,
                changes={n: form.cleaned_data[n] for n in ["status", "evidence", "checked_on", "review_due"]},
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, f"The check on {check.get_topic_display().lower()} is saved.")
            return redirect(check.contract)
        stale, status = saving.stale, saving.status
    return render(
        request, "delivery/check.html", {"check": check, "form": form, "stale": stale}, status=status
    )


@require_http_methods(["GET", "POST"])
@cached_page
def kpi_detail(request, pk):
    kpi = get_object_or_404(
        Kpi.objects.select_related("strategy__directorate", "outcome", "contract", "contract_kpi"), pk=pk
    )
    require(permissions.can_view(request.user))
    if csvexport.wanted(request) and request.method == "GET":  # its "Download CSV": this KPI's actuals
        kpis = selectors.kpis_with_actuals().filter(pk=kpi.pk)
        return reports.kpis_and_actuals_csv(request, kpis, f"actuals-{kpi.strategy.reference}-kpi-{kpi.pk}")
    may_record = permissions.can_record(request.user, kpi.strategy)
    form = KpiForm(instance=kpi) if may_record else None
    actual = (
        MeasurementForm(
            initial={"period_end": periods.latest(kpi.frequency, timezone.localdate())},
            frequency=kpi.frequency,
        )
        if may_record
        else None
    )
    stale, status = None, 200
    if request.method == "POST":
        require(may_record)
        if "define" in request.POST:
            form = KpiForm(request.POST, instance=kpi)
            saving = attempt(
                form,
                lambda seen: services.update_kpi(
                    kpi=kpi, seen_version=seen, changes=form.changes(), acting_user=request.user
                ),
            )
            if saving.done:
                messages.success(request, "The KPI is saved.")
                return redirect(kpi)
            stale, status = saving.stale, saving.status
        else:
            actual = MeasurementForm(request.POST, frequency=kpi.frequency)
            recording = attempt(
                actual,
                lambda seen: services.record_measurement(
                    kpi=kpi, acting_user=request.user, **actual.cleaned_data
                ),
            )
            if recording.done:
                ending = formatting.long_date(actual.cleaned_data["period_end"])
                messages.success(request, f"The actual for the period ending {ending} is recorded.")
                return redirect(reverse("delivery:kpi", args=[kpi.pk]) + "#actuals")
            status = recording.status
    measurements = list(kpi.measurements.select_related("recorded_by").order_by("period_end"))
    rows, previous = [], None
    for m in measurements:
        rows.append(
            {
                "m": m,
                "status": performance.STATUS_LABELS[
                    performance.status(m.value, kpi.target, kpi.tolerance, kpi.polarity)
                ],
                "direction": performance.DIRECTION_LABELS.get(
                    performance.direction(m.value, previous, kpi.polarity), "First period"
                ),
            }
        )
        previous = m.value
    position = performance.Position(kpi, [(m.period_end, m.value) for m in measurements])
    return render(
        request,
        "delivery/kpi.html",
        {
            "kpi": kpi,
            # Its contract is exempt information when confidential: not named to those who may not read it.
            "contract_readable": kpi.contract is not None
            and permissions.can_view_contract(request.user, kpi.contract),
            "strategy": kpi.strategy,
            "position": position,
            "trend": trend(position),
            "rows": list(reversed(rows)),
            "form": form,
            "actual": actual,
            "stale": stale,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def review_record(request, pk):
    strategy = _strategy(request, pk)
    record = ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    may_review = permissions.can_review(request.user, strategy)
    # No record yet: the form says it saw none (version 0), so of two people starting it at once, the
    # second is refused (409) instead of overwriting the first's (services.save_review).
    initial = None if record else {"seen_version": 0}
    form = ReviewForm(request.POST or None, instance=record, initial=initial) if may_review else None
    stale, status = None, 200
    if request.method == "POST":
        require(may_review)
        saving = attempt(
            form,
            lambda seen: services.save_review(
                strategy=strategy, seen_version=seen, changes=form.changes(), acting_user=request.user
            ),
        )
        if saving.done:
            messages.success(request, f"The review of cycle {strategy.cycle} is saved.")
            return redirect("delivery:review", strategy.pk)
        stale, status = saving.stale, saving.status
    earlier = ReviewRecord.objects.filter(strategy=strategy, cycle__lt=strategy.cycle).order_by("-cycle")
    return render(
        request,
        "delivery/review.html",
        {
            "strategy": strategy,
            "record": record,
            "form": form,
            "stale": stale,
            "earlier": earlier,
            "gaps": record.gaps() if record else None,
        },
        status=status,
    )


def contracts_ending(request):
    """Contracts ending inside the recommissioning horizon: their strategies are flagged for recommissioning
    (the contract renewal trigger)."""
    require(permissions.can_view(request.user))
    ending = Contract.objects.ending()
    contracts = list(
        permissions.readable_contracts(request.user, ending)
        .select_related("strategy__directorate")
        .order_by("end_date", "pk")
    )
    return render(
        request,
        "delivery/contracts_ending.html",
        {
            "contracts": contracts,
            "contracts_withheld": ending.count() - len(contracts),
            "horizon_days": settings.RECOMMISSION_HORIZON_DAYS,
        },
    )
