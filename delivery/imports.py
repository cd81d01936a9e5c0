"""CSV import of KPI actuals for one strategy (issues 7 and 16): every bad row is reported with its line number
and reason (the page and the API show the first 100, and how many more), and nothing is saved unless the
whole file is valid. The rows are recorded together through services.record_measurements, which checks each
period against the KPI's reporting calendar and writes in bulk: a re-imported period is corrected and the
history keeps who did it."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from commissioning.forms import GovukFormMixin
from commissioning.permissions import require
from strategies.models import Strategy

from . import periods, permissions, services
from .models import VALUE_LIMIT, Kpi, Locality, LocalityMeasurement, Measurement

MAX_BYTES = 8 * 1024 * 1024  # room for 100,000 actuals (issue 16); read in memory, so bounded
MAX_SIZE = "8 MB"
SHOWN_PROBLEMS = 100  # a file with thousands of bad rows lists the first hundred, and counts the rest
COLUMNS = ("kpi", "period_end", "value", "note", "locality")
REQUIRED_COLUMNS = ("kpi", "period_end", "value")
NOTE_MAX = Measurement._meta.get_field("note").max_length
EXAMPLE = [
    "kpi,period_end,value,note",
    "Families seen within 10 working days,2026-03-31,87.5%,",
    "Families seen within 10 working days,30/06/2026,91%,New referral route from schools",
    'Children with a plan,2026-06-30,"1,204",',
    # A row naming a locality (its ONS code or name) is that locality's figure, beside the total.
    "kpi,period_end,value,note,locality",
    "Families seen within 10 working days,2026-03-31,82%,,E05010783",
]

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$|^[+-]?\.\d+$")


@dataclass(frozen=True)
class Problem:
    """Why the file was refused; `line` is None for the file as a whole (line 1 is the header)."""

    line: int | None
    message: str

    def __str__(self):
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Row:
    line: int
    kpi: Kpi
    period_end: date
    value: Decimal
    note: str
    locality: Locality | None = None  # None: the council-wide total


class ImportRefused(Exception):
    """The file had problems, so nothing was saved."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


# Reading ----------------------------------------------------------------------------------------------------


def _column(heading: str) -> str:
    return re.sub(r"[\s-]+", "_", heading.strip().lower())


def _date(text: str) -> date | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the usual ISO date, quickly
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_UK_DATE, (2, 1, 0))):
        found = pattern.match(text)
        if found:
            parts = [int(found.group(i + 1)) for i in range(3)]
            try:
                return date(*(parts[i] for i in order))
            except ValueError:
                return None
    return None


def _number(text: str) -> Decimal | None:
    """The number in the cell, rounded to pennies; None when it is not a number. Out of the column's range
    (26 digits would even overflow rounding) it is returned unrounded, for the caller to refuse as too large."""
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if not _NUMBER.match(text):
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if abs(value) >= VALUE_LIMIT:
        return value
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _kpi_finder(strategy):
    """Find a KPI of this strategy (only) by its exact name, or by its id."""
    kpis = list(Kpi.objects.filter(strategy=strategy))
    by_name: dict[str, list[Kpi]] = {}
    for kpi in kpis:
        kpi.strategy = strategy  # so record_measurement's rights check needs no query per row
        by_name.setdefault(kpi.name.strip(), []).append(kpi)
    by_id = {str(kpi.pk): kpi for kpi in kpis}

    def find(text: str) -> tuple[Kpi | None, str]:
        named = by_name.get(text, [])
        if len(named) == 1:
            return named[0], ""
        if len(named) > 1:
            return None, f"more than one KPI of this strategy is called '{text}': use its id instead"
        if text.isdigit() and text.lstrip("0") in by_id:
            return by_id[text.lstrip("0")], ""
        return None, f"'{text}' is not a KPI of {strategy.reference}: use its name exactly, or its id"

    return find


def _locality_finder():
    """Find a locality by its ONS code or its exact name (in any case)."""
    localities = list(Locality.objects.all())
    by_code = {loc.code.upper(): loc for loc in localities}
    by_name = {loc.name.lower(): loc for loc in localities}

    def find(text: str) -> tuple[Locality | None, str]:
        found = by_code.get(text.upper()) or by_name.get(text.lower())
        if found:
            return found, ""
        return None, f"'{text}' is not a locality: use its ONS code (like E05010783) or its name"

    return find


def _decode(upload) -> tuple[str | None, Problem | None]:
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".csv"):
        return None, Problem(None, "The selected file must be a CSV file (ending .csv)")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        return None, Problem(None, f"The selected file must be smaller than {MAX_SIZE}")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return None, Problem(None, f"The selected file must be smaller than {MAX_SIZE}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Problem(
            line,
            "the file is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (Comma delimited)' and upload it again",
        )
    if not text.strip():
        return None, Problem(None, "The selected file is empty")
    return text, None


