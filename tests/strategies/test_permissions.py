"""Rights as a matrix: role x page or action x own / other strategy. Changing is checked in full on the
predicates the views ask, and through the real views for an allowed role, the closest refused one (another
strategy's commissioner) and anonymous; the pages, which show each person what they may do, for every role."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from strategies import permissions
from strategies.models import Outcome, Strategy

from .. import factories, matrix
from ..conftest import ROLES

# The strategy under test belongs to `commissioner`; for commissioner2 it is someone else's.
EDITORS = {"commissioner", "administrator"}
CREATORS = {"commissioner", "commissioner2", "administrator"}


def _build_world():
    """conftest's people, the strategy under test (`commissioner`'s) with an outcome, and commissioner2's."""
    p = matrix.people()
    own = factories.strategy(commissioner=p["commissioner"], title="Children are safe and healthy")
    factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    outcome = Outcome.objects.create(strategy=own, title="Children are safe")
    return {"people": p, "strategy": own, "outcome": outcome}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


# The tests below on their own take the world's people and strategy, read afresh (a test may change them).
@pytest.fixture
def own_strategy(world):
    return Strategy.objects.get(pk=world["strategy"].pk)


def _person(role):
    return pytest.fixture(name=role)(lambda world: get_user_model().objects.get(pk=world["people"][role].pk))


commissioner, commissioner2, councillor = (
    _person("commissioner"),
    _person("commissioner2"),
    _person("councillor"),
)


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


READ_PAGES = [
    ("list", lambda s: reverse("strategies:list")),
    ("detail", lambda s: reverse("strategies:detail", args=[s["strategy"].pk])),
    ("section fields", lambda s: reverse("strategies:section", args=[s["strategy"].pk, "needs-analysis"])),
    ("section overview", lambda s: reverse("strategies:section", args=[s["strategy"].pk, "overview"])),
    ("section items", lambda s: reverse("strategies:section", args=[s["strategy"].pk, "outcomes"])),
    ("history", lambda s: reverse("strategies:history", args=[s["strategy"].pk])),
    ("dashboard", lambda s: reverse("home")),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page,url", READ_PAGES, ids=[p[0] for p in READ_PAGES])
def test_reading(client, world, role, page, url, no_throttle):
    response = _client(client, world["people"][role]).get(url(world))
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 200


def _actions(s):
    strategy, outcome = s["strategy"], s["outcome"]
    pk = strategy.pk
    return {
        "edit fields": (
            "post",
            reverse("strategies:section", args=[pk, "issues"]),
            {"emerging_issues": "New", "data_gaps": "None identified", "seen_version": strategy.version},
        ),
        "add item": (
            "post",
            reverse("strategies:section", args=[pk, "outcomes"]),
            {"title": "Families thrive", "seen_version": 1},
        ),
        "edit item page": ("get", reverse("strategies:part-edit", args=[pk, "outcomes", outcome.pk]), {}),
        "edit item": (
            "post",
            reverse("strategies:part-edit", args=[pk, "outcomes", outcome.pk]),
            {"title": "Children are safe", "seen_version": outcome.version},
        ),
        "delete item": (
            "post",
            reverse("strategies:part-delete", args=[pk, "outcomes", outcome.pk]),
            {"seen_version": outcome.version},
        ),
        "transition page": ("get", reverse("strategies:transition", args=[pk, "archive"]), {}),
        "transition": (
            "post",
            reverse("strategies:transition", args=[pk, "archive"]),
            {"expected_stage": "analyse", "note": "Merged"},
        ),
    }


def _may_edit(user, strategy):
    """The section and item pages read the strategy, then ask whether this person may edit it."""
    return permissions.can_view(user, strategy) and permissions.can_edit(user, strategy)


def _may_transition(user, strategy):
    return permissions.can_view(user, strategy) and permissions.can_transition(user, strategy)


# Each action and the rights its view asks.
ACTION_RIGHTS = {
    "edit fields": _may_edit,
    "add item": _may_edit,
    "edit item page": _may_edit,
    "edit item": _may_edit,
    "delete item": _may_edit,
    "transition page": _may_transition,
    "transition": _may_transition,
}
ACTION_NAMES = list(ACTION_RIGHTS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTION_NAMES)
def test_rights_to_change_own_and_others_strategy(world, role, action):
    decision = ACTION_RIGHTS[action](matrix.asked_as(world, role), world["strategy"])
    assert bool(decision) == (role in EDITORS)
    if not decision and role != "anonymous":
        assert "commissioners and administrators" in decision.reason


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["commissioner", "commissioner2", "anonymous"])
@pytest.mark.parametrize("action", ACTION_NAMES)
def test_changing_own_and_others_strategy(client, world, role, action, no_throttle):
    people = world["people"]
    method, url, data = _actions(world)[action]
    strategy = world["strategy"]
    before = (strategy.history.count(), Outcome.objects.count(), strategy.transitions.count())
    response = getattr(_client(client, people[role]), method)(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif role in EDITORS:
        assert response.status_code in (200, 302), response.content[:500]
    else:
        assert response.status_code == 403
        assert b"commissioners and administrators" in response.content
    if role not in EDITORS:
        after = (strategy.history.count(), Outcome.objects.count(), strategy.transitions.count())
        assert after == before, "a refused action must change nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_rights_to_create(world, role):
    decision = permissions.can_create(matrix.asked_as(world, role))
    assert bool(decision) == (role in CREATORS)
    if role == "anonymous":
        assert decision.reason == "Sign in to create strategies."


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["commissioner2", "councillor", "anonymous"])
def test_creating(client, world, role, no_throttle):
    people = world["people"]
    directorate = factories.DirectorateFactory(name="Place")
    owner = people["commissioner"]
    response = _client(client, people[role]).post(
        reverse("strategies:create"),
        {
            "title": "Highways",
            "purpose": "Safe roads",
            "directorate": directorate.pk,
            "accountable_commissioner": owner.pk,
        },
    )
    from strategies.models import Strategy

    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif role in CREATORS:
        assert response.status_code == 302
        created = Strategy.objects.get(title="Highways")
        from strategies import permissions

        assert permissions.can_edit(owner, created)
    else:
        assert response.status_code == 403
    if role not in CREATORS:
        assert not Strategy.objects.filter(title="Highways").exists()


