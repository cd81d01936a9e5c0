"""Writes in Do and Review: one function per action, atomic, audited, with the acting user passed in."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commissioning import dates
from commissioning.dates import check_dates
from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import StaleEdit, save_if_current

from . import periods, permissions
from .models import VALUE_LIMIT, Contract, DueDiligenceCheck, Kpi, Measurement, ReviewRecord


@transaction.atomic
def create_contract(*, strategy, option, acting_user, **fields) -> Contract:
    """A contract or grant delivering an adopted option of this cycle's plans; a community or voluntary
    provider gets the due-diligence checklist."""
    require(permissions.can_record(acting_user, strategy))
    appraisal = getattr(option, "adopted_by", None)
    if (
        appraisal is None
        or appraisal.plan.strategy_id != strategy.pk
        or appraisal.plan.cycle != strategy.cycle
    ):
        raise ValidationError("Choose an adopted option of this cycle's plans.")
    check_dates(fields, Contract)
    if fields["end_date"] <= fields["start_date"]:
        raise ValidationError("The end date must be after the start date.")
    contract = audited(
        Contract(strategy=strategy, plan=appraisal.plan, option=option, channel=option.channel, **fields),
        acting_user,
    )
    contract.save()
    if contract.needs_due_diligence:
        for topic in DueDiligenceCheck.REQUIRED:
            audited(DueDiligenceCheck(contract=contract, topic=topic), acting_user).save()
    return contract


def update_contract(*, contract, seen_version: int, changes: dict, acting_user) -> Contract:
    require(permissions.can_record(acting_user, contract.strategy))
    check_dates(changes, Contract)
    if changes.get("end_date") and changes.get("start_date") and changes["end_date"] <= changes["start_date"]:
        raise ValidationError("The end date must be after the start date.")

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)
        if "end_date" in changes and changes["end_date"] != contract.end_date:
            obj.renewal_notified_at = None  # a new end date is told again when it comes near

    with transaction.atomic():
        saved = save_if_current(Contract, contract.pk, seen_version, apply, acting_user)
        if saved.needs_due_diligence:
            have = set(saved.checks.values_list("topic", flat=True))
            for topic in DueDiligenceCheck.REQUIRED:
                if topic not in have:
                    audited(DueDiligenceCheck(contract=saved, topic=topic), acting_user).save()
    return saved


def save_check(*, check, seen_version: int, changes: dict, acting_user) -> DueDiligenceCheck:
    require(permissions.can_record(acting_user, check.contract.strategy))
    check_dates(changes, DueDiligenceCheck)

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)

    return save_if_current(DueDiligenceCheck, check.pk, seen_version, apply, acting_user)


@transaction.atomic
def create_kpi(*, strategy, acting_user, **fields) -> Kpi:
    require(permissions.can_record(acting_user, strategy))
    _check_links(strategy, fields)
    kpi = audited(Kpi(strategy=strategy, **fields), acting_user)
    kpi.save()
    return kpi


def update_kpi(*, kpi, seen_version: int, changes: dict, acting_user) -> Kpi:
    require(permissions.can_record(acting_user, kpi.strategy))
    _check_links(kpi.strategy, changes)

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)

    return save_if_current(Kpi, kpi.pk, seen_version, apply, acting_user)


def _check_links(strategy, fields):
    outcome, contract, contract_kpi = (
        fields.get("outcome"),
        fields.get("contract"),
        fields.get("contract_kpi"),
    )
    if outcome is not None and outcome.strategy_id != strategy.pk:
        raise ValidationError("Choose an outcome of this strategy.")
    if contract is not None and contract.strategy_id != strategy.pk:
        raise ValidationError("Choose a contract of this strategy.")
    if contract_kpi is not None and contract_kpi.plan.strategy_id != strategy.pk:
        raise ValidationError("Choose a KPI of this strategy's commercial models.")


def measurement_problems(*, kpi, period_end, value=None, today=None) -> dict[str, str]:
    """Why this actual cannot be recorded, by field (empty when it can): its period must have ended, end on
    the KPI's reporting calendar (delivery.periods), and its value fit the column."""
    found = {}
    out_of_bounds = dates.problem(period_end, "The period end")
    if out_of_bounds:
        return {"period_end": out_of_bounds}
    reason = periods.problem(kpi.frequency, period_end, today or timezone.localdate())
    if reason:
        found["period_end"] = reason
    if value is not None and (not value.is_finite() or abs(value) >= VALUE_LIMIT):
        found["value"] = f"The value {value} is too large: it must be less than {VALUE_LIMIT:,}"
    return found


