"""Thin views: rights from members.permissions, writes through members.services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

import strategies.lifecycle
import strategies.permissions
from commissioning import csvexport, formatting
from commissioning.editing import attempt
from commissioning.forms import add_errors, values
from commissioning.pagecache import cached_page
from commissioning.permissions import require
from plans.models import CommissioningPlan
from strategies.models import Strategy

from . import approvals, callin, interests, permissions, selectors, services, settled, snapshots
from .forms import (
    AskAssignmentForm,
    AssignForm,
    BoardFilterForm,
    BoardForm,
    CallInForm,
    CallInOutcomeForm,
    CloseAssignmentForm,
    CommentForm,
    CouncillorFilterForm,
    DecideForm,
    DecisionFilterForm,
    DispensationForm,
    ForwardPlanEntryForm,
    InterestForm,
    KeyDecisionExceptionForm,
    MemberForm,
    ProfileForm,
    RecommendationForm,
    RequestForm,
    ResponseForm,
    RoleForm,
    WithdrawForm,
)
from .models import (
    ApprovalRequest,
    AssignmentRequest,
    Board,
    BoardMembership,
    CouncillorProfile,
    DecisionRecord,
    Interest,
    Recommendation,
    Referral,
    ScrutinyComment,
    Subject,
)

Status = ApprovalRequest.Status


def _strategy(request, pk, *related, editable=False):
    found = Strategy.objects.select_related("directorate", "accountable_commissioner", *related)
    if editable:  # read with it whether this person may edit it (strategies.permissions.remember_editable)
        found = strategies.permissions.with_editable(request.user, found)
    strategy = get_object_or_404(found, pk=pk)
    require(strategies.permissions.can_view(request.user, strategy))
    return strategy


# Approvals ------------------------------------------------------------------------------------------------


@cached_page
def waiting_on(request):
    require(permissions.can_view(request.user))
    if csvexport.wanted(request):
        found = selectors.with_waiting(
            list(permissions.readable_requests(request.user, selectors.open_requests())[:CSV_ROWS])
        )
        return csvexport.response(
            "approval-requests",
            ["Strategy", "Approval of", "Asked by", "Asked on", "Needed by", "Decided", "Waiting on", "Link"],
            (
                [
                    str(r.strategy),
                    f"Plan '{r.plan.title}'" if r.plan else "The strategy and its outcomes",
                    str(r.requested_by),
                    f"{timezone.localtime(r.requested_at):%Y-%m-%d}",
                    r.decision_due.isoformat() if r.decision_due else "",
                    "; ".join(f"{d.approver}: {d.get_kind_display().lower()}" for d in r.decided_list),
                    "; ".join(str(a) for a in r.waiting_on),
                    request.build_absolute_uri(r.get_absolute_url()),
                ]
                for r in found
            ),
        )
    page = selectors.waiting_on(request.user, request.GET.get("page"))
    return render(
        request, "members/waiting_on.html", {"page": page, "requests": page.object_list, "query": ""}
    )


CSV_ROWS = 2000  # open requests in one download: far more than a council has open at once


def my_decisions(request):
    require(permissions.can_view(request.user))
    mine = selectors.with_waiting(
        list(
            selectors.open_requests().filter(approvers=request.user).exclude(decisions__approver=request.user)
        )
    )
    permissions.prefetch(request.user, [r.strategy for r in mine])
    for r in mine:
        r.can_decide = permissions.can_decide(request.user, r)
    # The one needed soonest first; those with no date needed by after them, oldest request first.
    mine.sort(key=lambda r: (r.decision_due is None, r.decision_due or r.requested_at.date(), r.requested_at))
    decided = (
        DecisionRecord.objects.filter(request__decisions__approver=request.user)
        .select_related("strategy")
        .distinct()[:20]
    )
    return render(
        request,
        "members/my_decisions.html",
        {
            "requests": mine,
            "decided": decided,
            "keeps_register": permissions.is_member(request.user),
            "show_due": True,
        },
    )


@cached_page
def strategy_approvals(request, pk):
    strategy = strategies.lifecycle.evaluate_once(_strategy(request, pk, "referral__board", editable=True))
    strategies.permissions.remember_editable(request.user, [strategy])  # asked once per approval
    states = approvals.states_for(strategy, request.user)
    entries = {
        (e.subject, e.plan_id): e for e in selectors.strategy_forward_plan_entries(request.user, strategy)
    }
    may_publish = permissions.can_publish_forward_plan(request.user, strategy)
    for found in states:
        found.may_request = permissions.can_request(
            request.user, strategy, subject=found.subject, plan=found.plan
        )
        found.entry = entries.get((found.subject, found.plan.pk if found.plan else None))
        found.may_publish = may_publish
    history = selectors.strategy_requests(request.user, strategy)
    # An approval of this cycle whose content has changed since says so in the list too, not "Approved".
    stale = {(found.subject, found.plan.pk if found.plan else None) for found in states if found.stale}
    for r in history:
        r.out_of_date = (
            r.status == ApprovalRequest.Status.APPROVED
            and r.cycle == strategy.cycle
            and (r.subject, r.plan_id) in stale
        )
    holders = list(strategy.portfolio_holders.select_related("councillor"))
    referral = getattr(strategy, "referral", None)
    return render(
        request,
        "members/strategy_approvals.html",
        {
            "strategy": strategy,
            "states": states,
            "history": history,
            "holders": holders,
            "referral": referral,
            "can_manage": permissions.can_manage(request.user),
            **_asking(request.user, strategy, lacking=not holders or referral is None, open_asks=False),
        },
    )


def _asking(user, strategy, *, lacking: bool, open_asks: bool = True) -> dict:
    """Whether this user may ask an administrator to assign what the strategy lacks (its commissioners; an
    administrator assigns it themselves), and the requests already open, by what they ask for. Nothing is
    asked of the database unless the strategy lacks a portfolio holder or a board (`lacking`)."""
    may_ask = (
        lacking and bool(strategies.permissions.can_edit(user, strategy)) and not permissions.can_manage(user)
    )
    # The approvals page only links to the ask (whose page says if it was asked already): no query there.
    asks = AssignmentRequest.objects.open().filter(strategy=strategy) if may_ask and open_asks else []
    return {"may_ask": may_ask, "asks": {a.what: a for a in asks}}


@require_http_methods(["GET", "POST"])
def request_approval(request, pk, subject, plan_pk=None):
    strategy = _strategy(request, pk)
    if subject not in Subject.values:
        return redirect("members:strategy-approvals", strategy.pk)
    plan = get_object_or_404(CommissioningPlan, pk=plan_pk, strategy=strategy) if plan_pk else None
    require(permissions.can_request(request.user, strategy, subject=subject, plan=plan))
    holders = get_user_model().objects.filter(portfolio_strategies__strategy=strategy, is_active=True)
    holders = holders.select_related("councillor_profile").order_by("last_name")
    form = RequestForm(request.POST or None, holders=holders, initial={"approvers": list(holders)})
    found = approvals.state(strategy, subject, plan)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = services.request_approval(
                    strategy=strategy,
                    subject=subject,
                    plan=plan,
                    acting_user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Approval asked of {formatting.plural(len(form.cleaned_data['approvers']), 'councillor')}.",
                )
                return redirect(made)
        status = 400
    snapshot = snapshots.take(subject, strategy, plan)
    return render(
        request,
        "members/request_form.html",
        {
            "strategy": strategy,
            "plan": plan,
            "subject": Subject(subject),
            "form": form,
            "state": found,
            "snapshot": snapshot,
            "holders": holders,
            **_asking(request.user, strategy, lacking=not holders),
        },
        status=status,
    )


def _request(pk):
    return get_object_or_404(
        ApprovalRequest.objects.select_related(
            "strategy__directorate", "strategy__accountable_commissioner", "plan", "requested_by", "record"
        ).prefetch_related("approvers", Prefetch("decisions", queryset=selectors.decisions())),
        pk=pk,
    )


def _request_page(request, approval, decide_form=None, withdraw_form=None, status=200):
    strategy = approval.strategy
    current = snapshots.take(approval.subject, strategy, approval.plan)
    changed = (
        snapshots.differences(approval.snapshot, current)
        if not snapshots.unchanged(approval.snapshot, approval.content_hash, current)
        else []
    )
    may_decide = permissions.can_decide(request.user, approval)
    may_withdraw = permissions.can_withdraw(request.user, approval)
    selectors.with_waiting([approval])
    standing = selectors.standing(approval, request.user)
    if decide_form is None and may_decide:
        decide_form = DecideForm(request=approval, member=request.user, flagged=bool(standing.conflicts))
    return render(
        request,
        "members/request.html",
        {
            "approval": approval,
            "strategy": strategy,
            "changed": changed,
            "may_decide": may_decide,
            "may_withdraw": may_withdraw,
            "decide_form": decide_form if may_decide else None,
            "standing": standing,
            "withdraw_form": withdraw_form or (WithdrawForm() if may_withdraw else None),
            "record": getattr(approval, "record", None),
            "settled_at": settled.of([approval.pk]).get(approval.pk, []),
            "entry": callin.entry_for(approval) if approval.key_decision else None,
        },
        status=status,
    )


def request_detail(request, pk):
    approval = _request(pk)
    require(permissions.can_view_request(request.user, approval))
    return _request_page(request, approval)


@require_POST
def decide(request, pk):
    approval = _request(pk)
    require(permissions.can_decide(request.user, approval))
    flagged = bool(interests.conflicts(request.user, approval.strategy))
    form = DecideForm(request.POST, request=approval, member=request.user, flagged=flagged)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                request_id=approval.pk,
                seen_content_hash=data["content_hash"],
                kind=data["kind"],
                reasons=data["reasons"],
                conflict_declared=data["conflict_declared"],
                conflict_details=data["conflict_details"],
                conflict_kind=data["conflict_kind"],
                interest_id=data["interest"].pk if data["interest"] else None,
                confirmed_none=data.get("confirmed_none", False),
                acting_user=request.user,
            )
        except PermissionDenied as refusal:
            # A disclosable pecuniary interest declared with the decision: the declaration is recorded and
            # the decision refused, with why, on the request's page.
            messages.error(request, str(refusal))
            return _request_page(request, _request(pk), status=403)
        except ValidationError as error:
            add_errors(form, error)
        else:
            approval = _request(pk)
            messages.success(
                request,
                f"Your decision is recorded. The request is now: {approval.get_status_display().lower()}.",
            )
            return redirect(approval)
    return _request_page(request, approval, decide_form=form, status=400)


@require_POST
def withdraw(request, pk):
    approval = _request(pk)
    require(permissions.can_withdraw(request.user, approval))
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.withdraw_request(
            request_id=approval.pk, reason=form.cleaned_data["reason"], acting_user=request.user
        )
        messages.success(request, "The request is withdrawn. The approvers have been told.")
        return redirect("members:strategy-approvals", approval.strategy_id)
    return _request_page(request, approval, withdraw_form=form, status=400)


# Decision records -----------------------------------------------------------------------------------------


def _filtered_records(request):
    form = DecisionFilterForm(request.GET or None)
    records = (
        permissions.readable_requests(request.user, DecisionRecord.objects.all(), via="request__")
        .select_related("strategy__directorate")
        .order_by("-decided_at", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            records = records.filter(
                Q(title__icontains=q) | Q(summary__icontains=q) | Q(strategy__reference__icontains=q)
            )
        if data["subject"]:
            records = records.filter(subject=data["subject"])
        if data["result"]:
            records = records.filter(result=data["result"])
        if data["directorate"]:
            records = records.filter(strategy__directorate=data["directorate"])
        if data["year"]:
            records = records.filter(decided_at__year=data["year"])
    return form, records


def decision_log(request):
    require(permissions.can_view(request.user))
    if csvexport.wanted(request):  # as every list's "Download CSV"; decisions.csv stays for existing links
        return decision_log_csv(request)
    form, records = _filtered_records(request)
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "members/decision_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


def decision_log_csv(request):
    """The decision log with its filters, as CSV (commissioning.csvexport: private, formulas neutralised)."""
    require(permissions.can_view(request.user))
    _, records = _filtered_records(request)
    header = [
        "Decided",
        "Strategy",
        "Directorate",
        "Decision on",
        "Result",
        "Decided by",
        "Declared interests",
        "Title",
        "Summary",
    ]
    rows = (
        [
            f"{timezone.localtime(r.decided_at):%Y-%m-%d %H:%M}",
            str(r.strategy),
            str(r.strategy.directorate),
            r.get_subject_display(),
            r.get_result_display(),
            r.decided_by,
            r.conflicts,
            r.title,
            r.summary,
        ]
        for r in records.iterator(chunk_size=500)
    )
    return csvexport.response("decisions", header, rows)


def decision_detail(request, pk):
    require(permissions.can_view(request.user))
    record = get_object_or_404(DecisionRecord.objects.select_related("strategy", "request__plan"), pk=pk)
    require(permissions.can_view_request(request.user, record.request))
    decisions = record.request.decisions.select_related("approver").order_by("decided_at", "pk")
    return render(
        request,
        "members/decision.html",
        {
            "record": record,
            "decisions": decisions,
            "paragraphs": record.summary.split("\n\n"),
            "settled_at": settled.of([record.request_id]).get(record.request_id, []),
        },
    )


# Scrutiny -------------------------------------------------------------------------------------------------


def scrutiny(request, pk, comment_form=None, recommendation_form=None, status=200):
    strategy = _strategy(request, pk)
    comments = list(strategy.scrutiny_comments.select_related("author").order_by("created_at", "pk"))
    children = {}
    for c in comments:
        children.setdefault(c.parent_id, []).append(c)
    for c in comments:
        c.thread = children.get(c.pk, [])
    recommendations = strategy.recommendations.select_related("board", "made_by", "responded_by")
    user = request.user
    for r in recommendations:
        r.may_respond = permissions.can_respond(user, r)
    return render(
        request,
        "members/scrutiny.html",
        {
            "strategy": strategy,
            "outcomes": strategy.outcomes.order_by("pk"),
            "metrics": strategy.performancemetrics.select_related("outcome").order_by("pk"),
            "outcomes_state": approvals.state(strategy, Subject.OUTCOMES),
            "threads": children.get(None, []),
            "recommendations": recommendations,
            "referral": Referral.objects.filter(strategy=strategy).select_related("board").first(),
            "may_comment": permissions.can_comment(user, strategy),
            "may_recommend": permissions.can_scrutinise(user, strategy),
            "comment_form": comment_form or CommentForm(),
            "recommendation_form": recommendation_form or RecommendationForm(),
        },
        status=status,
    )


@require_POST
def comment(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_comment(request.user, strategy))
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = ScrutinyComment.objects.filter(pk=form.cleaned_data["parent"], strategy=strategy).first()
            if parent is None:
                form.add_error(None, "The comment you replied to is no longer there.")
        if not form.errors:
            made = services.add_comment(
                strategy=strategy, body=form.cleaned_data["body"], parent=parent, acting_user=request.user
            )
            messages.success(request, "Your comment is added.")
            return redirect(reverse("members:scrutiny", args=[strategy.pk]) + f"#comment-{made.pk}")
    return scrutiny(request, pk, comment_form=form, status=400)


@require_POST
def recommend(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_scrutinise(request.user, strategy))
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            made = services.make_recommendation(
                strategy=strategy, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your board's recommendation is sent to the Executive.")
            return redirect(reverse("members:scrutiny", args=[strategy.pk]) + f"#recommendation-{made.pk}")
    return scrutiny(request, pk, recommendation_form=form, status=400)


@require_http_methods(["GET", "POST"])
def respond(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("strategy", "board", "made_by"), pk=pk
    )
    require(permissions.can_respond(request.user, recommendation))
    form = ResponseForm(request.POST or None, instance=recommendation)
    saving = None
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.respond(
                recommendation=recommendation,
                seen_version=seen,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, "The response is recorded and the board has been told.")
            return redirect(
                reverse("members:scrutiny", args=[recommendation.strategy_id])
                + f"#recommendation-{recommendation.pk}"
            )
    return render(
        request,
        "members/respond.html",
        {"recommendation": recommendation, "form": form, "stale": saving and saving.stale},
        status=saving.status if saving else 200,
    )


@cached_page
def referred(request):
    """Scrutiny's work programme: the strategies referred to the boards this person sits on (or, for
    everyone else, to every board), with their proposed outcomes and open recommendations."""
    require(permissions.can_view(request.user))
    page, own, shown = selectors.work_programme(request.user, request.GET.get("page"))
    return render(
        request,
        "members/referred.html",
        {"page": page, "strategies": page.object_list, "own": own, "boards": shown, "query": ""},
    )


# Boards and councillors -----------------------------------------------------------------------------------


def boards(request):
    require(permissions.can_view(request.user))
    filters = BoardFilterForm(request.GET or None)
    listing = Board.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=BoardMembership.objects.select_related("member").order_by("role", "member__last_name"),
        )
    )
    if filters.is_valid() and filters.cleaned_data["kind"]:
        listing = listing.filter(kind=filters.cleaned_data["kind"])
    if csvexport.wanted(request):
        return csvexport.response("boards", BOARD_CSV_HEADER, (_board_row(request, b) for b in listing))
    return render(
        request,
        "members/boards.html",
        {
            "boards": listing,
            "filters": filters,
            "query": _filter_query(request),
            "filtered": _filtered(request),
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _filter_query(request) -> str:
    """The page's filters as a query string, for its pages' and its CSV's links."""
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    return query.urlencode()


