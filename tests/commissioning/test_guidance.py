"""Help where the work is (issue 23): each section of a strategy's Analyse content and of a plan says, in a
GOV.UK details component, what the minimum requirements ask of it (the words are data: strategies.requirements
and plans.requirements); the guidance page describes the whole cycle for a new commissioner or councillor."""

import pytest
from django.urls import reverse
from django.utils.html import escape

import plans.sections
import strategies.sections
from plans.models import CommissioningPlan
from plans.requirements import REQUIREMENTS as PLAN_REQUIREMENTS
from strategies.models import Outcome
from strategies.requirements import REQUIREMENTS as STRATEGY_REQUIREMENTS

pytestmark = pytest.mark.django_db

SUMMARY = "What the minimum requirements ask"


def help_of(response) -> str:
    """The text of the page's "What the minimum requirements ask" details component."""
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(SUMMARY) == 1, "one details component"
    return page.split("data-requirements>", 1)[1].split("</details>", 1)[0]


def test_every_section_has_its_words():
    """A section added without saying what the minimum requirements ask of it fails here."""
    assert {s.slug for s in strategies.sections.SECTIONS} == set(STRATEGY_REQUIREMENTS)
    assert {s.slug for s in plans.sections.SECTIONS} == set(PLAN_REQUIREMENTS)


def test_each_strategy_section_shows_what_the_minimum_requirements_ask(client, commissioner, own_strategy):
    client.force_login(commissioner)
    for section in strategies.sections.SECTIONS:
        found = help_of(client.get(reverse("strategies:section", args=[own_strategy.pk, section.slug])))
        assert escape(STRATEGY_REQUIREMENTS[section.slug].asks.split(",")[0]) in found, section.slug
        assert f'href="{reverse("guidance")}"' in found
    needs = help_of(client.get(reverse("strategies:section", args=[own_strategy.pk, "needs-analysis"])))
    assert needs.count("<li>") == 9 and "market offers, external and internal" in needs
    assert "From section 3.2 of the <cite>Minimum requirements" in needs
    # The page for changing one item of a section says it too.
    outcome = Outcome.objects.create(strategy=own_strategy, title="Children are safe")
    edit = client.get(reverse("strategies:part-edit", args=[own_strategy.pk, "outcomes", outcome.pk]))
    assert "Councillors must be engaged in the approval and scrutiny" in help_of(edit)


def test_a_reader_sees_the_help_too(client, councillor, own_strategy):
    client.force_login(councillor)
    found = help_of(client.get(reverse("strategies:section", args=[own_strategy.pk, "findings"])))
    assert "plain English" in found


def test_each_plan_section_shows_what_the_minimum_requirements_ask(client, commissioner, own_strategy):
    plan = CommissioningPlan.objects.create(strategy=own_strategy, cycle=own_strategy.cycle, title="Plan")
    client.force_login(commissioner)
    for section in plans.sections.SECTIONS:
        found = help_of(client.get(reverse("plans:section", args=[plan.pk, section.slug])))
        assert escape(PLAN_REQUIREMENTS[section.slug].asks.split(",")[0]) in found, section.slug
    appraisals = help_of(client.get(reverse("plans:section", args=[plan.pk, "appraisals"])))
    assert "SWOT" in appraisals and "From section 4.2" in appraisals


GUIDANCE_HEADINGS = (
    "Analyse: the Commissioning Strategy",
    "Plan: the Commissioning Plan",
    "Do: delivery",
    "Review, and round again",
    "What councillors approve",
    "What scrutiny does",
    "What the gateway panel does",
)


@pytest.mark.parametrize("role", ["commissioner", "councillor", "scrutiny", "gateway", "administrator"])
def test_the_guidance_page_describes_the_cycle_to_each_role(request, client, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("guidance"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in GUIDANCE_HEADINGS:
        assert heading in page
    assert "Services and Delivery Analyses and Commercial Model" in page  # what councillors approve
    assert "challenges each key project" in page and "time since last review" in page
    assert 'aria-current="page"' not in page.split("<main", 1)[0]  # of no group in the navigation


def test_the_guidance_page_is_linked_from_the_footer_and_asks_strangers_to_sign_in(client, commissioner):
    response = client.get(reverse("guidance"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert reverse("guidance") not in client.get(reverse("login")).content.decode()
    client.force_login(commissioner)
    assert f'href="{reverse("guidance")}">How commissioning works</a>' in client.get("/").content.decode()