@pytest.mark.django_db
def test_co_commissioner_gains_and_loses_rights(own_strategy, commissioner, commissioner2):
    from strategies import permissions, services

    assert not permissions.can_edit(commissioner2, own_strategy)
    s = services.update_strategy(
        strategy=own_strategy,
        seen_version=own_strategy.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    assert permissions.can_edit(commissioner2, s)
    s = services.update_strategy(
        strategy=s, seen_version=s.version, changes={"commissioners": []}, acting_user=commissioner
    )
    assert not permissions.can_edit(commissioner2, s)


@pytest.mark.django_db
def test_co_commissioner_cannot_choose_commissioners(own_strategy, commissioner, commissioner2):
    from django.core.exceptions import PermissionDenied

    from strategies import services

    s = services.update_strategy(
        strategy=own_strategy,
        seen_version=own_strategy.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    with pytest.raises(PermissionDenied):
        services.update_strategy(
            strategy=s, seen_version=s.version, changes={"commissioners": []}, acting_user=commissioner2
        )


@pytest.mark.django_db
def test_model_wide_permission_does_not_grant_object_rights(own_strategy, councillor):
    """A global change_strategy permission (e.g. granted by mistake in the admin) is not an object right."""
    from django.contrib.auth.models import Permission

    from strategies import permissions

    councillor.user_permissions.add(Permission.objects.get(codename="change_strategy"))
    assert not permissions.can_edit(councillor, own_strategy)


@pytest.mark.django_db
def test_evidence_file_download_is_checked(
    client, own_strategy, commissioner, no_throttle, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(commissioner)
    upload = SimpleUploadedFile("survey.csv", b"question,answer\nq1,yes\n", content_type="text/csv")
    response = client.post(
        reverse("strategies:section", args=[own_strategy.pk, "evidence"]),
        {
            "title": "Carers survey",
            "source": "Customer Service Centre",
            "kind": "survey",
            "file": upload,
            "seen_version": 1,
        },
    )
    assert response.status_code == 302
    item = own_strategy.evidenceitems.get()
    url = reverse("strategies:evidence-file", args=[own_strategy.pk, item.pk])
    assert b"q1,yes" in b"".join(client.get(url).streaming_content)
    client.logout()
    assert client.get(url).status_code == 302
    # The file is not reachable by guessing a media URL either.
    assert client.get(f"/media/{item.file.name}").status_code in (302, 404)


@pytest.mark.django_db
def test_co_commissioner_saves_the_overview_without_choosing_commissioners(
    client, own_strategy, commissioner, commissioner2, no_throttle
):
    """Issue 16: the Overview form sends the commissioners; a co-commissioner sees them but cannot change
    them, and may still change the purpose. The server refuses a co-commissioner who does change them."""
    from django.core.exceptions import PermissionDenied

    from strategies import services

    s = services.update_strategy(
        strategy=own_strategy,
        seen_version=own_strategy.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    url = reverse("strategies:section", args=[s.pk, "overview"])
    client.force_login(commissioner2)
    page = client.get(url).content.decode()
    assert "Only administrators and the accountable commissioner can change this." in page
    assert page.count("disabled") >= 2  # the accountable commissioner and the others, shown read-only
    form = {
        "title": s.title,
        "purpose": "A clearer purpose",
        "directorate": s.directorate_id or "",
        "accountable_commissioner": s.accountable_commissioner_id,
        "commissioners": [commissioner2.pk],
        "seen_version": s.version,
    }
    assert client.post(url, form).status_code == 302
    s = Strategy.objects.get(pk=s.pk)
    assert s.purpose == "A clearer purpose"
    # A crafted post naming others changes nothing: the fields are not theirs to send.
    assert client.post(url, {**form, "commissioners": [], "seen_version": s.version}).status_code == 302
    s = Strategy.objects.get(pk=s.pk)
    assert list(s.commissioners.all()) == [commissioner2] and s.accountable_commissioner == commissioner
    # The service, which the API and every page share, refuses the change itself.
    with pytest.raises(PermissionDenied):
        services.update_strategy(
            strategy=s,
            seen_version=s.version,
            changes={
                "purpose": "x",
                "commissioners": [commissioner2],
                "accountable_commissioner": commissioner2,
            },
            acting_user=commissioner2,
        )
    # The accountable commissioner still chooses them from the same page.
    client.force_login(commissioner)
    assert "Only administrators and the accountable commissioner" not in client.get(url).content.decode()
    assert client.post(url, {**form, "commissioners": [], "seen_version": s.version}).status_code == 302
    assert not Strategy.objects.get(pk=s.pk).commissioners.exists()
