"""The options appraisal pages: options side by side, weighted criteria, scores, adoption."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from commissioning.editing import attempt, attempt_delete
from commissioning.forms import values
from commissioning.permissions import require

from . import permissions, services
from .appraisal import compare, figures_shown
from .forms import AdoptForm, BaselineForm, CriteriaForm, DeliveryOptionForm, ScoresForm
from .models import DeliveryOption, OptionsAppraisal


def _appraisal(request, pk, appraisal_pk, need="view"):
    appraisal = get_object_or_404(
        OptionsAppraisal.objects.select_related("plan__strategy", "adopted_option", "baseline_option"),
        pk=appraisal_pk,
        plan_id=pk,
    )
    require((permissions.can_view if need == "view" else permissions.can_edit)(request.user, appraisal.plan))
    return appraisal


# The comparison table: one row per attribute, one column per option.
COMPARED = [
    ("Delivery channel", "get_channel_display"),
    ("Description", "description"),
    ("Governance", "governance"),
    ("Outcomes it achieves", "outcomes_achieved"),
    ("Alignment with policy and political priorities", "policy_alignment"),
    ("Other resources needed", "other_resources"),
    ("Risks", "risks"),
    ("Strengths", "strengths"),
    ("Weaknesses", "weaknesses"),
    ("Opportunities", "opportunities"),
    ("Threats", "threats"),
    ("Evidence of value for money", "value_for_money_evidence"),
    ("Impact of decommissioning", "decommission_impact"),
]


def _page(request, appraisal, status=200, **forms):
    plan = appraisal.plan
    can_edit = permissions.can_edit(request.user, plan)
    options = list(appraisal.options.prefetch_related("scores"))
    criteria = list(appraisal.criteria.all())
    rows = compare(appraisal, options, criteria)
    form_kwargs = {"initial": {"seen_version": appraisal.version}, "appraisal": appraisal}
    context = {
        "plan": plan,
        "strategy": plan.strategy,
        "appraisal": appraisal,
        "services": appraisal.services.all(),
        "rows": rows,
        "shown": [figures_shown(r, appraisal.years) for r in rows],
        "criteria": criteria,
        "compared": [
            (
                label,
                [
                    getattr(r.option, attr)()
                    if callable(getattr(r.option, attr))
                    else getattr(r.option, attr)
                    for r in rows
                ],
            )
            for label, attr in COMPARED
        ],
        "can_edit": can_edit,
        "criteria_form": forms.get("criteria_form") or CriteriaForm(**form_kwargs),
        "scores_form": forms.get("scores_form") or ScoresForm(**form_kwargs),
        "adopt_form": forms.get("adopt_form")
        or AdoptForm(
            initial={
                "seen_version": appraisal.version,
                "option": appraisal.adopted_option_id,
                "rationale": appraisal.adoption_rationale,
            },
            appraisal=appraisal,
        ),
        "baseline_form": forms.get("baseline_form")
        or BaselineForm(
            initial={"seen_version": appraisal.version, "option": appraisal.baseline_option_id},
            appraisal=appraisal,
        ),
        "against_baseline": appraisal.baseline_option_id is not None,
        "stale": forms.get("stale"),
        "total_weight": sum(c.weight for c in criteria),
    }
    return render(request, "plans/appraisal.html", context, status=status)


def appraisal(request, pk, appraisal_pk):
    return _page(request, _appraisal(request, pk, appraisal_pk))


@require_http_methods(["GET", "POST"])
def option_edit(request, pk, appraisal_pk, option_pk=None):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    option = get_object_or_404(DeliveryOption, pk=option_pk, appraisal=appraisal) if option_pk else None
    form = DeliveryOptionForm(request.POST or None, instance=option)
    context = {
        "plan": appraisal.plan,
        "strategy": appraisal.plan.strategy,
        "appraisal": appraisal,
        "option": option,
        "form": form,
    }
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_option(
                appraisal=appraisal,
                option_pk=option.pk if option else None,
                values=values(form),
                seen_version=seen,
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, f"Option '{saving.result}' saved.")
            return redirect("plans:appraisal", pk, appraisal.pk)
        return render(
            request, "plans/option_form.html", {**context, "stale": saving.stale}, status=saving.status
        )
    return render(request, "plans/option_form.html", context)


@require_POST
def option_delete(request, pk, appraisal_pk, option_pk):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    refused = attempt_delete(
        request,
        lambda seen: services.delete_option(
            appraisal=appraisal, option_pk=option_pk, seen_version=seen, acting_user=request.user
        ),
    )
    if refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Option removed.")
    return redirect("plans:appraisal", pk, appraisal.pk)


def _save(request, appraisal, form_class, form_name, save):
    """Save one of the appraisal page's forms through `save(form, seen_version)`; the page again if refused."""
    form = form_class(request.POST, appraisal=appraisal)
    saving = attempt(form, lambda seen: save(form, seen))
    if saving.done:
        return None
    return _page(request, appraisal, status=saving.status, stale=saving.stale, **{form_name: form})


@require_POST
def criteria(request, pk, appraisal_pk):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    refused = _save(
        request,
        appraisal,
        CriteriaForm,
        "criteria_form",
        lambda form, seen: services.save_criteria(
            appraisal=appraisal,
            rows=form.rows_to_save(),
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if refused:
        return refused
    messages.success(request, "Criteria and weights saved.")
    return redirect("plans:appraisal", pk, appraisal.pk)


@require_POST
def scores(request, pk, appraisal_pk):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    refused = _save(
        request,
        appraisal,
        ScoresForm,
        "scores_form",
        lambda form, seen: services.save_scores(
            appraisal=appraisal,
            scores=form.scores(),
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if refused:
        return refused
    messages.success(request, "Scores saved.")
    return redirect("plans:appraisal", pk, appraisal.pk)


@require_POST
def adopt(request, pk, appraisal_pk):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    refused = _save(
        request,
        appraisal,
        AdoptForm,
        "adopt_form",
        lambda form, seen: services.adopt_option(
            appraisal=appraisal,
            option=form.cleaned_data["option"],
            rationale=form.cleaned_data["rationale"],
            rejection_reasons=form.rejection_reasons(),
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if refused:
        return refused
    messages.success(request, "Option adopted. The others are kept as alternatives considered.")
    return redirect("plans:appraisal", pk, appraisal.pk)


@require_POST
def baseline(request, pk, appraisal_pk):
    appraisal = _appraisal(request, pk, appraisal_pk, "edit")
    refused = _save(
        request,
        appraisal,
        BaselineForm,
        "baseline_form",
        lambda form, seen: services.choose_baseline(
            appraisal=appraisal,
            option=form.cleaned_data["option"],
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if refused:
        return refused
    messages.success(request, "Baseline saved. The options are now compared with it.")
    return redirect("plans:appraisal", pk, appraisal.pk)
