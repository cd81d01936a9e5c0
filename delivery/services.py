"""Writes in Do and Review: one function per action, atomic, audited, with the acting user passed in."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from commissioning import dates
from commissioning.dates import check_dates
from commissioning.exempt import exemption_to_store
from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import StaleEdit, save_if_current

from . import localities, periods, permissions
from .models import (
    VALUE_LIMIT,
    Contract,
    DueDiligenceCheck,
    Kpi,
    Locality,
    LocalityMeasurement,
    Measurement,
    ReviewRecord,
)


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
    check_dates(changes, Contract)
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


def measurement_problems(*, kpi, period_end, value=None, today=None, bounds=None) -> dict[str, str]:
    """Why this actual cannot be recorded, by field (empty when it can): its period must have ended, end on
    the KPI's reporting calendar (delivery.periods), and its value fit the column. (`today` and `bounds`:
    worked out once for a whole file.)"""
    found = {}
    out_of_bounds = dates.problem(period_end, "The period end", bounds)
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


def _check_rows(rows: list[dict], acting_user, named) -> None:
    """Refuse rows of actuals unless the user may record for every strategy they concern and every row is
    good; the problems name each row (`named(row)`) by its number."""
    for strategy in {row["kpi"].strategy_id: row["kpi"].strategy for row in rows}.values():
        require(permissions.can_record(acting_user, strategy))
    problems = []
    today, bounds = timezone.localdate(), dates.bounds()
    for index, row in enumerate(rows):
        found = measurement_problems(
            kpi=row["kpi"], period_end=row["period_end"], value=row["value"], today=today, bounds=bounds
        )
        problems += [f"Row {index + 1} ({named(row)}): {message}" for message in found.values()]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_measurements(*, rows: list[dict], acting_user) -> list[Measurement]:
    """Many actuals at once, all or nothing: each row a KPI with its period_end, value and note. A period
    already recorded is corrected (the history keeps the old value). Written in bulk, with one query for
    the periods already recorded, so a file of 100,000 actuals takes seconds, not minutes."""
    _check_rows(rows, acting_user, lambda row: f"'{row['kpi'].name}'")
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
            # Positional: the quick way to build 100,000 of them (id, kpi, period_end, value, note,
            # recorded_by, recorded_at); the KPI and the user are known, so reading them asks no query.
            found = Measurement(None, kpi.pk, period_end, row["value"], note, acting_user.pk, now)
            found._state.fields_cache.update(kpi=kpi, recorded_by=acting_user)
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
    if connection.vendor == "postgresql":
        _copy_new(created, acting_user, now)
        for start in range(0, len(corrected), BATCH):
            _correct_in_place(corrected[start : start + BATCH], acting_user, now)
        _copy_history(created, "+", acting_user, now)
        _copy_history(corrected, "~", acting_user, now)
        return saved
    Measurement.objects.bulk_create(created, batch_size=BATCH)
    Measurement.objects.bulk_update(
        corrected, ["value", "note", "recorded_by", "recorded_at"], batch_size=BATCH
    )
    # The history, as saving each would write it: "+" for a new period, "~" for a corrected one.
    Measurement.history.bulk_history_create(
        created, batch_size=BATCH, default_user=acting_user, default_date=now
    )
    Measurement.history.bulk_history_create(
        corrected, batch_size=BATCH, update=True, default_user=acting_user, default_date=now
    )
    return saved


@transaction.atomic
def record_locality_measurements(*, rows: list[dict], acting_user) -> list[LocalityMeasurement]:
    """Actuals by locality, all or nothing: each row a KPI with its locality, period_end and value. The
    period follows the KPI's reporting calendar as its total does; a period recorded again is corrected (the
    history keeps the old value)."""
    _check_rows(rows, acting_user, lambda row: f"'{row['kpi'].name}', {row['locality']}")
    existing = {
        (m.kpi_id, m.locality_id, m.period_end): m
        for m in LocalityMeasurement.objects.select_for_update().filter(
            kpi__in={row["kpi"].pk for row in rows}, period_end__in={row["period_end"] for row in rows}
        )
    }
    now = timezone.now()
    created, corrected = [], []
    for row in rows:
        found = existing.get((row["kpi"].pk, row["locality"].pk, row["period_end"]))
        if found is None:
            found = LocalityMeasurement(
                kpi=row["kpi"],
                locality=row["locality"],
                period_end=row["period_end"],
                recorded_by=acting_user,
            )
            created.append(found)
        else:
            corrected.append(found)
        found.value, found.recorded_by, found.recorded_at = row["value"], acting_user, now
    LocalityMeasurement.objects.bulk_create(created, batch_size=BATCH)
    LocalityMeasurement.objects.bulk_update(
        corrected, ["value", "recorded_by", "recorded_at"], batch_size=BATCH
    )
    history = LocalityMeasurement.history
    history.bulk_history_create(created, batch_size=BATCH, default_user=acting_user, default_date=now)
    history.bulk_history_create(
        corrected, batch_size=BATCH, update=True, default_user=acting_user, default_date=now
    )
    return created + corrected


@transaction.atomic
def record_actuals(*, rows: list[dict], acting_user) -> tuple[list[Measurement], list[LocalityMeasurement]]:
    """Council-wide totals and figures by locality together (a row with a `locality` is the latter), all or
    nothing: the CSV import and the API's bulk request."""
    by_locality = [row for row in rows if row.get("locality") is not None]
    totals = [row for row in rows if row.get("locality") is None]
    return (
        record_measurements(rows=totals, acting_user=acting_user) if totals else [],
        record_locality_measurements(rows=by_locality, acting_user=acting_user) if by_locality else [],
    )


