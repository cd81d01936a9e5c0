"""The live checklist of a Commissioning Plan's minimum requirements (seed 002, section 4, as amended in
2018), and the condition it puts on moving a strategy from Plan to Do."""

from django.urls import reverse

from commissioning.prefetch import count, rows
from strategies import impact
from strategies.checklist import Item

from . import commercial
from .appraisal import compare
from .models import NEEDS_COMMERCIAL_MODEL, Channel, CommissioningPlan


def _url(plan, slug, anchor=""):
    url = reverse("plans:section", args=[plan.pk, slug])
    return f"{url}#{anchor}" if anchor else url


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def build(plan: CommissioningPlan) -> list[Item]:
    services = rows(plan, "plannedservices", lambda r: r.prefetch_related("outcomes"))
    appraisals = rows(
        plan,
        "optionsappraisals",
        lambda r: r.select_related("adopted_option").prefetch_related("criteria", "options__scores"),
    )
    items = [
        Item(
            "outcomes",
            "Outcomes this plan delivers",
            bool(rows(plan, "outcomes", lambda r: r.all()[:1])),
            "Choose the outcomes this plan delivers",
            _url(plan, "overview", "id_outcomes"),
        ),
        Item(
            "services",
            "Services analysis",
            bool(services),
            "Add the services and activities proposed",
            _url(plan, "services"),
        ),
    ]
    unlinked = [s.name for s in services if not s.outcomes.all()]
    if unlinked:
        items.append(
            Item(
                "services_outcomes",
                "Services linked to outcomes",
                False,
                f"Link these services to the outcomes they serve: {', '.join(unlinked)}",
                _url(plan, "services"),
            )
        )
    items += [
        Item(
            "current_resources",
            "Statement of current resources",
            bool(plan.current_resources.strip()),
            "Write the statement of current resources",
            _url(plan, "overview", "id_current_resources"),
        ),
        Item(
            "significant_issues",
            "Significant issues and risks",
            bool(plan.significant_issues.strip()),
            "Write the significant issues and risks",
            _url(plan, "overview", "id_significant_issues"),
        ),
        Item(
            "appraisal",
            "Delivery analysis (options appraisal)",
            bool(appraisals),
            "Appraise the delivery options",
            _url(plan, "appraisals"),
        ),
    ]
    channels = set()
    for a in appraisals:
        url = reverse("plans:appraisal", args=[plan.pk, a.pk])
        options = list(a.options.all())
        criteria = list(a.criteria.all())
        problems = []
        if len(options) < 2:
            problems.append("appraise at least two options")
        if options and not a.baseline_option_id:
            problems.append("choose the baseline: the option that carries on as now (the status quo)")
        if sum(c.weight for c in criteria) != 100:
            problems.append("make the criteria weights add up to 100")
        compared = compare(a, options, criteria)
        if any(r.missing_scores for r in compared):
            problems.append("score every option against every criterion")
        for option in options:
            if option.channel == Channel.INTERNAL and not option.value_for_money_evidence.strip():
                problems.append(f"show the value-for-money evidence of '{option.name}' (internal delivery)")
            if option.channel == Channel.DECOMMISSION and not option.decommission_impact.strip():
                problems.append(f"state the impact of decommissioning ('{option.name}')")
        if not a.adopted_option_id:
            problems.append("adopt one option, with the rationale")
        else:
            channels.add(a.adopted_option.channel)
            if not a.adoption_rationale.strip():
                problems.append("give the rationale for the adopted option")
            unexplained = [
                o.name for o in options if o.pk != a.adopted_option_id and not o.rejection_reason.strip()
            ]
            if unexplained:
                problems.append(f"say why these were not adopted: {', '.join(unexplained)}")
        items.append(
            Item(
                f"appraisal_{a.pk}",
                f"Delivery analysis: {a.title}",
                not problems,
                _sentence("; ".join(problems)),
                url,
            )
        )
    items += [
        Item(
            "milestones",
            "Delivery plan: milestones",
            bool(rows(plan, "milestones", lambda r: r.all()[:1])),
            "Add the delivery plan's milestones",
            _url(plan, "milestones"),
        ),
        Item(
            "risks",
            "Delivery plan: risk register",
            bool(rows(plan, "risks", lambda r: r.all()[:1])),
            "Add the risks, with mitigating actions",
            _url(plan, "risks"),
        ),
        Item(
            "governance",
            "Governance until business as usual",
            bool(plan.governance.strip()),
            "Describe the governance until business as usual",
            _url(plan, "overview", "id_governance"),
        ),
    ]
    found = impact.gaps(rows(plan, "planimpactentrys"), impact.areas_of(plan))
    items.append(
        Item(
            "impact",
            "Integrated impact assessment of the adopted option",
            not found,
            found.words(),
            _url(plan, "impact"),
        )
    )
    if channels & NEEDS_COMMERCIAL_MODEL:
        items.append(
            Item(
                "contract_management",
                "Contract management",
                bool(plan.contract_management.strip()),
                "Describe how the provider will be held to account",
                _url(plan, "overview", "id_contract_management"),
            )
        )
        model = getattr(plan, "commercial_model", None)
        adopted = [a.adopted_option for a in appraisals if a.adopted_option_id]
        adopted = [o for o in adopted if o.channel in NEEDS_COMMERCIAL_MODEL]
        annual_value = sum((o.annual_cost for o in adopted), start=0)
        gaps = commercial.gaps(model, annual_value, count(plan, "contractkpis"))
        items.append(
            Item(
                "commercial_model",
                "Commercial model",
                not gaps,
                "; ".join(f"{term}: {missing[0].lower()}{missing[1:]}" for term, missing in gaps),
                reverse("plans:commercial", args=[plan.pk]),
            )
        )
    return items


def missing(plan) -> list[Item]:
    return [i for i in build(plan) if i.required and not i.done]
