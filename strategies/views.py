"""Thin views: read through the permissions module, write through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from commissioning import csvexport
from commissioning.pagecache import cached_page
from commissioning.parts import PartPages
from commissioning.permissions import require
from commissioning.views import DASHBOARD_TASKS, tasks_context

from . import checklist, history, keydates, lifecycle, permissions, selectors, services
from .forms import HistoryFilterForm, NotRequiredForm, StrategyCreateForm, StrategyFilterForm, TransitionForm
from .map import interdependency_map
from .models import EvidenceItem, Interdependency, Strategy
from .requirements import REQUIREMENTS
from .sections import SECTIONS


@cached_page
def home(request):
    """The dashboard at / (strategies.dashboard_urls): counts by stage, my strategies, recent moves."""
    context = selectors.dashboard_for(request.user, page=request.GET.get("page"))
    # Every role's dashboard leads with what is theirs to do (commissioning.worklist).
    tasks = tasks_context(request.user, limit=DASHBOARD_TASKS)
    return render(request, "home.html", {**context, **tasks, "query": ""})


pages = PartPages(
    model=Strategy,
    parent_field="strategy",
    namespace="strategies",
    sections=SECTIONS,
    can_view=permissions.can_view,
    can_edit=permissions.can_edit,
    save_fields=services.update_strategy,
    add_part=services.add_part,
    update_part=services.update_part,
    delete_part=services.delete_part,
    # A co-commissioner sees who commissions the strategy but cannot change it (nor so block their save).
    fields_form_kwargs=lambda user, strategy: {
        "may_choose_commissioners": bool(permissions.can_manage_commissioners(user, strategy))
    },
    # A section's page leads back to the strategy's Analyse content, where every section is listed.
    back=lambda strategy: (
        reverse("strategies:content", args=[strategy.pk]),
        f"the Analyse content of {strategy.reference}",
    ),
    return_to_section=True,
    requirements=REQUIREMENTS,
)


def _strategy(request, pk, need="view", queryset=None):
    strategy = get_object_or_404(
        (Strategy.objects if queryset is None else queryset).select_related(
            "directorate", "accountable_commissioner"
        ),
        pk=pk,
    )
    require((permissions.can_view if need == "view" else permissions.can_edit)(request.user, strategy))
    return strategy


@cached_page
def strategy_list(request):
    filters = StrategyFilterForm(request.GET or None)
    strategies = selectors.strategy_list(**(filters.cleaned_data if filters.is_valid() else {}))
    if csvexport.wanted(request):
        return csvexport.response(
            "strategies",
            ["Reference", "Title", "Stage", "Cycle", "Directorate", "Accountable commissioner", "Link"],
            (
                [
                    s.reference,
                    s.title,
                    s.get_stage_display(),
                    s.cycle,
                    str(s.directorate),
                    str(s.accountable_commissioner),
                    request.build_absolute_uri(s.get_absolute_url()),
                ]
                for s in strategies.iterator(chunk_size=500)
            ),
        )
    page = Paginator(strategies, 25).get_page(request.GET.get("page"))
    permissions.remember_editable(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "strategies/list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "editable_ids": request.user._editable_strategy_ids,
            "can_create": permissions.can_create(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def strategy_create(request):
    require(permissions.can_create(request.user))
    form = StrategyCreateForm(request.POST or None, initial={"accountable_commissioner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        strategy = services.create_strategy(acting_user=request.user, **form.cleaned_data)
        messages.success(request, f"{strategy} created. Now complete its Analyse content.")
        return redirect(strategy)
    return render(request, "strategies/create.html", {"form": form})


@cached_page
def strategy_detail(request, pk):
    """The strategy's overview (issue 23): where it stands, its next move and what blocks it, who owns it,
    key dates and counts, the checklist with only the missing items open, and this cycle's plans. Each part
    has its own page, reached by the strategy's sub-navigation."""
    # Its impact assessment read once, for its checklist and its outcomes' approval snapshot alike; its
    # checklist's counts and the panels' counts read with it.
    found = permissions.with_editable(request.user, selectors.for_overview())
    strategy = lifecycle.evaluate_once(_strategy(request, pk, queryset=found))
    permissions.remember_editable(request.user, [strategy])  # asked by the moves and the page alike
    # The moves first: their conditions read what the checklist's proportion can then answer from (the
    # gateway's assessment, this cycle's plans), each once.
    moves = selectors.transitions_for(strategy, request.user)
    for move in moves:
        move["blockers"] = _blockers(lifecycle.grouped(move["reasons"]))
    items = checklist.build(strategy)
    this_cycle = selectors.plans_of_this_cycle(strategy)
    plans = permissions.readable_among(request.user, this_cycle)
    required = [i for i in items if i.required]
    counts = checklist.counts(strategy)
    return render(
        request,
        "strategies/detail.html",
        {
            "strategy": strategy,
            "missing": [i for i in required if not i.done],
            "complete": [i for i in items if i.done or not i.required],
            "required_total": len(required),
            "required_done": sum(1 for i in required if i.done),
            "transitions": moves,
            "timeline": list(strategy.transitions.select_related("actor")[:OVERVIEW_MOVES]),
            "can_edit": permissions.can_edit(request.user, strategy),
            "commissioners": strategy.commissioners.all(),
            "counts": [
                ("Outcomes", counts["outcomes"]),
                ("Performance metrics", counts["performancemetrics"]),
                ("Pieces of evidence", counts["evidenceitems"]),
                ("Interdependencies", counts["interdependencys"]),
            ],
            "key_dates": keydates.gathered({strategy.pk: strategy}, timezone.localdate(), None, request.user)[
                :OVERVIEW_DATES
            ],
            # The plans app adds these relations; the strategy page shows this cycle's plans, without the
            # confidential ones this person may not read (exempt information: counted, never named).
            "plans": plans,
            "plans_withheld": len(this_cycle) - len(plans),
            # Shown only where no plan is.
            "no_plan": None if plans else strategy.no_plan_statements.filter(cycle=strategy.cycle).first(),
        },
    )