def _refuse_unless_valid(kpi, period_end, value):
    found = measurement_problems(kpi=kpi, period_end=period_end, value=value)
    if found:
        raise ValidationError({field: [message] for field, message in found.items()})


@transaction.atomic
def record_measurement(*, kpi, period_end, value, note="", acting_user) -> Measurement:
    """The actual for a period; recording a period again corrects it (the history keeps the old value)."""
    require(permissions.can_record(acting_user, kpi.strategy))
    _refuse_unless_valid(kpi, period_end, value)
    found = Measurement.objects.select_for_update().filter(kpi=kpi, period_end=period_end).first()
    found = found or Measurement(kpi=kpi, period_end=period_end, recorded_by=acting_user, value=value)
    found.value, found.note, found.recorded_by = value, note.strip(), acting_user
    audited(found, acting_user).save()
    return found


@transaction.atomic
def record_measurements(*, rows: list[dict], acting_user) -> list[Measurement]:
    """Many actuals at once, all or nothing: each row a KPI with its period_end, value and note. A period
    already recorded is corrected (the history keeps the old value). Written in bulk, with one query for
    the periods already recorded, so a file of 100,000 actuals takes seconds, not minutes."""
    strategies = {}
    for row in rows:
        strategies.setdefault(row["kpi"].strategy_id, row["kpi"].strategy)
    for strategy in strategies.values():
        require(permissions.can_record(acting_user, strategy))
    problems = []
    for index, row in enumerate(rows):
        found = measurement_problems(kpi=row["kpi"], period_end=row["period_end"], value=row["value"])
        for message in found.values():
            problems.append(f"Row {index + 1} ('{row['kpi'].name}'): {message}")
    if problems:
        raise ValidationError(problems)
    kpi_ids = {row["kpi"].pk for row in rows}
    existing = {
        (m.kpi_id, m.period_end): m
        for m in Measurement.objects.select_for_update().filter(
            kpi__in=kpi_ids, period_end__in={row["period_end"] for row in rows}
        )
    }
    now = timezone.now()
    created, corrected, saved = [], [], []
    for row in rows:
        kpi, period_end = row["kpi"], row["period_end"]
        note = row.get("note", "").strip()
        found = existing.get((kpi.pk, period_end))
        if found is None:
            found = Measurement(kpi=kpi, period_end=period_end, value=row["value"], note=note)
            found.recorded_by = acting_user
            created.append(found)
        else:
            found.kpi = kpi
            found.value, found.note, found.recorded_by, found.recorded_at = (
                row["value"],
                note,
                acting_user,
                now,
            )
            corrected.append(found)
        saved.append(found)
    if created:
        bulk_create_with_history(created, Measurement, batch_size=5000, default_user=acting_user)
    if corrected:
        bulk_update_with_history(
            corrected,
            Measurement,
            ["value", "note", "recorded_by", "recorded_at"],
            batch_size=5000,
            default_user=acting_user,
        )
    return saved


@transaction.atomic
def correct_measurement(*, measurement_id, changes: dict, acting_user, is_current=lambda found: True):
    """Correct an actual's value or note. Refused (StaleEdit) unless `is_current(the locked row)`: it is
    still what the caller read (an actual has no version: what it says and when identify it)."""
    current = (
        Measurement.objects.select_for_update(of=("self",))
        .select_related("recorded_by", "kpi__strategy")
        .get(pk=measurement_id)
    )
    if not is_current(current):
        raise StaleEdit(current=current, changed_by=current.recorded_by, changed_at=current.recorded_at)
    return record_measurement(
        kpi=current.kpi,
        period_end=current.period_end,
        value=changes.get("value", current.value),
        note=changes.get("note", current.note),
        acting_user=acting_user,
    )


@transaction.atomic
def save_review(*, strategy, seen_version: int | None, changes: dict, acting_user) -> ReviewRecord:
    """The review record of the strategy's current cycle (created on first save)."""
    require(permissions.can_review(acting_user, strategy))
    record = ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if record is None:
        record = audited(ReviewRecord(strategy=strategy, cycle=strategy.cycle, **changes), acting_user)
        record.save()
        return record

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)

    return save_if_current(ReviewRecord, record.pk, seen_version or 0, apply, acting_user)
