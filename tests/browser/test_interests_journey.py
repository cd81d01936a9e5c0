"""A councillor registers a disclosable pecuniary interest in the provider of a strategy they hold, is asked to
decide on it and is refused with the reason; democratic services record a dispensation; the councillor then
declares the interest and decides. Every page is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from members.models import ApprovalRequest, Declaration, Interest, Rule, Subject
from members.services import request_approval

from .. import factories
from .pages import field, fill_date, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDER = "Action Kids"  # the current provider factories.complete_analyse records


def test_a_councillor_with_a_dpi_is_refused_until_a_dispensation(
    page: Page, commissioner, councillor, administrator
):
    strategy = factories.complete_analyse(factories.strategy(commissioner=commissioner), approved=False)
    factories.portfolio_holder(strategy, councillor)
    request = request_approval(
        strategy=strategy,
        subject=Subject.OUTCOMES,
        approvers=[councillor],
        rule=Rule.ANY,
        acting_user=commissioner,
    )

    # The councillor registers the interest on their own register.
    sign_in(page, councillor, then=f"/members/{councillor.pk}/interests/")
    with navigation(page):
        page.get_by_role("link", name="Register an interest").click()
    page.get_by_role("radio", name="Employment, office, trade, profession or vocation").check()
    page.get_by_role("radio", name=re.compile("^Their spouse or civil partner")).check()
    field(page, "Who or what").fill(PROVIDER)
    fill_date(page, "Since", timezone.localdate() - timedelta(days=30))
    field(page, "Providers it concerns").fill(PROVIDER)
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text("The register of interests is saved.")
    expect(page.get_by_role("table")).to_contain_text(PROVIDER)

    # Asked to decide, the page flags the interest and refuses, with the reason.
    visit(page, request.get_absolute_url())
    expect(page.locator("#conflicts")).to_contain_text("may touch")
    expect(page.get_by_role("button", name="Record my decision")).to_have_count(0)
    expect(page.locator("#may-not-decide")).to_contain_text(
        "Your register of interests records a disclosable"
    )

    # Democratic services record a dispensation.
    sign_in(page, administrator, then=f"/members/{councillor.pk}/dispensations/new/")
    field(page, "What it is for").fill("To decide on family support.")
    field(page, "Granted by").fill("The Standards Committee")
    today = timezone.localdate()
    for label in ("Granted on", "Has effect from", "Until"):
        fill_date(page, label, today)
    field(page, "For matters concerning").fill(strategy.reference)
    with navigation(page):
        page.get_by_role("button", name="Record the dispensation").click()
    expect(success_banner(page)).to_contain_text("The dispensation")

    # The councillor declares the interest and decides.
    sign_in(page, councillor, then=request.get_absolute_url())
    page.get_by_role("radio", name="Approve", exact=True).check()
    field(page, "Reasons").fill("The outcomes follow from the evidence.")
    page.get_by_role("checkbox", name="I have an interest to declare").check()
    page.get_by_role("radio", name=re.compile("^A disclosable pecuniary interest")).check()
    field(page, "The entry in your register of interests").select_option(
        str(Interest.objects.get(member=councillor).pk)
    )
    with navigation(page):
        page.get_by_role("button", name="Record my decision").click()
    expect(success_banner(page)).to_contain_text("approved")
    assert ApprovalRequest.objects.get(pk=request.pk).status == ApprovalRequest.Status.APPROVED
    assert Declaration.objects.get().kind == Declaration.Kind.DISCLOSABLE
