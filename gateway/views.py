"""Thin views: rights from gateway.permissions, writes through gateway.services."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

import strategies.permissions
from commissioning import csvexport, formatting
from commissioning.editing import attempt
from commissioning.forms import add_errors
from commissioning.pagecache import cached_page
from commissioning.permissions import require
from members.permissions import prefetch
from strategies.models import Strategy

from . import assessment, overlaps, permissions, selectors, services
from .forms import (
    ActionForm,
    CancelForm,
    CloseActionForm,
    CriteriaAnswersForm,
    CriterionForm,
    FindingForm,
    ForwardPlanForm,
    MarkForm,
    OverlapForm,
    OverrideForm,
    ProgrammeFilterForm,
    ProgressForm,
    ScheduleForm,
    VerdictForm,
)
from .models import Area, Criterion, CriterionAnswer, GatewayReview, KeyProjectMark, ReviewAction

# The programme and the forward plan ----------------------------------------------------------------------


@cached_page
def programme_list(request):
    require(permissions.can_view(request.user))
    form = ProgrammeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page, key_count = selectors.programme(
        q=filters.get("q", ""),
        stage=filters.get("stage", ""),
        directorate=filters.get("directorate"),
        key=filters.get("key", ""),
        page=request.GET.get("page"),
        today=timezone.localdate(),
        user=request.user,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "gateway/programme.html",
        {"form": form, "page": page, "query": query.urlencode(), "key_count": key_count},
    )


def _forward_filters(request) -> tuple[ForwardPlanForm, int, object]:
    form = ForwardPlanForm(request.GET or None)
    months, directorate = ForwardPlanForm.base_fields["months"].initial, None
    if form.is_valid():
        months = form.cleaned_data["months"] or months
        directorate = form.cleaned_data["directorate"]
    return form, months, directorate


@cached_page
def forward_plan(request):
    require(permissions.can_view(request.user))
    form, months, directorate = _forward_filters(request)
    page = selectors.forward_plan_page(
        months=months,
        directorate=directorate,
        today=timezone.localdate(),
        user=request.user,
        page=request.GET.get("page"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "gateway/forward_plan.html",
        {
            "form": form,
            "months": months,
            "page": page,
            "page_numbers": list(
                page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
            ),
            "dates": page.object_list,
            "query": query.urlencode(),
        },
    )


def forward_plan_csv(request):
    """The forward plan with its months, as CSV (commissioning.csvexport: private, formulas neutralised)."""
    require(permissions.can_view(request.user))
    _, months, directorate = _forward_filters(request)
    dates = selectors.forward_plan(
        months=months, directorate=directorate, today=timezone.localdate(), user=request.user
    )
    base = request.build_absolute_uri("/")[:-1]
    rows = (
        [
            d.when.isoformat(),
            d.what,
            d.kind,
            str(d.strategy),
            str(d.strategy.directorate),
            d.strategy.get_stage_display(),
            base + d.url,
        ]
        for d in dates
    )
    return csvexport.response(
        "forward-plan", ["Date", "What", "Kind", "Strategy", "Directorate", "Stage", "Link"], rows
    )


# A project at the gateway ---------------------------------------------------------------------------------


def _strategy(request, pk):
    strategy = get_object_or_404(
        Strategy.objects.select_related("directorate", "accountable_commissioner"), pk=pk
    )
    require(strategies.permissions.can_view(request.user, strategy))
    return strategy


def _judged(strategy):
    criteria = list(Criterion.objects.filter(active=True, test=Criterion.Test.JUDGED))
    answers = {
        a.criterion_id: a for a in CriterionAnswer.objects.filter(strategy=strategy, cycle=strategy.cycle)
    }
    return criteria, answers


def project(request, pk, answers_form=None, override_form=None, schedule_form=None, status=200):
    strategy = _strategy(request, pk)
    found = assessment.assess(strategy)
    criteria, answers = _judged(strategy)
    user = request.user
    may_judge = permissions.can_judge(user, strategy)
    override = found.override
    return render(
        request,
        "gateway/project.html",
        {
            "strategy": strategy,
            "assessment": found,
            "reviews": strategy.gateway_reviews.select_related("scheduled_by").order_by(
                "-scheduled_for", "-pk"
            ),
            "may_judge": may_judge,
            "may_schedule": permissions.can_schedule(user, strategy, is_key=found.is_key),
            "scheduled": strategy.gateway_reviews.filter(
                cycle=strategy.cycle, status=GatewayReview.Status.SCHEDULED
            ).first(),
            "answers_form": answers_form
            or (CriteriaAnswersForm(criteria=criteria, answers=answers) if may_judge else None),
            "override_form": override_form
            or (
                OverrideForm(
                    initial={
                        "choice": "score" if override is None else ("key" if override.is_key else "not"),
                        "reason": override.reason if override else "",
                    }
                )
                if may_judge
                else None
            ),
            "schedule_form": schedule_form
            or ScheduleForm(initial={"scheduled_for": timezone.localdate() + timedelta(days=14)}),
        },
        status=status,
    )


@require_POST
def answer_criteria(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_judge(request.user, strategy))
    criteria, answers = _judged(strategy)
    form = CriteriaAnswersForm(request.POST, criteria=criteria, answers=answers)
    if form.is_valid():
        services.answer_criteria(strategy=strategy, answers=form.answers(), acting_user=request.user)
        messages.success(request, "The panel's answers are saved.")
        return redirect("gateway:project", strategy.pk)
    return project(request, pk, answers_form=form, status=400)


@require_POST
def override(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_judge(request.user, strategy))
    form = OverrideForm(request.POST)
    if form.is_valid():
        services.override_key(
            strategy=strategy,
            is_key=form.is_key(),
            reason=form.cleaned_data["reason"],
            acting_user=request.user,
        )
        messages.success(request, "The panel's decision on whether this is a key project is saved.")
        return redirect("gateway:project", strategy.pk)
    return project(request, pk, override_form=form, status=400)


@require_POST
def schedule(request, pk):
    strategy = _strategy(request, pk)
    require(permissions.can_schedule(request.user, strategy, is_key=assessment.is_key_project(strategy)))
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            review = services.schedule_review(
                strategy=strategy, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"The review is scheduled for {formatting.long_date(review.scheduled_for)}."
            )
            return redirect(review)
    return project(request, pk, schedule_form=form, status=400)


# Reviews --------------------------------------------------------------------------------------------------


def _review(pk):
    return get_object_or_404(
        GatewayReview.objects.select_related("strategy__directorate", "scheduled_by", "completed_by"), pk=pk
    )


def review_detail(request, pk, forms_=None, status=200, stale=None):
    review = _review(pk)
    require(permissions.can_view(request.user))
    forms_ = forms_ or {}
    may_review = permissions.can_review(request.user, review)
    findings = {f.area: f for f in review.findings.all()}
    areas = []
    for value, label in Area.choices:
        finding = findings.get(value)
        form = forms_.get(value) or (FindingForm(instance=finding, area=value) if may_review else None)
        areas.append({"value": value, "label": label, "finding": finding, "form": form})
    actions = list(review.actions.select_related("owner"))
    for a in actions:
        a.may_answer = permissions.can_answer(request.user, a)
        a.may_close = permissions.can_follow_up(request.user, a)
    return render(
        request,
        "gateway/review.html",
        {
            "review": review,
            "strategy": review.strategy,
            "areas": areas,
            "actions": actions,
            "may_review": may_review,
            "action_form": forms_.get("action") or (ActionForm() if may_review else None),
            "verdict_form": forms_.get("verdict") or (VerdictForm(instance=review) if may_review else None),
            "cancel_form": forms_.get("cancel")
            or (CancelForm(initial={"seen_version": review.version}) if may_review else None),
            "all_forms": list(forms_.values()),
            "stale": stale,
        },
        status=status,
    )


@require_POST
def save_finding(request, pk, area):
    review = _review(pk)
    require(permissions.can_review(request.user, review))
    if area not in Area.values:
        return redirect(review)
    finding = review.findings.filter(area=area).first()
    form = FindingForm(request.POST, instance=finding, area=area)
    saving = attempt(
        form,
        lambda seen: services.save_finding(
            review=review,
            area=area,
            rating=form.cleaned_data["rating"],
            comments=form.cleaned_data["comments"],
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"The finding on {Area(area).label.lower()} is saved.")
        return redirect(review.get_absolute_url() + f"#area-{area}")
    return review_detail(request, pk, {area: form}, status=saving.status, stale=saving.stale)


@require_POST
def add_action(request, pk):
    review = _review(pk)
    require(permissions.can_review(request.user, review))
    form = ActionForm(request.POST)
    if form.is_valid():
        services.add_action(review=review, acting_user=request.user, **form.cleaned_data)
        messages.success(request, "The action is added.")
        return redirect(review.get_absolute_url() + "#actions")
    return review_detail(request, pk, {"action": form}, status=400)


@require_POST
def verdict(request, pk):
    review = _review(pk)
    require(permissions.can_review(request.user, review))
    form = VerdictForm(request.POST, instance=review)
    saving = attempt(
        form,
        lambda seen: services.complete_review(
            review=review,
            verdict=form.cleaned_data["verdict"],
            summary=form.cleaned_data["verdict_summary"],
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"The verdict is recorded: {saving.result.get_verdict_display().lower()}.")
        return redirect(review)
    return review_detail(request, pk, {"verdict": form}, status=saving.status, stale=saving.stale)


@require_POST
def cancel(request, pk):
    review = _review(pk)
    require(permissions.can_review(request.user, review))
    form = CancelForm(request.POST)
    saving = attempt(
        form,
        lambda seen: services.cancel_review(
            review=review, reason=form.cleaned_data["reason"], seen_version=seen, acting_user=request.user
        ),
    )
    if saving.done:
        messages.success(request, "The review is cancelled.")
        return redirect("gateway:project", review.strategy_id)
    return review_detail(request, pk, {"cancel": form}, status=saving.status, stale=saving.stale)


@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = get_object_or_404(ReviewAction.objects.select_related("review__strategy", "owner"), pk=pk)
    require(permissions.can_view(request.user))
    may_answer = permissions.can_answer(request.user, action)
    may_close = permissions.can_follow_up(request.user, action)
    progress = ProgressForm(instance=action) if may_answer else None
    closing = CloseActionForm(initial={"seen_version": action.version}) if may_close else None
    saving = None
    if request.method == "POST":
        if "close" in request.POST:
            require(may_close)
            closing = CloseActionForm(request.POST)
            saving = attempt(
                closing,
                lambda seen: services.close_action(
                    action=action,
                    status=closing.cleaned_data["status"],
                    seen_version=seen,
                    acting_user=request.user,
                ),
            )
            done = "The action is closed."
        else:
            require(may_answer)
            progress = ProgressForm(request.POST, instance=action)
            saving = attempt(
                progress,
                lambda seen: services.report_progress(
                    action=action,
                    update=progress.cleaned_data["update"],
                    seen_version=seen,
                    acting_user=request.user,
                ),
            )
            done = "Progress is saved; the panel can see it."
        if saving.done:
            messages.success(request, done)
            return redirect(action.review.get_absolute_url() + "#actions")
    return render(
        request,
        "gateway/action.html",
        {"action": action, "progress": progress, "closing": closing, "stale": saving and saving.stale},
        status=saving.status if saving else 200,
    )


def actions_list(request):
    """Every open action and condition, soonest first: what the gateway follows up."""
    require(permissions.can_view(request.user))
    actions = ReviewAction.objects.filter(status=ReviewAction.Status.OPEN).select_related(
        "review__strategy", "owner"
    )
    mine = request.GET.get("mine") == "1"
    if mine:
        actions = actions.filter(owner=request.user)
    if csvexport.wanted(request):
        return csvexport.response(
            "gateway-actions",
            ["Due", "Kind", "Action", "Owner", "Strategy", "Review", "Link"],
            (
                [
                    a.due_date.isoformat() if a.due_date else "",
                    a.get_kind_display(),
                    a.description,
                    str(a.owner),
                    str(a.review.strategy),
                    a.review.scheduled_for.isoformat() if a.review.scheduled_for else "",
                    request.build_absolute_uri(reverse("gateway:action", args=[a.pk])),
                ]
                for a in actions.order_by("due_date", "pk")
            ),
        )
    return render(
        request, "gateway/actions.html", {"actions": actions.order_by("due_date", "pk"), "mine": mine}
    )


# Overlaps -------------------------------------------------------------------------------------------------


@cached_page
def overlap_list(request, form=None, form_pair=None, status=200):
    require(permissions.can_view(request.user))
    page = overlaps.page(request.GET.get("page"))
    pairs = page.object_list
    prefetch(request.user, [p.first for p in pairs] + [p.second for p in pairs])
    for pair in pairs:
        pair.may_decide = permissions.can_decide_overlap(request.user, pair.first, second=pair.second)
        key = f"{pair.first_id}-{pair.second_id}"
        if form is not None and form_pair == key:
            pair.form = form
        elif pair.may_decide:
            initial = (
                {"decision": pair.decision.decision, "note": pair.decision.note} if pair.decision else {}
            )
            pair.form = OverlapForm(initial=initial, prefix_id=key)
        else:
            pair.form = None
    return render(
        request, "gateway/overlaps.html", {"pairs": pairs, "page": page, "form": form}, status=status
    )


def overlap_pair(request, first, second):
    """Everything alike in one suggested pair (the finder shows the closest few), as the finder is: to
    everyone signed in."""
    require(permissions.can_view(request.user))
    if first > second:
        return redirect("gateway:overlap-pair", first=second, second=first)
    found = overlaps.pair(first, second, request.GET.get("page"))
    if found is None:
        raise Http404("The finder does not suggest these two projects.")
    pair, page = found
    return render(request, "gateway/overlap_pair.html", {"pair": pair, "page": page})


@require_POST
def decide_overlap(request, first, second):
    if first == second:
        raise Http404("A project is not an overlap with itself.")
    a = get_object_or_404(Strategy, pk=first)
    b = get_object_or_404(Strategy, pk=second)
    require(permissions.can_decide_overlap(request.user, a, second=b))
    key = f"{min(first, second)}-{max(first, second)}"
    form = OverlapForm(request.POST, prefix_id=key)
    if form.is_valid():
        services.decide_overlap(first=a, second=b, acting_user=request.user, **form.cleaned_data)
        messages.success(request, f"The panel's decision on {a.reference} and {b.reference} is saved.")
        return redirect("gateway:overlaps")
    return overlap_list(request, form=form, form_pair=key, status=400)


# Criteria -------------------------------------------------------------------------------------------------


def criteria_list(request, mark_form=None, status=200):
    require(permissions.can_view(request.user))
    may_configure = permissions.can_configure(request.user)
    mark = KeyProjectMark.current()
    return render(
        request,
        "gateway/criteria.html",
        {
            "criteria": Criterion.objects.all(),
            "mark": mark,
            "may_configure": may_configure,
            "mark_form": mark_form or (MarkForm(initial={"points": mark.points}) if may_configure else None),
        },
        status=status,
    )


@require_POST
def set_mark(request):
    require(permissions.can_configure(request.user))
    form = MarkForm(request.POST)
    if form.is_valid():
        services.set_mark(points=form.cleaned_data["points"], acting_user=request.user)
        messages.success(request, "The key-project mark is saved.")
        return redirect("gateway:criteria")
    return criteria_list(request, mark_form=form, status=400)


@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk=None):
    require(permissions.can_configure(request.user))
    criterion = get_object_or_404(Criterion, pk=pk) if pk else None
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.save_criterion(acting_user=request.user, criterion=criterion, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The criterion '{fields['name']}' is saved.")
            return redirect("gateway:criteria")
    return render(
        request,
        "gateway/criterion_form.html",
        {"form": form, "criterion": criterion},
        status=400 if form.errors else 200,
    )