OVERVIEW_MOVES = 5  # the latest moves on the overview; the rest on the history page
OVERVIEW_DATES = 5  # the next key dates
OVERVIEW_REASONS = 3  # reasons shown for each part of what blocks a move; the move's page has them all


def _blockers(groups):
    """What blocks a move, part by part: the first few reasons (linked to their fixes) and how many more."""
    return [
        {"part": part, "reasons": found[:OVERVIEW_REASONS], "more": max(0, len(found) - OVERVIEW_REASONS)}
        for part, found in groups
    ]


def strategy_content(request, pk):
    """The strategy's Analyse content: every section, with the interdependency map."""
    strategy = _strategy(request, pk)
    relations = (
        Interdependency.objects.filter(Q(strategy=strategy) | Q(other=strategy))
        .select_related("strategy", "other")
        .order_by("pk")
    )
    return render(
        request,
        "strategies/content.html",
        {
            "strategy": strategy,
            "can_edit": permissions.can_edit(request.user, strategy),
            "sections": SECTIONS,
            "outcomes": strategy.outcomes.all(),
            "relations": relations,
            "map": interdependency_map(strategy, relations),
        },
    )


@require_http_methods(["GET", "POST"])
def transition(request, pk, name):
    strategy = _strategy(request, pk)
    options = {t["name"]: t for t in selectors.transitions_for(strategy, request.user)}
    option = options.get(name)
    if option is None:
        messages.error(request, f"A strategy in {strategy.get_stage_display()} cannot do that.")
        return redirect(strategy)
    require(permissions.can_transition(request.user, strategy))
    form = TransitionForm(request.POST or None, transition=option, initial={"expected_stage": strategy.stage})
    reasons = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.apply_transition(
                    strategy_id=strategy.pk,
                    name=lifecycle.Transition(name),
                    acting_user=request.user,
                    expected_stage=form.cleaned_data["expected_stage"],
                    note=form.cleaned_data.get("note", ""),
                    trigger=form.cleaned_data.get("trigger", ""),
                )
            except services.TransitionRefused as refusal:
                reasons = refusal.reasons
                status = 409
            else:
                strategy.refresh_from_db()
                messages.success(request, f"{strategy} is now in {strategy.get_stage_display()}.")
                return redirect(strategy)
        else:
            status = 400
    # One list of reasons, linked to their fixes: the refusal just given (as the error summary), else the
    # reasons the move would be refused now.
    shown = reasons or option["reasons"]
    return render(
        request,
        "strategies/transition.html",
        {
            "strategy": strategy,
            "option": option,
            "form": form,
            "refusal": bool(reasons),
            "reason_groups": _linked(request, lifecycle.grouped(shown)),
        },
        status=status,
    )


