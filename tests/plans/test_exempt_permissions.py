"""Exempt means exempt: a plan (with its commercial model) or a contract marked confidential under Schedule 12A
is read only by those entitled to a confidential meeting pack, in pages, the API, history, CSV and open data.

The world: `commissioner`'s strategy (with `co-commissioner` as another of its commissioners) is in Do with
two plans. Its approved plan is confidential (paragraph 3), with its commercial model and a contract made under
it; the second plan is public, with one public and one confidential contract. `portfolio holder` holds the
strategy for the Executive; it is referred to the scrutiny committee `board member` sits on; `agenda member`
sits on the Overview and Scrutiny Management Board, whose next meeting has an exempt item on it. Nobody else is concerned: `commissioner2`
commissions another strategy, `councillor` sits on the Executive without holding it, `scrutiny` sits on
another scrutiny committee (the other strategy's), `gateway` sits on the gateway panel (which holds a
review right on every strategy, but is not a board concerned unless the item is on its own agenda).
Every withheld record is a 404, exactly like one that does not exist; lists and counts leave it out.
"""

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import delivery.permissions
import delivery.services
import meetings.services
import plans.permissions
import plans.services
import strategies.permissions
from commissioning import roles
from delivery.models import Contract
from meetings.models import AgendaItemKind
from members.models import DecisionRecord
from plans.models import CommercialModel, CommissioningPlan

from .. import factories, matrix
from ..api.api_support import token_client
from ..delivery.test_delivery import contract, foreign_plan

ROLES = [
    "commissioner",
    "co-commissioner",
    "commissioner2",
    "portfolio holder",
    "board member",
    "agenda member",
    "councillor",
    "scrutiny",
    "gateway",
    "administrator",
    "anonymous",
]
ENTITLED = {
    "commissioner",
    "co-commissioner",
    "portfolio holder",
    "board member",
    "agenda member",
    "administrator",
}


