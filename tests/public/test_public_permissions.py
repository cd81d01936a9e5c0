"""Rights on the public site, as a matrix: every public URL with every exempt and every unpublished object answers
404 to everyone (anonymous, signed in, administrators alike: the public site shows only what is published, to
all); what is published answers 200 to all; publishing is democratic services' (administrators') alone."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from commissioning import roles
from meetings import services
from meetings.models import AgendaItemKind

from .. import factories, matrix
from .test_public import working_days_ahead

ROLES = ["anonymous", "commissioner", "councillor", "scrutiny", "administrator"]


def _world():
    people = {
        "anonymous": None,
        "commissioner": factories.user(roles.COMMISSIONER),
        "councillor": factories.user(roles.COUNCILLOR),
        "scrutiny": factories.user(roles.SCRUTINY_MEMBER),
        "administrator": factories.user(roles.ADMINISTRATOR),
    }
    board = factories.board(
        "Adults Scrutiny Committee", kind="scrutiny_committee", members=[people["scrutiny"]]
    )
    published = factories.meeting(board=board, starts_at=working_days_ahead(15))
    public_item = factories.agenda_item(published, AgendaItemKind.MINUTES, title="Minutes")
    exempt = factories.agenda_item(
        published, AgendaItemKind.DOCUMENT, title="Costs", confidential=True, exemption="3"
    )
    services.publish_agenda(meeting=published, acting_user=people["administrator"])
    drafted = factories.agenda_item(published, AgendaItemKind.DECISIONS, title="Drafted since")
    unpublished = factories.meeting(board=board, starts_at=timezone.now() + timedelta(days=40))
    hidden = factories.agenda_item(unpublished, AgendaItemKind.MINUTES, title="Not yet")
    past = factories.meeting(board=board, starts_at=timezone.now() - timedelta(days=3))
    return {
        "people": people,
        "board": board,
        "published": published,
        "public_item": public_item,
        "exempt": exempt,
        "drafted": drafted,
        "unpublished": unpublished,
        "hidden": hidden,
        "past": past,
    }


shared_world = matrix.shared_world_fixture(_world)


@pytest.fixture
def world(db, shared_world):
    cache.clear()
    return matrix.fresh(shared_world)


def urls_of(meeting, item=None) -> list[str]:
    found = [f"/public/meetings/{meeting.pk}/", f"/public/meetings/{meeting.pk}/versions/1/pack.pdf"]
    if item is not None:
        base = f"/public/meetings/{meeting.pk}/items/{item.pk}/"
        found += [base, f"{base}report.pdf"]
    return found


def client_as(world, role) -> Client:
    return matrix.as_person(Client(), world["people"][role])


@pytest.mark.parametrize("role", ROLES)
def test_nothing_exempt_or_unpublished_is_reachable(world, role):
    client = client_as(world, role)
    hidden = [
        *urls_of(world["unpublished"], world["hidden"]),  # an unpublished agenda and its item
        *urls_of(world["past"]),  # a meeting never published
        *urls_of(world["published"], world["exempt"])[2:],  # an exempt item's report, page and PDF
        *urls_of(world["published"], world["drafted"])[2:],  # an item drafted since publication
        *urls_of(world["unpublished"], world["public_item"])[2:],  # a public item under another meeting
        f"/public/meetings/{world['published'].pk}/versions/2/pack.pdf",  # a version not published
        f"/public/meetings/{world['published'].pk}/items/{world['public_item'].pk}/report.pdf",  # pack not built
        "/public/meetings/9223372036854775807/",
        "/public/meetings/9223372036854775808/",
    ]
    for url in hidden:
        assert client.get(url).status_code == 404, (role, url)
    api = client.get(f"/api/public/meetings/{world['unpublished'].pk}/")
    assert api.status_code == 404, role


@pytest.mark.parametrize("role", ROLES)
def test_what_is_published_is_public_to_everyone(world, role):
    client = client_as(world, role)
    for url in [
        "/public/",
        f"/public/boards/{world['board'].pk}/",
        "/public/meetings/",
        "/public/meetings/?view=month",
        f"/public/meetings/{world['published'].pk}/",
        f"/public/meetings/{world['published'].pk}/items/{world['public_item'].pk}/",
        "/public/meetings.ics",
        f"/public/boards/{world['board'].pk}/meetings.ics",
        f"/public/boards/{world['board'].pk}/subscribe/",
        "/public/decisions/",
        "/public/forward-plan/",
        "/api/public/meetings/",
    ]:
        assert client.get(url).status_code == 200, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_only_democratic_services_publish(world, role):
    client = client_as(world, role)
    response = client.get(f"/meetings/{world['published'].pk}/publish/")
    if role == "administrator":
        assert response.status_code == 200
    elif role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    else:
        assert response.status_code == 403
