"""Asking an administrator to assign a portfolio holder or a scrutiny board: where a step needs one that is
missing, the commissioner asks; every administrator sees the request in their tasks; assigning closes it and
tells the asker. The "Send the request" button is not offered when it can only fail."""

import pytest
from django.urls import reverse

from commissioning import roles, worklist
from commissioning.models import Notification
from members import services
from members.models import AssignmentRequest

from .. import factories
from ..matrix import shared_world_fixture

pytestmark = pytest.mark.django_db


def build():
    commissioner = factories.user(roles.COMMISSIONER, username="ask-commissioner")
    other = factories.user(roles.COMMISSIONER, username="ask-other")
    councillor = factories.user(roles.COUNCILLOR, username="ask-councillor")
    factories.board(members=[councillor])  # an Executive member, who may be assigned
    second_admin = factories.user(roles.ADMINISTRATOR, username="ask-admin2")
    s = factories.strategy(commissioner=commissioner, title="Advocacy for young carers")
    return {
        "commissioner": commissioner,
        "other": other,
        "councillor": councillor,
        "admin": factories.administrator(),
        "admin2": second_admin,
        "strategy": s,
    }


world = shared_world_fixture(build)

ASK = "members:ask-assignment"


def ask_url(world, what="portfolio_holder"):
    return reverse(ASK, args=[world["strategy"].pk, what])


def test_no_holder_means_no_send_button_but_the_ask(world, client):
    client.force_login(world["commissioner"])
    page = client.get(reverse("members:request-approval", args=[world["strategy"].pk, "outcomes"]))
    html = page.content.decode()
    assert "Send the request" not in html
    assert "Ask an administrator to assign one" in html and ask_url(world) in html
    approvals = client.get(
        reverse("members:strategy-approvals", args=[world["strategy"].pk])
    ).content.decode()
    assert ask_url(world) in approvals and ask_url(world, "scrutiny_board") in approvals


def test_asking_reaches_every_administrator_once_and_closing_tells_the_asker(world, client):
    client.force_login(world["commissioner"])
    response = client.post(ask_url(world), {"note": "Cllr Patel agreed to hold it."})
    assert response.status_code == 302
    (ask,) = AssignmentRequest.objects.open()
    assert ask.note == "Cllr Patel agreed to hold it."
    note = Notification.objects.get(key=f"assignment-asked:{ask.pk}")
    assert sorted(note.recipients) == sorted(
        [world["admin2"].email] + ([world["admin"].email] if world["admin"].email else [])
    )
    # Asking again answers the open request.
    client.post(ask_url(world), {"note": "Again"})
    assert AssignmentRequest.objects.count() == 1
    assert (
        "An administrator has been asked"
        in client.get(
            reverse("members:request-approval", args=[world["strategy"].pk, "outcomes"])
        ).content.decode()
    )

    for admin in (world["admin"], world["admin2"]):
        found = [t for t in worklist.tasks_for(admin) if t.kind == "assignment-request"]
        assert [t.url for t in found] == [reverse("members:assign", args=[world["strategy"].pk])]
        assert found[0].due is not None

    services.assign_councillors(
        strategy=world["strategy"],
        portfolio_holders=[world["councillor"]],
        board=None,
        acting_user=world["admin2"],
    )
    ask.refresh_from_db()
    assert ask.closed_at is not None and ask.closed_by == world["admin2"]
    told = Notification.objects.get(key=f"assignment-closed:{ask.pk}")
    assert told.recipients == [world["commissioner"].email]
    assert str(world["councillor"]) in told.body
    assert not [t for t in worklist.tasks_for(world["admin"]) if t.kind == "assignment-request"]
    # Now it has a holder, the ask could only fail: not offered, and refused.
    page = client.get(
        reverse("members:request-approval", args=[world["strategy"].pk, "outcomes"])
    ).content.decode()
    assert "Send the request" in page and ask_url(world) not in page
    assert client.post(ask_url(world), {"note": ""}).status_code == 403


def test_only_the_strategys_commissioners_ask(world, client):
    client.force_login(world["other"])
    assert client.post(ask_url(world), {"note": ""}).status_code == 403
    assert not AssignmentRequest.objects.exists()
    client.force_login(world["commissioner"])
    assert client.get(reverse(ASK, args=[world["strategy"].pk, "nonsense"])).status_code == 404


def test_bad_input_changes_nothing_and_keeps_the_text(world, client):
    client.force_login(world["commissioner"])
    long = "x" * 301
    response = client.post(ask_url(world, "scrutiny_board"), {"note": long})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode() and long in response.content.decode()
    assert not AssignmentRequest.objects.exists()


def test_administrator_closes_without_assigning_with_a_reason(world, client):
    ask = services.ask_for_assignment(
        strategy=world["strategy"], what="scrutiny_board", acting_user=world["commissioner"]
    )
    client.force_login(world["admin2"])
    url = reverse("members:close-assignment", args=[ask.pk])
    response = client.post(url, {f"close-{ask.pk}-outcome": ""})
    assert response.status_code == 400 and "Why it is closed" in response.content.decode()
    ask.refresh_from_db()
    assert ask.closed_at is None
    client.force_login(world["commissioner"])
    assert client.post(url, {f"close-{ask.pk}-outcome": "No"}).status_code == 403
    client.force_login(world["admin2"])
    assert client.post(url, {f"close-{ask.pk}-outcome": "No scrutiny board yet."}).status_code == 302
    ask.refresh_from_db()
    assert ask.closed_at is not None and ask.outcome == "No scrutiny board yet."
    assert Notification.objects.filter(key=f"assignment-closed:{ask.pk}").exists()