def _build_world():
    def person(role, username):
        return factories.user(role, username=username)

    p = {
        "commissioner": person(roles.COMMISSIONER, "commissioner"),
        "co-commissioner": person(roles.COMMISSIONER, "co-commissioner"),
        "commissioner2": person(roles.COMMISSIONER, "commissioner2"),
        "board member": person(roles.COUNCILLOR, "board-member"),
        "agenda member": person(roles.COUNCILLOR, "agenda-member"),
        "councillor": person(roles.COUNCILLOR, "councillor"),
        "scrutiny": person(roles.SCRUTINY_MEMBER, "scrutiny"),
        "gateway": person(roles.GATEWAY_PANEL, "gateway"),
        "administrator": person(roles.ADMINISTRATOR, "admin"),
        "anonymous": None,
    }
    factories.gateway_panel(p["gateway"])
    admin = p["administrator"]
    s = factories.StrategyFactory(
        commissioner=p["commissioner"], commissioners=[p["co-commissioner"]], delivering=True
    )
    p["portfolio holder"] = s.portfolio_holders.get().councillor
    factories.board(members=[p["councillor"]])  # the Executive, without the portfolio
    factories.refer(s, p["board member"])
    other = factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    factories.refer(other, p["scrutiny"], name="Place Scrutiny Committee")
    audit = factories.board(
        name="Overview and Scrutiny Management Board",
        kind="scrutiny_management",
        members=[p["agenda member"]],
    )
    meeting = meetings.services.create_meeting(
        board=audit, starts_at=timezone.now() + timedelta(days=20), venue="Room 1", acting_user=admin
    )
    meetings.services.add_item(
        meeting=meeting,
        acting_user=admin,
        kind=AgendaItemKind.PLAN,
        title="Family support plan: commercial model",
        strategy=s,
        confidential=True,
        exemption="3",
    )

    secret = s.plans.get()
    secret = plans.services.update_plan(
        plan=secret,
        seen_version=secret.version,
        changes={"confidential": True, "exemption": "3"},
        acting_user=p["commissioner"],
    )
    assert CommercialModel.objects.filter(plan=secret).exists()
    under_secret = contract(s, secret, p["commissioner"], title="Family support contract")
    delivery.services.create_kpi(
        strategy=s,
        acting_user=p["commissioner"],
        name="Families seen within 10 working days",
        unit="%",
        polarity="higher",
        target=Decimal("90"),
        tolerance=Decimal("2"),
        contract=under_secret,
    )
    public = foreign_plan(s)
    public.title = "Parenting groups plan"
    public.save()
    open_contract = contract(
        s, public, p["commissioner"], title="Parenting groups grant", provider="Wolds CIC"
    )
    secret_contract = contract(
        s,
        public,
        p["commissioner"],
        title="Safeguarding outreach contract",
        provider="Hidden Provider Ltd",
        confidential=True,
        exemption="1",
    )
    return {
        "people": p,
        "strategy": s,
        "secret": secret,
        "public": public,
        "under_secret": under_secret,
        "open_contract": open_contract,
        "secret_contract": secret_contract,
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


# The predicate ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_one_predicate(world, role):
    who = matrix.asked_as(world, role)
    s = world["strategy"]
    decision = strategies.permissions.can_read_exempt(who, s.pk)
    assert bool(decision) == (role in ENTITLED)
    if role not in ENTITLED and role != "anonymous":
        assert decision.hidden and "Schedule 12A" in decision.reason
    assert bool(plans.permissions.can_view(who, world["secret"])) == (role in ENTITLED)
    assert bool(plans.permissions.can_view(who, world["public"])) == (role != "anonymous")
    for name in ("under_secret", "secret_contract"):
        assert bool(delivery.permissions.can_view_contract(who, world[name])) == (role in ENTITLED)
    assert bool(delivery.permissions.can_view_contract(who, world["open_contract"])) == (role != "anonymous")


def test_leaving_the_board_takes_the_right_away(world):
    from members.models import BoardMembership
    from members.services import remove_member

    member = world["people"]["board member"]
    assert strategies.permissions.can_read_exempt(member, world["strategy"].pk)
    remove_member(
        membership=BoardMembership.objects.get(member=member), acting_user=world["people"]["administrator"]
    )
    matrix.fresh(world)
    assert not strategies.permissions.can_read_exempt(member, world["strategy"].pk)


# Pages ------------------------------------------------------------------------------------------------------

SECRET_PAGES = {
    "plan": lambda w: reverse("plans:detail", args=[w["secret"].pk]),
    "commercial model": lambda w: reverse("plans:commercial", args=[w["secret"].pk]),
    "plan history": lambda w: reverse("plans:history", args=[w["secret"].pk]),
    "plan section": lambda w: reverse("plans:section", args=[w["secret"].pk, "overview"]),
    "appraisal": lambda w: reverse(
        "plans:appraisal", args=[w["secret"].pk, w["secret"].optionsappraisals.get().pk]
    ),
    "its approval request": lambda w: reverse(
        "members:request", args=[DecisionRecord.objects.filter(request__plan=w["secret"]).get().request_id]
    ),
    "its decision record": lambda w: reverse(
        "members:decision", args=[DecisionRecord.objects.filter(request__plan=w["secret"]).get().pk]
    ),
    "contract under it": lambda w: reverse("delivery:contract", args=[w["under_secret"].pk]),
    "confidential contract": lambda w: reverse("delivery:contract", args=[w["secret_contract"].pk]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", SECRET_PAGES)
def test_pages(client, world, role, page):
    response = matrix.as_person(client, world["people"][role]).get(SECRET_PAGES[page](world))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    else:
        assert response.status_code == (200 if role in ENTITLED else 404)


@pytest.mark.parametrize("role", ["administrator", "councillor"])
def test_a_withheld_plan_is_not_changed_either(client, world, role):
    plan = world["secret"]
    url = reverse("plans:section", args=[plan.pk, "overview"])
    response = matrix.as_person(client, world["people"][role]).post(
        url, {"title": "Leaked", "seen_version": 1}
    )
    assert response.status_code == (404 if role == "councillor" else 409)
    assert CommissioningPlan.objects.get(pk=plan.pk).title == plan.title


def _lists(client, w):
    s = w["strategy"]
    return {
        "strategy page": client.get(reverse("strategies:detail", args=[s.pk])).content.decode(),
        "delivery page": client.get(reverse("delivery:strategy", args=[s.pk])).content.decode(),
        "golden thread": client.get(reverse("delivery:golden-thread", args=[s.pk])).content.decode(),
        "programme": client.get(reverse("gateway:programme")).content.decode(),
        "highlight": client.get(reverse("delivery:strategy-highlight", args=[s.pk])).content.decode(),
    }


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_lists_leave_them_out_and_count_them(client, world, role):
    found = _lists(matrix.as_person(client, world["people"][role]), world)
    entitled = role in ENTITLED
    for name in ("strategy page", "golden thread", "programme"):
        assert ("Family support plan" in found[name]) == entitled, name
        assert "Parenting groups plan" in found[name], name
    for title in ("Family support contract", "Safeguarding outreach contract"):
        assert (title in found["delivery page"]) == entitled
        assert (title in found["golden thread"]) == entitled
    assert "Parenting groups grant" in found["delivery page"]
    assert ("Contract: Family support contract" in found["highlight"]) == entitled
    assert ("Contract: confidential (exempt information, withheld)" in found["highlight"]) != entitled
    assert ("1 confidential plan withheld" in found["strategy page"]) != entitled
    assert ("2 confidential contracts withheld" in found["delivery page"]) != entitled


# API --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_api(world, role):
    api = token_client(world["people"][role])
    s, secret = world["strategy"], world["secret"]
    detail = {
        f"/api/plans/{secret.pk}/": "plan",
        f"/api/contracts/{world['under_secret'].pk}/": "contract under it",
        f"/api/contracts/{world['secret_contract'].pk}/": "confidential contract",
        f"/api/milestones/?plan={secret.pk}": "its milestones",
    }
    if role == "anonymous":
        for url in detail:
            assert api.get(url).status_code == 401
        return
    entitled = role in ENTITLED
    for url in list(detail)[:3]:
        response = api.get(url)
        assert response.status_code == (200 if entitled else 404), detail[url]
    assert api.get(f"/api/plans/{world['public'].pk}/").status_code == 200
    plans_listed = {p["id"] for p in api.get(f"/api/plans/?strategy={s.pk}").json()["results"]}
    assert (secret.pk in plans_listed) == entitled and world["public"].pk in plans_listed
    contracts_listed = {c["id"] for c in api.get("/api/contracts/").json()["results"]}
    assert contracts_listed & {world["under_secret"].pk, world["secret_contract"].pk} == (
        {world["under_secret"].pk, world["secret_contract"].pk} if entitled else set()
    )
    assert world["open_contract"].pk in contracts_listed
    decided = {d["id"] for d in api.get("/api/decisions/").json()["results"]}
    of_secret = set(DecisionRecord.objects.filter(request__plan=secret).values_list("pk", flat=True))
    assert of_secret and (of_secret <= decided) == entitled and not (of_secret & decided and not entitled)
    milestones = api.get(f"/api/milestones/?plan={secret.pk}").json()["results"]
    assert bool(milestones) == entitled
    if entitled:
        found = api.get(f"/api/plans/{secret.pk}/").json()
        assert found["confidential"] and found["exemption"] == "3" and found["commercial_model"]


# History, CSV and open data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_forward_plan_csv(client, world, role):
    """The end of a contract under the confidential plan (the forward plan reads contracts' own end dates)
    is exempt too; the plan's public contract stays listed for everyone."""
    soon = timezone.localdate() + timedelta(days=40)
    Contract.objects.filter(title__in=["Family support contract", "Parenting groups grant"]).update(
        end_date=soon
    )
    body = matrix.as_person(client, world["people"][role]).get(reverse("gateway:forward-plan-csv"))
    assert body.status_code == 200
    text = body.content.decode()
    assert "Contract ends: Parenting groups grant" in text
    assert ("Contract ends: Family support contract" in text) == (role in ENTITLED)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_decision_log_and_its_csv(client, world, role):
    record = DecisionRecord.objects.get(request__plan=world["secret"])
    as_them = matrix.as_person(client, world["people"][role])
    log = as_them.get(reverse("members:decision-log")).content.decode()
    exported = as_them.get(reverse("members:decision-log-csv")).content.decode()
    for found in (html.unescape(log), exported):
        assert (record.title in found) == (role in ENTITLED)


@pytest.mark.parametrize("role", ["anonymous", "administrator"])
def test_open_data_never_publishes_them(client, world, role):
    matrix.as_person(client, world["people"][role])
    register = client.get("/open-data/contracts.csv").content.decode()
    assert "Parenting groups grant" in register
    for hidden in ("Family support contract", "Safeguarding outreach contract"):
        assert hidden not in register
    assert (
        hidden not in token_client(world["people"][role]).get("/api/open-data/contracts.csv").content.decode()
    )
    assert client.get(f"/open-data/plans/{world['secret'].pk}.json").status_code == 404
    assert client.get(f"/api/plans/{world['secret'].pk}/ocds/").status_code == 404
    assert client.get(f"/open-data/contracts/{world['secret_contract'].pk}.json").status_code == 404
    assert client.get(f"/open-data/plans/{world['public'].pk}.json").status_code == 200


def test_the_history_records_who_marked_it_and_why(client, world):
    secret = world["secret"]
    marked = secret.history.order_by("-history_id").first()
    assert marked.confidential and marked.exemption == "3"
    assert marked.history_user == world["people"]["commissioner"]
    page = matrix.as_person(client, world["people"]["commissioner"]).get(
        reverse("plans:history", args=[secret.pk])
    )
    assert "Paragraph 3" in page.content.decode()


# Marking and unmarking --------------------------------------------------------------------------------------


def test_marking_confidential_needs_a_paragraph(world):
    plan = world["public"]
    with pytest.raises(ValidationError) as refused:
        plans.services.update_plan(
            plan=plan,
            seen_version=plan.version,
            changes={"confidential": True, "exemption": ""},
            acting_user=world["people"]["commissioner"],
        )
    assert "Schedule 12A" in str(refused.value.message_dict["exemption"])
    assert not CommissioningPlan.objects.get(pk=plan.pk).confidential
    with pytest.raises(ValidationError):
        contract(world["strategy"], plan, world["people"]["commissioner"], title="X", confidential=True)


def test_unmarking_drops_the_paragraph_and_publishes_it(world):
    secret = world["secret"]
    saved = plans.services.update_plan(
        plan=secret,
        seen_version=secret.version,
        changes={"confidential": False},
        acting_user=world["people"]["administrator"],
    )
    assert (saved.confidential, saved.exemption) == (False, "")
    assert [h.exemption for h in saved.history.order_by("-history_id")[:2]] == ["", "3"]
    matrix.fresh(world)
    assert plans.permissions.can_view(world["people"]["councillor"], saved)


def test_the_contract_page_marks_it_with_its_paragraph(client, world):
    c = world["secret_contract"]
    page = matrix.as_person(client, world["people"]["administrator"]).post(
        reverse("delivery:contract", args=[c.pk]),
        {
            "seen_version": c.version,
            "kind": c.kind,
            "title": c.title,
            "provider": c.provider,
            "sector": c.sector,
            "annual_value": c.annual_value,
            "start_date": c.start_date.isoformat(),
            "end_date": c.end_date.isoformat(),
            "confidential": "on",
            "exemption": "",
        },
    )
    assert page.status_code == 400
    assert "Choose the paragraph of Schedule 12A" in page.content.decode()
    assert Contract.objects.get(pk=c.pk).exemption == "1"
