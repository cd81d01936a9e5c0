"""Open data: the contracts register as the Local Government Transparency Code asks (CSV), and each
commissioning plan and contract as an OCDS 1.1 release package (planning, tender, award, contract and
implementation, with the KPIs as metrics). Confidential plans and contracts, and contracts of confidential
plans, never appear; nor do in-house service level agreements, which are not contracts with a supplier."""

import csv
import io
from datetime import datetime, time
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from rest_framework.parsers import BaseParser

from delivery.models import Contract, Kpi, ProcurementRoute
from plans.models import CommissioningPlan

OCDS_VERSION = "1.1"
LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
METRICS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json"
# The Transparency Code publishes contracts worth more than £5,000.
THRESHOLD = Decimal("5000")

REGISTER_COLUMNS = [
    ("Reference", lambda c: c.register_reference),
    ("Title", lambda c: c.title),
    ("Description", lambda c: c.description),
    ("Supplier", lambda c: c.provider),
    ("Supplier registration number", lambda c: c.supplier_registration),
    ("SME supplier", lambda c: "Yes" if c.supplier_is_sme else "No"),
    ("VCSE supplier", lambda c: "Yes" if c.supplier_is_vcse else "No"),
    ("Department", lambda c: c.strategy.directorate.name),
    ("Commissioning strategy", lambda c: c.strategy.reference),
    ("Kind", lambda c: c.get_kind_display()),
    (
        "Procurement route",
        lambda c: c.get_procurement_route_display() if c.procurement_route else "Not recorded",
    ),
    ("Start date", lambda c: c.start_date.isoformat()),
    ("End date", lambda c: c.end_date.isoformat()),
    ("Extension options", lambda c: c.extension_options),
    ("Annual value (GBP)", lambda c: f"{c.annual_value:.2f}"),
    ("Total value (GBP)", lambda c: f"{total_value(c):.2f}"),
]

# OCDS's procurementMethod codelist: open, selective, limited, direct.
METHODS = {
    ProcurementRoute.OPEN: "open",
    ProcurementRoute.COMPETITIVE_FLEXIBLE: "selective",
    ProcurementRoute.RESTRICTED: "selective",
    ProcurementRoute.FRAMEWORK: "selective",
    ProcurementRoute.QUOTATION: "limited",
    ProcurementRoute.DIRECT_AWARD: "direct",
    ProcurementRoute.GRANT: "direct",
    ProcurementRoute.NOT_PROCURED: "direct",
}
MILESTONE_STATUS = {"met": "met", "missed": "notMet", "replanned": "scheduled"}


class CsvParser(BaseParser):
    """A CSV body, handed on as bytes (delivery.imports reads and checks it)."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read() if stream is not None else b""


def total_value(contract) -> Decimal:
    """The annual value over the whole term (the Code's 'sum to be paid over the length of the contract')."""
    return _over_term(contract.annual_value, contract.start_date, contract.end_date)


def _over_term(annual_value, start_date, end_date) -> Decimal:
    days = (end_date - start_date).days + 1
    return (annual_value * days / Decimal("365.25")).quantize(Decimal("0.01"))


def published_plans():
    return CommissioningPlan.objects.filter(confidential=False).select_related("strategy")


def published_contracts():
    return (
        Contract.objects.filter(confidential=False, plan__confidential=False)
        .exclude(kind=Contract.Kind.SERVICE_LEVEL)
        .select_related("strategy__directorate", "plan")
    )


def register():
    """The contracts register: published contracts over the threshold, in reference order."""
    contracts = sorted(published_contracts(), key=lambda c: (c.strategy.reference, c.pk))
    return [c for c in contracts if total_value(c) > THRESHOLD]


def register_count() -> int:
    """How many contracts register() lists, from three columns of each (no model instances, no sorting)."""
    terms = published_contracts().values_list("annual_value", "start_date", "end_date")
    return sum(1 for value, start, end in terms.order_by() if _over_term(value, start, end) > THRESHOLD)


def register_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for heading, _ in REGISTER_COLUMNS])
    for contract in register():
        writer.writerow([_safe(value(contract)) for _, value in REGISTER_COLUMNS])
    return out.getvalue()


def _safe(text) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: such text is quoted with a '."""
    text = str(text or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# OCDS ------------------------------------------------------------------------------------------------------


def _when(day) -> str | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min)).isoformat()


def _money(amount) -> dict | None:
    return None if amount is None else {"amount": float(amount), "currency": "GBP"}


def _ocid(plan) -> str:
    return f"{settings.OCDS_PREFIX}-plan-{plan.pk}"


def _buyer() -> dict:
    return {"id": "buyer", "name": settings.COUNCIL_NAME}


def _supplier_id(contract) -> str:
    return f"supplier-{contract.pk}"


def _supplier(contract) -> dict:
    party = {
        "id": _supplier_id(contract),
        "name": contract.provider,
        "roles": ["supplier"],
        "details": {
            "scale": "sme" if contract.supplier_is_sme else "large",
            "vcse": contract.supplier_is_vcse,
        },
    }
    if contract.supplier_registration:
        scheme = "GB-CHC" if contract.sector == Contract.Sector.VOLUNTARY else "GB-COH"
        party["identifier"] = {
            "scheme": scheme,
            "id": contract.supplier_registration,
            "legalName": contract.provider,
        }
    return party


