"""The business of a meeting (issue 20): attendance and the quorum, declarations that bar a vote, resolutions
tied to the approvals they settle, minutes drafted, approved at the next meeting, frozen and versioned, and
attendance per member per municipal year. Through the services; the pages and the API in
test_business_pages.py."""

import hashlib
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning import roles
from meetings import rules, selectors, services
from meetings.models import AgendaItemKind, Attendance, Declaration, MinutesVersion, Outcome, Resolution
from members import settled
from members.models import Board

from .. import factories

P, A, X = Attendance.Status.PRESENT, Attendance.Status.APOLOGIES, Attendance.Status.ABSENT


def _at(day: date, hour=14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def members(db):
    return [factories.user(roles.COUNCILLOR) for _ in range(8)]


@pytest.fixture
def board(members):
    # Eight members: a quarter is 2, so the council's default minimum of 3 is the quorum.
    return factories.board(
        name="Adults Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE, members=members
    )


@pytest.fixture
def meeting(board, administrator):
    return services.create_meeting(
        board=board,
        starts_at=_at(timezone.localdate() - timedelta(days=7)),
        venue="Room 1",
        acting_user=administrator,
    )


def _item(meeting, administrator, kind=AgendaItemKind.DOCUMENT, title="A report", **fields):
    return factories.agenda_item(meeting, kind, title=title, **fields)


def _attend(meeting, administrator, members, present: int):
    statuses = {m.pk: (P if n < present else A) for n, m in enumerate(members)}
    services.record_attendance(meeting=meeting, statuses=statuses, acting_user=administrator)


# Quorum ----------------------------------------------------------------------------------------------------


def test_quorum_is_the_councils_default_unless_the_board_sets_its_own(board, administrator, settings):
    assert rules.quorum_of(board) == 3  # ceil(8/4) = 2, at least 3
    settings.MEETING_QUORUM_FRACTION = "1/2"
    assert rules.quorum_of(board) == 4
    services.set_quorum(board=board, number=5, acting_user=administrator)
    assert rules.quorum_of(board) == 5
    services.set_quorum(board=board, fraction="1/3", minimum=2, acting_user=administrator)
    assert rules.quorum_of(board) == 3
    assert rules.quorum_of(board, members=2) == 2  # never more than the board has
    with pytest.raises(ValidationError):
        services.set_quorum(board=board, fraction="three", acting_user=administrator)
    services.set_quorum(board=board, acting_user=administrator)
    assert rules.quorum_of(board) == 4


def test_exactly_quorate_resolves_and_one_below_is_refused_with_the_reason(meeting, administrator, members):
    item = _item(meeting, administrator)
    _attend(meeting, administrator, members, present=2)  # one below the quorum of 3
    with pytest.raises(ValidationError, match="not quorate: 2 members present, and .* needs 3"):
        services.record_resolution(
            item=item, wording="Noted.", outcome=Outcome.NOTED, acting_user=administrator
        )
    assert not Resolution.objects.exists()
    _attend(meeting, administrator, members, present=3)  # exactly the quorum
    services.record_resolution(item=item, wording="Noted.", outcome=Outcome.NOTED, acting_user=administrator)
    assert Resolution.objects.get().item == item
    assert item.resolution.history.count() == 1


def test_a_substitute_counts_towards_the_quorum_and_officers_do_not(meeting, administrator, members):
    item = _item(meeting, administrator)
    _attend(meeting, administrator, members, present=2)
    officer = factories.user(roles.COMMISSIONER)
    services.add_attendee(
        meeting=meeting,
        person=officer,
        status="officer",
        role="Director of Adult Social Care",
        acting_user=administrator,
    )
    assert services.quorum(meeting) == (2, 3)
    substitute = factories.user(roles.COUNCILLOR)
    services.add_attendee(
        meeting=meeting,
        person=substitute,
        status="substitute",
        substitute_for=members[5],
        acting_user=administrator,
    )
    assert services.quorum(meeting) == (3, 3)
    services.record_resolution(item=item, wording="Agreed.", unanimous=True, acting_user=administrator)
    # A member present needs no substitute, and a member has one substitute at most.
    with pytest.raises(ValidationError, match="is present"):
        services.add_attendee(
            meeting=meeting, person=factories.user(roles.COUNCILLOR), status="substitute",
            substitute_for=members[0], acting_user=administrator,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="already has a substitute"):
        services.add_attendee(
            meeting=meeting, person=factories.user(roles.COUNCILLOR), status="substitute",
            substitute_for=members[5], acting_user=administrator,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="has a substitute"):
        services.record_attendance(meeting=meeting, statuses={members[5].pk: P}, acting_user=administrator)


def test_the_vote_cannot_count_more_than_the_members_able_to_vote(meeting, administrator, members):
    item = _item(meeting, administrator)
    _attend(meeting, administrator, members, present=3)
    with pytest.raises(ValidationError, match="Give the vote"):
        services.record_resolution(item=item, wording="Agreed.", acting_user=administrator)
    with pytest.raises(ValidationError, match="4 votes were counted, but 3 members are present"):
        services.record_resolution(
            item=item,
            wording="Agreed.",
            votes_for=3,
            votes_against=1,
            abstentions=0,
            acting_user=administrator,
        )
    with pytest.raises(ValidationError, match="lost"):
        services.record_resolution(
            item=item,
            wording="Agreed.",
            votes_for=1,
            votes_against=2,
            abstentions=0,
            acting_user=administrator,
        )
    resolution = services.record_resolution(
        item=item, wording="Agreed.", votes_for=2, votes_against=1, abstentions=0, acting_user=administrator
    )
    assert (resolution.votes_for, resolution.votes_against, resolution.abstentions) == (2, 1, 0)


# Declarations -----------------------------------------------------------------------------------------------


def test_a_pecuniary_interest_bars_the_vote_unless_a_dispensation_covers_it(meeting, administrator, members):
    item = _item(meeting, administrator)
    _attend(meeting, administrator, members, present=4)
    member = members[0]
    services.record_declaration(
        item=item,
        member=member,
        kind=Declaration.Kind.PECUNIARY,
        text="Director of a provider",
        acting_user=administrator,
    )
    with pytest.raises(ValidationError, match="disclosable pecuniary interest .* may not vote"):
        services.record_resolution(
            item=item,
            wording="Agreed.",
            named_votes={member.pk: "for", members[1].pk: "for"},
            acting_user=administrator,
        )
    with pytest.raises(ValidationError, match="1 of whom may not vote"):
        services.record_resolution(
            item=item,
            wording="Agreed.",
            votes_for=4,
            votes_against=0,
            abstentions=0,
            acting_user=administrator,
        )
    services.record_declaration(
        item=item, member=member, kind=Declaration.Kind.PECUNIARY, text="Director of a provider",
        dispensation="Standards Committee, 1 April, until the end of the year", acting_user=administrator,
    )  # fmt: skip
    resolution = services.record_resolution(
        item=item, wording="Agreed.", named_votes={member.pk: "for", members[1].pk: "against", members[2].pk: "for"},
        acting_user=administrator,
    )  # fmt: skip
    assert (resolution.votes_for, resolution.votes_against, resolution.abstentions) == (2, 1, 0)
    assert resolution.votes.count() == 3


def test_only_people_present_declare(meeting, administrator, members):
    item = _item(meeting, administrator)
    _attend(meeting, administrator, members, present=3)
    with pytest.raises(ValidationError, match="not recorded as present"):
        services.record_declaration(
            item=item, member=members[7], kind="other", text="x", acting_user=administrator
        )
    with pytest.raises(ValidationError, match="Say what the interest is"):
        services.record_declaration(item=item, member=members[0], kind="dpi", acting_user=administrator)


# Resolutions and approvals ----------------------------------------------------------------------------------


def test_an_approval_settled_at_a_meeting_names_the_meeting_and_item(
    meeting, administrator, members, commissioner, client
):
    strategy = factories.strategy(commissioner)
    approval = factories.approve(strategy)
    item = _item(
        meeting, administrator, kind=AgendaItemKind.STRATEGY, title="Carers: the outcomes", strategy=strategy
    )
    _attend(meeting, administrator, members, present=3)
    services.record_resolution(
        item=item,
        wording="That the outcomes be approved.",
        unanimous=True,
        settles=[approval],
        acting_user=administrator,
    )
    found = settled.of([approval.pk])[approval.pk]
    assert f"item {item.position}: Carers: the outcomes" in found[0].text
    assert found[0].url.endswith(f"#item-{item.pk}")
    client.force_login(commissioner)
    for url in (approval.get_absolute_url(), approval.record.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Settled at" in page and f"item {item.position}: Carers: the outcomes" in page
    # Another strategy's approval does not belong to this item, and one approval is settled once.
    other = factories.approve(factories.strategy(commissioner))
    with pytest.raises(ValidationError, match="is not about"):
        services.record_resolution(
            item=item, wording="x", unanimous=True, settles=[other], acting_user=administrator
        )
    later = _item(meeting, administrator, kind=AgendaItemKind.STRATEGY, title="Again", strategy=strategy)
    with pytest.raises(ValidationError, match="one meeting only"):
        services.record_resolution(
            item=later, wording="x", unanimous=True, settles=[approval], acting_user=administrator
        )


# Minutes ----------------------------------------------------------------------------------------------------


def test_minutes_drafted_approved_at_the_next_meeting_then_frozen_and_versioned(
    meeting, administrator, members, board
):
    item = _item(meeting, administrator, title="Carers' services")
    _attend(meeting, administrator, members, present=3)
    substitute = factories.user(roles.COUNCILLOR, first_name="Sam", last_name="Stand-in")
    services.add_attendee(
        meeting=meeting,
        person=substitute,
        status="substitute",
        substitute_for=members[6],
        acting_user=administrator,
    )
    services.record_declaration(
        item=item, member=members[0], kind="other", text="A carer", acting_user=administrator
    )
    services.record_resolution(
        item=item, wording="That the report be noted.", outcome=Outcome.NOTED, discussion="Members asked about respite.",
        acting_user=administrator,
    )  # fmt: skip
    drafted = services.draft_minutes(meeting=meeting, acting_user=administrator)
    assert "Substitutes: Sam Stand-in (substitute for" in drafted.minutes
    assert (
        "Members asked about respite." in drafted.minutes
        and "Resolved: That the report be noted." in drafted.minutes
    )
    assert "A carer" in drafted.minutes
    assert selectors.approved_minutes(meeting) is None
    edited = services.save_meeting(
        meeting=drafted, seen_version=drafted.version, starts_at=drafted.starts_at, venue=drafted.venue,
        minutes=drafted.minutes + "\n\nThe meeting closed at 4:10 pm.", acting_user=administrator,
    )  # fmt: skip

    following = services.create_meeting(
        board=board,
        starts_at=_at(timezone.localdate() + timedelta(days=1)),
        venue="Room 1",
        acting_user=administrator,
    )
    minutes_item = services.add_item(
        meeting=following,
        kind=AgendaItemKind.MINUTES,
        title="Minutes of the last meeting",
        acting_user=administrator,
    )
    with pytest.raises(ValidationError, match="not quorate"):
        services.approve_minutes(item=minutes_item, acting_user=administrator)
    _attend(following, administrator, members, present=4)
    version = services.approve_minutes(item=minutes_item, acting_user=administrator)
    assert version.version == 1 and version.approved_at_item == minutes_item
    assert version.text == edited.minutes
    assert version.sha256 == hashlib.sha256(edited.minutes.encode()).hexdigest()
    assert selectors.approved_minutes(meeting) == version
    assert "approved as a correct record" in minutes_item.resolution.wording

    # Frozen: the minutes, the attendance, the declarations and the resolutions no longer change.
    edited.refresh_from_db()
    with pytest.raises(ValidationError, match="approved as a correct record"):
        services.save_meeting(
            meeting=edited, seen_version=edited.version, starts_at=edited.starts_at, venue=edited.venue,
            minutes="Something else", acting_user=administrator,
        )  # fmt: skip
    services.save_meeting(  # the venue is not the minutes: still correctable
        meeting=edited, seen_version=edited.version, starts_at=edited.starts_at, venue="Room 2",
        minutes=edited.minutes, acting_user=administrator,
    )  # fmt: skip
    for change in (
        lambda: services.record_attendance(
            meeting=meeting, statuses={members[7].pk: P}, acting_user=administrator
        ),
        lambda: services.draft_minutes(meeting=meeting, acting_user=administrator),
        lambda: services.record_resolution(
            item=item, wording="x", outcome=Outcome.NOTED, acting_user=administrator
        ),
        lambda: services.record_declaration(
            item=item, member=members[1], kind="none", acting_user=administrator
        ),
    ):
        with pytest.raises(ValidationError, match="can no longer change"):
            change()
    # Approving again changes nothing: one version.
    services.approve_minutes(item=minutes_item, acting_user=administrator)
    assert MinutesVersion.objects.filter(meeting=meeting).count() == 1


def test_minutes_cannot_be_approved_before_they_are_drafted(meeting, administrator, members, board):
    following = services.create_meeting(
        board=board,
        starts_at=_at(timezone.localdate() + timedelta(days=1)),
        venue="Room 1",
        acting_user=administrator,
    )
    item = services.add_item(
        meeting=following, kind=AgendaItemKind.MINUTES, title="Minutes", acting_user=administrator
    )
    _attend(following, administrator, members, present=3)
    with pytest.raises(ValidationError, match="has no minutes yet"):
        services.approve_minutes(item=item, acting_user=administrator)
    assert not Resolution.objects.exists()


# Attendance statistics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2026, 4, 30), date(2025, 5, 1)),  # the last day of a municipal year
        (date(2026, 5, 1), date(2026, 5, 1)),  # the first day of the next
        (date(2027, 4, 30), date(2026, 5, 1)),
    ],
)
def test_the_municipal_year_starts_in_may(day, first):
    assert rules.year_start(day) == first
    assert rules.year_label(date(2026, 5, 1)) == "2026/27"


