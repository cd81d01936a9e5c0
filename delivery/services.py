"""Writes in Do and Review: one function per action, atomic, audited, with the acting user passed in."""

from django.core.exceptions import ValidationError
from django.db import transaction

from commissioning.exempt import exemption_to_store
from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import StaleEdit, save_if_current

from . import permissions
from .models import Contract, DueDiligenceCheck, Kpi, Measurement, ReviewRecord


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
    if fields["end_date"] <= fields["start_date"]:
        raise ValidationError("The end date must be after the start date.")
    fields["exemption"] = exemption_to_store(fields.get("confidential", False), fields.get("exemption", ""))
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
    if changes.get("end_date") and changes.get("start_date") and changes["end_date"] <= changes["start_date"]:
        raise ValidationError("The end date must be after the start date.")

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)
        # Marking it confidential (or not) is recorded with the rest, with the paragraph it is exempt under.
        obj.exemption = exemption_to_store(obj.confidential, obj.exemption)
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


@transaction.atomic
def record_measurement(*, kpi, period_end, value, note="", acting_user) -> Measurement:
    """The actual for a period; recording a period again corrects it (the history keeps the old value)."""
    require(permissions.can_record(acting_user, kpi.strategy))
    found = Measurement.objects.select_for_update().filter(kpi=kpi, period_end=period_end).first()
    found = found or Measurement(kpi=kpi, period_end=period_end, recorded_by=acting_user, value=value)
    found.value, found.note, found.recorded_by = value, note.strip(), acting_user
    audited(found, acting_user).save()
    return found


@transaction.atomic
def record_measurements(*, rows: list[dict], acting_user) -> list[Measurement]:
    """Many actuals at once, all or nothing: each row a KPI with its period_end, value and note."""
    return [record_measurement(**row, acting_user=acting_user) for row in rows]


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