def _metric(kpi) -> dict:
    observations = [
        {
            "id": f"kpi-{kpi.pk}-target",
            "notes": "Target",
            "measure": float(kpi.target),
            "unit": {"name": kpi.unit or "number"},
        }
    ]
    for m in sorted(kpi.measurements.all(), key=lambda m: m.period_end):
        observations.append(
            {
                "id": f"kpi-{kpi.pk}-{m.period_end.isoformat()}",
                "notes": "Actual",
                "measure": float(m.value),
                "unit": {"name": kpi.unit or "number"},
                "period": {"endDate": _when(m.period_end)},
            }
        )
    return {
        "id": f"kpi-{kpi.pk}",
        "title": kpi.name,
        "description": f"{kpi.get_polarity_display()}; reported {kpi.get_frequency_display().lower()}.",
        "observations": observations,
    }


def _award_and_contract(contract) -> tuple[dict, dict]:
    period = {"startDate": _when(contract.start_date), "endDate": _when(contract.end_date)}
    value = _money(total_value(contract))
    today = timezone.localdate()
    award = {
        "id": f"award-{contract.pk}",
        "title": contract.title,
        "description": contract.description or contract.title,
        "status": "active",
        "date": contract.created_at.isoformat(),
        "value": value,
        "suppliers": [{"id": _supplier_id(contract), "name": contract.provider}],
        "contractPeriod": period,
    }
    if contract.start_date > today:
        state = "pending"
    elif contract.end_date < today:
        state = "terminated"
    else:
        state = "active"
    kpis = list(contract.kpis.all())
    return award, {
        "id": f"contract-{contract.pk}",
        "awardID": award["id"],
        "title": contract.title,
        "description": contract.description or contract.title,
        "status": state,
        "period": period,
        "value": value,
        "implementation": {"metrics": [_metric(k) for k in kpis]},
    }


def _release(plan, contracts, release_id, request) -> dict:
    appraisals = [a for a in plan.optionsappraisals.all() if a.adoption_rationale]
    rationale = "\n\n".join(filter(None, [plan.summary, *(a.adoption_rationale for a in appraisals)]))
    planning = {
        "rationale": rationale,
        "budget": {
            "id": f"plan-{plan.pk}-budget",
            "description": "The current annual budget",
            "amount": _money(plan.current_budget),
            "project": plan.title,
            "projectID": plan.strategy.reference,
        },
        "milestones": [
            {
                "id": f"milestone-{m.pk}",
                "title": m.title,
                "type": "delivery",
                "dueDate": _when(m.due_date),
                "status": MILESTONE_STATUS.get(m.status, "scheduled"),
            }
            for m in plan.milestones.all()
        ],
    }
    if plan.current_budget is None:
        del planning["budget"]["amount"]
    routes = sorted({c.procurement_route for c in contracts if c.procurement_route})
    tender = {
        "id": f"{_ocid(plan)}-tender",
        "title": plan.title,
        "description": plan.summary or plan.title,
        "status": "complete" if contracts else "planning",
        "mainProcurementCategory": "services",
    }
    if len({METHODS[r] for r in routes}) == 1:
        tender["procurementMethod"] = METHODS[routes[0]]
    if routes:
        tender["procurementMethodDetails"] = ", ".join(ProcurementRoute(r).label for r in routes)
    parties = [{**_buyer(), "roles": ["buyer", "procuringEntity"]}] + [_supplier(c) for c in contracts]
    awards, deals = zip(*(_award_and_contract(c) for c in contracts), strict=True) if contracts else ((), ())
    tags = ["planning", "tender"]
    if contracts:
        tags += ["award", "contract"]
        if any(d["implementation"]["metrics"] for d in deals):
            tags.append("implementation")
    return {
        "ocid": _ocid(plan),
        "id": release_id,
        "date": timezone.now().isoformat(),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
        "buyer": _buyer(),
        "parties": parties,
        "planning": planning,
        "tender": tender,
        "awards": list(awards),
        "contracts": list(deals),
    }


def _package(uri, releases) -> dict:
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": [METRICS_EXTENSION],
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": settings.COUNCIL_NAME},
        "license": LICENCE,
        "publicationPolicy": "Confidential plans and contracts are not published.",
        "releases": releases,
    }


def _contracts_of(plan):
    kpis = Prefetch("kpis", Kpi.objects.prefetch_related("measurements").order_by("pk"))
    return list(published_contracts().filter(plan=plan).prefetch_related(kpis).order_by("pk"))


def _full_plan(pk):
    return published_plans().prefetch_related("milestones", "optionsappraisals").get(pk=pk)


def plan_package(plan, request) -> dict:
    plan = _full_plan(plan.pk)
    uri = request.build_absolute_uri(reverse("opendata:plan", args=[plan.pk]))
    release_id = f"{_ocid(plan)}-{plan.version}-{timezone.now():%Y%m%d}"
    return _package(uri, [_release(plan, _contracts_of(plan), release_id, request)])


def contract_package(contract, request) -> dict:
    plan = _full_plan(contract.plan_id)
    contracts = [c for c in _contracts_of(plan) if c.pk == contract.pk]
    uri = request.build_absolute_uri(reverse("opendata:contract", args=[contract.pk]))
    release_id = f"{_ocid(plan)}-contract-{contract.pk}-{contract.version}"
    return _package(uri, [_release(plan, contracts, release_id, request)])