def test_the_municipal_year_start_is_configurable(settings):
    settings.MUNICIPAL_YEAR_STARTS = "04-01"
    assert rules.year_start(date(2026, 3, 31)) == date(2025, 4, 1)
    assert rules.year_start(date(2026, 4, 1)) == date(2026, 4, 1)


def test_attendance_statistics_per_member_per_municipal_year(board, administrator, members):
    def held(day, present):
        found = services.create_meeting(
            board=board, starts_at=_at(day), venue="Room 1", acting_user=administrator
        )
        _attend(found, administrator, members, present=present)
        return found

    held(date(2026, 4, 30), present=8)  # the last day of 2025/26
    on_first_day = held(date(2026, 5, 1), present=3)  # the first day of 2026/27
    held(date(2027, 4, 30), present=0)  # the last day of 2026/27
    services.add_attendee(
        meeting=on_first_day, person=factories.user(roles.COUNCILLOR, last_name="Zed"), status="substitute",
        substitute_for=members[7], acting_user=administrator,
    )  # fmt: skip
    rows = {r["person_id"]: r for r in selectors.attendance_statistics(date(2026, 5, 1))}
    first = rows[members[0].pk]
    assert (first["expected"], first["present"], first["apologies"]) == (2, 1, 1)
    last = rows[members[7].pk]
    assert (last["expected"], last["present"], last["apologies"]) == (2, 0, 2)
    assert [r["substituting"] for r in rows.values() if r["person__last_name"] == "Zed"] == [1]
    earlier = {r["person_id"]: r for r in selectors.attendance_statistics(date(2025, 5, 1))}
    assert earlier[members[7].pk]["present"] == 1 and earlier[members[7].pk]["expected"] == 1


