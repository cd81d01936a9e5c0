"""Plans, their options and commercial terms in the search (commissioning.search). A confidential plan's
records are found only by those who may read them (plans.permissions.readable)."""

from django.urls import reverse

from commissioning import search

from . import permissions
from .models import CommercialModel, CommissioningPlan, DeliveryOption


def _plan(p) -> search.Document:
    return search.Document(
        title=p.title,
        body=search.text(
            p.summary, p.current_resources, p.significant_issues, p.governance, p.contract_management
        ),
        url=p.get_absolute_url(),
        strategy_id=p.strategy_id,
        date=p.created_at.date() if p.created_at else None,
    )


def _option(o) -> search.Document:
    plan = o.appraisal.plan
    return search.Document(
        title=f"{o.name} ({plan.title})",
        body=search.text(
            o.get_channel_display(),
            o.description,
            o.governance,
            o.outcomes_achieved,
            o.policy_alignment,
            o.risks,
            o.strengths,
            o.weaknesses,
            o.opportunities,
            o.threats,
            o.rejection_reason,
        ),
        url=reverse("plans:appraisal", args=[plan.pk, o.appraisal_id]),
        strategy_id=plan.strategy_id,
        date=o.created_at.date() if o.created_at else None,
    )


_TERMS = [
    "duration_rationale",
    "payment_terms",
    "payment_rationale",
    "kpi_rationale",
    "early_termination",
    "liability_limits",
    "subcontracting",
    "data_protection",
    "pension_liability",
    "property_terms",
    "contingency_arrangements",
    "social_value_economic",
    "social_value_social",
    "social_value_environmental",
]


def _commercial(c) -> search.Document:
    return search.Document(
        title=f"Commercial model: {c.plan.title}",
        body=search.text(c.extension_options, *(getattr(c, name) for name in _TERMS)),
        url=reverse("plans:commercial", args=[c.plan_id]),
        strategy_id=c.plan.strategy_id,
        date=c.created_at.date() if c.created_at else None,
    )


search.register(
    search.Kind(
        "plan", "Plans", CommissioningPlan, _plan, readable=lambda user, qs: permissions.readable(user, qs)
    )
)
search.register(
    search.Kind(
        "option",
        "Delivery options",
        DeliveryOption,
        _option,
        readable=lambda user, qs: permissions.readable(user, qs, via="appraisal__plan__"),
        queryset=lambda: DeliveryOption.objects.select_related("appraisal__plan"),
    )
)
search.register(
    search.Kind(
        "commercial",
        "Commercial terms",
        CommercialModel,
        _commercial,
        readable=lambda user, qs: permissions.readable(user, qs, via="plan__"),
        queryset=lambda: CommercialModel.objects.select_related("plan"),
    )
)