# PostgreSQL's COPY writes 100,000 actuals and their history in a second or two, where building an INSERT
# through the ORM row by row takes half a minute (issue 16: under 10 seconds).
def _copy_new(rows: list[Measurement], acting_user, now) -> None:
    if not rows:
        return
    table = Measurement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.id = pk
            row.recorded_at = now
        columns = ["id", "kpi_id", "period_end", "value", "note", "recorded_by_id", "recorded_at"]
        with cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row((row.pk, row.kpi_id, row.period_end, row.value, row.note, acting_user.pk, now))


def _copy_history(rows: list[Measurement], kind: str, acting_user, now) -> None:
    """The history rows saving each would write ("+" new, "~" corrected), with who did it."""
    if not rows:
        return
    historical = Measurement.history.model
    tracked = [f.attname for f in historical.tracked_fields]
    columns = [*tracked, "history_date", "history_change_reason", "history_type", "history_user_id"]
    table = connection.ops.quote_name(historical._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([*(getattr(row, name) for name in tracked), now, None, kind, acting_user.pk])


BATCH = 5000  # rows per statement: 3 parameters each, well under PostgreSQL's 65,535


def _correct_in_place(rows: list[Measurement], acting_user, now) -> None:
    """One UPDATE for a batch of corrected actuals (Django's bulk_update builds a CASE per row and field,
    which grows quadratically slow on large files)."""
    table = connection.ops.quote_name(Measurement._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    params = [acting_user.pk, now]
    for row in rows:
        params.extend([row.pk, row.value, row.note])
    # Only the table's name and placeholders are put in the text; every value is a parameter.
    sql = " ".join(
        [
            "UPDATE",
            table,
            "AS m SET value = v.value::numeric, note = v.note::text, recorded_by_id = %s, recorded_at = %s",
            f"FROM (VALUES {values}) AS v(id, value, note) WHERE m.id = v.id::integer",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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


@transaction.atomic
def load_localities(*, text: str, prefix: str = "", kind: str = "ward", within: str = "") -> int:
    """Wards or localities from an ONS code list (CSV text), added or renamed by their code: how many."""
    rows = localities.read(text, prefix, within)
    for code, name in rows:
        Locality.objects.update_or_create(code=code, defaults={"name": name, "kind": kind})
    return len(rows)
