"""Lists and reports downloaded as CSV, one way (issue 23): UTF-8 with a byte-order mark (so spreadsheet
programs read it as such), a dated file name, never kept by a shared cache, and every cell that a
spreadsheet would run as a formula neutralised.

A cell that starts with = + - @ (or a tab or carriage return) is run as a formula by Excel, LibreOffice and
Google Sheets ("CSV injection", OWASP): such text is written with a leading apostrophe, which they show
as text. Numbers are written as they are, so negative figures stay numbers.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str | int | float | Decimal:
    """A cell as written: numbers as they are, text neutralised if a spreadsheet would run it."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def wanted(request) -> bool:
    """Whether a list page was asked for as CSV (its "Download CSV" link: the same filters, format=csv)."""
    return request.GET.get("format") == "csv"


def response(name: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download called `<name>-<today>.csv`, private to the person who asked for it."""
    out = HttpResponse(content_type="text/csv; charset=utf-8")
    out["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    patch_cache_control(out, private=True, no_store=True)
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([safe(h) for h in header])
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
    return out
