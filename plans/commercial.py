"""Rules of the Commercial Model: every term present, and contingency for provider failure proportionate
to the risk and scale of failure (seed 002, 4.3; 'should' became 'must' in 2018, seed 003)."""

from decimal import Decimal

from .models import NEEDS_COMMERCIAL_MODEL, CommercialModel

# The scale of a failure, by the adopted option's annual cost.
SCALES = [(Decimal("500000"), "small"), (Decimal("5000000"), "medium")]
# The least contingency proportionate to (risk of failure, scale of failure).
REQUIRED_LEVEL = {
    ("low", "small"): 1, ("low", "medium"): 1, ("low", "large"): 2,
    ("medium", "small"): 1, ("medium", "medium"): 2, ("medium", "large"): 3,
    ("high", "small"): 2, ("high", "medium"): 3, ("high", "large"): 3,
}  # fmt: skip
# Terms members may want to be engaged on (bold in seed 002).
MEMBER_TERMS = {"duration", "payment", "kpis", "property"}


def needs_model(plan) -> bool:
    """Whether an adopted option of the plan is delivered externally or in partnership (so the plan needs
    a commercial model and contract management)."""
    return plan.optionsappraisals.filter(adopted_option__channel__in=NEEDS_COMMERCIAL_MODEL).exists()


def scale_of_failure(annual_value: Decimal | None) -> str:
    for limit, name in SCALES:
        if (annual_value or 0) < limit:
            return name
    return "large"


def required_contingency(model: CommercialModel, annual_value) -> int | None:
    if not model.failure_risk:
        return None
    return REQUIRED_LEVEL[(model.failure_risk, scale_of_failure(annual_value))]


# The fields gaps() asks for, so the form never labels them "(optional)"; the rest of the terms only when
# the model says payment is linked to performance, staff transfer, or council property is involved.
REQUIRED_TERMS = {
    "start_date", "end_date", "duration_rationale", "payment_mechanism", "payment_terms", "indexation",
    "payment_rationale", "early_termination", "early_termination_rationale", "liability_limits",
    "liability_rationale", "subcontracting", "subcontracting_rationale", "data_protection",
    "data_protection_rationale", "contingency_arrangements", "failure_risk", "contingency_level",
    "contingency_rationale", "social_value_economic", "social_value_social", "social_value_environmental",
}  # fmt: skip
WHEN_REQUIRED = {
    "kpi_rationale": "performance_linked",
    "pension_liability": "staff_transfer",
    "pension_rationale": "staff_transfer",
    "property_terms": "property_involved",
    "property_rationale": "property_involved",
}


def required_terms(model: CommercialModel | None) -> set[str]:
    """The fields the checklist needs of this model (as it stands)."""
    extra = {name for name, flag in WHEN_REQUIRED.items() if model is not None and getattr(model, flag)}
    return REQUIRED_TERMS | extra


def gaps(model: CommercialModel | None, annual_value, kpi_count: int) -> list[tuple[str, str]]:
    """(term, what is missing) for every term not yet settled."""
    if model is None:
        return [
            ("Not written", "An external or partnership channel is adopted, so write the commercial model")
        ]
    m = model
    out = []

    def need(ok, term, missing):
        if not ok:
            out.append((term, missing))

    need(m.start_date and m.end_date, "Duration", "Give the start and end dates")
    need(
        not (m.start_date and m.end_date) or m.end_date > m.start_date,
        "Duration",
        "The end must be after the start",
    )
    need(m.duration_rationale.strip(), "Duration", "Give the rationale for the duration")
    need(
        m.payment_mechanism and m.payment_terms.strip(),
        "Payment terms",
        "Say what the council will pay, and how",
    )
    need(m.indexation.strip(), "Payment terms", "Say whether payments are indexed (or 'Not indexed')")
    need(m.payment_rationale.strip(), "Payment terms", "Give the rationale for the payment terms")
    if m.performance_linked:
        need(kpi_count, "KPIs", "Add the KPIs that payment depends on, with their deductions")
        need(m.kpi_rationale.strip(), "KPIs", "Give the rationale for the KPIs and deductions")
    for field, term in [
        ("early_termination", "Early termination"),
        ("liability_limits", "Provider's liability"),
        ("subcontracting", "Sub-contracting and termination rights"),
        ("data_protection", "Data protection"),
    ]:
        need(getattr(m, field).strip(), term, f"Set out the {term.lower()} terms")
        rationale = {
            "early_termination": "early_termination_rationale",
            "liability_limits": "liability_rationale",
            "subcontracting": "subcontracting_rationale",
            "data_protection": "data_protection_rationale",
        }
        need(getattr(m, rationale[field]).strip(), term, f"Give the rationale for the {term.lower()} terms")
    if m.staff_transfer:
        need(
            m.pension_liability.strip() and m.pension_rationale.strip(),
            "Pension liability",
            "Staff transfer: set out the pension liability and its rationale",
        )
    if m.property_involved:
        need(
            m.property_terms.strip() and m.property_rationale.strip(),
            "Council property",
            "Council property is involved: set out occupation, maintenance and repair, and the rationale",
        )
    need(
        m.contingency_arrangements.strip(),
        "Contingency",
        "Set out the contingency arrangements for provider failure",
    )
    need(m.failure_risk, "Contingency", "Assess the risk of provider failure")
    need(m.contingency_level, "Contingency", "Choose the level of contingency")
    required = required_contingency(m, annual_value)
    if required and m.contingency_level and m.contingency_level < required:
        need(
            False,
            "Contingency",
            f"Contingency must be proportionate: a {m.get_failure_risk_display().lower()} risk of failure at a "
            f"{scale_of_failure(annual_value)} scale needs at least "
            f"'{CommercialModel.Contingency(required).label.split(':')[0]}'",
        )
    need(
        m.contingency_rationale.strip(), "Contingency", "Give the rationale for the contingency arrangements"
    )
    need(
        m.social_value_economic.strip()
        and m.social_value_social.strip()
        and m.social_value_environmental.strip(),
        "Social value",
        "Consider the economic, social and environmental well-being of the area (Social Value Act 2012)",
    )
    return out
