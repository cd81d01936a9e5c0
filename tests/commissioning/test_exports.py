"""Lists and reports as CSV (issue 23): each list's "Download CSV" gives what its filters show, private,
with every cell a spreadsheet would run as a formula neutralised; and the print stylesheet."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from commissioning import csvexport
from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 20", "'+44 20"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("Plain", "Plain"),
        (-3, -3),
    ],
)
def test_formulas_are_neutralised_and_numbers_kept(value, written):
    assert csvexport.safe(value) == written


def test_the_strategies_list_downloads_with_its_filters(client, commissioner, own_strategy, other_strategy):
    Strategy.objects.filter(pk=own_strategy.pk).update(title="=HYPERLINK(evil)")
    client.force_login(commissioner)
    page = client.get(reverse("strategies:list"), {"stage": "analyse"}).content.decode()
    assert 'href="?stage=analyse&amp;format=csv"' in page and "Download CSV" in page
    found = rows(client.get(reverse("strategies:list"), {"q": "HYPERLINK", "format": "csv"}))
    assert found[0][:3] == ["Reference", "Title", "Stage"]
    assert [r[1] for r in found[1:]] == ["'=HYPERLINK(evil)"]  # the filter applied, the formula neutralised


@pytest.mark.parametrize(
    "name",
    [
        "delivery:highlight",
        "gateway:actions",
        "members:waiting-on",
        "meetings:meetings",
        "members:decision-log",
    ],
)
def test_each_list_downloads_as_csv(client, commissioner, own_strategy, name):
    client.force_login(commissioner)
    found = rows(client.get(reverse(name), {"format": "csv"}))
    assert found and found[0]  # a header at least


def test_the_print_stylesheet_leaves_out_navigation_filters_and_buttons():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    printed = css[css.index("@media print") :]
    for selector in (
        ".govuk-header",
        ".govuk-service-navigation",
        ".app-filter",
        ".govuk-button",
        ".govuk-pagination",
    ):
        assert selector in printed.split("{", 1)[0] or selector in printed


def test_wide_tables_scroll_in_a_labelled_region(client, commissioner, own_strategy):
    client.force_login(commissioner)
    page = client.get(reverse("strategies:list")).content.decode()
    assert (
        '<div class="app-table-scroll" role="region" aria-label="Strategies matching the filters" data-scroll-region>'
        in page
    )
