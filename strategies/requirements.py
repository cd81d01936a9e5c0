"""What the minimum requirements ask of each section of a strategy's Analyse content, keyed by the section's
slug (strategies.sections), shown on the section's page ("What the minimum requirements ask").

Source: Lincolnshire County Council, "Minimum requirements for Commissioning Strategies and Plans" (section
numbers below are that document's), as amended by the Overview and Scrutiny Management Board in 2018; the
impact assessment is the Equality Act 2010, s.149. Kept as data so a council can word it for its own process.
"""

from commissioning.parts import Requirement

DOCUMENT = "Minimum requirements for Commissioning Strategies and Plans"

REQUIREMENTS = {
    "overview": Requirement(
        "A Commissioning Strategy is a high level plan of action to achieve the prioritised needs and secure "
        "the council's desired outcomes for the local population, economy and place: long term, wide ranging "
        "commissioning intentions, saying which needs are to be met, which outcomes secured and, in general "
        "terms, how.",
        (
            "Commissioners are ultimately accountable for the strategy.",
            "The resources spent and the development activity should be proportionate to the strategy's scale.",
        ),
        "section 2",
    ),
    "evidence": Requirement(
        "The first step is a Strategic Needs Assessment of the local population, service users, the economy "
        "and place, as relevant: collating and analysing the relevant data and engaging with the local "
        "population and communities.",
        (
            "Data sets such as the Joint Strategic Needs Assessment (JSNA) and the council's open data.",
            "Customer feedback from surveys, and focus groups and independent representative groups.",
            "Early engagement with providers and the market, which also builds relationships and signals "
            "opportunities.",
        ),
        "section 3.1",
    ),
    "findings": Requirement(
        "The evidence collected must be analysed and presented as an objective Summary of Findings, in plain "
        "English, with every acronym defined.",
        (),
        "section 3.1",
    ),
    "needs-analysis": Requirement(
        "Once the Summary of Findings is available, each of these considerations must take place, and the "
        "methodology used and the analysis undertaken are set out in a Needs Analysis, so that the outcomes "
        "arrived at are balanced:",
        (
            "political priorities and risks",
            "demographic and consultation feedback",
            "the legal framework",
            "national and local policy and guidance",
            "current performance, for example through a system and service performance analysis",
            "stakeholder views",
            "partners' current commissioning activities and future intentions",
            "available resources now and in the foreseeable future",
            "market offers, external and internal",
        ),
        "section 3.2",
    ),
    "issues": Requirement(
        "The Strategic Needs Assessment includes a summary of the emerging issues and other factors found in "
        "interpreting the Needs Analysis: where drivers conflict, and where there are gaps in data or "
        "information. Judgements on the desired outcomes may have to be made on conflicting or partial "
        "information.",
        (),
        "section 3.2",
    ),
    "outcomes": Requirement(
        "The desired Outcomes are drawn from the Strategic Needs Assessment. An outcome is a direct result or "
        "benefit for individuals, families, groups, communities, organisations or systems, such as "
        "\u201cchildren are safe and healthy\u201d or \u201creduce the risk of flooding\u201d.",
        (
            "Councillors must be engaged in the approval and scrutiny of the strategy, including its Outcomes.",
        ),
        "sections 1.2, 1.5 and 3.2",
    ),
    "metrics": Requirement(
        "The strategy includes the performance metrics by which progress towards its outcomes is measured.",
        (
            "Scrutiny asked (2018) that each indicator says whether higher or lower is better (its polarity), "
            "and that reports show the direction of travel, not only achieved or failed.",
        ),
        "section 3, further content",
    ),
    "scope": Requirement(
        "A statement of scope: the functional areas which are in and which are out, and why.",
        (),
        "section 3, further content",
    ),
    "stakeholders": Requirement(
        "A list of the key stakeholders engaged with, and the nature of the engagement.",
        (),
        "section 3, further content",
    ),
    "contributions": Requirement(
        "The contribution of the different council service areas to meeting the specified needs and "
        "outcomes.",
        (),
        "section 3, further content",
    ),
    "documents": Requirement(
        "A list of any documents which have been influential.",
        (),
        "section 3, further content",
    ),
    "starting-position": Requirement(
        "A starting position statement covering the existing contracts, partnerships and services and how they "
        "relate to the outcomes, with input from the current provider.",
        ("Other key summary data, including cost, utilisation and satisfaction.",),
        "section 3, further content",
    ),
    "interdependencies": Requirement(
        "The interdependencies between this strategy and the other Commissioning Strategies.",
        (
            "Any assumptions about contributions from or towards other strategies in achieving shared "
            "outcomes must be made explicit.",
        ),
        "section 3, further content",
    ),
    "impact": Requirement(
        "The minimum requirements do not name this section: it is the due regard that those deciding must "
        "show to the public sector equality duty (Equality Act 2010, section 149), which the council records "
        "as an integrated impact assessment.",
        (
            "Due regard to eliminating discrimination, advancing equality of opportunity and fostering good "
            "relations across the protected characteristics.",
            "Where an impact is negative: the evidence, how it is mitigated and by whom.",
        ),
        "",
    ),
    "joint": Requirement(
        "Where the council works with a partner on a joint strategy and the partner leads, using its own "
        "agreed process rather than the minimum requirements meets the council's requirements, so long as "
        "it includes a needs assessment and is evidence based.",
        (),
        "section 2",
    ),
}
