"""Rights as a matrix: role x page or action x own / other strategy, through the real views."""

import pytest
from django.urls import reverse

from strategies.models import Outcome

from .. import factories
from ..conftest import ROLES

# The strategy under test belongs to `commissioner`; for commissioner2 it is someone else's.
EDITORS = {"commissioner", "administrator"}
CREATORS = {"commissioner", "commissioner2", "administrator"}


@pytest.fixture
def subject(own_strategy, other_strategy):
    outcome = Outcome.objects.create(strategy=own_strategy, title="Children are safe")
    return {"strategy": own_strategy, "outcome": outcome}


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
def test_reading(client, people, subject, role, page, url, no_throttle):
    response = _client(client, people[role]).get(url(subject))
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


ACTION_NAMES = [
    "edit fields",
    "add item",
    "edit item page",
    "edit item",
    "delete item",
    "transition page",
    "transition",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTION_NAMES)
def test_changing_own_and_others_strategy(client, people, subject, role, action, no_throttle):
    method, url, data = _actions(subject)[action]
    strategy = subject["strategy"]
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
def test_creating(client, people, role, no_throttle):
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
