"""What the minimum requirements ask of each section of a Commissioning Plan, keyed by the section's slug
(plans.sections), shown on the section's page ("What the minimum requirements ask").

Source: Lincolnshire County Council, "Minimum requirements for Commissioning Strategies and Plans", section 4
(the Plan phase); the impact assessment is the Equality Act 2010, s.149. Kept as data so a council can word it
for its own process.
"""

from commissioning.parts import Requirement

REQUIREMENTS = {
    "overview": Requirement(
        "A Commissioning Plan details how the strategy will be delivered, with rationales and budget "
        "requirements. It is needed only where a change to the way the outcomes are delivered is reasonably "
        "likely to bring benefit; otherwise there must be a statement of the reasons why no plan is required.",
        (
            "The outcomes this plan delivers, and a statement of the current resources available to deliver "
            "them.",
            "Any significant issues or risks for future delivery and for meeting the outcomes.",
            "Governance proportionate to the scale, complexity and urgency of the implementation, in place "
            "until business as usual is achieved.",
            "Adequate contract management of external arrangements, so that the provider can be held to "
            "account.",
        ),
        "sections 4.1 and 4.3",
    ),
    "services": Requirement(
        "The conclusions and recommended way forward are set out in a Services Analysis drawn from the "
        "evidence: the activities to be undertaken and the services to be provided or secured, including "
        "priority and non-priority areas (for example statutory duties and nice-to-haves).",
        ("Councillors must be engaged in the approval and scrutiny of the Services Analysis.",),
        "sections 1.5 and 4.1",
    ),
    "appraisals": Requirement(
        "A Delivery Analysis: an options appraisal, clearly presented, weighing each available delivery "
        "channel (internal, external by grant or contract, partnership, co-production, influence, "
        "decommission). Some services may suit one channel and others another. For each option:",
        (
            "a description of the option and of the governance arrangements to be adopted",
            "the outcomes it will achieve, and its alignment with policy and political priorities",
            "cost and benefit (or dis-benefit), and return on investment where appropriate",
            "other resources needed, risks, and a SWOT analysis or equivalent",
            "internal delivery must demonstrate effectiveness and value for money; consider which channel "
            "best protects the council, and its reputation, if delivery fails",
        ),
        "section 4.2",
    ),
    "impact": Requirement(
        "The minimum requirements do not name this section: it is the due regard that those deciding must "
        "show to the public sector equality duty (Equality Act 2010, section 149) for the adopted option, which "
        "the council records as an integrated impact assessment.",
        ("Where an impact is negative: the evidence, how it is mitigated and by whom.",),
        "",
    ),
    "milestones": Requirement(
        "The adopted option forms the basis of a Delivery Plan, with a realistic timetable for delivery and "
        "its key milestones marked, so that progress can be monitored and mitigating action taken if "
        "required.",
        (),
        "section 4.2",
    ),
    "risks": Requirement(
        "Commissioners develop a risk register for each Delivery Plan: the identified risks, their severity "
        "and the actions to be taken to mitigate them.",
        ("The risk register is maintained through implementation.",),
        "section 4.2",
    ),
    "kpis": Requirement(
        "Where an external or partnership channel is chosen, the Commercial Model sets its terms. Where "
        "payment is related to performance: the Key Performance Indicators, how they will be measured, and "
        "the payment deductions that apply where performance fails.",
        ("Members may want to be engaged on this term.",),
        "section 4.3",
    ),
}
