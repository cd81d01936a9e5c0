"""Issue 21: the forward plan pages in SQL. Every source's key dates in one UNION, counted and paged there
(25 a page), in the plan's order (the date, the project, the kind, the record), and only the page's records
read; a confidential plan's dates are withheld before paging, so a page is never short and the total never
counts what the reader may not see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning import formatting
from gateway import selectors
from gateway.models import GatewayReview, ReviewAction
from members.models import ApprovalRequest, Board, ForwardPlanEntry, Recommendation
from plans.models import CommissioningPlan

from .. import factories

pytestmark = pytest.mark.django_db

PER_PAGE = 25
SECRET = 8  # the confidential plan's decisions due and key decisions, in the first days


def today():
    return timezone.localdate()


def day(n):
    return today() + timedelta(days=n)


def review(s, on, by):
    return GatewayReview.objects.create(strategy=s, cycle=s.cycle, scheduled_for=on, scheduled_by=by)


def request(s, on, by, plan=None):
    return ApprovalRequest.objects.create(
        strategy=s, cycle=s.cycle, subject="plan" if plan else "outcomes", plan=plan, decision_due=on,
        requested_by=by, snapshot={}, content_hash="-",
    )  # fmt: skip


def key_decision(s, on, by, matter, plan=None):
    return ForwardPlanEntry.objects.create(
        strategy=s, cycle=s.cycle, subject="plan" if plan else "outcomes", plan=plan, matter=matter,
        decision_maker="The Executive", expected_on=on, published_on=today(), created_by=by,
    )  # fmt: skip


@pytest.fixture
def plan(commissioner, commissioner2):
    """Two projects with dates from every gateway source over some 40 days (30 anyone may read), and the
    confidential plan of the first with SECRET dates in the first days, which only its readers may see."""
    ours = factories.strategy(commissioner=commissioner, title="Children are safe")
    theirs = factories.strategy(commissioner=commissioner2, title="Safe roads")
    secret = CommissioningPlan.objects.create(
        strategy=ours, cycle=ours.cycle, title="Provider costs", confidential=True, exemption="3"
    )
    board = factories.board("Children's Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE)
    for n in range(1, SECRET // 2 + 1):
        request(ours, day(n), commissioner, plan=secret)
        key_decision(ours, day(n), commissioner, f"Award the provider's contract {n}", plan=secret)
    # Day 10, on each project: one date of every source (the order within the day: project, then kind).
    for s in (theirs, ours):
        held = review(s, day(10), commissioner)
        ReviewAction.objects.create(
            review=held, description="Share the analysis", owner=commissioner, due_date=day(10)
        )
        Recommendation.objects.create(
            strategy=s, board=board, made_by=commissioner, text="Ask", reasons="Why", response_due=day(10)
        )
        request(s, day(10), commissioner)
        key_decision(s, day(10), commissioner, f"Approve the outcomes of {s.title}")
    # Then one a day, alternating projects and sources (20 more).
    for n in range(11, 31):
        s = ours if n % 2 else theirs
        if n % 4 < 2:
            ReviewAction.objects.create(
                review=review(s, day(200), commissioner),  # its review: beyond these months
                description=f"Action {n}",
                owner=commissioner,
                due_date=day(n),
            )
        else:
            request(s, day(n), commissioner)
    return {"ours": ours, "theirs": theirs, "secret": secret, "readable": 10 + 20}


def page(client, **query):
    response = client.get(reverse("gateway:forward-plan"), {"months": 3, **query})
    assert response.status_code == 200
    return response


def order(d):
    return d.when, d.strategy.reference


def test_the_first_page_holds_25_of_them_and_the_total_counts_all(client, plan, commissioner2):
    client.force_login(commissioner2)
    first = page(client)
    dates = first.context["dates"]
    assert len(dates) == PER_PAGE
    assert first.context["page"].paginator.count == plan["readable"]
    text = first.content.decode()
    assert f"{plan['readable']} items in the next 3 months: 1 to 25 shown, page 1 of 2" in text
    assert "Award the provider" not in text  # the confidential plan's, withheld before paging
    assert [order(d) for d in dates] == sorted(order(d) for d in dates)


def test_the_second_page_holds_the_rest_in_order(client, plan, commissioner2):
    client.force_login(commissioner2)
    first = page(client).context["dates"]
    second = page(client, page=2).context["dates"]
    assert len(second) == plan["readable"] - PER_PAGE
    assert order(first[-1]) <= order(second[0])
    # The two pages, one after the other, are the whole plan in its order (the CSV's), nothing twice.
    whole = selectors.forward_plan(months=3, today=today(), user=commissioner2)
    assert [(d.url, d.what) for d in first + second] == [(d.url, d.what) for d in whole]
    assert len({(d.url, d.what) for d in whole}) == len(whole)


def test_one_days_dates_are_in_the_order_of_their_project_then_kind(plan, commissioner2):
    whole = selectors.forward_plan(months=3, today=today(), user=commissioner2)
    on_day_10 = [(d.strategy.reference, d.kind) for d in whole if d.when == day(10)]
    kinds = ["Decision due", "Key decision", "Gateway review", "Gateway action", "Response due"]
    first, second = sorted([plan["ours"].reference, plan["theirs"].reference])
    assert on_day_10 == [(first, k) for k in kinds] + [(second, k) for k in kinds]


def test_who_may_read_the_confidential_plan_has_its_dates_on_full_pages(client, plan, commissioner):
    client.force_login(commissioner)  # the commissioner of its strategy
    first = page(client)
    assert first.context["page"].paginator.count == plan["readable"] + SECRET
    assert len(first.context["dates"]) == PER_PAGE
    assert "Award the provider&#x27;s contract 1" in first.content.decode()
    last = page(client, page=2).context["dates"]
    assert len(last) == plan["readable"] + SECRET - PER_PAGE


def test_the_links_keep_the_filters_and_number_the_pages(client, plan, commissioner2):
    client.force_login(commissioner2)
    text = page(client, directorate=plan["ours"].directorate_id).content.decode()
    query = f"months=3&amp;directorate={plan['ours'].directorate_id}"
    assert f'href="?{query}&amp;page=2" rel="next"' in text
    assert f'href="?{query}&amp;page=2" aria-label="Page 2"' in text
    assert 'aria-label="Page 1" aria-current="page"' in text
    text = page(client, directorate=plan["ours"].directorate_id, page=2).content.decode()
    assert f'href="?{query}&amp;page=1" rel="prev"' in text
    assert "page=3" not in text
    assert f"?{query}" in text.split("Download the forward plan")[0]  # the CSV: every page, so no page


def test_the_page_starts_with_its_first_months_heading(client, plan, commissioner2):
    client.force_login(commissioner2)
    second = page(client, page=2)
    first_month = formatting.month(second.context["dates"][0].when)
    text = second.content.decode()
    assert f'<h2 class="govuk-heading-m">{first_month}</h2>' in text


@pytest.mark.parametrize(
    "asked,shown", [("abc", 1), ("0", 2), ("-1", 2), ("99", 2), ("9" * 30, 2), ("", 1), ("2.5", 1), ("2", 2)]
)
def test_a_page_number_that_is_not_one_gives_a_page_not_an_error(client, plan, commissioner2, asked, shown):
    client.force_login(commissioner2)
    response = page(client, page=asked)
    assert response.context["page"].number == shown
    assert len(response.context["dates"]) == (PER_PAGE if shown == 1 else 5)


def test_an_empty_plan_has_one_empty_page(client, commissioner2):
    client.force_login(commissioner2)
    response = page(client, page=3)
    assert response.context["page"].paginator.count == 0
    assert "Nothing is due in this period." in response.content.decode()
    assert 'class="govuk-pagination"' not in response.content.decode()


def test_a_page_reads_no_more_however_long_the_plan(client, plan, commissioner, commissioner2):
    """Counted and paged in SQL, and only the page's records read: a query for each kind on the page at most."""
    client.force_login(commissioner2)
    page(client)

    def counted():
        with CaptureQueriesContext(connection) as queries:
            response = page(client)
        return len(queries), response.context["page"].paginator.count

    before, total = counted()
    for n in range(1, 50):
        request(plan["theirs"], day(n % 30 + 1), commissioner)
        key_decision(plan["ours"], day(n % 30 + 1), commissioner, f"Approve the outcomes, part {n}")
    assert counted() <= (before, total + 98)
    assert counted()[1] == total + 98
