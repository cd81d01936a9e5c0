"""Councillors through the pages: a commissioner asks the portfolio holder to approve a strategy and its
outcomes, the councillor approves it and the strategy moves to Plan; another councillor is refused; a
decision without reasons is refused; scrutiny comments and recommends, and the Executive responds; an
administrator sets up a board, assigns the rights and takes them away again. Every page is checked with
axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commissioning import roles
from commissioning.models import User
from members import permissions
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    DecisionRecord,
    PortfolioHolder,
    Recommendation,
    Referral,
    Rule,
    ScrutinyComment,
    Subject,
)
from members.services import request_approval
from strategies.models import Strategy

from .. import factories
from .pages import check_widths, field, go_to, navigation, sign_in, sign_out_button, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Early help for families"
OUTCOME = "Children are safe and healthy"  # complete_analyse's outcome
NOT_ASKED = "Councillors have not yet been asked to approve the strategy and its outcomes."
NOT_AN_APPROVER = "You are not one of the approvers named on this request."
CANNOT_ASK = "Only this strategy's commissioners and administrators can ask councillors to approve it."
COMMITTEE = "Children and Young People Scrutiny Committee"  # factories.refer's


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def sign_out(page: Page):
    with navigation(page):
        sign_out_button(page).click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()


def summary_row(page: Page, key: str):
    """The row of the page's first summary list (the request's or record's own) whose key is `key`."""
    keys = page.locator(".govuk-summary-list__key").get_by_text(key, exact=True)
    return page.locator(".govuk-summary-list").first.locator(".govuk-summary-list__row").filter(has=keys)


def unapproved_strategy(commissioner, councillor) -> Strategy:
    """Analyse content complete, `councillor` its portfolio holder, councillors not yet asked."""
    strategy = factories.complete_analyse(
        factories.strategy(commissioner=commissioner, title=TITLE), approved=False
    )
    factories.portfolio_holder(strategy, councillor)
    return Strategy.objects.get(pk=strategy.pk)


def open_request(strategy, commissioner, councillor) -> ApprovalRequest:
    """An open request, made as the commissioner would, naming `councillor` alone."""
    return request_approval(
        strategy=strategy,
        subject=Subject.OUTCOMES,
        approvers=[councillor],
        rule=Rule.ANY,
        note="Please approve before the Executive meets.",
        acting_user=commissioner,
    )