def _filtered(request) -> bool:
    return any(v.strip() for k, v in request.GET.items() if k not in ("page", "format"))


BOARD_CSV_HEADER = ["Board", "Kind", "Remit", "Chair", "Vice-chair", "Members", "Link"]


def _board_row(request, board) -> list:
    memberships = board.memberships.all()

    def named(role):
        return "; ".join(str(m.member) for m in memberships if m.role == role)

    return [
        board.name,
        board.get_kind_display(),
        board.remit,
        named(BoardMembership.Role.CHAIR),
        named(BoardMembership.Role.VICE_CHAIR),
        "; ".join(str(m.member) for m in memberships),
        request.build_absolute_uri(board.get_absolute_url()),
    ]


def board_detail(request, pk, member_form=None, status=200):
    require(permissions.can_view(request.user))
    board = get_object_or_404(Board, pk=pk)
    memberships = board.memberships.select_related("member__councillor_profile").order_by(
        "role", "member__last_name"
    )
    may_manage = permissions.can_manage(request.user)
    return render(
        request,
        "members/board.html",
        {
            "board": board,
            "memberships": memberships,
            "referrals": board.referrals.select_related("strategy").order_by("strategy__reference"),
            "can_manage": may_manage,
            "member_form": member_form or (MemberForm(board=board) if may_manage else None),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def board_edit(request, pk=None):
    require(permissions.can_manage(request.user))
    board = get_object_or_404(Board, pk=pk) if pk else None
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        saved = services.save_board(
            acting_user=request.user,
            board=board,
            name=form.cleaned_data["name"],
            remit=form.cleaned_data["remit"],
            kind=form.cleaned_data.get("kind"),
        )
        messages.success(request, f"{saved} is saved.")
        return redirect(saved)
    return render(
        request, "members/board_form.html", {"form": form, "board": board}, status=400 if form.errors else 200
    )


@require_POST
def member_add(request, pk):
    require(permissions.can_manage(request.user))
    board = get_object_or_404(Board, pk=pk)
    form = MemberForm(request.POST, board=board)
    if form.is_valid():
        try:
            services.add_member(board=board, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['member']} has joined {board}.")
            return redirect(board)
    return board_detail(request, pk, member_form=form, status=400)


@require_http_methods(["GET", "POST"])
def member_edit(request, pk, membership_pk):
    require(permissions.can_manage(request.user))
    membership = get_object_or_404(
        BoardMembership.objects.select_related("board", "member"), pk=membership_pk, board_id=pk
    )
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST":
        if "remove" in request.POST:
            released = services.remove_member(membership=membership, acting_user=request.user)
            extra = f" They no longer hold {', '.join(released)}." if released else ""
            messages.success(request, f"{membership.member} has left {membership.board}.{extra}")
            return redirect(membership.board)
        if form.is_valid():
            try:
                services.change_role(
                    membership=membership, role=form.cleaned_data["role"], acting_user=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"{membership.member}'s role is saved.")
                return redirect(membership.board)
    return render(
        request,
        "members/member_form.html",
        {"membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


@cached_page
def councillors(request):
    require(permissions.can_view(request.user))
    filters = CouncillorFilterForm(request.GET or None)
    board = filters.cleaned_data["board"] if filters.is_valid() else None
    if csvexport.wanted(request):
        return csvexport.response(
            "councillors",
            [
                "Councillor",
                "Ward",
                "Party",
                "Portfolio",
                "Boards",
                "Strategies held",
                "Register of interests",
            ],
            (_councillor_row(request, p) for p in selectors.councillors_all(board)),
        )
    page = selectors.councillors(request.GET.get("page"), board)
    return render(
        request,
        "members/councillors.html",
        {
            "page": page,
            "people": page.object_list,
            "filters": filters,
            "query": _filter_query(request),
            "filtered": _filtered(request),
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _councillor_row(request, person) -> list:
    profile = getattr(person, "councillor_profile", None)  # None: no profile recorded yet
    return [
        str(person),
        profile.ward if profile else "",
        profile.party if profile else "",
        profile.portfolio if profile else "",
        "; ".join(
            str(m.board)
            if m.role == BoardMembership.Role.MEMBER
            else f"{m.board} ({m.get_role_display().lower()})"
            for m in person.board_memberships.all()
        ),
        "; ".join(h.strategy.reference for h in person.holding_shown),
        request.build_absolute_uri(reverse("members:interests", args=[person.pk])),
    ]


@require_http_methods(["GET", "POST"])
def councillor_edit(request, user_pk):
    require(permissions.can_manage(request.user))
    person = get_object_or_404(get_user_model(), pk=user_pk, is_active=True)
    profile = CouncillorProfile.objects.filter(user=person).first()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(user=person, acting_user=request.user, **form.cleaned_data)
        messages.success(request, f"{person}'s profile is saved.")
        return redirect("members:councillors")
    return render(
        request,
        "members/councillor_form.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def assign(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_manage(request.user))
    return _assign_page(request, strategy)


def _assign_page(request, strategy, close_forms=None):
    referral = Referral.objects.filter(strategy=strategy).select_related("board").first()
    posted = request.method == "POST" and close_forms is None
    form = AssignForm(
        request.POST if posted else None,
        executive=services.executive_members(),
        initial={
            "portfolio_holders": [
                h.councillor for h in strategy.portfolio_holders.select_related("councillor")
            ],
            "board": referral.board if referral else None,
        },
    )
    if posted and form.is_valid():
        try:
            services.assign_councillors(strategy=strategy, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Councillors' rights on {strategy.reference} are saved.")
            return redirect("members:strategy-approvals", strategy.pk)
    close_forms = close_forms or {}
    asks = [
        (ask, close_forms.get(ask.pk) or CloseAssignmentForm(prefix=f"close-{ask.pk}"))
        for ask in AssignmentRequest.objects.open().filter(strategy=strategy).select_related("requested_by")
    ]
    return render(
        request,
        "members/assign.html",
        {"strategy": strategy, "form": form, "asks": asks},
        status=400 if form.errors or any(f.errors for _, f in asks) else 200,
    )


# Asking an administrator to assign someone -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ask_assignment(request, pk, what):
    strategy = _strategy(request, pk)
    if what not in AssignmentRequest.What.values:
        raise Http404("Ask for a portfolio holder or a scrutiny board.")
    require(permissions.can_ask_for_assignment(request.user, strategy, what))
    asked = AssignmentRequest.objects.open().filter(strategy=strategy, what=what).first()
    form = AskAssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = services.ask_for_assignment(
            strategy=strategy, what=what, acting_user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            f"The administrators are asked to assign {made.get_what_display()} to {strategy.reference}. "
            "You will be told when it is done.",
        )
        return redirect("members:strategy-approvals", strategy.pk)
    return render(
        request,
        "members/ask_assignment.html",
        {"strategy": strategy, "form": form, "asked": asked, "what": AssignmentRequest.What(what)},
        status=400 if form.errors else 200,
    )


@require_POST
def close_assignment(request, pk):
    require(permissions.can_manage(request.user))
    found = get_object_or_404(AssignmentRequest.objects.select_related("strategy"), pk=pk)
    form = CloseAssignmentForm(request.POST, prefix=f"close-{found.pk}")
    if form.is_valid():
        services.close_assignment_request(request_id=found.pk, acting_user=request.user, **form.cleaned_data)
        messages.success(request, f"The request is closed and {found.requested_by} told.")
        return redirect("members:assign", found.strategy_id)
    return _assign_page(request, found.strategy, close_forms={found.pk: form})


# Registers of interests -------------------------------------------------------------------------------------


def _member(request, pk):
    member = get_object_or_404(get_user_model().objects.select_related("councillor_profile"), pk=pk)
    require(permissions.can_view_register(request.user, member))
    return member


def interests_register(request, pk):
    member = _member(request, pk)
    full = permissions.can_see_withheld(request.user, member)
    context = {
        "member": member,
        "full": full,
        "may_edit": permissions.can_edit_register(request.user, member),
        "may_record_dispensation": permissions.can_record_dispensation(request.user),
        "dispensations": selectors.dispensations(member),
        "today": timezone.localdate(),
        "gift_threshold": settings.INTERESTS_GIFT_THRESHOLD,
    }
    if full:
        context["entries"] = list(selectors.entries([member]).order_by("-ended_on", "category", "-arose_on"))
        context["declarations"] = member.declarations.select_related("strategy", "interest").order_by(
            "-declared_at", "-pk"
        )[:20]
    else:
        context["published"] = selectors.published_register(member)
    return render(request, "members/interests.html", context)


@require_http_methods(["GET", "POST"])
def interest_edit(request, pk, interest_pk=None):
    member = _member(request, pk)
    require(permissions.can_edit_register(request.user, member))
    interest = get_object_or_404(Interest, pk=interest_pk, member=member) if interest_pk else None
    form = InterestForm(
        request.POST or None, instance=interest, may_mark_sensitive=bool(request.user.is_administrator)
    )
    saving = None
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_interest(
                member=member,
                interest_id=interest.pk if interest else None,
                seen_version=seen,
                changes=values(form),
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, "The register of interests is saved.")
            return redirect("members:interests", member.pk)
    return render(
        request,
        "members/interest_form.html",
        {
            "member": member,
            "interest": interest,
            "form": form,
            "stale": saving and saving.stale,
            "gift_threshold": settings.INTERESTS_GIFT_THRESHOLD,
        },
        status=saving.status if saving else 200,
    )


@require_http_methods(["GET", "POST"])
def dispensation_add(request, pk):
    member = _member(request, pk)
    require(permissions.can_record_dispensation(request.user))
    form = DispensationForm(request.POST or None, member=member)
    saving = None
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.record_dispensation(
                member=member, acting_user=request.user, **form.cleaned_data
            ),
        )
        if saving.done:
            messages.success(request, f"The dispensation for {member} is recorded.")
            return redirect("members:interests", member.pk)
    return render(
        request,
        "members/dispensation_form.html",
        {"member": member, "form": form},
        status=saving.status if saving else 200,
    )


@login_not_required
def published_interests(request, pk):
    """The register as published: for anyone, signed in or not; a sensitive interest's details withheld."""
    member = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if not permissions.is_member(member):
        raise Http404("Only councillors and co-opted members keep a register of interests.")
    return render(
        request,
        "members/interests_published.html",
        {"member": member, "published": selectors.published_register(member)},
    )


# Key decisions and decision notices -------------------------------------------------------------------------


def notices(request):
    require(permissions.can_view(request.user))
    page = Paginator(selectors.published_decision_notices(request.user), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_standing(page.object_list)
    return render(request, "members/notices.html", {"page": page})


def _notice_page(request, notice, call_in_form=None, outcome_form=None, status=200):
    user = request.user
    may_call_in = permissions.can_call_in(user, notice)
    may_record = permissions.can_record_outcome(user, notice)
    after_council = notice.standing.label == callin.REFERRED_TO_COUNCIL
    return render(
        request,
        "members/notice.html",
        {
            "notice": notice,
            "record": notice.record,
            "standing": notice.standing,
            "may_call_in": may_call_in,
            "may_record": may_record,
            "call_in_form": call_in_form or (CallInForm() if may_call_in else None),
            "outcome_form": outcome_form
            or (CallInOutcomeForm(after_council=after_council, prefix="outcome") if may_record else None),
        },
        status=status,
    )


def _notice(request, pk):
    require(permissions.can_view(request.user))
    # A notice of a confidential plan this reader may not read is not there for them (404).
    notice = get_object_or_404(selectors.published_decision_notices(request.user), pk=pk)
    notice.standing = callin.standing(notice)
    return notice


def notice_detail(request, pk):
    return _notice_page(request, _notice(request, pk))


@require_POST
def call_in(request, pk):
    notice = _notice(request, pk)
    require(permissions.can_call_in(request.user, notice))
    form = CallInForm(request.POST)
    done = attempt(
        form,
        lambda _: services.call_in(
            notice_id=notice.pk, reasons=form.cleaned_data["reasons"], acting_user=request.user
        ),
    )
    if done.done:
        messages.success(
            request, "Your call-in is recorded. The decision-maker and the chair of scrutiny are told."
        )
        return redirect(notice)
    return _notice_page(request, notice, call_in_form=form, status=done.status)


@require_POST
def call_in_outcome(request, pk):
    notice = _notice(request, pk)
    require(permissions.can_record_outcome(request.user, notice))
    form = CallInOutcomeForm(
        request.POST, after_council=notice.standing.label == callin.REFERRED_TO_COUNCIL, prefix="outcome"
    )
    done = attempt(
        form,
        lambda _: services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=form.cleaned_data["outcome"],
            reasons=form.cleaned_data["reasons"],
            acting_user=request.user,
        ),
    )
    if done.done:
        messages.success(request, "Scrutiny's conclusion is recorded and published on the notice.")
        return redirect(notice)
    return _notice_page(request, notice, outcome_form=form, status=done.status)


def forward_plan_entry(request, pk, form=None, status=200):
    require(permissions.can_view(request.user))
    entry = get_object_or_404(selectors.forward_plan_entries(request.user), pk=pk)
    may_record = permissions.can_record_exception(request.user, entry)
    return render(
        request,
        "members/forward_plan_entry.html",
        {
            "entry": entry,
            "earliest": callin.earliest_by_notice(entry),
            "exceptions": [(e, callin.earliest_by_exception(e)) for e in entry.exceptions.all()],
            "private_short": callin.private_notice_short(entry),
            "chair": permissions.scrutiny_chair(entry.strategy),
            "form": form or (KeyDecisionExceptionForm() if may_record else None),
        },
        status=status,
    )


@require_POST
def record_exception(request, pk):
    entry = get_object_or_404(selectors.forward_plan_entries(request.user), pk=pk)
    require(permissions.can_record_exception(request.user, entry))
    form = KeyDecisionExceptionForm(request.POST)
    done = attempt(
        form,
        lambda _: services.record_key_decision_exception(
            entry_id=entry.pk, acting_user=request.user, **values(form)
        ),
    )
    if done.done:
        messages.success(request, "The exception is recorded, and the chair of scrutiny is told.")
        return redirect(entry)
    return forward_plan_entry(request, pk, form=form, status=done.status)


@require_http_methods(["GET", "POST"])
def forward_plan_add(request, pk, subject, plan_pk=None):
    strategy = _strategy(request, pk)
    if subject not in Subject.values:
        return redirect("members:strategy-approvals", strategy.pk)
    plan = get_object_or_404(CommissioningPlan, pk=plan_pk, strategy=strategy) if plan_pk else None
    require(permissions.can_publish_forward_plan(request.user, strategy))
    form = ForwardPlanEntryForm(
        request.POST or None,
        initial={"published_on": timezone.localdate(), "decision_maker": "The Executive"},
    )
    status = 200
    if request.method == "POST":
        done = attempt(
            form,
            lambda _: services.publish_forward_plan_entry(
                strategy=strategy, subject=subject, plan=plan, acting_user=request.user, **values(form)
            ),
        )
        if done.done:
            messages.success(request, "The key decision is on the forward plan.")
            return redirect(done.result)
        status = done.status
    return render(
        request,
        "members/forward_plan_form.html",
        {"strategy": strategy, "plan": plan, "subject": Subject(subject), "form": form},
        status=status,
    )
