"""The integrated impact assessment (strategies.impact): the areas it covers as data, the checklist item and
the conditions of Analyse → Plan and Plan → Do it puts, its pages and who may change it, its history, and
"due regard" in the approval snapshot, the decision record and the pack."""

import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from meetings import pack_content
from meetings.models import AgendaItemKind
from members import records, snapshots
from plans import checklist as plan_checklist
from plans.models import PlanImpactEntry
from strategies import checklist, impact
from strategies.models import ImpactArea, ImpactEntry, Stage, Strategy
from strategies.services import TransitionRefused, apply_transition

from .. import factories, matrix

ROLES = ["commissioner", "commissioner2", "councillor", "scrutiny", "gateway", "administrator", "anonymous"]
EDITORS = {"commissioner", "administrator"}


def _build_world():
    p = matrix.people()
    factories.criteria()
    factories.impact_areas()
    # Analyse complete and approved but for the impact assessment, which is then taken away.
    bare = factories.complete_analyse(factories.strategy(commissioner=p["commissioner"], title="Bare"))
    ImpactEntry.objects.filter(strategy=bare).delete()
    # In Plan with a complete, approved plan.
    planned = factories.StrategyFactory(commissioner=p["commissioner"], title="Planned", planned=True)
    return {"people": p, "bare": bare, "planned": planned}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# The areas, as data -------------------------------------------------------------------------------------


def test_the_areas_are_the_protected_characteristics_and_the_local_additions(world):
    kinds = {}
    for area in ImpactArea.objects.all():
        kinds.setdefault(area.kind, []).append(area)
    assert len(kinds["protected"]) == 9  # Equality Act 2010, s.4
    assert {a.name for a in kinds["local"]} >= {"Carers", "Care leavers", "Rurality"}
    assert not any(a.switched_on for a in kinds["section"])  # off until the council switches them on
    assert len(impact.required_areas()) == 13


def test_a_section_switched_on_is_required_and_a_protected_characteristic_cannot_be_switched_off(world):
    ImpactArea.objects.filter(code="environment").update(switched_on=True)
    ImpactArea.objects.filter(code="age").update(switched_on=False)
    names = {a.name for a in impact.required_areas()}
    assert {"Environment (carbon)", "Age"} <= names
    s = Strategy.objects.get(pk=world["planned"].pk)
    item = next(i for i in checklist.build(s) if i.key == "impact")
    assert not item.done and item.missing == "Assess the impact on Environment (carbon)"


# The checklist and the lifecycle ------------------------------------------------------------------------


def test_a_strategy_without_an_impact_assessment_cannot_move_to_plan_and_is_told_why(world):
    s = world["bare"]
    assert [i.key for i in checklist.missing(s)] == ["impact"]
    with pytest.raises(TransitionRefused) as refused:
        apply_transition(
            strategy_id=s.pk,
            name="start_planning",
            acting_user=world["people"]["commissioner"],
            expected_stage=Stage.ANALYSE,
        )
    # (the approval is out of date too: the assessment approved is gone)
    reason = next(r for r in refused.value.reasons if r.startswith("Integrated"))
    assert reason.startswith("Integrated impact assessment (due regard to the equality duty): assess the")
    assert "Age" in reason and "Carers" in reason


def test_a_negative_impact_needs_its_mitigation_and_owner(world):
    s = world["planned"]
    ImpactEntry.objects.filter(strategy=s, area__code="rurality").update(impact="negative", mitigation="")
    item = next(i for i in checklist.build(Strategy.objects.get(pk=s.pk)) if i.key == "impact")
    assert item.missing == "Give the mitigation and its owner for the negative impact on Rurality"


def test_a_plan_without_an_impact_assessment_of_its_adopted_option_cannot_move_to_do(world):
    s = world["planned"]
    plan = s.plans.get()
    PlanImpactEntry.objects.filter(plan=plan).delete()
    assert [i.key for i in plan_checklist.missing(plan)] == ["impact"]
    with pytest.raises(TransitionRefused) as refused:
        apply_transition(
            strategy_id=s.pk,
            name="start_delivery",
            acting_user=world["people"]["commissioner"],
            expected_stage=Stage.PLAN,
        )
    assert any(
        r.startswith(
            f"{plan.title}: Integrated impact assessment of the adopted option: assess the impact on"
        )
        for r in refused.value.reasons
    )


# Pages and rights ---------------------------------------------------------------------------------------


def _url(s):
    return reverse("strategies:section", args=[s.pk, "impact"])