def test_commissioner_asks_councillor_approves_and_strategy_moves_to_plan(
    page: Page, commissioner, councillor
):
    strategy = unapproved_strategy(commissioner, councillor)

    # The commissioner: not yet, because councillors have not been asked.
    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    expect(page.get_by_role("button", name="Move to Plan")).to_have_count(0)
    refusal = page.locator(".app-refusal").filter(has_text="Move to Plan: not yet")
    expect(refusal.get_by_role("listitem")).to_have_text([NOT_ASKED])

    with navigation(page):
        page.get_by_role("link", name="Councillors' approval").click()
    expect(h1(page)).to_have_text("Councillors' approval")
    card = page.locator("#approval-outcomes")
    expect(card).to_contain_text("Not yet asked")
    expect(card).to_contain_text(NOT_ASKED)
    with navigation(page):
        card.get_by_role("button", name=re.compile(r"^Ask for approval")).click()
    expect(h1(page)).to_have_text("Ask councillors to approve the strategy and its outcomes")
    expect(page.get_by_role("main")).to_contain_text(OUTCOME)  # the version they will be asked about

    page.get_by_role("group", name="Approvers").get_by_role("checkbox", name=str(councillor)).check()
    page.get_by_role("group", name="Decision rule").get_by_role(
        "radio", name="Any one approver", exact=True
    ).check()
    note = "The outcomes come from the JSNA; the Executive meets on the 14th."
    field(page, "Note to the approvers").fill(note)
    with navigation(page):
        page.get_by_role("button", name="Send the request").click()
    expect(success_banner(page)).to_contain_text("Approval asked of 1 councillor.")
    expect(h1(page)).to_have_text("Approval of the strategy and its outcomes")
    expect(summary_row(page, "Status")).to_contain_text("Awaiting decisions")
    expect(summary_row(page, "Decision rule")).to_contain_text("Any one approver")
    expect(summary_row(page, "Note")).to_contain_text(note)
    expect(summary_row(page, "Waiting on")).to_contain_text(str(councillor))
    # The commissioner asked, but does not decide.
    expect(page.get_by_role("button", name="Record my decision")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text(NOT_AN_APPROVER)
    request = ApprovalRequest.objects.get(strategy=strategy)
    assert request.status == ApprovalRequest.Status.OPEN
    assert request.rule == Rule.ANY and request.note == note
    assert list(request.approvers.all()) == [councillor]
    assert request.requested_by == commissioner
    sign_out(page)

    # The councillor: told on the dashboard, approves with reasons.
    sign_in(page, councillor)
    banner = page.get_by_role("region", name="Awaiting your decision")
    expect(banner).to_contain_text("1 request for your approval.")
    with navigation(page):
        banner.get_by_role("link", name="See what is waiting").click()
    expect(h1(page)).to_have_text("Awaiting your decision")
    expect(page.get_by_role("columnheader", name="Needed by")).to_be_visible()
    check_widths(page, "awaiting your decision")
    with navigation(page):
        page.get_by_role("link", name=f"{strategy.reference}: the strategy and its outcomes").click()
    expect(h1(page)).to_have_text("Approval of the strategy and its outcomes")
    # The content asked for first, the needs analysis with it; then the decision form (issue 23).
    content = page.get_by_role("heading", name="What councillors are asked to approve")
    decision = page.get_by_role("heading", name="Your decision")
    assert (
        content.bounding_box()["y"] < page.get_by_role("heading", name="Needs analysis").bounding_box()["y"]
    )
    assert content.bounding_box()["y"] < decision.bounding_box()["y"]
    check_widths(page, "the request for approval")
    page.get_by_role("group", name="Your decision").get_by_role("radio", name="Approve", exact=True).check()
    reasons = "Clear outcomes, backed by the needs assessment."
    field(page, "Reasons").fill(reasons)
    with navigation(page):
        page.get_by_role("button", name="Record my decision").click()
    expect(success_banner(page)).to_contain_text("Your decision is recorded. The request is now: approved.")
    expect(summary_row(page, "Status").locator(".govuk-tag")).to_have_text("Approved")
    expect(summary_row(page, "Waiting on")).to_contain_text("Nobody")
    expect(page.get_by_role("main")).to_contain_text(f"{councillor}: Approve")
    expect(page.get_by_role("button", name="Record my decision")).to_have_count(0)

    with navigation(page):
        page.get_by_role("link", name="Decision record").click()
    expect(h1(page)).to_have_text(f"{strategy.reference}: councillors approved the strategy and its outcomes")
    record_text = page.locator(".app-decision-record")
    expect(record_text).to_contain_text(OUTCOME)
    expect(record_text).to_contain_text(f"{councillor} decided 'Approve'")
    expect(record_text).to_contain_text(reasons)
    expect(record_text).to_contain_text(f"{commissioner} asked {councillor}")
    expect(summary_row(page, "Decided by")).to_have_text(re.compile(rf"{re.escape(str(councillor))}$"))

    request.refresh_from_db()
    assert request.status == ApprovalRequest.Status.APPROVED
    decision = ApprovalDecision.objects.get(request=request)
    assert (decision.approver, decision.kind, decision.reasons) == (councillor, "approve", reasons)
    record = DecisionRecord.objects.get(request=request)
    assert record.decided_by == str(councillor) and OUTCOME in record.summary
    sign_out(page)

    # The commissioner again: once the call-in period has passed (test_call_in_journey), it may move to Plan.
    factories.past_call_in(request)
    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    expect(page.locator("#councillors ~ ul")).to_contain_text("The strategy and its outcomes: Approved")
    with navigation(page):
        page.get_by_role("button", name="Move to Plan").click()
    expect(h1(page)).to_have_text("Move to Plan")
    with navigation(page):
        page.get_by_role("button", name="Move to Plan").click()
    expect(success_banner(page)).to_contain_text(f"{strategy} is now in Plan.")
    expect(page.locator("h1 .govuk-tag")).to_have_text("Plan")
    strategy.refresh_from_db()
    assert strategy.stage == "plan"


def test_a_councillor_without_rights_is_refused(page: Page, commissioner, councillor):
    strategy = unapproved_strategy(commissioner, councillor)
    request = open_request(strategy, commissioner, councillor)
    councillor2 = factories.user(roles.COUNCILLOR, username="councillor2")

    sign_in(page, councillor2)
    expect(page.get_by_role("region", name="Awaiting your decision")).to_have_count(0)

    visit(page, f"/strategies/{strategy.pk}/approvals/outcomes/", status=403)
    expect(h1(page)).to_have_text("You cannot do that")
    expect(page.get_by_role("main")).to_contain_text(CANNOT_ASK)

    # The request page: readable, but no decision form, and the reason why.
    visit(page, request.get_absolute_url())
    expect(h1(page)).to_have_text("Approval of the strategy and its outcomes")
    expect(page.get_by_role("heading", name="Your decision")).to_have_count(0)
    expect(page.get_by_role("button", name="Record my decision")).to_have_count(0)
    expect(page.get_by_role("button", name="Withdraw the request")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text(NOT_AN_APPROVER)

    # A well-formed decision, with a valid CSRF token: refused by the permission check, not by CSRF.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/approvals/{request.pk}/decide/",
        form={"kind": "approve", "reasons": "I approve.", "content_hash": request.content_hash},
        headers={"X-CSRFToken": token},
    )
    assert response.status == 403
    assert NOT_AN_APPROVER in response.text()
    assert not ApprovalDecision.objects.exists()
    request.refresh_from_db()
    assert request.status == ApprovalRequest.Status.OPEN

    # The named approver may still decide: the refusal above was about the person.
    assert permissions.can_decide(User.objects.get(pk=councillor.pk), request)


def test_a_decision_without_reasons_is_refused(page: Page, commissioner, councillor):
    strategy = unapproved_strategy(commissioner, councillor)
    request = open_request(strategy, commissioner, councillor)

    sign_in(page, councillor)
    visit(page, request.get_absolute_url())
    page.get_by_role("group", name="Your decision").get_by_role("radio", name="Approve", exact=True).check()
    with navigation(page):  # the error page is checked with axe too
        page.get_by_role("button", name="Record my decision").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Enter the reasons for your decision"])
    summary.get_by_role("link", name="Enter the reasons for your decision").click()
    expect(field(page, "Reasons")).to_be_focused()
    expect(page.get_by_role("radio", name="Approve", exact=True)).to_be_checked()  # what was chosen stays

    assert not ApprovalDecision.objects.exists()
    assert not DecisionRecord.objects.exists()
    request.refresh_from_db()
    assert request.status == ApprovalRequest.Status.OPEN


def test_scrutiny_comments_and_recommends_and_the_executive_responds(
    new_page, commissioner, councillor, scrutiny
):
    strategy = unapproved_strategy(commissioner, councillor)
    factories.refer(strategy, scrutiny)
    scrutiny_page = f"/strategies/{strategy.pk}/scrutiny/"

    # The scrutiny member: the work programme, the proposed outcomes, a comment and a recommendation.
    page = new_page()
    sign_in(page, scrutiny)
    go_to(page, "Approvals and scrutiny", "Scrutiny")
    expect(h1(page)).to_have_text("Scrutiny")
    expect(page.get_by_role("heading", name=COMMITTEE)).to_be_visible()
    row = page.get_by_role("row").filter(has_text=str(strategy))
    expect(row).to_contain_text(OUTCOME)
    with navigation(page):
        row.get_by_role("link", name=str(strategy)).click()
    expect(h1(page)).to_have_text("Scrutiny")
    expect(page.get_by_role("heading", name=re.compile(r"^Proposed outcomes"))).to_contain_text(
        "Not yet asked"
    )
    expect(page.get_by_role("table", name="Outcomes and their measures")).to_contain_text(OUTCOME)

    question = "How will families without internet access hear about early help?"
    field(page, "Comment").fill(question)
    with navigation(page):
        page.get_by_role("button", name="Add comment").click()
    expect(success_banner(page)).to_contain_text("Your comment is added.")
    comment = ScrutinyComment.objects.get(strategy=strategy)
    assert (comment.author, comment.body, comment.parent) == (scrutiny, question, None)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(question)

    page.get_by_text("Make a recommendation to the Executive").click()
    recommendation_text = "Publish the early help offer in libraries and GP surgeries."
    field(page, "Recommendation").fill(recommendation_text)
    field(page, "Why the board recommends it").fill("A third of families we heard from are offline.")
    with navigation(page):
        page.get_by_role("button", name="Send the recommendation").click()
    expect(success_banner(page)).to_contain_text("Your board's recommendation is sent to the Executive.")
    recommendation = Recommendation.objects.get(strategy=strategy)
    card = page.locator(f"#recommendation-{recommendation.pk}")
    expect(card).to_contain_text(recommendation_text)
    expect(card).to_contain_text("Awaiting response")
    expect(card.get_by_role("link", name=re.compile(r"^Respond"))).to_have_count(0)  # scrutiny does not
    assert recommendation.board.name == COMMITTEE and recommendation.made_by == scrutiny

    # The commissioner replies to the comment.
    page = new_page()
    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    with navigation(page):
        page.get_by_role("link", name="Scrutiny (1 comment)").click()
    thread = page.locator(f"#comment-{comment.pk}")
    thread.get_by_text(f"Reply to {scrutiny}").click()
    reply = "Through children's centres and health visitors; we will add libraries."
    thread.get_by_label("Your reply").fill(reply)
    with navigation(page):
        thread.get_by_role("button", name="Reply", exact=True).click()
    expect(success_banner(page)).to_contain_text("Your comment is added.")
    answer = ScrutinyComment.objects.get(parent=comment)
    assert (answer.author, answer.body) == (commissioner, reply)
    expect(page.locator(f"#comment-{comment.pk} .app-comment-thread #comment-{answer.pk}")).to_contain_text(
        reply
    )
    # Only the Executive responds to a recommendation.
    expect(page.get_by_role("link", name=re.compile(r"^Respond"))).to_have_count(0)

    # The portfolio holder responds for the Executive.
    page = new_page()
    sign_in(page, councillor)
    visit(page, scrutiny_page)
    expect(page.locator(f"#comment-{answer.pk}")).to_contain_text(reply)
    with navigation(page):
        page.locator(f"#recommendation-{recommendation.pk}").get_by_role(
            "link", name=re.compile(r"^Respond")
        ).click()
    expect(h1(page)).to_have_text(f"Respond to {COMMITTEE}'s recommendation")
    expect(page.locator(".govuk-inset-text")).to_have_text(recommendation_text)
    page.get_by_role("group", name="The Executive's response is that the recommendation is").get_by_role(
        "radio", name="Accepted", exact=True
    ).check()
    response = "Accepted: the offer goes to every library and GP surgery from next month."
    field(page, "The Executive's response").fill(response)
    with navigation(page):
        page.get_by_role("button", name="Record the response").click()
    expect(success_banner(page)).to_contain_text("The response is recorded and the board has been told.")
    expect(h1(page)).to_have_text("Scrutiny")
    card = page.locator(f"#recommendation-{recommendation.pk}")
    expect(card.locator(".govuk-tag")).to_have_text("Accepted")
    expect(card).to_contain_text(response)
    expect(card).to_contain_text(str(councillor))

    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.ACCEPTED
    assert recommendation.response == response
    assert recommendation.responded_by == councillor and recommendation.responded_at is not None


def test_administrator_sets_up_a_board_assigns_rights_and_removes_them(
    page: Page, administrator, councillor, scrutiny, own_strategy
):
    executive = factories.board(members=[councillor])
    board_name = "Adults and Communities Scrutiny Committee"

    sign_in(page, administrator)
    go_to(page, "Meetings", "Boards")
    expect(h1(page)).to_have_text("Boards and committees")
    with navigation(page):
        page.get_by_role("button", name="Add a board").click()
    expect(h1(page)).to_have_text("Add a board or committee")
    field(page, "Name").fill(board_name)
    page.get_by_role("group", name="Kind of board").get_by_role(
        "radio", name="Scrutiny committee", exact=True
    ).check()
    field(page, "Remit").fill("Scrutinises adult care, housing and community safety.")
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text(f"{board_name} is saved.")
    expect(h1(page)).to_have_text(board_name)
    board = Board.objects.get(name=board_name)
    assert board.kind == Board.Kind.SCRUTINY_COMMITTEE

    page.get_by_role("combobox", name="Member", exact=True).select_option(label=str(scrutiny))
    page.get_by_role("group", name="Role on the board").get_by_role("radio", name="Chair", exact=True).check()
    with navigation(page):
        page.get_by_role("button", name="Add to the board").click()
    expect(success_banner(page)).to_contain_text(f"{scrutiny} has joined {board_name}.")
    expect(page.get_by_role("row").filter(has_text=str(scrutiny))).to_contain_text("Chair")
    membership = BoardMembership.objects.get(board=board, member=scrutiny)
    assert membership.role == BoardMembership.Role.CHAIR

    # The strategy's portfolio holder (an Executive member) and its scrutiny board.
    visit(page, f"/strategies/{own_strategy.pk}/councillors/")
    expect(h1(page)).to_have_text("Portfolio holders and scrutiny")
    page.get_by_role("group", name="Portfolio holders").get_by_role("checkbox", name=str(councillor)).check()
    field(page, "Referred for scrutiny to").select_option(label=board_name)
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text(
        f"Councillors' rights on {own_strategy.reference} are saved."
    )
    expect(h1(page)).to_have_text("Councillors' approval")
    expect(summary_row(page, "Portfolio holders")).to_contain_text(str(councillor))
    expect(summary_row(page, "Scrutiny board")).to_contain_text(board_name)
    assert [h.councillor for h in PortfolioHolder.objects.filter(strategy=own_strategy)] == [councillor]
    assert Referral.objects.get(strategy=own_strategy).board == board
    assert permissions.holds(User.objects.get(pk=councillor.pk), permissions.APPROVE, own_strategy)
    assert permissions.holds(User.objects.get(pk=scrutiny.pk), permissions.SCRUTINISE, own_strategy)

    # Off the Executive: the approval right goes with the seat.
    go_to(page, "Meetings", "Boards")
    with navigation(page):
        page.get_by_role("link", name="Executive", exact=True).click()
    expect(h1(page)).to_have_text("Executive")
    with navigation(page):
        page.get_by_role("link", name=f"Change {councillor}'s role or remove them").click()
    expect(h1(page)).to_have_text(str(councillor))
    with navigation(page):
        page.get_by_role("button", name=f"Remove {councillor}").click()
    expect(success_banner(page)).to_contain_text(
        f"{councillor} has left Executive. They no longer hold {own_strategy.reference}."
    )
    expect(page.get_by_text("No members yet.")).to_be_visible()

    assert not BoardMembership.objects.filter(board=executive, member=councillor).exists()
    assert not PortfolioHolder.objects.filter(strategy=own_strategy).exists()
    assert not permissions.holds(User.objects.get(pk=councillor.pk), permissions.APPROVE, own_strategy)
    visit(page, f"/strategies/{own_strategy.pk}/approvals/")
    expect(summary_row(page, "Portfolio holders")).to_contain_text(
        "None assigned: nobody can approve this strategy yet."
    )


def test_an_exempt_commercial_model_is_for_the_board_concerned_alone(
    new_page, commissioner, councillor, scrutiny
):
    """A plan marked confidential under Schedule 12A: the scrutiny committee it is referred to reads its
    commercial model, with the warning; a councillor on no board concerned gets the page-not-found page."""
    import plans.services

    strategy = factories.StrategyFactory(commissioner=commissioner, title=TITLE, delivering=True)
    factories.refer(strategy, scrutiny)
    plan = strategy.plans.get()
    plans.services.update_plan(
        plan=plan,
        seen_version=plan.version,
        changes={"confidential": True, "exemption": "3"},
        acting_user=commissioner,
    )
    address = f"/plans/{plan.pk}/commercial-model/"

    outsider = new_page()
    sign_in(outsider, councillor)
    visit(outsider, address, status=404)
    expect(h1(outsider)).to_have_text("Page not found")
    expect(outsider.get_by_text("Commercial model")).to_have_count(0)
    visit(outsider, f"/strategies/{strategy.pk}/")
    expect(outsider.get_by_text("1 confidential plan withheld", exact=False)).to_be_visible()

    member = new_page()
    sign_in(member, scrutiny)
    visit(member, address)
    expect(h1(member)).to_have_text("Commercial model")
    expect(member.locator("#exempt-notice")).to_contain_text("paragraph 3: financial or business affairs")


def test_call_in_journey(page: Page, commissioner, councillor):
    """Issue 17: a decision inside its call-in period shows its deadline; two scrutiny members call it in; the
    committee's chair records scrutiny's conclusion, published on the notice."""
    strategy = unapproved_strategy(commissioner, councillor)
    chair, first, second = (factories.user(roles.SCRUTINY_MEMBER) for _ in range(3))
    committee = factories.refer(strategy, first, second)
    factories.BoardFactory(name=committee.name, kind=committee.kind, chair=chair)
    request = open_request(strategy, commissioner, councillor)
    from members.services import decide

    decide(
        request_id=request.pk,
        seen_content_hash=request.content_hash,
        kind=ApprovalDecision.Kind.APPROVE,
        reasons="Clear outcomes.",
        acting_user=councillor,
    )
    notice = request.record.notice
    deadline = f"{notice.call_in_ends.day} {notice.call_in_ends:%B %Y}"

    for member, reasons in ((first, "Young carers are left out."), (second, "No joint option was costed.")):
        sign_in(page, member, then=reverse("members:notices"))
        expect(h1(page)).to_have_text("Decision notices")
        with navigation(page):
            page.get_by_role("link", name=notice.record.title).click()
        expect(summary_row(page, "Call-in deadline")).to_contain_text(deadline)
        field(page, "Why are you calling this decision in?").fill(reasons)
        with navigation(page):
            page.get_by_role("button", name="Call in the decision").click()
        expect(success_banner(page)).to_contain_text("Your call-in is recorded.")
        expect(page.get_by_role("main")).to_contain_text(reasons)
        sign_out(page)
    expect_status = summary_row(page, "Status")

    # The commissioner: the strategy is held, with the reason.
    sign_in(page, commissioner, then=strategy.get_absolute_url())
    refusal = page.locator(".app-refusal").filter(has_text="Move to Plan: not yet")
    expect(refusal).to_contain_text("called in by 2 scrutiny members")
    sign_out(page)

    sign_in(page, chair, then=notice.get_absolute_url())
    expect(expect_status).to_contain_text("Called in")
    page.get_by_role("radio", name="No further action: the decision takes effect").check()
    field(page, "Scrutiny's reasons").fill("Answered at the meeting.")
    with navigation(page):
        page.get_by_role("button", name="Record the conclusion").click()
    expect(success_banner(page)).to_contain_text("Scrutiny's conclusion is recorded")
    expect(summary_row(page, "Status")).to_contain_text("In effect")
    expect(page.get_by_role("main")).to_contain_text("Answered at the meeting.")
