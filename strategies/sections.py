"""The editable parts of a strategy's Analyse content: one registry drives the pages, the checklist
links and the strategy page, so a part is described once."""

from commissioning.parts import FieldSection, ItemSection

from . import forms
from .models import (
    EvidenceItem,
    ImpactEntry,
    InfluentialDocument,
    Interdependency,
    Outcome,
    PerformanceMetric,
    ScopeItem,
    ServiceAreaContribution,
    Stakeholder,
    StartingPositionItem,
)

SECTIONS = [
    FieldSection(
        "overview",
        "Overview",
        ["title", "purpose", "directorate", "accountable_commissioner", "commissioners"],
        "What the strategy is for, where it sits in the council and who is accountable for it.",
        forms.StrategyFieldsForm,
    ),
    ItemSection(
        "evidence",
        "Strategic needs assessment: evidence",
        EvidenceItem,
        forms.EvidenceForm,
        [("Title", "title"), ("Source", "source"), ("Kind", "get_kind_display"), ("Date", "evidence_date")],
        "The evidence collected about the population, service users, the economy and place: data sets such "
        "as the JSNA, open data, surveys, focus groups and early market engagement.",
        "Add evidence",
        multipart=True,
        extra_cell="strategies/_evidence_cell.html",
        extra_heading="Link or file",
    ),
    FieldSection(
        "findings",
        "Summary of findings",
        ["summary_of_findings"],
        "An objective summary of the evidence, in plain English, with every acronym defined.",
        forms.StrategyFieldsForm,
    ),
    FieldSection(
        "needs-analysis",
        "Needs analysis",
        forms.NEEDS_FIELDS,
        "The methodology, then the analysis of each of the nine considerations. All nine are required.",
        forms.StrategyFieldsForm,
    ),
    FieldSection(
        "issues",
        "Emerging issues and data gaps",
        ["emerging_issues", "data_gaps"],
        "What emerges from the needs analysis, where drivers conflict and where data is missing.",
        forms.StrategyFieldsForm,
    ),
    ItemSection(
        "outcomes",
        "Outcomes",
        Outcome,
        forms.OutcomeForm,
        [("Outcome", "title"), ("Description", "description")],
        "The results for people, families, communities and places that this strategy seeks. Councillors "
        "approve them.",
        "Add outcome",
    ),
    ItemSection(
        "metrics",
        "Performance metrics",
        PerformanceMetric,
        forms.MetricForm,
        [
            ("Metric", "name"),
            ("Outcome", "outcome"),
            ("Polarity", "get_polarity_display"),
            ("Baseline", "baseline"),
            ("Target", "target"),
            ("Unit", "unit"),
        ],
        "How progress towards the outcomes will be measured. Say whether higher or lower is better.",
        "Add metric",
    ),
    ItemSection(
        "scope",
        "Statement of scope",
        ScopeItem,
        forms.ScopeForm,
        [("Functional area", "area"), ("In or out", "get_in_scope_display"), ("Why", "reason")],
        "The functional areas that are in and out of this strategy, and why.",
        "Add area",
    ),
    ItemSection(
        "stakeholders",
        "Key stakeholders",
        Stakeholder,
        forms.StakeholderForm,
        [("Stakeholder", "name"), ("Engagement", "get_engagement_display"), ("How", "how")],
        "The key stakeholders engaged with, and the nature of the engagement.",
        "Add stakeholder",
    ),
    ItemSection(
        "contributions",
        "Contribution of council service areas",
        ServiceAreaContribution,
        forms.ContributionForm,
        [("Service area", "service_area"), ("Contribution", "contribution")],
        "How each council service area contributes to meeting the needs and outcomes.",
        "Add service area",
    ),
    ItemSection(
        "documents",
        "Influential documents",
        InfluentialDocument,
        forms.DocumentForm,
        [("Title", "title"), ("Publisher", "publisher"), ("Year", "year")],
        "Documents that have influenced this strategy.",
        "Add document",
    ),
    ItemSection(
        "starting-position",
        "Starting position",
        StartingPositionItem,
        forms.StartingPositionForm,
        [
            ("Kind", "get_kind_display"),
            ("Name", "name"),
            ("Provider", "provider"),
            ("Annual cost (£)", "annual_cost"),
            ("Utilisation", "utilisation"),
            ("Satisfaction", "satisfaction"),
        ],
        "The existing contracts, partnerships and services, how they relate to the outcomes, with cost, "
        "utilisation, satisfaction and input from the current provider.",
        "Add contract, partnership or service",
    ),
    ItemSection(
        "interdependencies",
        "Interdependencies with other strategies",
        Interdependency,
        forms.InterdependencyForm,
        [
            ("Other strategy", "other"),
            ("Shared outcome", "shared_outcome"),
            ("Direction", "get_direction_display"),
            ("Assumed contribution", "assumed_contribution"),
        ],
        "Where this strategy relies on, or contributes to, another strategy's outcomes, with the assumed "
        "contributions made explicit.",
        "Add interdependency",
    ),
    ItemSection(
        "impact",
        "Integrated impact assessment",
        ImpactEntry,
        forms.ImpactForm,
        [
            ("Area", "area"),
            ("Impact", "get_impact_display"),
            ("Evidence", "evidence"),
            ("Mitigation", "mitigation"),
            ("Owner", "owner"),
        ],
        "The impact on each protected characteristic of the Equality Act 2010 and on the council's own "
        "additions, with the evidence, and how a negative impact is mitigated and by whom: the due regard "
        "decision-makers must show to the public sector equality duty (section 149). Needed before the "
        "strategy can leave Analyse.",
        "Add assessment",
    ),
    FieldSection(
        "joint",
        "Joint strategy",
        ["is_joint", "lead_partner", "partner_process"],
        "A joint strategy led by a partner may follow the partner's own process, so long as it includes a "
        "needs assessment and is evidence based.",
        forms.StrategyFieldsForm,
    ),
]