def _linked(request, groups):
    """Each reason with the link to its fix; a fix on this very page (a field of the move's form) as an
    anchor, so following it keeps what was typed."""
    here = request.path
    return [
        (
            part,
            [
                {
                    "text": str(reason),
                    "href": fix[len(here) :]
                    if (fix := getattr(reason, "fix_url", "")).startswith(here + "#")
                    else fix,
                }
                for reason in found
            ],
        )
        for part, found in groups
    ]


HISTORY_PAGE = 20  # entries on a page of a strategy's history


@cached_page
def strategy_history(request, pk):
    """Every change and move, newest first, paged and filtered by part, person and dates (issue 23)."""
    strategy = _strategy(request, pk)
    found = sorted(
        history.for_strategy(strategy, limit=None) + history.moves(strategy),
        key=lambda e: e.when,
        reverse=True,
    )
    people = sorted({e.who.pk: e.who for e in found if e.who is not None}.values(), key=str)
    filters = HistoryFilterForm(request.GET or None, parts=history.parts(), people=people)
    page = Paginator(history.filtered(found, **filters.filters()), HISTORY_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "parts/history.html",
        {
            "record": strategy,
            "strategy": strategy,
            "top_part": "Strategy",
            "entries": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
        },
    )


# Private: no shared cache (a proxy, the browser's disk) may keep a copy.
@cache_control(private=True, no_store=True)
def evidence_file(request, pk, item_pk):
    strategy = _strategy(request, pk)
    item = get_object_or_404(EvidenceItem, pk=item_pk, strategy=strategy)
    if not item.file:
        raise Http404("No file")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])


@require_http_methods(["GET", "POST"])
def not_required(request, pk, item):
    """Mark a checklist item below its threshold not required, with the reason; or required again."""
    strategy = _strategy(request, pk, need="edit")
    found = next((i for i in checklist.build(strategy) if i.key == item), None)
    if found is None:
        raise Http404("No such checklist item")
    waiver = strategy.checklist_waivers.filter(item=item).first()
    form = NotRequiredForm(request.POST or None, initial={"reason": waiver.reason if waiver else ""})
    status = 200
    if request.method == "POST" and request.POST.get("action") == "required":
        services.mark_required(strategy=strategy, item=item, acting_user=request.user)
        messages.success(request, f"{found.label} is required again.")
        return redirect(strategy)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mark_not_required(
                    strategy=strategy, item=item, reason=form.cleaned_data["reason"], acting_user=request.user
                )
            except ValidationError as error:
                form.add_error("reason", error.message_dict["reason"])
            else:
                messages.success(request, f"{found.label} is marked not required.")
                return redirect(strategy)
        status = 400
    return render(
        request,
        "strategies/not_required.html",
        {"strategy": strategy, "item": found, "form": form, "waiver": waiver},
        status=status,
    )
