"""The editable parts of a Commissioning Plan, described once (commissioning.parts)."""

from commissioning.parts import FieldSection, ItemSection

from . import forms
from .models import ContractKpi, Milestone, OptionsAppraisal, PlanImpactEntry, PlannedService, Risk

SECTIONS = [
    FieldSection(
        "overview",
        "Plan overview and resources",
        ["title", "summary", "outcomes", "current_budget", "current_staff", "current_resources",
         "significant_issues", "governance", "contract_management", "confidential",
         "exemption"],
        "The outcomes this plan delivers, the resources available now, significant issues and risks, and the "
        "governance and contract management that will hold delivery to account.",
        forms.PlanFieldsForm,
    ),
    ItemSection(
        "services",
        "Services analysis",
        PlannedService,
        forms.ServiceForm,
        [("Service or activity", "name"), ("Priority", "get_priority_display"), ("Outcomes served", "outcomes"),
         ("Issues and risks", "issues_and_risks")],
        "The services and activities proposed, priority and non-priority (statutory duties and nice-to-haves), "
        "with the outcomes each serves.",
        "Add service or activity",
    ),
    ItemSection(
        "appraisals",
        "Delivery analysis",
        OptionsAppraisal,
        forms.AppraisalForm,
        [("Appraisal", "title"), ("Services", "services"), ("Adopted option", "adopted_option")],
        "An options appraisal for a service or group of services: the delivery channels weighed side by side. "
        "Open an appraisal to add its options, score them and adopt one.",
        "Start an options appraisal",
        extra_cell="plans/_appraisal_link.html",
        extra_heading="Options",
    ),
    ItemSection(
        "impact",
        "Integrated impact assessment of the adopted option",
        PlanImpactEntry,
        forms.PlanImpactForm,
        [("Area", "area"), ("Impact", "get_impact_display"), ("Evidence", "evidence"),
         ("Mitigation", "mitigation"), ("Owner", "owner")],
        "The impact of delivering the adopted option on each protected characteristic of the Equality Act 2010 "
        "and on the council's own additions, with the evidence, and how a negative impact is mitigated and by "
        "whom. Needed before the strategy can move to Do.",
        "Add assessment",
    ),
    ItemSection(
        "milestones",
        "Delivery plan: milestones",
        Milestone,
        forms.MilestoneForm,
        [("Milestone", "title"), ("Due", "due_date"), ("Owner", "owner"), ("Status", "get_status_display"),
         ("Contractual", "contractual")],
        "A realistic timetable with the key milestones, so progress can be monitored.",
        "Add milestone",
    ),
    ItemSection(
        "risks",
        "Delivery plan: risk register",
        Risk,
        forms.RiskForm,
        [("Risk", "description"), ("Likelihood", "likelihood"), ("Impact", "impact"), ("Score", "score"),
         ("Rating", "rating"), ("Owner", "owner"), ("Mitigating actions", "mitigating_actions"),
         ("Status", "get_status_display")],
        "Each risk with its likelihood and impact (1 to 5), the mitigating actions and who owns it. Kept up to "
        "date through implementation.",
        "Add risk",
    ),
    ItemSection(
        "kpis",
        "Commercial model: KPIs",
        ContractKpi,
        forms.KpiForm,
        [("KPI", "name"), ("Measured by", "measurement"), ("Target", "target"),
         ("Payment deduction", "payment_deduction")],
        "Where payment is linked to performance: the KPIs, how they are measured and the payment deductions "
        "that apply when performance fails.",
        "Add KPI",
    ),
]  # fmt: skip
