"""Thin views: read through plans.permissions, write through plans.services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

import strategies.permissions
from commissioning.editing import attempt
from commissioning.forms import values
from commissioning.pagecache import cached_page
from commissioning.parts import PartPages
from commissioning.permissions import require
from strategies import lifecycle
from strategies.models import Strategy

from . import checklist, permissions, selectors, services
from .forms import COMMERCIAL_GROUPS, CommercialModelForm, NoPlanForm, PlanCreateForm
from .models import (
    NEEDS_COMMERCIAL_MODEL,
    CommercialModel,
    CommissioningPlan,
    NoPlanStatement,
    Risk,
    risk_rating,
)
from .requirements import REQUIREMENTS
from .sections import SECTIONS

pages = PartPages(
    model=CommissioningPlan,
    parent_field="plan",
    namespace="plans",
    sections=SECTIONS,
    can_view=permissions.can_view,
    can_edit=permissions.can_edit,
    save_fields=services.update_plan,
    add_part=services.add_part,
    update_part=services.update_part,
    delete_part=services.delete_part,
    requirements=REQUIREMENTS,
)


def _plan(request, pk, need="view"):
    plan = get_object_or_404(CommissioningPlan.objects.select_related("strategy"), pk=pk)
    require((permissions.can_view if need == "view" else permissions.can_edit)(request.user, plan))
    return plan


@require_http_methods(["GET", "POST"])
def plan_create(request, strategy_pk):
    strategy = get_object_or_404(Strategy, pk=strategy_pk)
    require(permissions.can_create(request.user, strategy))
    form = PlanCreateForm(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(strategy=strategy, acting_user=request.user, **form.cleaned_data)
        messages.success(request, f"Plan '{plan}' created. Now write its services and delivery analyses.")
        return redirect(plan)
    return render(
        request, "plans/create.html", {"strategy": strategy, "form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def no_plan(request, strategy_pk):
    strategy = get_object_or_404(Strategy, pk=strategy_pk)
    require(strategies.permissions.can_view(request.user, strategy))
    statement = NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    can_edit = permissions.can_create(request.user, strategy)
    form = NoPlanForm(request.POST or None, instance=statement)
    context = {"strategy": strategy, "form": form, "statement": statement, "can_edit": can_edit}
    if request.method == "POST":
        require(can_edit)
        saving = attempt(
            form,
            lambda seen: services.state_no_plan_needed(
                strategy=strategy,
                reasons=form.cleaned_data["reasons"],
                seen_version=seen,
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, "The reasons no plan is required are recorded.")
            return redirect(strategy)
        return render(request, "plans/no_plan.html", {**context, "stale": saving.stale}, status=saving.status)
    return render(request, "plans/no_plan.html", context)


def heat_map(risks) -> list[list[dict]]:
    """The 5x5 matrix, impact across and likelihood down (5 at the top), with the open risks in each cell."""
    cells: dict[tuple[int, int], list] = {}
    for r in risks:
        if r.status == Risk.Status.OPEN:
            cells.setdefault((r.likelihood, r.impact), []).append(r)
    return [
        [
            {
                "likelihood": likelihood,
                "impact": impact,
                "score": likelihood * impact,
                "rating": risk_rating(likelihood * impact),
                "risks": cells.get((likelihood, impact), []),
            }
            for impact in range(1, 6)
        ]
        for likelihood in range(5, 0, -1)
    ]


@cached_page
def plan_detail(request, pk):
    # The plan with its content: its checklist, its approval's snapshot and the page read it once.
    plan = selectors.plan_with_content(pk)
    if plan is None:
        raise Http404
    require(permissions.can_view(request.user, plan))
    lifecycle.evaluate_once(plan.strategy)
    strategies.permissions.remember_editable(request.user, [plan.strategy])
    risks = list(plan.risks.all())
    appraisals = sorted(plan.optionsappraisals.all(), key=lambda a: a.pk)
    needs_model = any(
        a.adopted_option and a.adopted_option.channel in NEEDS_COMMERCIAL_MODEL for a in appraisals
    )
    items = checklist.build(plan)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "strategy": plan.strategy,
            "checklist": items,
            "required_total": sum(1 for i in items if i.required),
            "required_done": sum(1 for i in items if i.required and i.done),
            "can_edit": permissions.can_edit(request.user, plan),
            "sections": SECTIONS,
            "outcomes": plan.outcomes.all(),
            "appraisals": appraisals,
            "milestones": plan.milestones.all(),
            "heat_map": heat_map(risks),
            "risks": risks,
            "needs_commercial_model": needs_model,
            "commercial_model": getattr(plan, "commercial_model", None),  # the reverse one-to-one may raise
        },
    )


@require_http_methods(["GET", "POST"])
def commercial_model(request, pk):
    plan = _plan(request, pk, "edit" if request.method == "POST" else "view")
    model = CommercialModel.objects.filter(plan=plan).first()
    form = CommercialModelForm(request.POST or None, instance=model)
    can_edit = permissions.can_edit(request.user, plan)
    groups = [(title, starred, [form[name] for name in names]) for title, starred, names in COMMERCIAL_GROUPS]
    context = {
        "plan": plan,
        "strategy": plan.strategy,
        "form": form,
        "groups": groups,
        "can_edit": can_edit,
        "model": model,
        "kpis": plan.contractkpis.all(),
    }
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_commercial_model(
                plan=plan, seen_version=seen, values=values(form), acting_user=request.user
            ),
        )
        if saving.done:
            messages.success(request, "Commercial model saved.")
            return redirect(plan)
        return render(
            request, "plans/commercial.html", {**context, "stale": saving.stale}, status=saving.status
        )
    return render(request, "plans/commercial.html", context)


@cached_page
def plan_history(request, pk):
    from commissioning.history import Lookups, entries, newest_first

    from .models import AppraisalCriterion, DeliveryOption, OptionScore

    plan = _plan(request, pk)
    lookups = Lookups()  # every related row the changes name, read at once at the end
    found = entries(CommissioningPlan, plan.history.all(), "Plan", cache=lookups)
    for section in SECTIONS:
        if section.kind == "items":
            found += entries(
                section.model,
                section.model.history.filter(plan_id=plan.pk),
                section.title,
                "plan",
                cache=lookups,
            )
    appraisal_ids = list(plan.optionsappraisals.values_list("pk", flat=True))
    found += entries(
        DeliveryOption,
        DeliveryOption.history.filter(appraisal_id__in=appraisal_ids),
        "Delivery option",
        "appraisal",
        cache=lookups,
    )
    found += entries(
        AppraisalCriterion,
        AppraisalCriterion.history.filter(appraisal_id__in=appraisal_ids),
        "Appraisal criterion",
        "appraisal",
        cache=lookups,
    )
    option_names = dict(
        DeliveryOption.history.filter(appraisal_id__in=appraisal_ids).values_list("id", "name")
    )
    criterion_names = dict(
        AppraisalCriterion.history.filter(appraisal_id__in=appraisal_ids).values_list("id", "name")
    )
    found += entries(
        OptionScore,
        OptionScore.history.filter(option_id__in=list(option_names)),
        "Option score",
        cache=lookups,
        label=lambda r: f"{option_names.get(r.option_id)}: {criterion_names.get(r.criterion_id)}",
    )
    found += entries(
        CommercialModel,
        CommercialModel.history.filter(plan_id=plan.pk),
        "Commercial model",
        "plan",
        cache=lookups,
        label=lambda r: f"Commercial model for {plan}",
    )
    context = {"record": plan, "plan": plan, "strategy": plan.strategy, "top_part": "Plan"}
    return render(request, "parts/history.html", {**context, "entries": newest_first(found, lookups=lookups)})
