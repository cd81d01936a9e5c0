"""The public site (issue 17): nothing public until published, exempt items by title and paragraph only, the
statutory deadline and reasons for urgency, publishing as an act with frozen versions and supplements, the
public pack and each item's pages, iCalendar feeds and e-mail subscriptions."""

import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from commissioning import outbox
from commissioning.models import Notification
from commissioning.workingdays import is_working_day
from meetings import packs, services
from meetings.models import AgendaItemKind, Pack, PackPart
from public.models import Subscription

from .. import factories


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def working_days_ahead(n: int) -> datetime:
    """A meeting at 2pm on the n-th working day after today, so that publishing today leaves n - 1 clear
    working days."""
    day, counted = timezone.localdate(), 0
    while counted < n:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return timezone.make_aware(datetime.combine(day, time(14)))


@pytest.fixture
def board(councillor):
    return factories.board("Adults Scrutiny Committee", kind="scrutiny_committee", chair=councillor)


@pytest.fixture
def meeting(board):
    """A meeting three weeks ahead (in time): minutes and a partner's paper in public, one exempt item."""
    meeting = factories.meeting(board=board, starts_at=working_days_ahead(15), venue="Council Chamber")
    factories.agenda_item(meeting, AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    factories.agenda_item(meeting, AgendaItemKind.RECOMMENDATIONS, title="Scrutiny recommendations")
    factories.agenda_item(
        meeting, AgendaItemKind.DOCUMENT, title="The provider's costs", confidential=True, exemption="3"
    )
    return meeting


def publish(meeting, administrator, **kwargs):
    return services.publish_agenda(meeting=meeting, acting_user=administrator, **kwargs)


def build(publication) -> Pack:
    assert packs.run(publication.build_id).startswith("built")
    return Pack.objects.get(build_id=publication.build_id, part=PackPart.PUBLIC)


def public_urls(meeting, items=()) -> list[str]:
    urls = [
        f"/public/meetings/{meeting.pk}/",
        f"/public/meetings/{meeting.pk}/versions/1/pack.pdf",
    ]
    for item in items:
        urls += [
            f"/public/meetings/{meeting.pk}/items/{item.pk}/",
            f"/public/meetings/{meeting.pk}/items/{item.pk}/report.pdf",
        ]
    return urls


def test_an_unpublished_agenda_is_not_public(meeting):
    anonymous = Client()
    home = anonymous.get("/public/")
    assert home.status_code == 200 and "Adults Scrutiny Committee" in home.text
    assert f"/public/meetings/{meeting.pk}/" not in home.text
    for url in public_urls(meeting, meeting.items.all()):
        assert anonymous.get(url).status_code == 404, url
    assert b"BEGIN:VEVENT" not in anonymous.get("/public/meetings.ics").content


def test_a_published_meeting_shows_its_agenda_its_pack_and_each_items_pages(meeting, administrator):
    publication = publish(meeting, administrator)
    anonymous = Client()
    home = anonymous.get("/public/")
    assert f"/public/meetings/{meeting.pk}/" in home.text  # listed as upcoming
    page = anonymous.get(f"/public/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "Minutes of the last meeting" in page.text and "Pack being prepared" in page.text
    # The exempt item: its title and paragraph, never a link to its report.
    exempt = meeting.items.get(confidential=True)
    assert "The provider&#x27;s costs" in page.text and "Paragraph 3" in page.text
    assert f"/items/{exempt.pk}/" not in page.text
    assert '"@type": "Event"' in page.text  # schema.org

    pack = build(publication)
    page = anonymous.get(f"/public/meetings/{meeting.pk}/")
    assert pack.sha256 in page.text
    download = anonymous.get(f"/public/meetings/{meeting.pk}/versions/1/pack.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF") and download["X-Content-SHA256"] == pack.sha256
    reader = PdfReader(io.BytesIO(body))

    # Each public item links to its pages of the pack, and its PDF is those pages, numbered as there.
    minutes = meeting.items.get(kind=AgendaItemKind.MINUTES)
    first = int(
        re.search(
            rf"pack.pdf#page=(\d+)\"[^>]*>Page[^<]*<span[^>]*> of the pack, item {minutes.position}",
            page.text,
        )[1]
    )
    assert "Minutes of the last meeting" in reader.pages[first - 1].extract_text()
    item_page = anonymous.get(f"/public/meetings/{meeting.pk}/items/{minutes.pk}/")
    assert item_page.status_code == 200 and f"#page={first}" in item_page.text
    item_pdf = anonymous.get(f"/public/meetings/{meeting.pk}/items/{minutes.pk}/report.pdf")
    assert item_pdf.status_code == 200 and item_pdf["Content-Type"] == "application/pdf"
    own = PdfReader(io.BytesIO(item_pdf.content))
    assert own.pages[0].extract_text() == reader.pages[first - 1].extract_text()

    # The exempt item's report, and the confidential pack, are not to be had.
    assert anonymous.get(f"/public/meetings/{meeting.pk}/items/{exempt.pk}/").status_code == 404
    assert anonymous.get(f"/public/meetings/{meeting.pk}/items/{exempt.pk}/report.pdf").status_code == 404
    confidential = Pack.objects.get(build_id=publication.build_id, part=PackPart.CONFIDENTIAL)
    assert anonymous.get(f"/packs/{confidential.pk}/").status_code == 302  # the signed-in download: sign in
    assert confidential.sha256 not in page.text
    assert anonymous.get(f"/public/meetings/{meeting.pk}/versions/2/pack.pdf").status_code == 404


def test_four_working_days_before_needs_the_chairs_reasons_for_urgency(board, administrator, councillor):
    meeting = factories.meeting(board=board, starts_at=working_days_ahead(5))  # 4 clear working days
    factories.agenda_item(meeting, AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    with pytest.raises(ValidationError) as refused:
        publish(meeting, administrator)
    assert "4 clear working days before the meeting, fewer than the 5" in str(refused.value)
    assert not meeting.publications.exists()
    publication = publish(
        meeting, administrator, urgency_reasons="The contract ends before the next meeting."
    )
    assert publication.late and publication.urgency_agreed_by == str(councillor)
    page = Client().get(f"/public/meetings/{meeting.pk}/")
    assert "The contract ends before the next meeting." in page.text and "published late" in page.text


def test_the_publish_page_refuses_without_reasons_and_keeps_the_form(board, administrator):
    meeting = factories.meeting(board=board, starts_at=working_days_ahead(3))
    factories.agenda_item(meeting, AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    client = Client()
    client.force_login(administrator)
    response = client.post(f"/meetings/{meeting.pk}/publish/", {"urgency_reasons": ""})
    assert response.status_code == 400 and "reasons for urgency" in response.text
    response = client.post(f"/meetings/{meeting.pk}/publish/", {"urgency_reasons": "Urgent."})
    assert response.status_code == 302 and meeting.publications.count() == 1
    page = client.get(f"/meetings/{meeting.pk}/")
    assert (
        "Publish a supplement" in page.text and "Reasons for urgency" in page.text and "Urgent." in page.text
    )


def test_only_democratic_services_publish(meeting, councillor, commissioner):
    for person in (councillor, commissioner):
        client = Client()
        client.force_login(person)
        assert client.post(f"/meetings/{meeting.pk}/publish/").status_code == 403
    assert not meeting.publications.exists()


def test_a_supplement_lists_exactly_what_changed_and_drafts_stay_private(meeting, administrator):
    publish(meeting, administrator)
    added = factories.agenda_item(meeting, AgendaItemKind.DECISIONS, title="Decisions since the last meeting")
    minutes = meeting.items.get(kind=AgendaItemKind.MINUTES)
    minutes.title = "Minutes of the meeting of 3 March"
    minutes.save()
    anonymous = Client()
    page = anonymous.get(f"/public/meetings/{meeting.pk}/")
    assert "Decisions since the last meeting" not in page.text  # drafted, not published
    assert anonymous.get(f"/public/meetings/{meeting.pk}/items/{added.pk}/").status_code == 404
    supplement = publish(meeting, administrator)
    assert supplement.label == "Supplement 1"
    assert supplement.changes == [
        "Item 1 retitled: “Minutes of the last meeting” is now “Minutes of the meeting of 3 March”.",
        "Added: item 4. Decisions since the last meeting.",
    ]
    page = anonymous.get(f"/public/meetings/{meeting.pk}/")
    assert "Decisions since the last meeting" in page.text and "Supplement 1" in page.text
    assert anonymous.get(f"/public/meetings/{meeting.pk}/items/{added.pk}/").status_code == 200
    with pytest.raises(ValidationError, match="Nothing has changed"):
        publish(meeting, administrator)


def test_the_calendar_feeds_have_one_event_per_published_meeting(meeting, board, administrator):
    publish(meeting, administrator)
    factories.meeting(board=board, starts_at=working_days_ahead(20))  # not published
    other = factories.board("Executive")
    second = factories.meeting(board=other, starts_at=working_days_ahead(25), venue="Committee Room 1")
    factories.agenda_item(second, AgendaItemKind.MINUTES, title="Minutes")
    publish(second, administrator)
    response = Client().get("/public/meetings.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert {str(e["LOCATION"]) for e in events} == {"Council Chamber", "Committee Room 1"}
    assert any(str(e["URL"]).endswith(f"/public/meetings/{meeting.pk}/") for e in events)
    per_board = Calendar.from_ical(Client().get(f"/public/boards/{board.pk}/meetings.ics").content)
    assert len(per_board.walk("VEVENT")) == 1


def test_the_month_and_list_views(meeting, administrator):
    publish(meeting, administrator)
    when = timezone.localtime(meeting.starts_at)
    month = Client().get(f"/public/meetings/?view=month&month={when:%Y-%m}")
    assert month.status_code == 200 and f"/public/meetings/{meeting.pk}/" in month.text
    assert Client().get("/public/meetings/?view=month&month=garbage").status_code == 200
    assert f"/public/meetings/{meeting.pk}/" in Client().get("/public/meetings/").text


def confirmation_link(text: str) -> str:
    return re.search(r"(/public/subscriptions/confirm/[^/\s]+/)", text)[1]


def test_subscribing_is_double_opt_in_and_unsubscribing_one_click(meeting, board, administrator, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    anonymous = Client()
    form = anonymous.get(f"/public/boards/{board.pk}/subscribe/")
    assert form.status_code == 200
    bad = anonymous.post(f"/public/boards/{board.pk}/subscribe/", {"email": "not an address"})
    assert bad.status_code == 400 and "not an address" in bad.text and not Subscription.objects.exists()
    sent = anonymous.post(f"/public/boards/{board.pk}/subscribe/", {"email": "resident@example.org"})
    assert sent.status_code == 200 and "Check your e-mail" in sent.text
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    note = Notification.objects.get(recipients=["resident@example.org"])
    publish(meeting, administrator)  # not confirmed: nothing sent
    assert Notification.objects.filter(recipients=["resident@example.org"]).count() == 1

    link = confirmation_link(note.body)
    assert anonymous.get(link).status_code == 200  # a page with a button: opening the link confirms nothing
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert anonymous.post(link).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    factories.agenda_item(meeting, AgendaItemKind.DECISIONS, title="Decisions since the last meeting")
    publish(meeting, administrator)
    told = Notification.objects.filter(recipients=["resident@example.org"]).order_by("-pk").first()
    assert "Added: item 4. Decisions since the last meeting." in told.body
    leave = told.headers["List-Unsubscribe"].strip("<>")
    assert told.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    message = outbox.message_of(told).message()
    assert message["List-Unsubscribe"] == told.headers["List-Unsubscribe"]
    path = leave.split("://", 1)[1].split("/", 1)[1]
    response = Client(enforce_csrf_checks=True).post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not Subscription.objects.exists()
    assert Client().get("/public/subscriptions/confirm/forged/").status_code == 404


def test_subscribing_is_rate_limited(board, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 2
    anonymous = Client()
    for n in range(2):
        assert (
            anonymous.post(
                f"/public/boards/{board.pk}/subscribe/", {"email": f"r{n}@example.org"}
            ).status_code
            == 200
        )
    refused = anonymous.post(f"/public/boards/{board.pk}/subscribe/", {"email": "r9@example.org"})
    assert refused.status_code == 429 and "Too many requests" in refused.text
    assert Subscription.objects.count() == 2


def test_signed_in_people_choose_boards_from_their_account(board, councillor):
    client = Client()
    client.force_login(councillor)
    assert "/public/subscriptions/" in client.get("/account/").text
    assert client.post("/public/subscriptions/", {"boards": [board.pk]}).status_code == 302
    assert Subscription.objects.get(email=councillor.email).confirmed_at is not None
    emptied = client.post("/public/subscriptions/", {})
    assert emptied.status_code == 302, re.findall(r"govuk-error-summary__list.*?</ul>", emptied.text, re.S)
    assert not Subscription.objects.exists()
    assert Client().get("/public/subscriptions/").status_code == 302  # anonymous: sign in


def test_the_public_site_is_linked_from_the_sign_in_page_and_the_footer():
    page = Client().get("/accounts/login/")
    assert page.text.count('href="/public/"') == 2


def test_public_pages_are_cached_by_publication(meeting, administrator, django_assert_max_num_queries):
    publish(meeting, administrator)
    anonymous = Client()
    anonymous.get(f"/public/meetings/{meeting.pk}/")
    with django_assert_max_num_queries(4):  # the meeting, its latest version, its pack: the page is cached
        assert anonymous.get(f"/public/meetings/{meeting.pk}/").status_code == 200


def test_published_meetings_are_open_data_without_a_token(meeting, board, administrator):
    factories.meeting(board=board, starts_at=working_days_ahead(20))  # not published: not listed
    publication = publish(meeting, administrator)
    anonymous = Client()
    listed = anonymous.get("/api/public/meetings/")
    assert listed.status_code == 200
    assert [m["id"] for m in listed.json()["results"]] == [meeting.pk]
    detail = anonymous.get(f"/api/public/meetings/{meeting.pk}/").json()
    assert detail["versions"][0]["sha256"] == publication.sha256
    exempt = next(i for i in detail["agenda"] if i["exempt"])
    assert exempt["exemption"].startswith("Paragraph 3") and exempt["page"] is None
    assert "body" not in str(detail)
    unpublished = factories.meeting(board=board, starts_at=working_days_ahead(30))
    assert anonymous.get(f"/api/public/meetings/{unpublished.pk}/").status_code == 404
    assert anonymous.get("/api/public/decisions/").status_code == 200
    assert anonymous.get("/api/public/meetings/?page_size=999999").status_code in (200, 400)


def test_approved_minutes_appear_on_the_public_meeting_page_and_drafts_do_not(meeting, administrator):
    from meetings.models import MinutesVersion

    publish(meeting, administrator)
    meeting.minutes = "Draft: not for the public yet."
    meeting.save()
    anonymous = Client()
    page = anonymous.get(f"/public/meetings/{meeting.pk}/").content.decode()
    assert "not for the public yet" not in page and 'id="minutes"' not in page
    later = factories.meeting(board=meeting.board, starts_at=working_days_ahead(40), venue="Council Chamber")
    item = factories.agenda_item(later, AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    MinutesVersion.objects.create(
        meeting=meeting, version=1, text="Resolved: the report was noted.", sha256="a" * 64,
        approved_by=administrator, approved_at_item=item,
    )  # fmt: skip
    page = anonymous.get(f"/public/meetings/{meeting.pk}/").content.decode()
    assert "Resolved: the report was noted." in page and "not for the public yet" not in page


def test_a_decision_in_its_call_in_period_shows_its_deadline_publicly(own_strategy):
    from members.models import DecisionNotice

    request = factories.approve(own_strategy)
    deadline = timezone.localdate() + timedelta(days=4)
    DecisionNotice.objects.filter(record__request=request).update(call_in_ends=deadline)
    page = Client().get("/public/decisions/").content.decode()
    assert "Not yet in effect" in page
    assert f"may call it in until {deadline.day} {deadline:%B %Y}" in page
    DecisionNotice.objects.filter(record__request=request).update(
        call_in_ends=timezone.localdate() - timedelta(days=1)
    )
    page = Client().get("/public/decisions/").content.decode()
    assert "Not yet in effect" not in page and "In effect" in page


def test_the_public_forward_plan_lists_key_decisions_but_none_of_a_confidential_plan(
    own_strategy, commissioner
):
    from members.models import ForwardPlanEntry

    def entry(matter, plan=None):
        return ForwardPlanEntry.objects.create(
            strategy=own_strategy, cycle=own_strategy.cycle, subject="outcomes", plan=plan, matter=matter,
            decision_maker="The Executive", expected_on=timezone.localdate() + timedelta(days=40),
            published_on=timezone.localdate(), created_by=commissioner,
        )  # fmt: skip

    entry("Approve the outcomes of the carers' strategy")
    secret = _exempt_plan(own_strategy)
    entry("Award the provider's contract", plan=secret)
    page = Client().get("/public/forward-plan/").content.decode()
    assert "Approve the outcomes of the carers" in page
    assert "Award the provider" not in page


def _exempt_plan(strategy):
    """A plan of exempt information (paragraph 3: its decisions are not public)."""
    from plans.models import CommissioningPlan

    return CommissioningPlan.objects.create(
        strategy=strategy, cycle=strategy.cycle, title="Provider costs", confidential=True, exemption="3"
    )


def test_the_public_forward_plan_lists_every_public_decision_due_and_nothing_else(
    own_strategy, other_strategy, commissioner
):
    """Read from the gateway's forward plan (its decisions due only, in its order), as anyone may read it."""
    from gateway.models import GatewayReview
    from members.models import ApprovalRequest

    def due(s, days, plan=None):
        return ApprovalRequest.objects.create(
            strategy=s, cycle=s.cycle, subject="plan" if plan else "outcomes", plan=plan, requested_by=commissioner,
            decision_due=timezone.localdate() + timedelta(days=days), snapshot={}, content_hash="-",
        )  # fmt: skip

    secret = _exempt_plan(own_strategy)
    due(own_strategy, 30, plan=secret)
    due(other_strategy, 20)
    due(own_strategy, 40)
    due(own_strategy, 200)  # beyond the four months
    GatewayReview.objects.create(
        strategy=own_strategy, cycle=own_strategy.cycle, scheduled_by=commissioner,
        scheduled_for=timezone.localdate() + timedelta(days=10),
    )  # fmt: skip
    page = Client().get("/public/forward-plan/").content.decode()
    listed = page.split('id="decisions-due"')[1]
    assert listed.count("Councillors&#x27; decision due on") == 2
    assert listed.index(other_strategy.title) < listed.index(own_strategy.title)  # the sooner first
    assert "Provider costs" not in page and "Gateway review" not in listed
