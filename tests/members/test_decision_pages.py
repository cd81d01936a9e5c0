"""Approvals that read like a decision (issue 23): the content first, with the needs analysis; changes
matched by item, so a rename is a change; "Out of date" in the requests table; what awaits a decision
shown and sorted by the date it is needed by."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members import approvals, snapshots
from members.models import ApprovalRequest, Rule, Subject
from members.services import request_approval
from strategies.models import Outcome

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(own_strategy):
    strategy = factories.complete_analyse(own_strategy)
    strategy.summary_of_findings = "Demand rose 9% in two years."
    strategy.save()
    request = factories.approve(strategy)
    return strategy, request


def test_the_snapshot_has_the_needs_analysis_in_the_order_of_the_minimum_requirements(approved):
    strategy, request = approved
    titles = [s["title"] for s in request.snapshot["sections"]]
    # The impact assessment last, once one is written (issue 22).
    assert titles == [
        "Strategy",
        "Needs analysis",
        "Outcomes",
        "Performance measures",
        "Scope",
        "Integrated impact assessment",
    ]
    needs = dict(request.snapshot["sections"][1]["items"][0]["fields"])
    assert needs["Summary of findings"] == "Demand rose 9% in two years."


def test_a_renamed_outcome_is_a_change_not_a_removal_and_an_addition(approved):
    strategy, _ = approved
    outcome = Outcome.objects.filter(strategy=strategy).order_by("pk").first()
    old = outcome.title
    outcome.title = "Children thrive at home"
    outcome.save()
    found = approvals.state(strategy, Subject.OUTCOMES)
    assert found.stale and not found.current
    kinds = {(c.section, c.item, c.field, c.kind) for c in found.changes}
    assert ("Outcomes", "Children thrive at home", "Name", "changed") in kinds
    assert all(c.kind == "changed" for c in found.changes)
    assert any(c.approved == old and c.current == "Children thrive at home" for c in found.changes)


def test_an_approval_given_before_the_needs_analysis_was_in_snapshots_stays_current(approved):
    strategy, request = approved
    # As a snapshot was taken before issue 23: no keys, no needs analysis, scope second.
    old = {
        "sections": [
            {**s, "items": [{k: v for k, v in i.items() if k != "key"} for i in s["items"]]}
            for s in request.snapshot["sections"]
            if s["title"] != "Needs analysis"
        ]
    }
    old["sections"].insert(1, old["sections"].pop())
    ApprovalRequest.objects.filter(pk=request.pk).update(snapshot=old, content_hash=snapshots.digest(old))
    assert approvals.state(strategy, Subject.OUTCOMES).current
    strategy.summary_of_findings = "Changed after the approval"
    strategy.save()
    assert approvals.state(strategy, Subject.OUTCOMES).current  # not what that approval covered
    outcome = Outcome.objects.filter(strategy=strategy).order_by("pk").first()
    outcome.title = "Renamed"
    outcome.save()
    found = approvals.state(strategy, Subject.OUTCOMES)
    outcomes = {c.kind for c in found.changes if c.section == "Outcomes"}
    assert found.stale and outcomes == {"added", "removed"}  # matched by name, as they were


def test_the_request_page_shows_the_content_before_the_decision_form(client, approved, councillor):
    strategy, _ = approved
    factories.portfolio_holder(strategy, councillor)
    strategy.purpose = "A purpose councillors have not yet approved."
    strategy.save()
    request = request_approval(
        strategy=strategy,
        subject=Subject.OUTCOMES,
        approvers=[councillor],
        rule=Rule.ANY,
        acting_user=strategy.accountable_commissioner,
    )
    client.force_login(councillor)
    page = client.get(request.get_absolute_url()).content.decode()
    content = page.index("What councillors are asked to approve")
    assert content < page.index("Needs analysis") < page.index('id="decide"')
    assert "Demand rose 9% in two years." in page


def test_the_requests_table_says_out_of_date(client, approved):
    strategy, request = approved
    url = reverse("members:strategy-approvals", args=[strategy.pk])
    client.force_login(strategy.accountable_commissioner)
    assert "Out of date" not in client.get(url).content.decode()
    outcome = Outcome.objects.filter(strategy=strategy).first()
    outcome.title = "Changed since"
    outcome.save()
    page = client.get(url).content.decode()
    row = page.split("All requests", 1)[1]
    assert "Out of date" in row and ">Approved<" not in row


def test_awaiting_your_decision_shows_and_sorts_by_the_date_needed_by(
    client, own_strategy, other_strategy, councillor
):
    today = timezone.localdate()
    asked = []
    for strategy, due in [
        (own_strategy, today + timedelta(days=20)),
        (other_strategy, today + timedelta(days=5)),
    ]:
        factories.portfolio_holder(strategy, councillor)
        asked.append(
            request_approval(
                strategy=strategy,
                subject=Subject.OUTCOMES,
                approvers=[councillor],
                rule=Rule.ANY,
                decision_due=due,
                acting_user=strategy.accountable_commissioner,
            )
        )
    client.force_login(councillor)
    response = client.get(reverse("members:my-decisions"))
    assert [r.pk for r in response.context["requests"]] == [asked[1].pk, asked[0].pk]
    page = response.content.decode()
    assert ">Needed by</th>" in page
    assert page.index(other_strategy.reference) < page.index(own_strategy.reference)
