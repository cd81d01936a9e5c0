"""The boards and councillors lists as CSV (issue 23, commissioning.csvexport): the page's filters applied,
the page's rights, and every cell a spreadsheet would run as a formula neutralised."""

import csv
import io

import pytest
from django.urls import reverse

from commissioning import roles
from members.models import Board, CouncillorProfile

from .. import factories

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


@pytest.fixture
def council(councillor, scrutiny, own_strategy):
    """The Executive (councillor in the chair, holding own_strategy) and a scrutiny committee (scrutiny), a
    councillor who has left (inactive) and one whose ward would be run as a formula."""
    factories.board(chair=councillor)
    factories.portfolio_holder(own_strategy, councillor)
    committee = factories.board(
        name="Children and Young People Scrutiny Committee",
        kind=Board.Kind.SCRUTINY_COMMITTEE,
        members=[scrutiny],
    )
    Board.objects.filter(pk=committee.pk).update(remit="=HYPERLINK(evil)")
    CouncillorProfile.objects.create(user=councillor, ward="=cmd|' /C calc'!A0", party="Independent")
    factories.user(roles.COUNCILLOR, first_name="Gone", last_name="Away", is_active=False)
    return committee


def test_the_councillors_list_downloads_with_its_filter(
    client, commissioner, councillor, scrutiny, own_strategy, council
):
    client.force_login(commissioner)
    page = client.get(reverse("members:councillors"), {"board": council.pk}).content.decode()
    assert f'href="?board={council.pk}&amp;format=csv"' in page and "(with the filters applied)" in page
    found = rows(client.get(reverse("members:councillors"), {"format": "csv"}))
    assert found[0] == [
        "Councillor", "Ward", "Party", "Portfolio", "Boards", "Strategies held", "Register of interests",
    ]  # fmt: skip
    by_name = {r[0]: r for r in found[1:]}
    assert set(by_name) == {str(councillor), str(scrutiny)}  # not the one who left, nor the commissioner
    mine = by_name[str(councillor)]
    assert mine[1] == "'=cmd|' /C calc'!A0"  # neutralised
    assert mine[4] == "Executive (chair)" and mine[5] == own_strategy.reference
    assert mine[6].endswith(reverse("members:interests", args=[councillor.pk]))
    filtered = rows(client.get(reverse("members:councillors"), {"board": council.pk, "format": "csv"}))
    assert [r[0] for r in filtered[1:]] == [str(scrutiny)]


def test_the_boards_list_downloads_with_its_filter(client, councillor, scrutiny, council):
    client.force_login(scrutiny)  # every signed-in person reads boards, as on the page
    found = rows(client.get(reverse("members:boards"), {"format": "csv"}))
    assert found[0] == ["Board", "Kind", "Remit", "Chair", "Vice-chair", "Members", "Link"]
    by_name = {r[0]: r for r in found[1:]}
    assert by_name["Executive"][3] == str(councillor) and by_name["Executive"][5] == str(councillor)
    assert by_name[council.name][2] == "'=HYPERLINK(evil)"
    filtered = rows(
        client.get(reverse("members:boards"), {"kind": Board.Kind.SCRUTINY_COMMITTEE, "format": "csv"})
    )
    assert [r[0] for r in filtered[1:]] == [council.name]
    page = client.get(reverse("members:boards"), {"kind": Board.Kind.SCRUTINY_COMMITTEE}).content.decode()
    assert "Download CSV" in page and "Executive</a>" not in page


def test_strangers_are_asked_to_sign_in(client):
    for name in ("members:boards", "members:councillors"):
        response = client.get(reverse(name), {"format": "csv"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