def _entry(area, **more):
    return {
        "area": str(area.pk),
        "impact": "positive",
        "evidence": "Carers' survey 2025",
        "seen_version": "1",
        **more,
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_and_who_changes_the_assessment(client, world, role, no_throttle):
    s = world["bare"]
    person = world["people"][role]
    matrix.as_person(client, person)
    page = client.get(_url(s))
    added = client.post(_url(s), _entry(ImpactArea.objects.get(code="carers")))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(page) and matrix.refused_to_anonymous(added)
    else:
        assert page.status_code == 200
        assert (added.status_code == 302) is (role in EDITORS)
        if role not in EDITORS:
            assert added.status_code == 403
    assert ImpactEntry.objects.filter(strategy=s).count() == (1 if role in EDITORS else 0)


def test_bad_input_is_explained_keeps_what_was_typed_and_changes_nothing(client, world):
    s = world["bare"]
    client.force_login(world["people"]["commissioner"])
    age = ImpactArea.objects.get(code="age")
    response = client.post(_url(s), _entry(age, impact="negative", evidence="Fewer buses for older people"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Describe the mitigation of a negative impact" in page
    assert "Name who is responsible for the mitigation" in page
    assert "Fewer buses for older people" in page
    assert not ImpactEntry.objects.filter(strategy=s).exists()
    # One entry per area: the second is refused with what to do instead.
    assert client.post(_url(s), _entry(age)).status_code == 302
    again = client.post(_url(s), _entry(age, evidence="Again"))
    assert again.status_code == 400 and "Age is already assessed" in again.content.decode()
    assert ImpactEntry.objects.filter(strategy=s).count() == 1


def test_changes_are_kept_in_the_strategy_history(client, world):
    s = world["bare"]
    client.force_login(world["people"]["commissioner"])
    client.post(_url(s), _entry(ImpactArea.objects.get(code="race")))
    entry = ImpactEntry.objects.get(strategy=s)
    client.post(
        reverse("strategies:part-edit", args=[s.pk, "impact", entry.pk]),
        {**_entry(entry.area, impact="neutral"), "seen_version": str(entry.version)},
    )
    page = _text(client.get(reverse("strategies:history", args=[s.pk])).content.decode())
    assert "Integrated impact assessment" in page
    assert "Positive" in page and "Neutral" in page


# Due regard: the snapshot, the decision record and the pack ----------------------------------------------


def test_the_approval_snapshot_and_the_decision_record_carry_the_assessment(world):
    s = world["planned"]
    ImpactEntry.objects.filter(strategy=s, area__code="rurality").update(
        impact="negative", mitigation="A community transport grant", owner="Transport lead"
    )
    snapshot = snapshots.of_outcomes(Strategy.objects.get(pk=s.pk))
    section = next(x for x in snapshot["sections"] if x["title"] == "Integrated impact assessment")
    assert len(section["items"]) == 13
    lines = records._what_outcomes(snapshot)
    assert "13 areas was before the decision-makers; 1 negative impact found" in " ".join(lines)
    assert any("Rurality" in line and "community transport grant" in line for line in lines)
    # A strategy with no assessment adds no section, so approvals taken before keep their hash.
    bare = snapshots.of_outcomes(world["bare"])
    assert "Integrated impact assessment" not in {x["title"] for x in bare["sections"]}
    assert "no integrated impact assessment" in records._what_outcomes(bare)[-1]


def test_the_pack_shows_the_assessment_of_the_strategy_and_of_the_plan(world):
    s = world["planned"]
    ImpactEntry.objects.filter(strategy=s, area__code="carers").update(
        impact="negative", mitigation="Respite vouchers", owner="Carers lead"
    )
    meeting = factories.meeting(board=factories.board())
    items = [
        factories.agenda_item(meeting, AgendaItemKind.STRATEGY, strategy=s),
        factories.agenda_item(meeting, AgendaItemKind.PLAN, strategy=s),
    ]
    reports = pack_content.gather(meeting, items)
    strategy_page = _text(render_to_string(reports[items[0].pk].template, reports[items[0].pk].context))
    plan_page = _text(render_to_string(reports[items[1].pk].template, reports[items[1].pk].context))
    assert "Integrated impact assessment (due regard)" in strategy_page
    assert "13 areas: 0 positive, 12 neutral and 1 negative" in strategy_page
    assert "Respite vouchers Owner: Carers lead" in strategy_page
    assert "The assessment of the adopted option covers 13 areas" in plan_page


def test_the_plan_assessment_is_edited_on_its_own_page(client, world):
    plan = world["planned"].plans.get()
    url = reverse("plans:section", args=[plan.pk, "impact"])
    client.force_login(world["people"]["commissioner2"])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403  # another strategy's commissioner
    client.force_login(world["people"]["commissioner"])
    PlanImpactEntry.objects.filter(plan=plan, area__code="sex").delete()
    sex = ImpactArea.objects.get(code="sex")
    assert client.post(url, _entry(sex, impact="neutral")).status_code == 302
    assert plan_checklist.missing(plan) == []
