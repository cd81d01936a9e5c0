"""Councillors' rights as a matrix: role x page or action x own / other strategy, through the real views.

The strategy under test ("own") belongs to `commissioner`; `councillor` is its portfolio holder (an
Executive member who may approve it) and it is referred to the scrutiny committee `scrutiny` sits on.
The "other" strategy belongs to `commissioner2`, is held by another Executive member (not in the matrix)
and is referred to `scrutiny2`'s committee. `councillor2` is a councillor who holds no rights at all.
Every refusal is a 403 that changes nothing in the database.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import strategies.permissions
from commissioning import roles
from commissioning.models import Notification
from members import permissions, services
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CouncillorProfile,
    DecisionRecord,
    PortfolioHolder,
    Recommendation,
    Referral,
    Rule,
    ScrutinyComment,
    Subject,
)
from strategies.models import Outcome, StrategyGroupObjectPermission, StrategyUserObjectPermission

from .. import conftest, factories, matrix

# conftest's roles, with a councillor who holds no rights and a scrutiny member of another board.
ROLES = [
    "commissioner",
    "commissioner2",
    "councillor",
    "councillor2",
    "scrutiny",
    "scrutiny2",
    "gateway",
    "administrator",
    "anonymous",
]
assert set(conftest.ROLES) <= set(ROLES)

Status = ApprovalRequest.Status


def _build_world():
    """Both strategies ready for approval, held, referred, each with an open request and a
    recommendation awaiting the Executive's response; the own strategy also has a decision record."""
    p = {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "councillor2": factories.user(roles.COUNCILLOR, username="councillor2"),
        "scrutiny": factories.user(roles.SCRUTINY_MEMBER, username="scrutiny"),
        "scrutiny2": factories.user(roles.SCRUTINY_MEMBER, username="scrutiny2"),
        "gateway": factories.user(roles.GATEWAY_PANEL, username="gateway"),
        "administrator": factories.user(roles.ADMINISTRATOR, username="admin"),
        "anonymous": None,
    }
    own = factories.strategy(commissioner=p["commissioner"], title="Children are safe and healthy")
    other = factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    own = factories.complete_analyse(own, other=other, approved=False)
    other = factories.complete_analyse(other, other=own, approved=False)
    other_holder = factories.user(roles.COUNCILLOR, username="holder-other")
    factories.portfolio_holder(own, p["councillor"])
    factories.portfolio_holder(other, other_holder)
    own_board = factories.refer(own, p["scrutiny"])
    other_board = factories.refer(other, p["scrutiny2"], name="Place Scrutiny Committee")

    factories.approve(own)  # a decision record ...
    Outcome.objects.create(strategy=own, title="Families thrive")  # ... now out of date, so ask again
    side = {}
    for name, strategy, holder, commissioner, member, board in [
        ("own", own, p["councillor"], p["commissioner"], p["scrutiny"], own_board),
        ("other", other, other_holder, p["commissioner2"], p["scrutiny2"], other_board),
    ]:
        request = services.request_approval(
            strategy=strategy,
            subject=Subject.OUTCOMES,
            approvers=[holder],
            rule=Rule.ANY,
            acting_user=commissioner,
        )
        recommendation = services.make_recommendation(
            strategy=strategy,
            text="Publish the outcomes.",
            reasons="Families should see them.",
            acting_user=member,
        )
        side[name] = {
            "strategy": strategy,
            "holder": holder,
            "commissioner": commissioner,
            "board": board,
            "request": request,
            "recommendation": recommendation,
        }
    side["own"]["elsewhere"], side["other"]["elsewhere"] = other_board, own_board
    return {
        **side,
        "people": p,
        "record": DecisionRecord.objects.get(strategy=own),
        "membership": BoardMembership.objects.get(board=own_board, member=p["scrutiny"]),
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


_client = matrix.as_person


_refused_to_anonymous = matrix.refused_to_anonymous


def fingerprint():
    """Everything a members action could write: a refused action must leave all of it as it was."""
    User = get_user_model()  # noqa: N806
    return {
        "boards": list(Board.objects.order_by("pk").values_list("pk", "name", "kind", "remit")),
        "memberships": list(
            BoardMembership.objects.order_by("pk").values_list("pk", "board", "member", "role")
        ),
        "groups": sorted(User.groups.through.objects.values_list("user", "group")),
        "profiles": list(
            CouncillorProfile.objects.order_by("pk").values_list("user", "ward", "party", "portfolio")
        ),
        "holders": sorted(PortfolioHolder.objects.values_list("strategy", "councillor")),
        "referrals": sorted(Referral.objects.values_list("strategy", "board")),
        "user rights": sorted(
            StrategyUserObjectPermission.objects.values_list("user", "content_object", "permission")
        ),
        "group rights": sorted(
            StrategyGroupObjectPermission.objects.values_list("group", "content_object", "permission")
        ),
        "requests": list(ApprovalRequest.objects.order_by("pk").values_list("pk", "status", "closed_at")),
        "approvers": sorted(ApprovalRequest.approvers.through.objects.values_list("approvalrequest", "user")),
        "decisions": list(ApprovalDecision.objects.order_by("pk").values_list("pk", flat=True)),
        "records": list(DecisionRecord.objects.order_by("pk").values_list("pk", flat=True)),
        "comments": list(ScrutinyComment.objects.order_by("pk").values_list("pk", flat=True)),
        "recommendations": list(
            Recommendation.objects.order_by("pk").values_list("pk", "status", "version", "response")
        ),
        "notifications": Notification.objects.count(),
    }


# Reading ---------------------------------------------------------------------------------------------------

# Pages whose content is the same for everyone signed in: one predicate (can_view) decides them.
PUBLIC_PAGES = [
    ("waiting on", lambda w: reverse("members:waiting-on")),
    ("decision log", lambda w: reverse("members:decision-log")),
    ("decision csv", lambda w: reverse("members:decision-log-csv")),
    ("decision", lambda w: reverse("members:decision", args=[w["record"].pk])),
]
# Pages that show each person what their rights let them do (or their own work): these stay a matrix over
# HTTP, since every role renders a different page.
RIGHTS_PAGES = [
    ("yours", lambda w: reverse("members:my-decisions")),
    ("request", lambda w: reverse("members:request", args=[w["own"]["request"].pk])),
    ("scrutiny programme", lambda w: reverse("members:referred")),
    ("boards", lambda w: reverse("members:boards")),
    ("board", lambda w: reverse("members:board", args=[w["own"]["board"].pk])),
    ("councillors", lambda w: reverse("members:councillors")),
    ("strategy approvals", lambda w: reverse("members:strategy-approvals", args=[w["own"]["strategy"].pk])),
    ("strategy scrutiny", lambda w: reverse("members:scrutiny", args=[w["own"]["strategy"].pk])),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_public_pages_are_for_everyone_signed_in(world, role):
    assert bool(permissions.can_view(matrix.asked_as(world, role))) == (role != "anonymous")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["councillor2", "anonymous"])
@pytest.mark.parametrize("page,url", PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_reading_a_public_page(client, world, role, page, url, no_throttle):
    _read(client, world, role, url)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page,url", RIGHTS_PAGES, ids=[p[0] for p in RIGHTS_PAGES])
def test_reading(client, world, role, page, url, no_throttle):
    _read(client, world, role, url)


def _read(client, world, role, url):
    before = fingerprint()
    response = _client(client, world["people"][role]).get(url(world))
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    else:
        assert response.status_code == 200
    assert fingerprint() == before, "reading must change nothing"


# Actions on a strategy, its requests and its recommendations -----------------------------------------------


@dataclass
class Action:
    method: str
    url: Any  # (world, side) -> str
    data: Any = None  # (world, side) -> dict
    own: set = field(default_factory=set)  # who may, on the strategy under test
    other: set = field(default_factory=set)  # who may, on another's strategy
    effect: Any = None  # (side, user) -> value that an allowed POST changes
    prepare: Any = None  # (world, side) -> None, run before the request
    rights: Any = None  # (user, side) -> the Decision the view takes, from the predicates it calls
    # Over HTTP: an allowed (role, target) and the closest refused one (the same role on the other
    # strategy, or the other strategy's counterpart on this one), so the view is seen asking the object.
    allowed_as: tuple = ("commissioner", "own")
    refused_as: tuple = ("commissioner2", "own")


def _withdraw_open(w, s):
    """Asking again needs no open request: withdraw it first, as its commissioner would."""
    services.withdraw_request(
        request_id=s["request"].pk, reason="Asking again", acting_user=s["commissioner"]
    )


def _reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def _request_url(w, s):
    return reverse("members:request-approval", args=[s["strategy"].pk, Subject.OUTCOMES])


def _respond_url(w, s):
    return reverse("members:respond", args=[s["recommendation"].pk])


def _assign_url(w, s):
    return reverse("members:assign", args=[s["strategy"].pk])


def _on_strategy(predicate):
    """The views read the strategy (strategies' can_view) before asking the action's predicate."""
    return lambda u, s: strategies.permissions.can_view(u, s["strategy"]) and predicate(u, s)


def _may_request(u, s):
    return permissions.can_request(u, s["strategy"], subject=Subject.OUTCOMES)


COMMISSIONERS = ({"commissioner", "administrator"}, {"commissioner2", "administrator"})
STRATEGY_ACTIONS = {
    "request page": Action(
        "get", _request_url, own=COMMISSIONERS[0], other=COMMISSIONERS[1], rights=_on_strategy(_may_request)
    ),
    "request": Action(
        "post",
        _request_url,
        lambda w, s: {"approvers": [s["holder"].pk], "rule": Rule.ANY, "note": "Please approve."},
        own=COMMISSIONERS[0],
        other=COMMISSIONERS[1],
        effect=lambda s, u: list(
            ApprovalRequest.objects.filter(strategy=s["strategy"], status=Status.OPEN).values_list(
                "requested_by", flat=True
            )
        ),
        prepare=_withdraw_open,
        rights=_on_strategy(_may_request),
    ),
    "decide": Action(
        "post",
        lambda w, s: reverse("members:decide", args=[s["request"].pk]),
        lambda w, s: {
            "kind": ApprovalDecision.Kind.APPROVE,
            "reasons": "Clear outcomes.",
            "content_hash": s["request"].content_hash,
        },
        own={"councillor"},
        other=set(),  # only its own portfolio holder, who is not in the matrix
        effect=lambda s, u: (
            _reload(s["request"]).status,
            list(s["request"].decisions.values_list("approver", flat=True)),
        ),
        rights=lambda u, s: permissions.can_decide(u, s["request"]),
        allowed_as=("councillor", "own"),
        refused_as=("councillor", "other"),
    ),
    "withdraw": Action(
        "post",
        lambda w, s: reverse("members:withdraw", args=[s["request"].pk]),
        lambda w, s: {"reason": "The outcomes are being revised."},
        own=COMMISSIONERS[0],
        other=COMMISSIONERS[1],
        effect=lambda s, u: _reload(s["request"]).status,
        rights=lambda u, s: permissions.can_withdraw(u, s["request"]),
    ),
    "comment": Action(
        "post",
        lambda w, s: reverse("members:comment", args=[s["strategy"].pk]),
        lambda w, s: {"body": "How will families be told?"},
        own={"commissioner", "councillor", "scrutiny", "administrator"},
        other={"commissioner2", "scrutiny2", "administrator"},
        effect=lambda s, u: list(s["strategy"].scrutiny_comments.values_list("author", flat=True)),
        rights=_on_strategy(lambda u, s: permissions.can_comment(u, s["strategy"])),
        allowed_as=("scrutiny", "own"),
        refused_as=("scrutiny2", "own"),
    ),
    "recommend": Action(
        "post",
        lambda w, s: reverse("members:recommend", args=[s["strategy"].pk]),
        lambda w, s: {
            "text": "Add a measure for waiting times.",
            "reasons": "Families raised it.",
            "response_due": "2030-01-31",
        },
        own={"scrutiny"},
        other={"scrutiny2"},
        effect=lambda s, u: list(s["strategy"].recommendations.values_list("made_by", flat=True)),
        rights=_on_strategy(lambda u, s: permissions.can_scrutinise(u, s["strategy"])),
        allowed_as=("scrutiny", "own"),
        refused_as=("scrutiny2", "own"),
    ),
    "respond page": Action(
        "get",
        _respond_url,
        own={"councillor", "administrator"},
        other={"administrator"},
        rights=lambda u, s: permissions.can_respond(u, s["recommendation"]),
        allowed_as=("councillor", "own"),
        refused_as=("councillor", "other"),
    ),
    "respond": Action(
        "post",
        _respond_url,
        lambda w, s: {
            "status": Recommendation.Status.ACCEPTED,
            "response": "Agreed: we will add it.",
            "seen_version": s["recommendation"].version,
        },
        own={"councillor", "administrator"},
        other={"administrator"},
        effect=lambda s, u: (
            _reload(s["recommendation"]).status,
            _reload(s["recommendation"]).responded_by_id,
        ),
        rights=lambda u, s: permissions.can_respond(u, s["recommendation"]),
        allowed_as=("councillor", "own"),
        refused_as=("councillor", "other"),
    ),
    "assign page": Action(
        "get",
        _assign_url,
        own={"administrator"},
        other={"administrator"},
        rights=_on_strategy(lambda u, s: permissions.can_manage(u)),
        allowed_as=("administrator", "own"),
        refused_as=("commissioner", "own"),
    ),
    "assign": Action(
        "post",
        _assign_url,
        lambda w, s: {"portfolio_holders": [s["holder"].pk], "board": s["elsewhere"].pk},
        own={"administrator"},
        other={"administrator"},
        effect=lambda s, u: Referral.objects.get(strategy=s["strategy"]).board_id,
        rights=_on_strategy(lambda u, s: permissions.can_manage(u)),
        allowed_as=("administrator", "own"),
        refused_as=("commissioner", "own"),
    ),
}


def _check(response, allowed, role, before, effect_before, effect_after):
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    elif allowed:
        assert response.status_code in (200, 302), response.content[:800]
    else:
        assert response.status_code == 403, response.content[:800]
    if allowed and effect_before is not None:
        assert effect_after != effect_before, "an allowed action must do what it says"
    if not allowed:
        assert fingerprint() == before, "a refused action must change nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("action", list(STRATEGY_ACTIONS))
def test_rights_on_own_and_others_strategy(world, role, target, action):
    a = STRATEGY_ACTIONS[action]
    allowed = role in (a.own if target == "own" else a.other)
    assert bool(a.rights(matrix.asked_as(world, role), world[target])) == allowed


def _http_cases(actions):
    """Per action: its allowed and closest refused (role, target), and anonymous on the own strategy."""
    return [
        pytest.param(name, role, target, id=f"{name}-{role}-{target}")
        for name, a in actions.items()
        for role, target in (a.allowed_as, a.refused_as, ("anonymous", "own"))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("action,role,target", _http_cases(STRATEGY_ACTIONS))
def test_acting_on_own_and_others_strategy(client, world, role, target, action, no_throttle):
    a = STRATEGY_ACTIONS[action]
    side = world[target]
    user = world["people"][role]
    if a.prepare:
        a.prepare(world, side)
    allowed = role in (a.own if target == "own" else a.other)
    before = fingerprint()
    effect_before = a.effect(side, user) if a.effect else None
    data = a.data(world, side) if a.data else {}
    response = getattr(_client(client, user), a.method)(a.url(world, side), data)
    effect_after = a.effect(side, user) if a.effect else None
    _check(response, allowed, role, before, effect_before, effect_after)
    if allowed and a.method == "post":
        assert response.status_code == 302, response.content[:800]
        if action in ("request", "comment", "recommend"):
            assert effect_after.count(user.pk) == effect_before.count(user.pk) + 1, "recorded as who did it"
        if action == "decide":
            assert effect_after == (Status.APPROVED, [user.pk])
        if action == "withdraw":
            assert effect_after == Status.WITHDRAWN
        if action == "respond":
            assert effect_after == (Recommendation.Status.ACCEPTED, user.pk)
        if action == "assign":
            assert effect_after == side["elsewhere"].pk


# Administration: boards and councillors --------------------------------------------------------------------


def _member_url(w):
    m = w["membership"]
    return reverse("members:member-edit", args=[m.board_id, m.pk])


def _board_edit_url(w):
    return reverse("members:board-edit", args=[w["own"]["board"].pk])


def _profile_url(w):
    return reverse("members:councillor-edit", args=[w["people"]["councillor2"].pk])


def _membership_role(w):
    return list(BoardMembership.objects.filter(pk=w["membership"].pk).values_list("role", flat=True))


ADMIN_ACTIONS = {
    "board create page": ("get", lambda w: reverse("members:board-create"), None, None),
    "board create": (
        "post",
        lambda w: reverse("members:board-create"),
        lambda w: {
            "name": "Adults Scrutiny Committee",
            "kind": Board.Kind.SCRUTINY_COMMITTEE,
            "remit": "Care",
        },
        lambda w: Board.objects.filter(name="Adults Scrutiny Committee").exists(),
    ),
    "board edit page": ("get", _board_edit_url, None, None),
    "board edit": (
        "post",
        _board_edit_url,
        lambda w: {"name": "Children's Scrutiny Committee", "remit": "Children and families"},
        lambda w: Board.objects.get(pk=w["own"]["board"].pk).name,
    ),
    "member add": (
        "post",
        lambda w: reverse("members:member-add", args=[w["own"]["board"].pk]),
        lambda w: {"member": w["people"]["councillor2"].pk, "role": BoardMembership.Role.MEMBER},
        lambda w: w["own"]["board"].memberships.filter(member=w["people"]["councillor2"]).exists(),
    ),
    "member edit page": ("get", _member_url, None, None),
    "member edit": (
        "post",
        _member_url,
        lambda w: {"role": BoardMembership.Role.VICE_CHAIR},
        _membership_role,
    ),
    "member remove": ("post", _member_url, lambda w: {"remove": "1"}, _membership_role),
    "councillor edit page": ("get", _profile_url, None, None),
    "councillor edit": (
        "post",
        _profile_url,
        lambda w: {"ward": "Castle", "party": "Independent", "portfolio": ""},
        lambda w: list(CouncillorProfile.objects.filter(user=w["people"]["councillor2"]).values_list("ward")),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_administering_boards_and_councillors_is_for_administrators(world, role):
    """Every administration page and action asks can_manage alone."""
    assert bool(permissions.can_manage(matrix.asked_as(world, role))) == (role == "administrator")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "commissioner", "anonymous"])
@pytest.mark.parametrize("action", list(ADMIN_ACTIONS))
def test_administering_boards_and_councillors(client, world, role, action, no_throttle):
    method, url, data, effect = ADMIN_ACTIONS[action]
    user = world["people"][role]
    allowed = role == "administrator"
    before = fingerprint()
    effect_before = effect(world) if effect else None
    response = getattr(_client(client, user), method)(url(world), data(world) if data else {})
    effect_after = effect(world) if effect else None
    _check(response, allowed, role, before, effect_before, effect_after)
    if allowed and method == "post":
        assert response.status_code == 302, response.content[:800]


# Rights are object rights, held by nobody model-wide --------------------------------------------------------


@pytest.mark.django_db
def test_councillors_and_scrutiny_hold_no_model_wide_permissions(world):
    User = get_user_model()  # noqa: N806
    for role in ("councillor", "councillor2", "scrutiny", "scrutiny2"):
        person = User.objects.get(pk=world["people"][role].pk)
        assert person.get_all_permissions() == set(), role
        assert not person.has_perm(f"strategies.{permissions.APPROVE}"), role
        assert not person.has_perm(f"strategies.{permissions.SCRUTINISE}"), role
    for name in (roles.COUNCILLOR, roles.SCRUTINY_MEMBER):
        assert not Group.objects.get(name=name).permissions.exists(), name
    for board in Board.objects.all():  # the rights boards give are object rights on referred strategies
        assert not board.group.permissions.exists(), board.name


@pytest.mark.django_db
def test_a_superuser_who_is_not_a_portfolio_holder_cannot_decide(client, world, no_throttle):
    root = factories.user(username="root", is_superuser=True)
    request, strategy = world["own"]["request"], world["own"]["strategy"]
    request.approvers.add(root)  # named by mistake (the service would refuse to name him)
    assert root.has_perm(f"strategies.{permissions.APPROVE}", strategy)  # what Django and guardian say
    assert not permissions.holds(root, permissions.APPROVE, strategy)
    assert not permissions.can_scrutinise(root, strategy)
    before = fingerprint()
    client.force_login(root)
    response = client.post(
        reverse("members:decide", args=[request.pk]),
        {"kind": "approve", "reasons": "I can do anything.", "content_hash": request.content_hash},
    )
    assert response.status_code == 403
    assert fingerprint() == before
    with pytest.raises(PermissionDenied):
        services.decide(
            request_id=request.pk,
            seen_content_hash=request.content_hash,
            kind="approve",
            reasons="Still no.",
            acting_user=root,
        )


@pytest.mark.django_db
def test_a_councillor_without_the_right_cannot_be_named(client, world, no_throttle):
    own = world["own"]
    councillor2, commissioner = world["people"]["councillor2"], world["people"]["commissioner"]
    _withdraw_open(world, own)
    with pytest.raises(ValidationError, match="cannot approve"):
        services.request_approval(
            strategy=own["strategy"],
            subject=Subject.OUTCOMES,
            approvers=[councillor2],
            rule=Rule.ANY,
            acting_user=commissioner,
        )
    before = fingerprint()
    client.force_login(commissioner)
    response = client.post(
        reverse("members:request-approval", args=[own["strategy"].pk, Subject.OUTCOMES]),
        {"approvers": [councillor2.pk], "rule": Rule.ANY},
    )
    assert response.status_code == 400
    assert fingerprint() == before


@pytest.mark.django_db
def test_a_named_approver_whose_right_was_removed_is_refused(client, world, no_throttle):
    own = world["own"]
    councillor = world["people"]["councillor"]
    services.assign_councillors(
        strategy=own["strategy"],
        portfolio_holders=[],
        board=own["board"],
        acting_user=factories.administrator(),
    )
    assert own["request"].approvers.filter(pk=councillor.pk).exists()  # still named ...
    before = fingerprint()
    client.force_login(councillor)
    response = client.post(
        reverse("members:decide", args=[own["request"].pk]),
        {"kind": "approve", "reasons": "Clear outcomes.", "content_hash": own["request"].content_hash},
    )
    assert response.status_code == 403  # ... but no longer holds the right
    assert b"do not hold the right" in response.content
    assert fingerprint() == before


# Rights follow board membership ----------------------------------------------------------------------------


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.django_db
def test_leaving_the_scrutiny_board_ends_the_right_to_recommend(client, world, no_throttle):
    own = world["own"]
    scrutiny, strategy = world["people"]["scrutiny"], own["strategy"]
    assert permissions.can_scrutinise(_fresh(scrutiny), strategy)
    services.remove_member(membership=world["membership"], acting_user=factories.administrator())
    assert not permissions.can_scrutinise(_fresh(scrutiny), strategy)
    assert not permissions.can_comment(_fresh(scrutiny), strategy)
    before = fingerprint()
    client.force_login(scrutiny)
    for url, data in [
        (
            reverse("members:recommend", args=[strategy.pk]),
            {"text": "More.", "reasons": "Because.", "response_due": "2030-01-31"},
        ),
        (reverse("members:comment", args=[strategy.pk]), {"body": "A question."}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert fingerprint() == before
    # The board keeps the referral: its remaining (and future) members hold the right.
    assert Referral.objects.get(strategy=strategy).board == own["board"]
    newcomer = factories.user(roles.SCRUTINY_MEMBER, username="newcomer")
    factories.board(name=own["board"].name, members=[newcomer])
    assert permissions.can_scrutinise(_fresh(newcomer), strategy)


@pytest.mark.django_db
def test_leaving_the_executive_ends_the_right_to_approve(client, world, no_throttle):
    own = world["own"]
    councillor, strategy = world["people"]["councillor"], own["strategy"]
    assert permissions.may_approve(_fresh(councillor), strategy)
    membership = BoardMembership.objects.get(board__kind=Board.Kind.EXECUTIVE, member=councillor)
    released = services.remove_member(membership=membership, acting_user=factories.administrator())
    assert strategy.reference in released
    fresh = _fresh(councillor)
    assert not permissions.may_approve(fresh, strategy)
    assert not permissions.can_decide(fresh, _reload(own["request"]))
    assert not permissions.can_respond(fresh, own["recommendation"])
    assert not PortfolioHolder.objects.filter(councillor=councillor).exists()
    before = fingerprint()
    client.force_login(councillor)
    response = client.post(
        reverse("members:decide", args=[own["request"].pk]),
        {"kind": "approve", "reasons": "Clear outcomes.", "content_hash": own["request"].content_hash},
    )
    assert response.status_code == 403
    assert client.get(reverse("members:respond", args=[own["recommendation"].pk])).status_code == 403
    assert fingerprint() == before


@pytest.mark.django_db
def test_referring_to_another_board_moves_the_right_to_recommend(world):
    own = world["own"]
    scrutiny, scrutiny2, strategy = world["people"]["scrutiny"], world["people"]["scrutiny2"], own["strategy"]
    assert permissions.can_scrutinise(_fresh(scrutiny), strategy)
    assert not permissions.can_scrutinise(_fresh(scrutiny2), strategy)
    services.assign_councillors(
        strategy=strategy,
        portfolio_holders=[world["people"]["councillor"]],
        board=own["elsewhere"],
        acting_user=factories.administrator(),
    )
    assert not permissions.can_scrutinise(_fresh(scrutiny), strategy)
    assert permissions.can_scrutinise(_fresh(scrutiny2), strategy)
    services.assign_councillors(
        strategy=strategy, portfolio_holders=[], board=None, acting_user=factories.administrator()
    )
    assert not permissions.can_scrutinise(_fresh(scrutiny2), strategy)
    assert not permissions.may_approve(_fresh(world["people"]["councillor"]), strategy)