def read_actuals(strategy, upload) -> tuple[list[Row], list[Problem]]:
    """Parse and check the whole file; saves nothing. Returns the good rows and every problem found."""
    text, problem = _decode(upload)
    if problem:
        return [], [problem]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    seen: dict[tuple[int, date], int] = {}
    find_kpi = _kpi_finder(strategy)
    find_locality = _locality_finder()
    today = timezone.localdate()
    last_line = 0
    while True:
        line = last_line + 1  # where the record starts (a quoted cell may span lines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(reader.line_num or line, f"the line cannot be read as CSV ({error})"))
            break
        last_line = reader.line_num
        if line == 1:
            headings = [_column(cell) for cell in cells]
            for index, heading in enumerate(headings):
                if heading in COLUMNS and heading in positions:
                    problems.append(Problem(1, f"the header has more than one '{heading}' column"))
                elif heading in COLUMNS:
                    positions[heading] = index
            missing = [c for c in REQUIRED_COLUMNS if c not in positions]
            if missing:
                problems.append(
                    Problem(
                        1,
                        f"the header row has no {', '.join(repr(c) for c in missing)} column"
                        f"{'s' if len(missing) > 1 else ''}: it must name the columns kpi, period_end, "
                        "value and (optionally) note and locality",
                    )
                )
            if problems:
                return [], problems
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank line

        def cell(column: str, cells=cells) -> str:
            index = positions.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        row_problems = []
        kpi_text, date_text, value_text, note = cell("kpi"), cell("period_end"), cell("value"), cell("note")
        kpi = period_end = value = locality = None
        if cell("locality"):
            locality, reason = find_locality(cell("locality"))
            if locality is None:
                row_problems.append(reason)
        if not kpi_text:
            row_problems.append("the KPI is missing")
        else:
            kpi, reason = find_kpi(kpi_text)
            if kpi is None:
                row_problems.append(reason)
        if not date_text:
            row_problems.append("the period end date is missing")
        else:
            period_end = _date(date_text)
            if period_end is None:
                row_problems.append(
                    f"the period end '{date_text}' must be a real date, like 2026-03-31 or 31/03/2026"
                )
        if not value_text:
            row_problems.append("the value is missing")
        else:
            value = _number(value_text)
            if value is None:
                row_problems.append(f"the value '{value_text}' must be a number, like 87.5, 87.5% or 1,204")
            elif abs(value) >= VALUE_LIMIT:
                row_problems.append(
                    f"the value '{value_text}' is too large: it must be less than {VALUE_LIMIT:,}"
                )
                value = None
        if len(note) > NOTE_MAX:
            row_problems.append(f"the note must be {NOTE_MAX} characters or fewer")
        if kpi is not None and period_end is not None:
            reason = periods.problem(kpi.frequency, period_end, today)
            if reason:
                row_problems.append(reason)
            first = seen.setdefault((kpi.pk, period_end, locality and locality.pk), line)
            if first != line:
                row_problems.append(
                    f"'{kpi.name}'{f' in {locality}' if locality else ''} for the period ending "
                    f"{period_end.day} {period_end:%B %Y} is already on line {first}"
                )
        problems.extend(Problem(line, message) for message in row_problems)
        if not row_problems:
            rows.append(
                Row(line=line, kpi=kpi, period_end=period_end, value=value, note=note, locality=locality)
            )
    if not positions:  # the header itself could not be read
        return [], problems or [Problem(None, "The selected file is empty")]
    if not rows and not problems:
        problems.append(Problem(None, "The file has no actuals: add a row under the header for each one"))
    return rows, problems


def import_actuals(*, strategy, upload, acting_user) -> tuple[list[Measurement], list[LocalityMeasurement]]:
    """Record every row of the file, or (raising ImportRefused with every problem) none of them: the totals,
    and the figures by locality."""
    require(permissions.can_record(acting_user, strategy))
    rows, problems = read_actuals(strategy, upload)
    if problems:
        raise ImportRefused(problems)
    return services.record_actuals(
        rows=[
            {
                "kpi": row.kpi,
                "period_end": row.period_end,
                "value": row.value,
                "note": row.note,
                "locality": row.locality,
            }
            for row in rows
        ],
        acting_user=acting_user,
    )


def shown(problems: list[Problem]) -> tuple[list[Problem], int]:
    """The problems to list, and how many more there are."""
    return problems[:SHOWN_PROBLEMS], max(0, len(problems) - SHOWN_PROBLEMS)


# The page ---------------------------------------------------------------------------------------------------


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=f"A CSV file saved as UTF-8, smaller than {MAX_SIZE}.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages.update(
            {
                "required": "Select a CSV file",
                "empty": "The selected file is empty",
                "invalid": "Select a CSV file",
                "missing": "Select a CSV file",
            }
        )


def import_measurements(request, pk):
    strategy = get_object_or_404(Strategy, pk=pk)
    require(permissions.can_record(request.user, strategy))
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems: list[Problem] = []
    more = 0
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                totals, by_locality = import_actuals(
                    strategy=strategy, upload=form.cleaned_data["file"], acting_user=request.user
                )
            except ImportRefused as refused:
                problems = [p for p in refused.problems if p.line]
                for problem in refused.problems:
                    if not problem.line:
                        form.add_error("file", problem.message)
                if problems:
                    count = len(problems)
                    problems, more = shown(problems)
                    form.add_error(
                        "file",
                        f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was imported. "
                        "Correct the lines listed and upload the file again",
                    )
            else:
                count = len(totals)
                messages.success(
                    request,
                    f"{count} actual{'s' if count != 1 else ''} imported for {strategy.reference}"
                    + (f", and {len(by_locality)} by locality." if by_locality else "."),
                )
                return redirect("delivery:strategy", strategy.pk)
        status = 400
    return render(
        request,
        "delivery/import.html",
        {
            "strategy": strategy,
            "form": form,
            "problems": problems,
            "more": more,
            "kpis": strategy.kpis.order_by("name", "pk"),
            "example": "\n".join(EXAMPLE),
        },
        status=status,
    )