def test_history_records_who_recorded_attendance(meeting, administrator, members):
    _attend(meeting, administrator, members, present=3)
    row = Attendance.objects.get(meeting=meeting, person=members[0])
    assert row.history.first().history_user == administrator
    assert reverse("meetings:meeting", args=[meeting.pk])


def test_the_register_of_interests_bars_a_vote_on_the_strategy_unless_a_dispensation_covers_it(
    meeting, administrator, members
):
    """A disclosable pecuniary interest in the register that touches the item's strategy bars the vote as
    one declared at the meeting does (members.interests), and a dispensation the register records lifts it."""
    from members import services as members_services
    from members.models import Interest, InterestCategory

    strategy = factories.strategy(title="Carers are supported")
    item = _item(meeting, administrator, strategy=strategy)
    _attend(meeting, administrator, members, present=4)
    member = members[0]
    members_services.save_interest(
        member=member,
        acting_user=administrator,
        changes={
            "category": InterestCategory.SECURITIES,
            "held_by": Interest.HeldBy.MEMBER,
            "body": "Shares in a carers' charity trading company",
            "strategies": [strategy],
            "arose_on": timezone.localdate() - timedelta(days=30),
        },
    )
    votes = {member.pk: "for", members[1].pk: "for", members[2].pk: "against"}
    with pytest.raises(
        ValidationError, match="register of interests records a disclosable pecuniary interest"
    ):
        services.record_resolution(item=item, wording="Agreed.", named_votes=votes, acting_user=administrator)
    members_services.record_dispensation(
        member=member,
        purpose="To vote on the carers' strategy.",
        granted_by="The Standards Committee",
        granted_on=timezone.localdate(),
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate() + timedelta(days=60),
        strategy=strategy,
        acting_user=administrator,
    )
    resolution = services.record_resolution(
        item=item, wording="Agreed.", named_votes=votes, acting_user=administrator
    )
    assert (resolution.votes_for, resolution.votes_against) == (2, 1)
