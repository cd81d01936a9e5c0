"""Reads of councillors' business shared by the pages and the API: open approval requests and who they wait
on, scrutiny's work programme, the councillors. Lists are paged in SQL: a page reads only its own rows."""

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch

from commissioning import roles
from strategies.models import Strategy

from . import permissions
from .models import ApprovalDecision, ApprovalRequest, Board, BoardMembership, PortfolioHolder

PER_PAGE = 25
HOLDINGS_SHOWN = 10  # a councillor's strategies named in their row; the rest are counted


def decisions():
    return ApprovalDecision.objects.select_related("approver").order_by("decided_at", "pk")


def open_requests():
    return (
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN)
        .select_related("strategy", "plan", "requested_by")
        .prefetch_related("approvers", Prefetch("decisions", queryset=decisions()))
        .order_by("requested_at", "pk")
    )


def with_waiting(requests):
    """Each request with `decided_list` (its decisions) and `waiting_on` (the approvers yet to decide)."""
    for r in requests:
        decided = {d.approver_id: d for d in r.decisions.all()}
        r.decided_list = list(decided.values())
        r.waiting_on = [a for a in r.approvers.all() if a.pk not in decided]
    return requests


def waiting_on(user, page=None) -> Page:
    """One page of the open requests this person may read (not those of confidential plans withheld)."""
    found = Paginator(permissions.readable_requests(user, open_requests()), PER_PAGE).get_page(page)
    found.object_list = with_waiting(list(found.object_list))
    return found


def work_programme(user, page=None) -> tuple[Page, bool, object]:
    """Scrutiny's work programme: one page of the strategies referred to the boards this person sits on
    (or, for everyone else, to every scrutiny board), with their proposed outcomes; whether they are this
    person's own boards; the boards shown."""
    boards = Board.objects.filter(kind__in=Board.SCRUTINY_KINDS)
    mine = boards.filter(memberships__member=user)
    own = mine.exists()
    shown = mine if own else boards
    strategies = (
        Strategy.objects.filter(referral__board__in=shown)
        .select_related("referral__board", "directorate")
        .prefetch_related("outcomes")
        .order_by("referral__board__name", "reference")
    )
    return Paginator(strategies, PER_PAGE).get_page(page), own, shown


def councillors(page=None) -> Page:
    """One page of the councillors and scrutiny members, with their boards and the first HOLDINGS_SHOWN
    strategies they hold (`holdings`: how many in all; `holdings_more`: those not named)."""
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.COUNCILLOR, roles.SCRUTINY_MEMBER])
        .distinct()
        .select_related("councillor_profile")
        .annotate(holdings=Count("portfolio_strategies", distinct=True))
        .prefetch_related(
            Prefetch("board_memberships", queryset=BoardMembership.objects.select_related("board")),
            Prefetch(
                "portfolio_strategies",
                queryset=PortfolioHolder.objects.select_related("strategy").order_by("strategy__reference")[
                    :HOLDINGS_SHOWN
                ],
                to_attr="holding_shown",
            ),
        )
        .order_by("last_name", "first_name", "pk")
    )
    found = Paginator(people, PER_PAGE).get_page(page)
    for person in found.object_list:
        person.holdings_more = max(person.holdings - HOLDINGS_SHOWN, 0)
    return found
