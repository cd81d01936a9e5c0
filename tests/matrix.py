"""What the rights matrices share (test_members_permissions, test_gateway, test_delivery): one world built
per module, the person a request is made as (or a predicate is asked about), and what a refusal to an
anonymous visitor looks like.

Each matrix is checked exhaustively in-process, on the predicates the views call (every role x action x
own / other object), and over HTTP for one allowed and the closest refused role per page, plus anonymous:
that proves the view asks the object's predicate and answers its refusal as before."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

import members.permissions
import strategies.permissions
from commissioning import roles

from . import factories


def shared_world_fixture(build, scope="module"):
    """A module-scoped fixture (or `scope`): `build()` once, inside a transaction rolled back at the scope's
    end; each test runs in a savepoint inside it (pytest-django's `db`), so every test starts from exactly
    this data."""

    @pytest.fixture(scope=scope)
    def shared_world(django_db_setup, django_db_blocker):
        fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
        with django_db_blocker.unblock(), fast, transaction.atomic():
            try:
                yield build()
            finally:
                transaction.set_rollback(True)

    return shared_world


def people() -> dict:
    """A matrix's people, one of each role ("commissioner" owns what is under test; for "commissioner2" it is
    another's), and "anonymous", nobody signed in."""
    return {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "scrutiny": factories.user(roles.SCRUTINY_MEMBER, username="scrutiny"),
        "gateway": factories.user(roles.GATEWAY_PANEL, username="gateway"),
        "administrator": factories.user(roles.ADMINISTRATOR, username="admin"),
        "anonymous": None,
    }


def fresh(world):
    """The shared world, with the rights a previous test cached on its people dropped."""
    for person in world["people"].values():
        if person is not None:
            members.permissions.forget(person)
            strategies.permissions.forget(person)
    return world


def as_person(client, person):
    if person is not None:
        client.force_login(person)
    return client


def asked_as(world, role):
    """The person a predicate is asked about: the world's, or the anonymous visitor a request would carry."""
    person = world["people"][role]
    return AnonymousUser() if person is None else person


def refused_to_anonymous(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))
