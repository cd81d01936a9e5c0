"""The Commissioning Plans of the demo council (Demo County Council), used by `manage.py seed_demo`.

Plain data, one entry per strategy that has reached Plan (strategies.demo_data.STRATEGIES, by number),
written from seed 002 section 4: a Services Analysis, a Delivery Analysis (options appraisals over the
delivery channels), a Delivery Plan (milestones and a risk register) and, where an external or
partnership channel is adopted, a Commercial Model. Strategies in Do and Review (and the one in its
second cycle, for its first) have complete plans, written before delivery started; strategies still in
Plan have plans at varying completeness. A strategy whose delivery no change would improve has a
statement of reasons instead (NO_PLAN).

Text may use the placeholders of strategies.demo_data ({cur_fy}, {prev_fy}, {fy_end}, {this_year},
{prev_year}); whitespace is collapsed. Money is in pounds. A key left out leaves that part blank, which
the plan's checklist shows as a gap.

PLANS: strategy number -> list of plans, each a dict:
  title, summary, outcomes (indices of the strategy's outcomes), budget (£ a year), staff (FTE),
  resources, issues, governance, contract_management: the plan's own fields;
  services: (name, priority, outcome indices, description, issues and risks);
  appraisals: dicts of title, services (indices into services), years, rationale (for the adopted
    option) and options: dicts of name, channel, description, governance, outcomes, policy,
    costs (one-off, annual cost, annual benefit), resources, risks, swot (strengths, weaknesses,
    opportunities, threats), vfm (internal delivery's evidence), impact (of decommissioning),
    scores (0-5 against plans.models.DEFAULT_CRITERIA, in order), and adopted=True or rejected (why not);
  milestones: (title, months after delivery starts, owner, contractual?, missed?) - dated from the day
    delivery started, or for a strategy still in Plan from its expected start; the status follows the
    date (met when past, unless missed);
  risks: (risk, likelihood 1-5, impact 1-5, owner, mitigating actions, closed once delivery is under way?);
  commercial: the CommercialModel's fields, with start_months (after delivery starts) and years (or
    end="fy_end"), and kpis: (name, how measured, target, payment deduction).
"""

INTERNAL = "internal"
GRANT = "external_grant"
CONTRACT = "external_contract"
PARTNERSHIP = "partnership"
COPRODUCTION = "coproduction"
INFLUENCE = "influence"
DECOMMISSION = "decommission"

STATUTORY = "statutory"
PRIORITY = "priority"
NON_PRIORITY = "non_priority"

# Strategies whose delivery would not benefit from change: the reasons no plan is required (seed 002, 4.1).
NO_PLAN = {
    13: """No Commissioning Plan is required for Protecting the Public in this cycle. Fire prevention,
        protection and emergency response, and Trading Standards, are regulatory and emergency functions
        driven by statutory process: the Fire and Rescue Services Act 2004, the Civil Contingencies Act
        2004 and the Consumer Rights Act 2015 set what must be done, and enforcement powers cannot be
        handed to a contractor. How fire cover is delivered is already decided, after public consultation,
        in the Community Risk Management Plan that the Fire and Rescue National Framework requires, and
        the inspectorate rated the service Good at its last inspection. Both services compare well: fire
        and rescue costs £36.20 a resident against £41.60 in similar county services, and Trading
        Standards £2.80 against £3.30, with 87% of scam victims helped not losing money again. The
        domestic abuse refuge contract with Demoshire Women's Aid has two years to run, with the Police
        and Crime Commissioner as co-funder, and will be planned when it is recommissioned. We found no
        change in the way these outcomes are delivered that is reasonably likely to bring benefit, so
        improvement continues through the Community Risk Management Plan's action plan, reported twice a
        year to the Public Protection Scrutiny Committee. On-call firefighter recruitment, the main
        pressure, is an employment matter, not a delivery choice.""",
}

PLANS = {
    1: [
        {
            "title": "Safeguarding Adults Commissioning Plan: advocacy and enquiries",
            "summary": """Replace the separate Care Act and Independent Mental Capacity Advocate (IMCA)
                contracts with one integrated advocacy service, tendered with a 10% social value weighting,
                and keep section 42 enquiries with the council's own safeguarding team while piloting a
                multi-agency safeguarding hub with Demoshire Police and the Integrated Care Board (ICB).""",
            "outcomes": [0, 1, 2],
            "budget": 4600000,
            "staff": 58.5,
            "resources": """£4.6m net in {cur_fy}: £2.9m for the in-house adult safeguarding team (58.5
                full-time equivalent, 41 of them qualified social workers), £0.81m for the independent
                advocacy contract with Voices Together Advocacy CIC, £0.31m towards the Safeguarding Adults
                Board (the ICB and the Police add £0.42m) and £0.6m of Deprivation of Liberty Safeguards
                (DoLS) pressure that this plan does not solve. The team works from three council locality
                offices.""",
            "issues": """Care Act advocacy waits reach six weeks, so some people go through an enquiry
                without the advocate the Act entitles them to. DoLS assessments compete with enquiries for
                the same qualified staff. A hub needs about £180,000 of set-up money before any efficiency
                appears, and the partners must first agree how they will share information.""",
            "governance": """A project board chaired by the Assistant Director for Safeguarding meets
                monthly until the new advocacy contract has run for six months and the hub pilot has been
                evaluated, then hands over to the Safeguarding Adults Board's Performance and Quality
                subgroup. The Executive Councillor for Adult Care receives a highlight report each
                quarter.""",
            "contract_management": """A named contract manager in the Commercial Team; monthly activity
                returns and quarterly review meetings with the provider; an annual audit of 30 cases where
                advocacy was provided, against Making Safeguarding Personal; two people who have used
                advocacy sit on the annual review panel.""",
            "services": [
                (
                    "Section 42 safeguarding enquiries",
                    STATUTORY,
                    [0, 1],
                    """Make, or cause others to make, enquiries when an adult with care and support needs
                        is at risk of abuse or neglect, led by what the person wants to achieve.""",
                    "Only 76% are completed within 60 days, and quality varies between localities.",
                ),
                (
                    "Independent advocacy in safeguarding and care assessments",
                    STATUTORY,
                    [1],
                    """Care Act advocacy (sections 67 and 68) and IMCAs, so that people can take part in
                        their own enquiry and assessment.""",
                    "Waits of up to six weeks; demand grows by about 9% a year.",
                ),
                (
                    "Multi-agency safeguarding hub (pilot)",
                    PRIORITY,
                    [0, 2],
                    """Police, NHS and council staff screening concerns together, so that warning signs
                        held by different agencies are joined up.""",
                    "Needs an information sharing agreement and investment before savings.",
                ),
                (
                    "Safeguarding awareness training for small care providers",
                    NON_PRIORITY,
                    [2],
                    "Free sessions for small care providers and people who employ personal assistants.",
                    "Useful, but providers could buy it themselves.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Independent advocacy",
                    "services": [1],
                    "years": 5,
                    "rationale": """It scored best on outcomes and value for money. Three providers showed
                        strong interest at market engagement; one contract removes the hand-offs between
                        two providers that cause waits and saves about £95,000 a year of duplicated
                        management. A 10% social value weighting rewards advocates recruited locally.""",
                    "options": [
                        {
                            "name": "One integrated advocacy contract",
                            "channel": CONTRACT,
                            "description": """Tender one contract for Care Act advocacy, IMCA and
                                Independent Mental Health Advocacy, with a single referral route.""",
                            "governance": "Contract managed by the Commercial Team; reports to the project board.",
                            "outcomes": "People are in control of their own safeguarding; waits fall below ten days.",
                            "policy": """Delivers the Care Act duty to arrange advocacy and the Board's
                                Making Safeguarding Personal priority.""",
                            "costs": (35000, 860000, 95000),
                            "resources": "Commercial Team time for the tender; legal review of the contract.",
                            "risks": "A change of provider could lengthen waits during mobilisation.",
                            "swot": (
                                "One front door; shared training; a market keen to bid.",
                                "Only three providers regionally, so competition is thin.",
                                "Volunteer peer advocates; easy-read information co-produced with people.",
                                "A provider could underbid and then fail to recruit.",
                            ),
                            "scores": (5, 4, 4, 5, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Keep separate Care Act and IMCA contracts",
                            "channel": CONTRACT,
                            "description": "Retender the two contracts on their current terms.",
                            "governance": "Two contracts, two sets of monitoring.",
                            "outcomes": "No change to waits or to people's experience.",
                            "policy": "Meets the statutory minimum only.",
                            "costs": (20000, 905000, 0),
                            "resources": "Two procurements.",
                            "risks": "Waits and hand-offs continue.",
                            "swot": (
                                "Familiar to staff and providers.",
                                "Duplicated overheads; people passed between providers.",
                                "None beyond the current service.",
                                "Growing demand overwhelms two small contracts.",
                            ),
                            "scores": (3, 2, 3, 3, 4),
                            "rejected": """Keeps the waits and two sets of overheads; the market told us one
                                contract would be better value.""",
                        },
                        {
                            "name": "Bring advocacy in-house",
                            "channel": INTERNAL,
                            "description": "Employ advocates in the council's adult care directorate.",
                            "governance": "Line managed within Adult Care, outside the safeguarding team.",
                            "outcomes": "Shorter waits, if recruitment succeeded.",
                            "policy": "Conflicts with the Care Act's expectation of independent advocacy.",
                            "costs": (120000, 940000, 0),
                            "resources": "Recruitment of 19 advocates; training and accreditation.",
                            "risks": "Challenge that advocacy is not independent of the council.",
                            "swot": (
                                "Direct control of priorities.",
                                "Not independent of the council that runs the enquiry.",
                                "Joint training with social workers.",
                                "Legal challenge; loss of people's trust.",
                            ),
                            "vfm": """Our costed model gives £46 an hour against £41 in the market, and
                                in-house teams elsewhere have been challenged on independence.""",
                            "scores": (2, 2, 2, 2, 2),
                            "rejected": """Advocacy must be independent of the council that makes the
                                enquiry; in-house delivery would not pass that test and would cost more.""",
                        },
                    ],
                },
                {
                    "title": "Safeguarding enquiries and the multi-agency hub",
                    "services": [0, 2, 3],
                    "years": 5,
                    "rationale": """The team's cost and quality compare well, and keeping enquiries with the
                        council protects their independence and the council's reputation if something goes
                        wrong. The pilot hub tests joint screening with the Police and the ICB at modest
                        cost before any permanent change.""",
                    "options": [
                        {
                            "name": "Keep enquiries in-house and pilot a hub",
                            "channel": INTERNAL,
                            "description": """The safeguarding team keeps leading enquiries; a 12-month hub
                                pilot in the north locality co-locates police and NHS safeguarding staff.""",
                            "governance": "Safeguarding Adults Manager; the Board's Performance and Quality subgroup.",
                            "outcomes": "Adults at risk are safe and feel safe; abuse is spotted earlier.",
                            "policy": "Meets the Executive Councillor's first priority and the Board's plan.",
                            "costs": (180000, 3050000, 240000),
                            "resources": "Office space at the north locality office; police and ICB staff time.",
                            "risks": "Partners may not commit staff; information sharing may be delayed.",
                            "swot": (
                                "Experienced team; independent of providers.",
                                "Stretched by DoLS work.",
                                "Joined-up screening; learning from the safeguarding adults review.",
                                "Recruitment of qualified social workers.",
                            ),
                            "vfm": """An enquiry costs £1,140 against £1,290 across our nearest
                                neighbour councils (CIPFA comparators); 88% of enquiries reduced or removed
                                the risk; the Board's case file audit rated 80% of enquiries good or
                                better.""",
                            "scores": (4, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "A fully joint hub with a pooled budget from day one",
                            "channel": PARTNERSHIP,
                            "description": "A permanent hub hosted by the Police, with pooled funding.",
                            "governance": "A partnership board of the three statutory partners.",
                            "outcomes": "Faster joint screening county-wide.",
                            "policy": "Matches partners' stated intentions.",
                            "costs": (420000, 3400000, 380000),
                            "resources": "Pooled budget agreement; new premises.",
                            "risks": "Committing money before the benefits are proven.",
                            "swot": (
                                "Shared ownership.",
                                "Expensive and slow to set up.",
                                "A model for children's and adults' hubs together.",
                                "Partners' budgets are agreed one year at a time.",
                            ),
                            "scores": (4, 3, 2, 3, 2),
                            "rejected": """Partners cannot pool budgets before an information sharing
                                agreement and an evaluation are in place; a pilot tests the benefits before
                                committing £420,000.""",
                        },
                        {
                            "name": "Care providers lead enquiries in their own services",
                            "channel": INFLUENCE,
                            "description": """The council causes providers to make enquiries into concerns
                                in their own services, with guidance and spot checks.""",
                            "governance": "Quality assurance by the safeguarding team.",
                            "outcomes": "Quicker enquiries for low-level concerns.",
                            "policy": "Allowed by the Care Act, but the Board questions independence.",
                            "costs": (30000, 2700000, 300000),
                            "resources": "Training for provider managers.",
                            "risks": "A provider investigates its own staff badly.",
                            "swot": (
                                "Fast; uses providers' knowledge of the person.",
                                "Independence is doubtful where staff are implicated.",
                                "Builds a safeguarding culture in providers.",
                                "Reputational damage if an enquiry is whitewashed.",
                            ),
                            "scores": (2, 4, 2, 2, 3),
                            "rejected": """Cheaper, but people we spoke to and the Board doubted its
                                independence; we will cause provider-led enquiries only for low-level
                                concerns, within the adopted option.""",
                        },
                    ],
                },
            ],
            "milestones": [
                (
                    "Executive approves the plan and the advocacy tender",
                    -1,
                    "Head of Commissioning, Adult Care",
                    False,
                ),
                ("Advocacy tender published", 1, "Category Manager, Commercial Team", False),
                ("Hub pilot starts in the north locality", 3, "Safeguarding Adults Manager", False, True),
                (
                    "Advocacy contract awarded after the standstill period",
                    4,
                    "Category Manager, Commercial Team",
                    True,
                ),
                ("Integrated advocacy service starts", 6, "Head of Commissioning, Adult Care", True),
                ("Advocacy waits below ten working days", 9, "Contract Manager, Commercial Team", True),
                (
                    "Hub pilot evaluation reported to the Safeguarding Adults Board",
                    15,
                    "Board Business Manager",
                    False,
                ),
            ],
            "risks": [
                (
                    "Advocacy waits grow while the service changes provider, leaving people without an advocate.",
                    3,
                    4,
                    "Contract Manager, Commercial Team",
                    """Six months' mobilisation; the outgoing provider clears its waiting list before
                        handover; weekly waiting-list reports for the first three months.""",
                    True,
                ),
                (
                    "Partners withdraw from the hub pilot because information sharing is not agreed in time.",
                    2,
                    4,
                    "Safeguarding Adults Board Business Manager",
                    """Information sharing agreement drafted with the Police and ICB data protection
                        officers before the pilot; the Board's independent chair holds partners to it.""",
                ),
                (
                    "DoLS assessments draw qualified staff away from enquiries.",
                    4,
                    3,
                    "Safeguarding Adults Manager",
                    """A separate DoLS rota; agency Best Interests Assessors for peaks, paid from the DoLS
                        budget.""",
                ),
                (
                    "Advocates transferring between providers under TUPE raise the new provider's costs.",
                    2,
                    2,
                    "Category Manager, Commercial Team",
                    "Staff information released with the tender so that bidders price it.",
                    True,
                ),
                (
                    "A serious case where warning signs were missed during the pilot damages public confidence.",
                    1,
                    5,
                    "Assistant Director, Safeguarding",
                    """A daily hub triage log with an escalation route to the Safeguarding Adults Manager;
                        a learning review within 28 days of any serious incident.""",
                ),
            ],
            "commercial": {
                "start_months": 6,
                "years": 3,
                "extension_options": "1 + 1 years",
                "duration_rationale": """Three years lets the provider recruit and train advocates; two
                    one-year extensions keep open the option of joint commissioning with the ICB.""",
                "payment_mechanism": "mixed",
                "payment_terms": """A fixed price of £720,000 a year for the core service, paid monthly,
                    and £41 an hour for advocacy hours above the 3,400 a year included, paid monthly in
                    arrears.""",
                "indexation": "CPI each April, capped at 3%",
                "performance_linked": True,
                "payment_rationale": """A fixed core gives the provider the stability to employ advocates;
                    paying by the hour above it keeps the council's cost in step with demand.""",
                "kpi_rationale": """The KPIs measure what people told us matters: an advocate quickly, and
                    feeling heard. Deductions are kept small so as not to destabilise a thin market.""",
                "early_termination": """The council may end the contract on three months' notice if two
                    quarters running miss the waiting-time KPI and the agreed improvement plan is not
                    delivered, and at once for a serious safeguarding failure by the provider.""",
                "early_termination_rationale": """Advocacy is a statutory duty: the council must be able to
                    act quickly if people are left without an advocate.""",
                "liability_limits": """Liability capped at £2m a claim for property and financial loss; no
                    cap for death or personal injury, fraud or data protection breaches; professional
                    indemnity insurance of £5m.""",
                "liability_rationale": """Proportionate to a contract under £1m a year; uncapped where the law
                    or the Board's risk appetite requires it.""",
                "subcontracting": """Only with the council's written consent; the council may take over any
                    sub-contract on termination. Advocacy for Deaf people may be sub-contracted to a
                    user-led organisation.""",
                "subcontracting_rationale": """The council must know who meets people at risk; a user-led
                    specialist adds what the main provider cannot.""",
                "data_protection": """The provider is a controller for its advocacy records and a processor
                    for referrals; an information sharing agreement covers the council, the ICB and the
                    Police; records return to the council when the contract ends; breaches are reported
                    within 24 hours.""",
                "data_protection_rationale": """Safeguarding records are special category data under the
                    Data Protection Act 2018.""",
                "failure_risk": "medium",
                "contingency_level": 2,
                "contingency_arrangements": """The provider's business continuity plan; step-in rights; an
                    exit plan tested in the first year; the regional advocacy framework as a fallback for
                    urgent IMCA referrals.""",
                "contingency_rationale": """A thin specialist market gives a medium risk of failure; at under
                    £1m a year the scale is medium, so standard contingency is proportionate.""",
                "milestones_rationale": """Mobilisation within six months and the waiting-time target are
                    contractual; the other milestones are the council's own.""",
                "social_value_economic": """Advocates recruited and trained in Demoshire and paid at least
                    the Real Living Wage; 5% of the contract value spent with local suppliers.""",
                "social_value_social": """Volunteer peer advocates recruited from people who have been
                    through an enquiry; free sessions on Making Safeguarding Personal for community
                    groups.""",
                "social_value_environmental": """Advocates based in the three localities, and video meetings
                    where the person prefers, to cut travel.""",
                "kpis": [
                    (
                        "Referrals allocated an advocate within ten working days",
                        "Monthly case management report, with a quarterly audit of 20 cases.",
                        "90%",
                        "1% of the monthly payment for each point below target, up to 5%",
                    ),
                    (
                        "People who felt their advocate helped them to be heard",
                        "Exit survey of everyone who had an advocate, in easy read.",
                        "85%",
                        "2% of the quarterly payment when below target two quarters running",
                    ),
                    (
                        "Advocacy hours delivered against the hours commissioned",
                        "Monthly timesheet return checked against referrals.",
                        "95%",
                        "Unused core hours credited back at £41 an hour",
                    ),
                ],
            },
        },
    ],
    2: [
        {
            "title": "Adult Specialist Services Commissioning Plan: homes, support and work",
            "summary": """A new supported living framework in four locality lots, an accommodation
                programme with the district councils and housing associations so that people placed outside
                Demoshire can come home, and the council's six day centres redesigned around work and
                skills.""",
            "outcomes": [0, 1, 2],
            "budget": 68400000,
            "staff": 138.0,
            "resources": """£68.4m net in {cur_fy}: £31.2m for supported living through the framework
                with 14 providers, £10.5m for 94 residential placements outside Demoshire, £5.8m for six
                in-house day centres (138 full-time equivalent staff), £3.6m for supported employment and
                direct payments, and the rest for residential care in the county. The ICB adds £8.2m
                through continuing health care and section 117 aftercare.""",
            "issues": """Young people moving from children's services add about £2.4m a year, and the
                National Living Wage rise adds 6% to supported living costs. New homes take two to three
                years to build, while savings are expected now. Families value the day centres and fear
                that change means closure.""",
            "governance": """A programme board chaired by the Director of Adult Social Services, with the
                ICB, two district councils, the Demoshire Self Advocacy Network and the family carers'
                forum, meets monthly until the framework has run a year and 30 people have moved home, then
                quarterly. It reports twice a year to the Adults and Community Wellbeing Scrutiny
                Committee.""",
            "contract_management": """The Commercial Team manages the framework with a contract manager
                for each lot: quarterly provider reviews, an annual open-book review of prices, and quality
                visits by the Self Advocacy Network's trained quality checkers. The accommodation
                partnership reports progress on each site to the programme board.""",
            "services": [
                (
                    "Supported living for adults with a learning disability or autism",
                    STATUTORY,
                    [0, 2],
                    "Support in people's own tenancies to meet eligible needs under the Care Act 2014.",
                    "Few providers can support people whose behaviour challenges.",
                ),
                (
                    "Bringing people home from placements outside Demoshire",
                    PRIORITY,
                    [0, 2],
                    "Planned moves for about 30 of the 94 people placed out of county, into new local homes.",
                    "Depends on housing that takes two to three years to build.",
                ),
                (
                    "Day opportunities",
                    STATUTORY,
                    [1, 2],
                    "Day activities that meet eligible needs and give family carers a regular break.",
                    "The centres are 71% used; families are attached to them.",
                ),
                (
                    "Supported employment and work skills",
                    PRIORITY,
                    [1],
                    "Job coaching, work tasters and help for employers to make reasonable adjustments.",
                    "Employers need support; benefits rules worry some families.",
                ),
                (
                    "Evening leisure and friendship clubs",
                    NON_PRIORITY,
                    [1],
                    "Social clubs run with volunteers.",
                    "Valued, but not an eligible need; community groups could run them.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Supported living",
                    "services": [0],
                    "years": 5,
                    "rationale": """The framework gives providers steady work in one locality, so they can
                        recruit and keep staff, with prices agreed openly each year and a call-off in every
                        lot for people with complex needs. It avoids residential placements that cost
                        about £1.9m a year more.""",
                    "options": [
                        {
                            "name": "Supported living framework in four locality lots",
                            "channel": CONTRACT,
                            "description": """A four-year framework with a lot for each locality; providers
                                called off by a mini-competition on quality and price, and a complex needs
                                call-off in every lot.""",
                            "governance": "Commercial Team contract managers; the programme board.",
                            "outcomes": "More people live in their own homes, close to family and friends.",
                            "policy": "Building the Right Support; councillors' aim of fewer placements far from home.",
                            "costs": (150000, 33800000, 1900000),
                            "resources": "Procurement and legal time; a provider development fund.",
                            "risks": "Too few bids in the rural lots.",
                            "swot": (
                                "Local providers with steady work; price control.",
                                "Rural lots may attract few bidders.",
                                "Providers can share staff training and on-call cover.",
                                "Workforce shortages push prices up.",
                            ),
                            "scores": (5, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Keep spot purchasing from the current framework",
                            "channel": CONTRACT,
                            "description": "Extend the current framework and buy each package separately.",
                            "governance": "As now.",
                            "outcomes": "No improvement; placements out of county continue.",
                            "policy": "Does not meet councillors' aims.",
                            "costs": (0, 35200000, 0),
                            "resources": "None beyond current staff.",
                            "risks": "Prices drift upwards with no control.",
                            "swot": (
                                "No disruption.",
                                "No leverage on price or quality.",
                                "None.",
                                "The framework's legal term ends.",
                            ),
                            "scores": (2, 2, 2, 2, 5),
                            "rejected": """Prices drift upwards with no control, providers cannot plan
                                staffing, and the framework has reached the end of its term.""",
                        },
                        {
                            "name": "A council-run supported living service",
                            "channel": INTERNAL,
                            "description": "The council employs support workers for supported living.",
                            "governance": "Adult Care operational management.",
                            "outcomes": "Good quality, but slow to grow.",
                            "policy": "Some councillors favour in-house care.",
                            "costs": (2400000, 36100000, 300000),
                            "resources": "Recruitment of about 600 support workers; registration with the CQC.",
                            "risks": "Recruitment in a market where staff are already scarce.",
                            "swot": (
                                "Direct control of quality.",
                                "Higher pay and pension costs.",
                                "Career paths for council staff.",
                                "Two years to build up; recruitment competes with providers.",
                            ),
                            "vfm": """Our costed model gives £27.40 an hour against the framework average
                                of £24.10, mainly from pension costs; the in-house reablement service's 91%
                                satisfaction shows the council can deliver care well.""",
                            "scores": (4, 2, 3, 3, 2),
                            "rejected": """Higher cost, and two years to build a workforce in a market where
                                recruitment is already the biggest problem.""",
                        },
                    ],
                },
                {
                    "title": "Homes closer to home",
                    "services": [1],
                    "years": 10,
                    "rationale": """The district councils hold the sites and nomination rights, and housing
                        associations can borrow to build; the council's contribution of revenue and a small
                        capital grant unlocks about 45 homes in five years.""",
                    "options": [
                        {
                            "name": "Accommodation partnership with the district councils and housing associations",
                            "channel": PARTNERSHIP,
                            "description": """A partnership agreement: districts bring sites and nomination
                                rights, two housing associations build and let, the council funds a
                                housing coordinator and guarantees void costs for the first year.""",
                            "governance": "Accommodation partnership board reporting to the programme board.",
                            "outcomes": "About 30 people move home from out-of-county placements.",
                            "policy": "Council Business Plan; the districts' housing strategies.",
                            "costs": (600000, 450000, 1750000),
                            "resources": "A housing coordinator; Property Services advice.",
                            "risks": "Planning delays; void costs if homes are not filled.",
                            "swot": (
                                "Uses partners' sites and borrowing.",
                                "Depends on five organisations agreeing.",
                                "Homes for young people moving from children's services too.",
                                "Building costs rise.",
                            ),
                            "scores": (5, 4, 3, 4, 3),
                            "adopted": True,
                        },
                        {
                            "name": "The council builds and owns supported housing",
                            "channel": INTERNAL,
                            "description": "The council's housing company builds 45 homes on council land.",
                            "governance": "The housing company board and the council's capital programme.",
                            "outcomes": "The same homes, with more control.",
                            "policy": "Fits the council's asset strategy.",
                            "costs": (9500000, 380000, 1750000),
                            "resources": "£9.5m capital; council land.",
                            "risks": "Capital the council does not have.",
                            "swot": (
                                "Full control of design and allocation.",
                                "Large capital cost.",
                                "Assets on the council's balance sheet.",
                                "The capital programme is already over-committed.",
                            ),
                            "vfm": """Capital cost about £190,000 a home; the council's housing company
                                has built 40 homes to time and budget.""",
                            "scores": (4, 2, 3, 3, 2),
                            "rejected": """Ties up £9.5m of capital the council does not have, while the
                                districts hold the sites and the nomination rights.""",
                        },
                        {
                            "name": "Influence the district councils' local plans only",
                            "channel": INFLUENCE,
                            "description": "Ask the districts to require supported housing in new developments.",
                            "governance": "Officer liaison.",
                            "outcomes": "Few homes within five years.",
                            "policy": "Low cost, low impact.",
                            "costs": (0, 40000, 350000),
                            "resources": "Officer time.",
                            "risks": "Nothing is built in time.",
                            "swot": (
                                "Cheap.",
                                "No control over delivery.",
                                "Long-term change to local plans.",
                                "Developers negotiate the requirement away.",
                            ),
                            "scores": (2, 4, 3, 2, 4),
                            "rejected": "Too slow: without investment few homes would be ready within five years.",
                        },
                    ],
                },
                {
                    "title": "Day opportunities and work",
                    "services": [2, 3, 4],
                    "years": 5,
                    "rationale": """The in-house centres are good value and trusted by families; redesigning
                        them around work and skills, with job coaching hubs in two centres' spare space,
                        meets the outcome on work without the disruption of a transfer or closures.""",
                    "options": [
                        {
                            "name": "Redesign the in-house day services around work and skills",
                            "channel": INTERNAL,
                            "description": """Keep the six centres, add job coaching hubs in two of them
                                and move the evening clubs to community groups.""",
                            "governance": "Head of Day Services; the programme board.",
                            "outcomes": "More people in paid work or volunteering; families keep their breaks.",
                            "policy": "Councillors' aim of more people in paid work.",
                            "costs": (350000, 5400000, 400000),
                            "resources": "Retraining for 40 day service staff as job coaches.",
                            "risks": "Families fear the change.",
                            "swot": (
                                "Trusted by families; skilled staff.",
                                "Buildings are dated.",
                                "Employers in the Growth Hub network want placements.",
                                "Transport costs to the centres rise.",
                            ),
                            "vfm": """Cost per attendance £62 against £71 for external day services in the
                                region; 90% of people and families satisfied.""",
                            "scores": (4, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Transfer day services to a staff-led social enterprise",
                            "channel": CONTRACT,
                            "description": "Spin the service out as a social enterprise under contract.",
                            "governance": "A five-year contract with the new enterprise.",
                            "outcomes": "Similar, with more freedom to trade.",
                            "policy": "Supports social enterprise, but with a pension risk.",
                            "costs": (250000, 5100000, 700000),
                            "resources": "Business planning support; TUPE transfer of 138 staff.",
                            "risks": "Local Government Pension Scheme liabilities of about £4m.",
                            "swot": (
                                "Freedom to trade and bid for grants.",
                                "No ready management team.",
                                "Income from employers and self-funders.",
                                "Pension liabilities; families' loss of trust.",
                            ),
                            "scores": (3, 4, 2, 3, 2),
                            "rejected": """Staff would transfer with pension liabilities of about £4m, there
                                is no ready management team, and families' trust in the service is high.""",
                        },
                        {
                            "name": "Close the two least-used day centres",
                            "channel": DECOMMISSION,
                            "description": "Close two centres and move people to the other four.",
                            "governance": "Consultation, then a decision by the Executive.",
                            "outcomes": "Worse for people who would travel further.",
                            "policy": "Saves money but works against the outcomes.",
                            "costs": (80000, 4700000, 1100000),
                            "resources": "Consultation and transport changes.",
                            "risks": "Judicial review; loss of trust.",
                            "swot": (
                                "Saves £1.1m a year.",
                                "Longer journeys; fewer breaks for carers.",
                                "Sale of two buildings.",
                                "Challenge and public opposition.",
                            ),
                            "impact": """About 120 people would travel further, some for over 45 minutes;
                                family carers would lose regular breaks; 11 posts would be at risk.""",
                            "scores": (1, 5, 2, 1, 3),
                            "rejected": """The impact on people and family carers outweighs the saving; the
                                spare space will host the job coaching hubs instead.""",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan", -1, "Director of Adult Social Services", False),
                (
                    "Supported living framework tender published",
                    1,
                    "Category Manager, Commercial Team",
                    False,
                ),
                (
                    "Accommodation partnership agreement signed",
                    3,
                    "Head of Commissioning, Adult Care",
                    True,
                    True,
                ),
                (
                    "Framework providers appointed in all four lots",
                    5,
                    "Category Manager, Commercial Team",
                    True,
                ),
                ("Job coaching hubs open in two day centres", 6, "Head of Day Services", False),
                (
                    "First ten people move home from out-of-county placements",
                    12,
                    "Transitions Team Manager",
                    False,
                ),
                ("First new supported homes handed over", 24, "Housing Coordinator", True),
            ],
            "risks": [
                (
                    "Too few providers bid for the rural lots, leaving gaps in the east of the county.",
                    3,
                    4,
                    "Category Manager, Commercial Team",
                    """Provider engagement in each locality before the tender; a rural travel supplement
                        in the price schedule.""",
                    True,
                ),
                (
                    "New homes are delayed by planning or building costs, so people cannot move home on time.",
                    4,
                    4,
                    "Housing Coordinator",
                    """Sites with planning consent first; the programme board reviews each site monthly;
                        interim homes from the housing associations' stock.""",
                ),
                (
                    "Families oppose the day services redesign, fearing closure.",
                    3,
                    3,
                    "Head of Day Services",
                    """Co-design with the family carers' forum; a written commitment that no centre
                        closes under this plan; open days at the job coaching hubs.""",
                ),
                (
                    "National Living Wage rises exceed the indexation in the framework prices.",
                    4,
                    2,
                    "Head of Commissioning, Adult Care",
                    "Indexation tied to the National Living Wage for the staff share of the rate.",
                ),
                (
                    "A provider in the complex needs call-off fails, and people must move at short notice.",
                    2,
                    5,
                    "Contract Manager, Commercial Team",
                    """A named second provider in each lot; step-in rights; the reablement service's
                        emergency cover for up to 40 people.""",
                ),
            ],
            "commercial": {
                "start_months": 5,
                "years": 4,
                "extension_options": "2 + 2 years",
                "duration_rationale": """Four years with two extensions gives providers the certainty to
                    recruit and lease vehicles; call-offs can run for the life of a person's support.""",
                "payment_mechanism": "unit_price",
                "payment_terms": """An hourly rate for each lot (an average of £24.10 in the first year), a
                    nightly rate for shared sleep-in support, and a one-off payment for moving people home;
                    paid four-weekly in arrears on hours actually delivered. The accommodation partnership
                    is paid £450,000 a year in quarterly instalments for the coordinator and void cover.""",
                "indexation": """Each April, the National Living Wage rise on 75% of the rate and CPI on the
                    rest""",
                "performance_linked": True,
                "payment_rationale": """Paying for hours delivered keeps cost in step with need; indexation
                    tied to the National Living Wage stops providers leaving the framework.""",
                "kpi_rationale": """The KPIs follow what self-advocates said matters: support that starts
                    quickly, the same staff, and goals met. Deductions are modest in a fragile market.""",
                "early_termination": """The council may suspend new call-offs to a provider after a failed
                    quality visit, and remove it from the framework on three months' notice after a failed
                    improvement plan; a Care Quality Commission rating of Inadequate allows suspension at
                    once.""",
                "early_termination_rationale": """People's homes and support must not be put at risk while a
                    failing provider is given time to improve.""",
                "liability_limits": """£5m an event for property damage; no cap for death or personal
                    injury, safeguarding failures or data breaches; employer's liability insurance of
                    £10m.""",
                "liability_rationale": "The market norm for supported living, uncapped where people are at risk.",
                "subcontracting": """No sub-contracting of personal support without consent; on termination
                    providers must cooperate with moving people's support to another provider over 12 weeks,
                    and the council may take over sub-contracts.""",
                "subcontracting_rationale": "Continuity for people who find change distressing.",
                "data_protection": """Providers are controllers for the care records they create; a data
                    sharing agreement covers referrals and reviews through the council's provider portal;
                    records follow the person when the provider changes.""",
                "data_protection_rationale": "Care records are special category data.",
                "property_involved": True,
                "property_terms": """Where people live in homes built through the partnership, the housing
                    association is landlord and repairs the building. Providers use the council's two
                    respite houses under a licence: the council repairs the structure, the provider pays
                    for utilities and day-to-day upkeep.""",
                "property_rationale": """Keeps landlord and support roles separate, as people's tenancy
                    rights require.""",
                "failure_risk": "medium",
                "contingency_level": 3,
                "contingency_arrangements": """Business continuity plans; step-in rights; a named second
                    provider in each lot able to take on packages within 14 days; the council's
                    reablement service can cover up to 40 people in an emergency.""",
                "contingency_rationale": """A medium risk of failure at a large scale (over £30m a year)
                    needs enhanced contingency.""",
                "milestones_rationale": """Appointment of providers and the partnership's handover of homes
                    are contractual; the others are the council's own.""",
                "social_value_economic": """Care workers paid at least the Real Living Wage; one
                    apprenticeship for every £1m of annual contract value.""",
                "social_value_social": """Work placements for people with a learning disability in every
                    provider; people with lived experience on interview panels.""",
                "social_value_environmental": """Locality lots cut staff travel; providers report mileage and
                    move to electric pool cars for rural rounds.""",
                "kpis": [
                    (
                        "Support starts within 14 days of call-off",
                        "Provider portal records, checked monthly.",
                        "90%",
                        "1% of the four-weekly payment for the lot when below target",
                    ),
                    (
                        "People whose support plan goals were reviewed and met",
                        "Annual reviews recorded by social workers.",
                        "75%",
                        "2% of the annual value withheld until an improvement plan is met",
                    ),
                    (
                        "Staff turnover in the provider's Demoshire services",
                        "Quarterly workforce return.",
                        "Below 25% a year",
                        "",
                    ),
                ],
            },
        },
    ],
    3: [
        {
            "title": "Home First: home care and reablement plan",
            "summary": """Replace the five prime provider home care contracts with zoned contracts that pay
                for rural travel time, pilot integrated home care with the NHS in one zone, and grow the
                council's reablement service by a quarter so that more people go home first from
                hospital.""",
            "outcomes": [0, 1, 2],
            "budget": 56000000,
            "staff": 214.0,
            "resources": """£56.0m net in {cur_fy} of the strategy's £142.7m: £48.6m for 1.9 million hours
                of home care through five prime providers and £7.4m for the in-house reablement service
                (214 full-time equivalent staff, 2,600 people a year). The Better Care Fund contributes
                £22m across the strategy, agreed one year at a time. Home care rates rose 9.7% this
                year.""",
            "issues": """320 people were waiting for home care in March, many in hospital. The east coast
                has the fewest care workers for the most older people. Three providers deliver 40% of
                hours, so the failure of one would be serious. The NHS wants faster discharge, which
                favours short-term beds, while our outcomes favour going home first.""",
            "governance": """A Home First programme board chaired jointly by the Director of Adult Social
                Services and the ICB's Director of Nursing meets fortnightly during mobilisation and
                monthly until the zoned contracts have run for a year. It reports to the Better Care Fund
                joint commissioning board and, twice a year, to the Adults and Community Wellbeing Scrutiny
                Committee.""",
            "contract_management": """A contract manager for each pair of zones; electronic call
                monitoring data reviewed weekly; monthly performance meetings with each provider; quarterly
                open-book reviews of the cost of care; an annual survey of people who use home care.""",
            "services": [
                (
                    "Home care for people with eligible needs",
                    STATUTORY,
                    [0, 2],
                    "Personal care at home to meet eligible needs under the Care Act 2014.",
                    "A fragile market, with the fewest care workers where need is highest.",
                ),
                (
                    "Reablement after illness or a hospital stay",
                    STATUTORY,
                    [1],
                    "Up to six weeks of free support to regain skills and confidence.",
                    "Capacity limits how many people can go home first.",
                ),
                (
                    "Discharge to assess at home",
                    PRIORITY,
                    [1],
                    "Assessing people's long-term needs at home rather than in hospital.",
                    "Needs home care to start within a day of discharge.",
                ),
                (
                    "Care workforce academy",
                    PRIORITY,
                    [2],
                    "Shared recruitment, induction and training for care workers across providers.",
                    "Depends on providers releasing staff for training.",
                ),
                (
                    "Shopping and cleaning help",
                    NON_PRIORITY,
                    [0],
                    "Low-level help at home for people without eligible needs.",
                    "Useful for prevention, but the market and volunteers already offer it.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Home care",
                    "services": [0, 2, 3],
                    "years": 5,
                    "rationale": """Zoned contracts give each provider a compact area, cutting travel and
                        making rural rounds viable; paying for travel time in the rate answers what
                        providers told us. It scored best on outcomes and risk, and the variation clause
                        lets us pilot integrated working with the NHS in one zone.""",
                    "options": [
                        {
                            "name": "Zoned home care contracts with rural travel paid",
                            "channel": CONTRACT,
                            "description": """Twelve zones, each with a lead provider and a back-up
                                provider, on five-year contracts; rural zones carry a travel
                                supplement.""",
                            "governance": "Contract managers; the Home First programme board.",
                            "outcomes": "People start care quickly, see the same workers, and stay at home longer.",
                            "policy": "Home first (NHS Long Term Plan); councillors' aim that care work is a good job.",
                            "costs": (220000, 52400000, 2600000),
                            "resources": "Commercial Team and legal time; electronic call monitoring.",
                            "risks": "Mobilising twelve zones at once; a provider failing in a rural zone.",
                            "swot": (
                                "Shorter travel; continuity of worker; a back-up in every zone.",
                                "Higher hourly rates in rural zones.",
                                "Integrated working with NHS neighbourhood teams.",
                                "Workforce shortages; a large provider failing.",
                            ),
                            "scores": (5, 3, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Keep the five prime provider contracts",
                            "channel": CONTRACT,
                            "description": "Extend the prime provider contracts for two more years.",
                            "governance": "As now.",
                            "outcomes": "Waiting lists remain; rural gaps persist.",
                            "policy": "Does not meet the joint discharge priority.",
                            "costs": (0, 51800000, 0),
                            "resources": "None.",
                            "risks": "Primes hand back rural packages they cannot staff.",
                            "swot": (
                                "No disruption.",
                                "Prime providers sub-contract rural work at a margin.",
                                "None.",
                                "Primes hand back packages.",
                            ),
                            "scores": (2, 3, 2, 3, 5),
                            "rejected": """Waiting lists and rural gaps would continue, and the primes' margin
                                on sub-contracted rural work buys no care.""",
                        },
                        {
                            "name": "Grow an in-house home care service",
                            "channel": INTERNAL,
                            "description": "The council employs care workers for long-term home care.",
                            "governance": "Adult Care operational management.",
                            "outcomes": "Better continuity, if enough staff could be recruited.",
                            "policy": "Some councillors favour in-house care.",
                            "costs": (3500000, 57800000, 1200000),
                            "resources": "Recruiting about 900 care workers; CQC registration.",
                            "risks": "Recruitment at a scale the council has never achieved.",
                            "swot": (
                                "Lower staff turnover; direct control.",
                                "Much higher cost per hour.",
                                "Career paths into reablement.",
                                "Competing with providers for the same staff.",
                            ),
                            "vfm": """The reablement service shows the council keeps care workers (turnover
                                14% against 31% in the market), but a council care hour costs £31.60
                                against £25.80 from providers.""",
                            "scores": (4, 1, 3, 3, 1),
                            "rejected": """Costs £5.4m a year more and would need about 900 care workers,
                                recruited from the providers we depend on.""",
                        },
                        {
                            "name": "Integrated home care workers with NHS community teams",
                            "channel": PARTNERSHIP,
                            "description": """Joint health and care workers in the ICB's neighbourhood
                                teams, funded from a pooled budget.""",
                            "governance": "A section 75 agreement with the ICB.",
                            "outcomes": "Fewer hand-offs between health and care.",
                            "policy": "Fits the ICB's neighbourhood model.",
                            "costs": (900000, 53500000, 2100000),
                            "resources": "Joint workforce planning; a pooled budget.",
                            "risks": "The ICB's neighbourhood teams are not yet formed.",
                            "swot": (
                                "One team around the person.",
                                "Not ready at county scale.",
                                "A pilot in one zone.",
                                "NHS reorganisation.",
                            ),
                            "scores": (4, 3, 2, 3, 2),
                            "rejected": """Promising, but the ICB's neighbourhood teams are not yet formed;
                                we will pilot it in one zone through the zoned contract's variation
                                clause.""",
                        },
                    ],
                },
                {
                    "title": "Reablement",
                    "services": [1],
                    "years": 5,
                    "rationale": """The council's service gets results (84% still at home after 91 days)
                        at below the regional cost; growing it by a quarter is the quickest way to bring
                        people home from hospital.""",
                    "options": [
                        {
                            "name": "Grow the in-house reablement service by a quarter",
                            "channel": INTERNAL,
                            "description": "Recruit 50 more reablement workers and two occupational therapists.",
                            "governance": "Head of Reablement; the Home First programme board.",
                            "outcomes": "About 650 more people a year regain independence after hospital.",
                            "policy": "Home first; the joint discharge priority.",
                            "costs": (400000, 9100000, 3300000),
                            "resources": "Recruitment; 12 more pool cars.",
                            "risks": "Recruitment in rural areas.",
                            "swot": (
                                "Proven results; trusted by hospitals.",
                                "Recruitment on the east coast.",
                                "A career route from the workforce academy.",
                                "Blocked by a lack of home care to move on to.",
                            ),
                            "vfm": """84% of people still at home 91 days after reablement (England 82%);
                                cost per episode £2,850 against £3,400 in the region; 91% satisfied.""",
                            "scores": (5, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Commission reablement from home care providers",
                            "channel": CONTRACT,
                            "description": "Add reablement to the zoned contracts.",
                            "governance": "Contract management.",
                            "outcomes": "More capacity, with less specialist skill.",
                            "policy": "Neutral.",
                            "costs": (100000, 8600000, 2400000),
                            "resources": "Training for providers' staff.",
                            "risks": "Providers' staff are already scarce.",
                            "swot": (
                                "Uses the providers' reach.",
                                "Weaker results elsewhere.",
                                "Joined-up with long-term care.",
                                "Drains long-term home care capacity.",
                            ),
                            "scores": (3, 4, 3, 3, 3),
                            "rejected": """Councils that did this report weaker results, and it would draw
                                staff away from long-term home care.""",
                        },
                        {
                            "name": "NHS-led intermediate care at home",
                            "channel": PARTNERSHIP,
                            "description": "Transfer reablement into the ICB's intermediate care service.",
                            "governance": "A section 75 agreement, hosted by the community trust.",
                            "outcomes": "One intermediate care service.",
                            "policy": "Matches the ICB's intentions.",
                            "costs": (250000, 9400000, 3000000),
                            "resources": "TUPE transfer of 214 staff.",
                            "risks": "Disruption while the ICB recommissions its beds.",
                            "swot": (
                                "One service for health and care.",
                                "Transfer of 214 staff.",
                                "Shared therapy staff.",
                                "The ICB's own changes next year.",
                            ),
                            "scores": (4, 3, 3, 3, 2),
                            "rejected": """The ICB recommissions intermediate care next year; a joint service
                                will be considered then, not ahead of it.""",
                        },
                    ],
                },
            ],
            "milestones": [
                (
                    "Scrutiny committee considers the plan and the commercial model",
                    -2,
                    "Head of Commissioning, Adult Care",
                    False,
                ),
                ("Executive approves the plan", -1, "Director of Adult Social Services", False),
                ("Zoned home care tender published", 1, "Category Manager, Commercial Team", False),
                ("50 more reablement workers recruited", 6, "Head of Reablement", False),
                ("Zoned contracts awarded", 5, "Category Manager, Commercial Team", True),
                ("All twelve zones live", 9, "Head of Commissioning, Adult Care", True),
                ("Integrated home care pilot starts in one zone", 12, "Home First Programme Manager", False),
            ],
            "risks": [
                (
                    "A large provider fails during mobilisation, leaving hundreds of people without care.",
                    2,
                    5,
                    "Head of Commissioning, Adult Care",
                    """A back-up provider in every zone; staggered go-live; a monthly financial health
                        check of the three largest providers.""",
                ),
                (
                    "Too few care workers on the east coast to staff the coastal zones.",
                    5,
                    4,
                    "Home First Programme Manager",
                    """Rural travel supplement; the care workforce academy's recruitment drive; pool cars
                        for workers without a licence to drive.""",
                ),
                (
                    "Care workers do not transfer under TUPE between outgoing and incoming providers.",
                    3,
                    3,
                    "Category Manager, Commercial Team",
                    "Early staff information; joint briefings for care workers by both providers.",
                ),
                (
                    "Hospitals continue to discharge to short-term beds instead of home.",
                    3,
                    2,
                    "ICB Director of Nursing",
                    "Joint discharge policy; daily reablement capacity shared with hospital teams.",
                ),
                (
                    "The Better Care Fund is cut in next year's agreement.",
                    2,
                    3,
                    "Director of Adult Social Services",
                    "Reablement growth funded from the base budget first; the fund pays for the pilot only.",
                ),
            ],
            "commercial": {
                "start_months": 6,
                "years": 5,
                "extension_options": "2 + 1 years",
                "duration_rationale": """Providers asked for five-year contracts so they can invest in staff
                    and vehicles; extensions keep the option of a fully integrated service with the NHS.""",
                "payment_mechanism": "unit_price",
                "payment_terms": """An hourly rate per zone (£25.80 to £27.90, rural zones higher), paid
                    four-weekly in arrears on visits recorded by electronic call monitoring, by the minute;
                    travel time is paid within the rate.""",
                "indexation": "Each April: the National Living Wage rise on 80% of the rate, CPI on 20%",
                "performance_linked": True,
                "payment_rationale": """Paying by the minute actually delivered is fair to people and
                    providers; the rate reflects the council's published cost of care exercise.""",
                "kpi_rationale": """People told us continuity matters most and hospitals need care to start
                    quickly; both are measured from call monitoring data, so nobody has to fill in
                    forms.""",
                "early_termination": """The council may end a zone contract on three months' notice after
                    two missed quarters and a failed improvement plan, and at once if the provider's CQC
                    registration is suspended.""",
                "early_termination_rationale": """People must not be left without care while a provider
                    fails.""",
                "liability_limits": """£5m an event for property damage; no cap for death or personal
                    injury, safeguarding failures or data breaches.""",
                "liability_rationale": "The market norm for home care.",
                "subcontracting": """Sub-contracting limited to 10% of hours in a zone, with the council's
                    consent; on termination the council may require the outgoing provider's sub-contractors
                    to continue for up to three months.""",
                "subcontracting_rationale": """The prime provider model's unmanaged sub-contracting is one of
                    the problems this plan solves.""",
                "data_protection": """Providers are controllers for care records; the council shares care
                    plans through its provider portal under a data sharing agreement; call monitoring data
                    belongs to the council.""",
                "data_protection_rationale": "Care records are special category data.",
                "failure_risk": "high",
                "contingency_level": 3,
                "contingency_arrangements": """A back-up provider in every zone able to take on packages
                    within 48 hours; step-in rights; a tested exit plan; reablement staff for emergency
                    cover.""",
                "contingency_rationale": """A high risk of failure in a fragile market, at a large scale
                    (over £50m a year), needs enhanced contingency.""",
                "milestones_rationale": "Award and go-live dates are contractual; the rest are the council's own.",
                "social_value_economic": """Care workers paid at least the Real Living Wage for all time at
                    work, including travel; apprenticeships through the care workforce academy.""",
                "social_value_social": """Providers offer work trials for unemployed residents and carers
                    returning to work.""",
                "social_value_environmental": """Compact zones cut mileage by an estimated 1.2 million miles a
                    year; providers report vehicle emissions.""",
                "kpis": [
                    (
                        "Visits on time (within 30 minutes of the planned time)",
                        "Electronic call monitoring, reported weekly.",
                        "95%",
                        "0.5% of the four-weekly payment for each point below target",
                    ),
                    (
                        "Care started within 24 hours of a hospital discharge request",
                        "Brokerage records matched to call monitoring.",
                        "90%",
                        "1% of the four-weekly payment when below target",
                    ),
                    (
                        "People seeing no more than four different care workers a fortnight",
                        "Electronic call monitoring.",
                        "80%",
                        "1% of the quarterly payment when below target",
                    ),
                ],
            },
        },
    ],
    4: [
        {
            "title": "Carers Commissioning Plan: one county carers' service",
            "summary": """Recommission the carers' support service as one county contract for three years
                with an option of two more, adding a GP liaison role so that carers are found at diagnosis,
                and support young carers through school champions co-produced with schools and young
                carers.""",
            "outcomes": [0, 1, 2],
            "budget": 3200000,
            "staff": 3.5,
            "resources": """£3.2m net in {cur_fy}: £1.4m for the carers' support contract with the
                Demoshire Carers' Centre, £1.1m for carers' personal budgets and £0.7m for breaks through
                the Better Care Fund, agreed yearly with the ICB. A commissioning team of 3.5 full-time
                equivalent staff; carers' information points in 28 council libraries.""",
            "issues": """Only 12,600 of an estimated 82,400 carers are known to the service. Finding more
                carers means more demand for breaks, which are already fully used by January. Young carers
                are under-identified in schools.""",
            "governance": """A project group of the commissioning team, the Carers' Partnership Board, the
                ICB and two headteachers meets monthly until the new contract has run for six months, then
                the Carers' Partnership Board oversees delivery, reporting yearly to the Adults and
                Community Wellbeing Scrutiny Committee.""",
            "contract_management": """Quarterly contract reviews with the provider, attended by two carers
                from the Partnership Board; monthly data returns; an annual carers' survey; a lessons
                learnt workshop each year.""",
            "services": [
                (
                    "Carers' information, advice and assessments",
                    STATUTORY,
                    [0, 1],
                    "Information and carers' assessments under the Care Act 2014, on behalf of the council.",
                    "71% of assessments completed within 28 days.",
                ),
                (
                    "Carers' breaks",
                    PRIORITY,
                    [1],
                    "Short breaks and carers' personal budgets so carers can have a life of their own.",
                    "Fully used by January each year.",
                ),
                (
                    "GP liaison to find carers at diagnosis",
                    PRIORITY,
                    [0],
                    "A liaison worker helping GP practices to identify and refer carers.",
                    "Depends on practices taking part.",
                ),
                (
                    "Young carers' support in schools",
                    STATUTORY,
                    [2],
                    "Identifying young carers and meeting needs found by assessment (Children and Families Act 2014).",
                    "Schools vary in how well they know their young carers.",
                ),
                (
                    "Carers' cafés and social events",
                    NON_PRIORITY,
                    [1],
                    "Monthly cafés in market towns.",
                    "Valued, but could be run by volunteers.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Carers' support service",
                    "services": [0, 1, 2, 4],
                    "years": 5,
                    "rationale": """A competed contract holds the provider to outcomes and protects the
                        council if it fails; two county-scale organisations showed interest, so competition
                        is real. Adding GP liaison answers the biggest gap the evidence showed.""",
                    "options": [
                        {
                            "name": "One county contract for three years plus two, with GP liaison",
                            "channel": CONTRACT,
                            "description": """Tender one contract for information, assessments, breaks
                                coordination and a GP liaison role.""",
                            "governance": "Contract reviews with carers present; the Carers' Partnership Board.",
                            "outcomes": "More carers found early; better carer quality of life.",
                            "policy": "The national Carers Action Plan; the Demoshire Carers' Charter.",
                            "costs": (40000, 1450000, 320000),
                            "resources": "Commercial Team and legal time.",
                            "risks": "A change of provider could disrupt support.",
                            "swot": (
                                "Outcomes written into the contract; one front door.",
                                "Procurement cost and possible change of provider.",
                                "Primary care networks want to identify carers.",
                                "Only two bidders at county scale.",
                            ),
                            "scores": (5, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "A grant to the Demoshire Carers' Centre",
                            "channel": GRANT,
                            "description": "A three-year grant to the current provider.",
                            "governance": "Grant monitoring.",
                            "outcomes": "Continuity, with weaker accountability.",
                            "policy": "Supports the voluntary sector.",
                            "costs": (0, 1350000, 200000),
                            "resources": "Grant officer time.",
                            "risks": "Procurement challenge at this value.",
                            "swot": (
                                "Continuity; low cost to run.",
                                "Little leverage on outcomes.",
                                "Match funding from charitable trusts.",
                                "Challenge under procurement law.",
                            ),
                            "scores": (4, 4, 2, 3, 5),
                            "rejected": """A grant cannot hold the provider to outcomes or protect the
                                council if it fails, and the law requires competition at this value.""",
                        },
                        {
                            "name": "A council-run carers' service",
                            "channel": INTERNAL,
                            "description": "Carers' assessments and support by council staff.",
                            "governance": "Adult Care operational management.",
                            "outcomes": "Assessments joined up with the cared-for person's.",
                            "policy": "Neutral.",
                            "costs": (150000, 1700000, 320000),
                            "resources": "Recruiting 28 staff.",
                            "risks": "Carers trust the council less than a carers' charity.",
                            "swot": (
                                "Joined-up assessments.",
                                "Higher cost; less trust.",
                                "None significant.",
                                "Loss of the voluntary sector's reach.",
                            ),
                            "vfm": """A carers' assessment by council staff costs £210 against £165 by the
                                Carers' Centre, and carers told us they trust a charity more.""",
                            "scores": (3, 2, 3, 2, 3),
                            "rejected": "Costs more and carers told us they would trust it less.",
                        },
                    ],
                },
                {
                    "title": "Young carers in schools",
                    "services": [3],
                    "years": 3,
                    "rationale": """Young carers asked for support where they are, at school, and 90 schools
                        volunteered champions; co-producing the role with them is cheap and builds on what
                        works.""",
                    "options": [
                        {
                            "name": "Young carer champions co-produced with schools and young carers",
                            "channel": COPRODUCTION,
                            "description": """A trained champion in every school that volunteers, with a
                                toolkit designed by young carers; the carers' service takes referrals.""",
                            "governance": "A young carers' steering group with pupils, heads and the council.",
                            "outcomes": "Young carers are found and supported at school.",
                            "policy": "Scrutiny's priority on young carers.",
                            "costs": (30000, 120000, 40000),
                            "resources": "A coordinator; training days for champions.",
                            "risks": "Champions leave or lose time for the role.",
                            "swot": (
                                "Designed by young carers; uses schools' knowledge.",
                                "Depends on goodwill.",
                                "Links with school nurses.",
                                "School budget pressures.",
                            ),
                            "scores": (4, 5, 4, 5, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Add young carers' support to the carers' contract",
                            "channel": CONTRACT,
                            "description": "The carers' service employs young carers' workers.",
                            "governance": "Contract management.",
                            "outcomes": "Support outside school.",
                            "policy": "Neutral.",
                            "costs": (0, 260000, 40000),
                            "resources": "Part of the main tender.",
                            "risks": "Young carers are not referred by schools.",
                            "swot": (
                                "Specialist workers.",
                                "Away from where young carers are.",
                                "Holiday activities.",
                                "Low referral rates.",
                            ),
                            "scores": (3, 3, 4, 3, 4),
                            "rejected": """Young carers asked for support at school; the contract will take
                                referrals from champions instead.""",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan", -1, "Head of Commissioning, Adult Care", False),
                ("Carers' support tender published", 1, "Category Manager, Commercial Team", False),
                ("Contract awarded", 4, "Category Manager, Commercial Team", True),
                ("New carers' service starts, with GP liaison", 6, "Carers Commissioning Manager", True),
                ("Young carer champions trained in 60 schools", 9, "Young Carers Coordinator", False),
                ("16,000 carers known to the service", 15, "Carers Commissioning Manager", True),
            ],
            "risks": [
                (
                    "Only one bid is received, weakening value for money.",
                    3,
                    3,
                    "Category Manager, Commercial Team",
                    "Market engagement with both county-scale organisations and national carers' charities.",
                    True,
                ),
                (
                    "Finding more carers increases demand for breaks beyond the budget.",
                    4,
                    3,
                    "Carers Commissioning Manager",
                    """Breaks allocated by need through carers' assessments; information and peer support
                        offered first; Better Care Fund growth bid.""",
                ),
                (
                    "GP practices do not take part in the liaison scheme.",
                    3,
                    2,
                    "ICB Primary Care Lead",
                    "The ICB includes carer identification in the primary care network specification.",
                ),
                (
                    "Carers lose support during a change of provider.",
                    2,
                    4,
                    "Carers Commissioning Manager",
                    "Records transfer under the exit plan; a letter to every registered carer.",
                    True,
                ),
            ],
            "commercial": {
                "start_months": 6,
                "end": "fy_end",
                "extension_options": "Up to 2 years (3 + 2)",
                "duration_rationale": """Three years gives the provider time to establish GP liaison; the
                    option of two more rewards good performance without another tender.""",
                "payment_mechanism": "fixed_price",
                "payment_terms": """A fixed price of £1.45m a year in monthly instalments; carers' personal
                    budgets and breaks are paid separately by the council.""",
                "indexation": "Not indexed; reviewed at any extension",
                "performance_linked": True,
                "payment_rationale": """A voluntary provider needs a predictable income; a fixed price, with
                    a small deduction for missed KPIs, gives stability and accountability.""",
                "kpi_rationale": """KPIs follow the outcomes: carers found early and assessed on time.
                    Deductions are capped at 3% so a charity is not destabilised.""",
                "early_termination": """Six months' notice after two quarters below target and a failed
                    improvement plan; at once for a serious safeguarding failure.""",
                "early_termination_rationale": "Enough time to find another provider without a gap in support.",
                "liability_limits": """£1m a claim for property and financial loss; no cap for death,
                    personal injury or data breaches.""",
                "liability_rationale": "Proportionate to a charity's insurance and a £1.45m contract.",
                "subcontracting": """The provider may sub-contract carers' cafés to local groups without
                    consent, and anything else only with consent; on termination the council may take over
                    sub-contracts.""",
                "subcontracting_rationale": "Local groups run cafés well; assessments need tighter control.",
                "data_protection": """The provider makes carers' assessments as the council's processor;
                    records are held in the council's case management system; a data sharing agreement
                    covers GP referrals.""",
                "data_protection_rationale": """Assessments are a council function, so the council stays the
                    controller.""",
                "property_involved": True,
                "property_terms": """Information points in 28 council libraries and a desk at County Hall,
                    rent-free under a licence; the council maintains the buildings, the provider its own
                    equipment.""",
                "property_rationale": "Libraries reach carers who would not come to an office.",
                "failure_risk": "medium",
                "contingency_level": 2,
                "contingency_arrangements": """Business continuity plan; step-in rights; records in the
                    council's system so another provider or the council can take over quickly.""",
                "contingency_rationale": """A medium risk in a small voluntary market, at a medium scale:
                    standard contingency is proportionate.""",
                "milestones_rationale": "Service start and the carers-known target are contractual.",
                "social_value_economic": "Staff paid the Real Living Wage; local recruitment.",
                "social_value_social": "Volunteering roles for former carers; carers' cafés in market towns.",
                "social_value_environmental": "Outreach in libraries and GP surgeries cuts carers' travel.",
                "kpis": [
                    (
                        "Carers newly identified each quarter",
                        "Registrations in the council's case management system.",
                        "850 a quarter",
                        "1% of the quarterly payment when below target, up to 3% a year",
                    ),
                    (
                        "Carers' assessments completed within 28 days",
                        "Case management system report.",
                        "85%",
                        "1% of the quarterly payment when below target",
                    ),
                ],
            },
        },
    ],
    6: [
        {
            "title": "Wellbeing Commissioning Plan: early help, telecare and community support",
            "summary": """Extend the wellbeing service for two years with new outcome measures and a
                referral route shared with GPs, move telecare to digital equipment before the analogue
                phone network closes, and keep voluntary sector infrastructure support, now part of this
                strategy, as a three-year grant.""",
            "outcomes": [0, 1, 2],
            "budget": 9800000,
            "staff": 6.0,
            "resources": """£9.8m net in {cur_fy}, including £3.2m from the Better Care Fund: £4.6m for the
                wellbeing service (Demoshire Wellbeing Partnership), £2.3m for telecare monitoring and
                response (CareLine Response Ltd, 11,400 connections), £0.9m for voluntary sector
                infrastructure support (Demoshire Voluntary Action) and the rest for small grants and a
                commissioning team of six. The digital switchover needs a one-off £1.1m.""",
            "issues": """Demand for the wellbeing service rose 22% after GPs began referring through social
                prescribing. Analogue telecare alarms will stop working when the phone network goes
                digital, so equipment must be replaced in time. Prevention saves money over several years,
                while budgets are set one year at a time.""",
            "governance": """A prevention programme board chaired by the Director of Public Health, with
                Adult Care, the ICB's personalised care lead and a district council housing manager, meets
                monthly until every telecare connection is digital and the new outcome measures have been
                reported for two quarters, then quarterly.""",
            "contract_management": """Contract managers in the Public Health commissioning team; quarterly
                reviews for each contract; monthly telecare response data; an annual telephone survey of
                400 people who use the services; grant monitoring for infrastructure support through a
                yearly report and a visit.""",
            "services": [
                (
                    "Wellbeing service: short-term early help",
                    STATUTORY,
                    [0, 1],
                    """Up to 12 weeks of help to stay independent, meeting the council's duty to prevent,
                        reduce and delay needs (Care Act 2014, section 2).""",
                    "Demand up 22%; savings are estimated, not measured.",
                ),
                (
                    "Telecare monitoring and response",
                    PRIORITY,
                    [1],
                    "Alarms and sensors, with a 24-hour response to falls.",
                    "Analogue equipment must be replaced before the digital switchover.",
                ),
                (
                    "Voluntary sector infrastructure support",
                    PRIORITY,
                    [2],
                    "Help for community groups to form, find funding and recruit volunteers.",
                    "Moved here when Community Resilience and Assets merged into this strategy.",
                ),
                (
                    "Befriending and loneliness groups",
                    NON_PRIORITY,
                    [0, 2],
                    "Small grants to befriending schemes.",
                    "Community groups could fund some themselves.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Wellbeing service",
                    "services": [0, 3],
                    "years": 5,
                    "rationale": """The service performs well (78% need no further help after six months)
                        and its contract allows a two-year extension. Extending now, with outcome measures
                        and a GP referral route, avoids disruption while demand is rising, and lines up the
                        next tender with the ICB's link worker contracts.""",
                    "options": [
                        {
                            "name": "Extend the current contract for two years with new outcome measures",
                            "channel": CONTRACT,
                            "description": """Use the contract's two-year extension, varied to add outcome
                                measures and a referral system shared with GPs.""",
                            "governance": "Quarterly contract reviews; the prevention programme board.",
                            "outcomes": "People stay independent; loneliness falls.",
                            "policy": "Prevention priority of the Council Business Plan.",
                            "costs": (25000, 4700000, 650000),
                            "resources": "A shared referral system, paid for by the ICB.",
                            "risks": "The provider may not accept the variation.",
                            "swot": (
                                "A proven provider; no disruption.",
                                "No competition on price.",
                                "Joint referrals with GPs.",
                                "Demand outgrows the contract.",
                            ),
                            "scores": (4, 4, 4, 4, 5),
                            "adopted": True,
                        },
                        {
                            "name": "Retender the wellbeing service now",
                            "channel": CONTRACT,
                            "description": "A new five-year contract from open competition.",
                            "governance": "Contract management.",
                            "outcomes": "Similar, after a year of disruption.",
                            "policy": "Neutral.",
                            "costs": (90000, 4500000, 650000),
                            "resources": "Procurement and legal time.",
                            "risks": "Disruption while demand is rising.",
                            "swot": (
                                "Tests the market on price.",
                                "Disrupts a working service.",
                                "New ideas from bidders.",
                                "Few bidders at county scale.",
                            ),
                            "scores": (4, 4, 3, 3, 2),
                            "rejected": """Retendering during the GP referral redesign would disrupt a
                                service that works; in two years it can be tendered alongside the ICB's
                                link workers.""",
                        },
                        {
                            "name": "Bring the wellbeing service in-house",
                            "channel": INTERNAL,
                            "description": "Council staff deliver early help.",
                            "governance": "Adult Care operational management.",
                            "outcomes": "Closer links with adult care.",
                            "policy": "Neutral.",
                            "costs": (300000, 5300000, 650000),
                            "resources": "TUPE transfer of 86 staff into the council.",
                            "risks": "Higher cost; loss of the voluntary sector's reach.",
                            "swot": (
                                "Joined up with adult care.",
                                "Council pay and pension costs 12% higher.",
                                "None that the contract cannot give.",
                                "People see a council service as the door to care, not help.",
                            ),
                            "vfm": """Costed at £5.3m a year against £4.7m, because council pay and
                                pension costs are 12% higher; the provider's outcomes are already good.""",
                            "scores": (3, 2, 3, 2, 2),
                            "rejected": "Costs £600,000 a year more for no better outcome.",
                        },
                    ],
                },
                {
                    "title": "Telecare after the digital switchover",
                    "services": [1],
                    "years": 7,
                    "rationale": """A national framework gives digital equipment and monitoring at a known
                        price and quickly enough for the switchover; telecare delays about 350 new home
                        care packages a year, so stopping it would cost far more than it saves.""",
                    "options": [
                        {
                            "name": "Digital telecare contract through a national framework",
                            "channel": CONTRACT,
                            "description": """Call off a seven-year contract for digital alarms, monitoring
                                and a mobile response service; the council buys the equipment.""",
                            "governance": "Contract management; the prevention programme board.",
                            "outcomes": "People stay independent at home; falls get a quick response.",
                            "policy": "Home first; the Care Act prevention duty.",
                            "costs": (1100000, 2500000, 900000),
                            "resources": "Installers' access to 11,400 homes over 18 months.",
                            "risks": "Equipment supply; people confused by new alarms.",
                            "swot": (
                                "Digital equipment in time for the switchover.",
                                "Seven years is a long commitment.",
                                "Sensors that spot a decline early.",
                                "Mobile signal gaps in rural areas.",
                            ),
                            "scores": (5, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "A council-run monitoring centre",
                            "channel": INTERNAL,
                            "description": """Monitor alarms from the fire control room, with bought-in
                                equipment and a council response team.""",
                            "governance": "Fire and Rescue control room management.",
                            "outcomes": "The same, with local control.",
                            "policy": "Uses a council asset.",
                            "costs": (1600000, 2650000, 900000),
                            "resources": "Control room space; 22 response staff.",
                            "risks": "The control room is already busy in emergencies.",
                            "swot": (
                                "Local knowledge; a trusted brand.",
                                "Competes with 999 calls for the room.",
                                "Shared out-of-hours cover.",
                                "Accreditation of a new monitoring centre.",
                            ),
                            "vfm": """Cost per connection £232 a year against £219 from the framework; the
                                control room meets its own standards but has never monitored telecare.""",
                            "scores": (4, 3, 2, 3, 2),
                            "rejected": """Costs more, needs accreditation the control room does not have,
                                and would compete with emergency calls.""",
                        },
                        {
                            "name": "Stop council-funded telecare",
                            "channel": DECOMMISSION,
                            "description": """Fund telecare only where it is part of an eligible care plan,
                                and signpost others to private services.""",
                            "governance": "Consultation, then a decision by the Executive.",
                            "outcomes": "Worse: more falls undiscovered.",
                            "policy": "Contradicts the prevention priority.",
                            "costs": (50000, 400000, 0),
                            "resources": "Consultation.",
                            "risks": "People at risk go without alarms.",
                            "swot": (
                                "Saves about £1.9m a year.",
                                "People would lie undiscovered after falls.",
                                "None.",
                                "More home care and hospital admissions.",
                            ),
                            "impact": """About 11,400 people, many over 85 and living alone, would need to
                                buy their own service; those who could not would be more likely to lie
                                undiscovered after a fall; we estimate 350 more home care packages a
                                year.""",
                            "scores": (1, 4, 1, 1, 3),
                            "rejected": """The saving would be outweighed by more home care and more harm;
                                telecare is one of the council's best-value preventive services.""",
                        },
                    ],
                },
                {
                    "title": "Voluntary sector infrastructure support",
                    "services": [2],
                    "years": 3,
                    "rationale": """Only one county infrastructure body exists; a grant supports its work
                        without the cost of a tender and keeps the trust the sector values.""",
                    "options": [
                        {
                            "name": "A three-year grant to Demoshire Voluntary Action",
                            "channel": GRANT,
                            "description": "A grant in quarterly instalments, with agreed outcomes.",
                            "governance": "Grant agreement monitored yearly.",
                            "outcomes": "Communities are resilient and help each other.",
                            "policy": "The council's commitment to the voluntary sector.",
                            "costs": (0, 850000, 150000),
                            "resources": "Grant officer time.",
                            "risks": "Outcomes are harder to enforce in a grant.",
                            "swot": (
                                "Trusted by groups; low cost to run.",
                                "Weaker accountability than a contract.",
                                "Match funding from the National Lottery.",
                                "The body's reliance on one funder.",
                            ),
                            "scores": (4, 4, 4, 5, 5),
                            "adopted": True,
                        },
                        {
                            "name": "A competitive contract for infrastructure support",
                            "channel": CONTRACT,
                            "description": "Tender the service openly.",
                            "governance": "Contract management.",
                            "outcomes": "Similar.",
                            "policy": "Neutral.",
                            "costs": (30000, 820000, 150000),
                            "resources": "Procurement time.",
                            "risks": "A tender with one bidder.",
                            "swot": (
                                "Firm outcomes.",
                                "A tender for a market of one.",
                                "None.",
                                "Damaged relationships with the sector.",
                            ),
                            "scores": (4, 4, 3, 3, 3),
                            "rejected": """There is one county infrastructure body; a tender would cost more
                                to run than it saves.""",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan", -1, "Consultant in Public Health", False),
                (
                    "Wellbeing service contract variation signed",
                    1,
                    "Public Health Commissioning Manager",
                    True,
                ),
                ("Telecare framework call-off awarded", 2, "Category Manager, Commercial Team", True),
                ("Infrastructure support grant agreement signed", 1, "Communities Manager", False),
                (
                    "GP referral route live in all primary care networks",
                    6,
                    "ICB Personalised Care Lead",
                    False,
                    True,
                ),
                ("Half of telecare connections digital", 9, "Telecare Contract Manager", True),
                ("All telecare connections digital", 18, "Telecare Contract Manager", True),
            ],
            "risks": [
                (
                    "Analogue alarms fail before they are replaced, as phone lines switch over early.",
                    3,
                    5,
                    "Telecare Contract Manager",
                    """Replace first in areas the phone company switches first; the supplier tests each
                        alarm monthly; a list of people with no working alarm goes to the response team.""",
                ),
                (
                    "Digital alarms lose signal in rural areas.",
                    3,
                    3,
                    "Telecare Contract Manager",
                    "Dual-network SIM cards; a signal survey at installation.",
                ),
                (
                    "Wellbeing service demand exceeds the contract's capacity.",
                    4,
                    2,
                    "Public Health Commissioning Manager",
                    "Triage with link workers; waiting times reported monthly; Better Care Fund growth bid.",
                ),
                (
                    "The new outcome measures are not collected consistently.",
                    2,
                    2,
                    "Public Health Intelligence Lead",
                    "Measures built into the shared referral system; quarterly data quality checks.",
                    True,
                ),
                (
                    "Demoshire Voluntary Action loses other funding and cannot deliver.",
                    2,
                    3,
                    "Communities Manager",
                    "Yearly financial health check; grant instalments quarterly in advance of need, not in arrears.",
                ),
            ],
            "commercial": {
                "start_months": 1,
                "years": 2,
                "extension_options": "None for the wellbeing service; telecare call-off 5 + 2 years",
                "duration_rationale": """Two years lines the wellbeing service up with the ICB's link worker
                    contracts for a joint tender; telecare runs longer to pay back the equipment.""",
                "payment_mechanism": "mixed",
                "payment_terms": """Wellbeing service: a fixed £4.23m a year monthly, and up to £470,000 for
                    outcomes achieved. Telecare: £4.21 a connection a week, the council buying the
                    equipment. Infrastructure support: a grant of £850,000 a year in quarterly
                    instalments.""",
                "indexation": "Telecare price CPI each April, capped at 2.5%; others not indexed",
                "performance_linked": True,
                "payment_rationale": """A tenth of the wellbeing payment follows outcomes, which the scrutiny
                    board asked for; telecare is paid per connection, so cost follows use.""",
                "kpi_rationale": "The KPIs are the strategy's own outcome measures, so delivery and review match.",
                "early_termination": """Wellbeing service: three months' notice after two quarters below
                    target. Telecare: one month's notice for repeated response failures, with the
                    framework's step-in provisions.""",
                "early_termination_rationale": """A failing response service puts people's lives at risk, so
                    it can end more quickly.""",
                "liability_limits": """£5m an event for the telecare supplier; £2m for the wellbeing service;
                    no cap for death, injury or data breaches.""",
                "liability_rationale": "Higher for telecare, where failure can cause serious harm.",
                "subcontracting": """Installation may be sub-contracted with consent; monitoring may not. On
                    termination the council owns the equipment and the connection records.""",
                "subcontracting_rationale": "The council must be able to move connections to another supplier.",
                "data_protection": """The telecare supplier and the wellbeing provider are processors for the
                    council; the shared referral system runs under a data sharing agreement with the ICB
                    and GP practices.""",
                "data_protection_rationale": "Health information is shared between council and NHS.",
                "property_involved": True,
                "property_terms": """The wellbeing service runs drop-ins in 12 council libraries rent-free;
                    the council maintains the buildings; the provider leaves rooms as it found them.""",
                "property_rationale": "Libraries bring help close to home at no extra cost.",
                "failure_risk": "low",
                "contingency_level": 2,
                "contingency_arrangements": """The framework's step-in rights and a second supplier on the
                    framework; the council owns the equipment; the wellbeing provider's business continuity
                    plan.""",
                "contingency_rationale": """A low risk of failure (established suppliers) at a large scale
                    (about £8m a year): standard contingency is proportionate.""",
                "milestones_rationale": "The switchover milestones are contractual because lives depend on them.",
                "social_value_economic": "Installers recruited locally; the wellbeing provider pays the Real Living Wage.",
                "social_value_social": "Volunteer befrienders recruited through the wellbeing service.",
                "social_value_environmental": """Old alarms recycled through a licensed scheme; installation
                    rounds planned by area.""",
                "kpis": [
                    (
                        "Telecare calls responded to within 45 minutes",
                        "Monitoring centre call log.",
                        "97%",
                        "Service credit of 2% of the weekly charge for each week below target",
                    ),
                    (
                        "Wellbeing service users needing no further help after six months",
                        "Follow-up call at six months.",
                        "80%",
                        "Outcome payment reduced in proportion below target",
                    ),
                    (
                        "Connections moved to digital equipment on schedule",
                        "Monthly installation report.",
                        "100% by month 18",
                        "£5,000 for each month late",
                    ),
                ],
            },
        },
    ],
    7: [
        {
            "title": "Sufficiency Plan: local homes for children in care",
            "summary": """Recruit more council foster carers through a year-round campaign and better
                support, open two council-run children's homes in Demoshire, and commission placements for
                children with health needs jointly with the ICB from a pooled budget.""",
            "outcomes": [0, 1],
            "budget": 59400000,
            "staff": 96.0,
            "resources": """£59.4m net in {cur_fy} of the strategy's £121.5m: £18.4m for the in-house
                fostering service (436 children placed, 96 full-time equivalent staff including
                supervising social workers), £41m for external residential placements through the regional
                framework (118 children, averaging £6,200 a week). The ICB contributes £2.6m a year towards
                placements for children with health needs, case by case. The council owns two vacant
                buildings suitable for children's homes.""",
            "issues": """Children in care living with council foster carers fell from 64% to 55%.
                Independent fostering agencies recruit from the same pool of carers. Opening homes needs
                capital now for savings later, and Ofsted registration takes six to nine months. Disputes
                over who pays for children with health needs delay placements.""",
            "governance": """A sufficiency programme board chaired by the Director of Children's Services,
                with the ICB's designated nurse and the Children in Care Council's participation worker,
                meets monthly until both homes are registered and full and the fostering target is met,
                then the Corporate Parenting Panel oversees delivery.""",
            "contract_management": """The section 75 agreement is managed by a joint commissioning manager
                reporting to the joint placement panel; the regional framework's quality visits; quarterly
                finance reports to both partners; an annual review of the agreement.""",
            "services": [
                (
                    "Foster care for children in care",
                    STATUTORY,
                    [1],
                    "Enough suitable local foster homes, under section 22G of the Children Act 1989.",
                    "Fewer households are applying to foster.",
                ),
                (
                    "Council-run children's homes",
                    PRIORITY,
                    [1],
                    "Two four-bed homes in Demoshire for children whose needs cannot be met in foster care.",
                    "Ofsted registration and recruiting a registered manager.",
                ),
                (
                    "Placements for children with health needs",
                    STATUTORY,
                    [0, 1],
                    "Joint placements meeting children's care and health needs.",
                    "Funding disputes between the council and the ICB.",
                ),
                (
                    "Support for foster carers",
                    PRIORITY,
                    [1],
                    "Training, respite and a 24-hour support line, so carers stay.",
                    "Carers leave when they feel unsupported.",
                ),
                (
                    "Holiday activities for children in care",
                    NON_PRIORITY,
                    [0],
                    "Summer activity weeks.",
                    "Could be funded through the holiday activities grant.",
                ),
            ],
            "appraisals": [
                {
                    "title": "More local homes for children in care",
                    "services": [0, 1, 3, 4],
                    "years": 10,
                    "rationale": """Each child placed with council foster carers or in a council home
                        instead of an external placement saves between £2,000 and £5,000 a week and keeps
                        the child close to school and friends, as the Children in Care Council asked. It
                        scored best on outcomes and cost over ten years.""",
                    "options": [
                        {
                            "name": "Recruit council foster carers and open two council-run homes",
                            "channel": INTERNAL,
                            "description": """A year-round fostering campaign, higher allowances for
                                carers of teenagers, and two four-bed homes in buildings the council
                                owns.""",
                            "governance": "Sufficiency programme board; Corporate Parenting Panel.",
                            "outcomes": "More children in stable local homes; fewer placement moves.",
                            "policy": "The Executive Councillor's top priority; Stable Homes, Built on Love.",
                            "costs": (2200000, 3100000, 4600000),
                            "resources": "Capital to adapt two buildings; 28 residential care staff.",
                            "risks": "Recruiting staff and carers; Ofsted registration delays.",
                            "swot": (
                                "Local control; lower cost per child.",
                                "Capital needed now; registration takes months.",
                                "A regional fostering hub to join later.",
                                "Agencies outbid the council for carers.",
                            ),
                            "vfm": """A council home costs about £4,300 a child a week against £6,200 from
                                the framework; council foster care averages £480 a week against £1,050
                                through agencies; Ofsted rated the fostering service Good.""",
                            "scores": (5, 4, 3, 4, 3),
                            "adopted": True,
                        },
                        {
                            "name": "Block contract for eight local beds with an independent provider",
                            "channel": CONTRACT,
                            "description": "Reserve eight beds in Demoshire with one provider.",
                            "governance": "Contract management.",
                            "outcomes": "More local beds, with less control over who is placed.",
                            "policy": "Partly meets the priority.",
                            "costs": (0, 2900000, 1100000),
                            "resources": "Procurement time.",
                            "risks": "Paying for empty beds.",
                            "swot": (
                                "Quick to start.",
                                "Seven-year terms asked for; £6,900 a week.",
                                "None beyond the beds.",
                                "Provider chooses which children it takes.",
                            ),
                            "scores": (3, 2, 3, 3, 4),
                            "rejected": """Providers wanted seven-year terms at £6,900 a week and the right
                                to refuse children.""",
                        },
                        {
                            "name": "Join the regional fostering recruitment hub",
                            "channel": PARTNERSHIP,
                            "description": "Recruit carers jointly with neighbouring councils.",
                            "governance": "Regional hub board.",
                            "outcomes": "More carers across the region.",
                            "policy": "Matches the national reform programme.",
                            "costs": (150000, 420000, 900000),
                            "resources": "A share of the hub's costs.",
                            "risks": "The hub is not yet running.",
                            "swot": (
                                "Shared marketing.",
                                "Not yet running.",
                                "Regional training.",
                                "Carers recruited for other councils.",
                            ),
                            "scores": (3, 4, 3, 3, 2),
                            "rejected": """Useful later, but the hub is not yet running; we will join it
                                once it is, alongside our own campaign.""",
                        },
                    ],
                },
                {
                    "title": "Placements for children with health needs",
                    "services": [2],
                    "years": 5,
                    "rationale": """A pooled budget ends the disputes over who pays, which delayed 14
                        placements last year, and lets one panel plan each child's care and health
                        together.""",
                    "options": [
                        {
                            "name": "Joint commissioning with the ICB under a section 75 agreement",
                            "channel": PARTNERSHIP,
                            "description": """A pooled budget hosted by the council, with a joint panel
                                that agrees each placement and its funding split in advance.""",
                            "governance": "Joint placement panel; annual review of the agreement.",
                            "outcomes": "Children placed without delay; care and health planned together.",
                            "policy": "Duty to cooperate (Children Act 2004); the ICB's priorities.",
                            "costs": (60000, 6400000, 850000),
                            "resources": "A joint commissioning manager.",
                            "risks": "Disagreement over contribution shares.",
                            "swot": (
                                "No more disputes per child.",
                                "Setting the shares takes negotiation.",
                                "Joint purchasing power.",
                                "Either partner's budget pressures.",
                            ),
                            "scores": (5, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Separate commissioning by the council and the ICB",
                            "channel": CONTRACT,
                            "description": "Each body buys its part of each placement, as now.",
                            "governance": "Separate.",
                            "outcomes": "Delays continue.",
                            "policy": "Falls short of the duty to cooperate.",
                            "costs": (0, 6900000, 0),
                            "resources": "None.",
                            "risks": "Delays harm children.",
                            "swot": (
                                "No change needed.",
                                "Disputes per child.",
                                "None.",
                                "Delays and higher spot prices.",
                            ),
                            "scores": (2, 2, 2, 3, 5),
                            "rejected": "Disputes over who pays delayed 14 placements last year.",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan and the capital", -1, "Director of Children's Services", False),
                ("Year-round fostering campaign launched", 0, "Head of Fostering", False),
                ("Section 75 agreement signed with the ICB", 2, "Joint Commissioning Manager", True),
                ("First home registered by Ofsted", 4, "Head of Residential Services", False),
                ("Second home registered by Ofsted", 6, "Head of Residential Services", False, True),
                ("31 more fostering households approved", 9, "Head of Fostering", False),
            ],
            "risks": [
                (
                    "Ofsted registration of the homes is delayed by recruitment of registered managers.",
                    3,
                    4,
                    "Head of Residential Services",
                    "Recruit managers before building work ends; an interim manager from the framework.",
                ),
                (
                    "Independent agencies outbid the council for foster carers.",
                    4,
                    3,
                    "Head of Fostering",
                    "Higher allowances for teenagers; council tax relief for foster carers; peer mentors.",
                ),
                (
                    "The ICB disputes its share of the pooled budget at the annual review.",
                    2,
                    3,
                    "Joint Commissioning Manager",
                    "Shares set by an agreed formula; escalation to the two directors, then the Health and Wellbeing Board.",
                ),
                (
                    "A child placed in a new home is harmed, damaging confidence in council-run care.",
                    1,
                    5,
                    "Director of Children's Services",
                    "Matching policy; staff ratios above minimum; independent visitor reports each month.",
                ),
                (
                    "Building adaptation costs exceed the capital budget.",
                    2,
                    2,
                    "Property Services Project Manager",
                    "Fixed-price building contracts; a 10% contingency in the capital budget.",
                    True,
                ),
            ],
            "commercial": {
                "start_months": 2,
                "years": 5,
                "extension_options": "Reviewed yearly; may be extended by agreement",
                "duration_rationale": """Five years matches the ICB's planning cycle and lets the pooled
                    budget show savings.""",
                "payment_mechanism": "mixed",
                "payment_terms": """A pooled budget: the council pays 60% and the ICB 40% of the cost of
                    each agreed placement, set each year; the council hosts the budget and pays providers
                    at framework prices.""",
                "indexation": "Contributions set each year in both budgets; fees follow the framework's uplift",
                "performance_linked": False,
                "payment_rationale": """Shares reflect the past three years' split of costs; hosting by the
                    council uses its existing payment system.""",
                "early_termination": """Either partner may end the agreement on 12 months' notice, or on
                    three months' notice if the other fails to pay its contribution after the dispute
                    process.""",
                "early_termination_rationale": "Children already placed are funded until they move.",
                "liability_limits": """Each partner bears its own liabilities; losses on placements are
                    shared in the pooled budget's proportions.""",
                "liability_rationale": "The usual terms of section 75 agreements between public bodies.",
                "subcontracting": """The host buys placements only from the regional framework; on
                    termination it keeps the contracts and recharges the other partner for children already
                    placed.""",
                "subcontracting_rationale": "Keeps quality assurance through the framework.",
                "data_protection": """The partners are joint controllers under a data sharing agreement;
                    health information is shared through the joint panel on a need-to-know basis.""",
                "data_protection_rationale": "Children's health records are special category data.",
                "failure_risk": "low",
                "contingency_level": 2,
                "contingency_arrangements": """Placements come from 22 framework providers, so one provider's
                    failure is covered by others; the panel keeps a list of emergency beds; the council's
                    own homes give a fallback.""",
                "contingency_rationale": """A low risk of failure between two public bodies, at a large scale
                    (about £6.4m a year): standard contingency is proportionate.""",
                "milestones_rationale": "The agreement's start is contractual; the homes are the council's own.",
                "social_value_economic": "Framework providers recruit residential staff locally.",
                "social_value_social": "Apprenticeships in the council's homes reserved for care leavers.",
                "social_value_environmental": """Placing children closer to home cuts an estimated 380,000
                    miles of social work travel a year.""",
            },
        },
    ],
    # Still being written: the transport appraisal has no adopted option and unscored options, the
    # special school option lacks its value-for-money evidence, a service is not linked to outcomes,
    # there is no risk register or contract management yet, and the commercial model is half done.
    8: [
        {
            "title": "SEND Sufficiency and Travel Plan (draft)",
            "summary": """More specialist places close to home through resourced units in mainstream
                schools run with multi-academy trusts, and a new approach to home-to-school transport for
                pupils with special educational needs and disabilities (SEND).""",
            "outcomes": [1, 0],
            "budget": 52000000,
            "staff": 46.0,
            "resources": """£52.0m net in {cur_fy}: £28m for home-to-school transport (5,900 pupils a day,
                112 operators), £24m for 387 places in independent special schools, and the SEND assessment
                team of 46 full-time equivalent staff (£3.1m, held in the strategy's wider budget). The
                High Needs Block deficit is £19m.""",
            "issues": """Transport costs grow 12% a year; independent places cost £62,000 a pupil; only 31%
                of new Education, Health and Care Plans (EHCPs) are issued within 20 weeks. New places
                need capital and take two years.""",
            "governance": """The SEND Improvement Board, co-chaired by the Director of Education and the
                Parent Carer Forum, oversees the plan monthly; capital schemes report to the Capital
                Programme Board.""",
            "services": [
                (
                    "EHC needs assessments within 20 weeks",
                    STATUTORY,
                    [0],
                    "Statutory assessments and plans under the Children and Families Act 2014.",
                    "31% on time; educational psychologists are scarce.",
                ),
                (
                    "Resourced units for autistic pupils in mainstream schools",
                    PRIORITY,
                    [0, 1],
                    "Specialist classes of eight to twelve pupils in mainstream schools.",
                    "Schools say staff need specialist skills.",
                ),
                (
                    "Home-to-school transport for pupils with SEND",
                    STATUTORY,
                    [0],
                    "Free transport for eligible pupils under the Education Act 1996.",
                    "Costs up 40% in three years.",
                ),
                (
                    "Independent travel training",
                    PRIORITY,
                    [0, 1],
                    "Teaching older pupils to travel on their own safely.",
                    "Parents need confidence that it is safe.",
                ),
                (
                    "Holiday play schemes for children with SEND",
                    NON_PRIORITY,
                    [],
                    "Summer play schemes run by voluntary groups.",
                    "",
                ),
            ],
            "appraisals": [
                {
                    "title": "Specialist places close to home",
                    "services": [1],
                    "years": 10,
                    "rationale": """Trusts bring sites and staff, and the council's capital funds the
                        building work; 180 places in resourced units cost far less than independent
                        places and keep children in their local school community.""",
                    "options": [
                        {
                            "name": "Resourced units with multi-academy trusts",
                            "channel": PARTNERSHIP,
                            "description": """Fifteen resourced units of 12 places in trust schools, with
                                council capital and top-up funding per place.""",
                            "governance": "Partnership agreement with each trust; SEND Improvement Board.",
                            "outcomes": "Pupils with SEND get the right support close to home.",
                            "policy": "The SEND and Alternative Provision Improvement Plan; inclusion.",
                            "costs": (4800000, 3600000, 6200000),
                            "resources": "Capital; specialist outreach from special schools.",
                            "risks": "Trusts withdraw; units fill with pupils from elsewhere.",
                            "swot": (
                                "Trusts are keen; cheaper than independent places.",
                                "Depends on trusts' staffing.",
                                "Outreach to other schools.",
                                "Building costs; trusts' changing priorities.",
                            ),
                            "scores": (5, 4, 3, 4, 3),
                            "adopted": True,
                        },
                        {
                            "name": "Expand the council's maintained special schools",
                            "channel": INTERNAL,
                            "description": "Add 180 places on the sites of three maintained special schools.",
                            "governance": "Capital Programme Board; governing bodies.",
                            "outcomes": "More special school places, further from some children's homes.",
                            "policy": "Meets sufficiency, less so inclusion.",
                            "costs": (11000000, 4100000, 5400000),
                            "resources": "£11m capital.",
                            "risks": "Sites are constrained.",
                            "swot": (
                                "Proven schools.",
                                "Expensive and slow.",
                                "None beyond places.",
                                "Longer journeys add to transport costs.",
                            ),
                            "scores": (3, 2, 3, 3, 2),
                            "rejected": "Costs more than twice as much in capital and lengthens journeys.",
                        },
                        {
                            "name": "Keep buying independent special school places",
                            "channel": CONTRACT,
                            "description": "Continue placing pupils in independent schools as now.",
                            "governance": "Placement contracts.",
                            "outcomes": "Needs met far from home.",
                            "policy": "Worsens the High Needs Block deficit.",
                            "costs": (0, 24000000, 0),
                            "resources": "None.",
                            "risks": "The deficit grows.",
                            "swot": ("Places exist.", "£62,000 a pupil.", "None.", "Fees rise 8% a year."),
                            "scores": (2, 1, 2, 2, 5),
                            "rejected": "Unaffordable: it grows the deficit and keeps children far from home.",
                        },
                    ],
                },
                {
                    "title": "Home-to-school transport for pupils with SEND",
                    "services": [2, 3],
                    "years": 5,
                    "options": [
                        {
                            "name": "Longer route contracts through a dynamic purchasing system",
                            "channel": CONTRACT,
                            "description": """Routes let for three years instead of one, through a
                                dynamic purchasing system open to new operators.""",
                            "governance": "Passenger transport unit.",
                            "outcomes": "Reliable transport at a steadier price.",
                            "policy": "Operators asked for longer contracts.",
                            "costs": (60000, 26500000, 1500000),
                            "resources": "Passenger transport unit time.",
                            "risks": "Fewer operators bid for rural routes.",
                            "swot": (
                                "Operators can invest in vehicles.",
                                "Locks in routes as needs change.",
                                "Accessible vehicles.",
                                "Driver shortages.",
                            ),
                            "scores": (4, 3, 3, 3, 4),
                        },
                        {
                            "name": "A council-run minibus fleet for special school routes",
                            "channel": INTERNAL,
                            "description": "Forty council minibuses with council drivers and escorts.",
                            "governance": "Fleet management.",
                            "outcomes": "Control of quality and cost.",
                            "policy": "Some councillors favour it.",
                            "costs": (2800000, 25900000, 2100000),
                            "resources": "Vehicles, a depot and 80 drivers and escorts.",
                            "risks": "Recruiting drivers.",
                            "swot": (
                                "Control; trained escorts.",
                                "Capital and a depot needed.",
                                "Vehicles used for day services too.",
                                "Driver shortages.",
                            ),
                            "vfm": """Councils with in-house fleets report £31 a pupil a day against £38
                                from taxi operators; our fleet unit runs day service buses well.""",
                        },
                        {
                            "name": "Personal travel budgets and independent travel training",
                            "channel": COPRODUCTION,
                            "description": """Parents choose how their child travels with a personal
                                budget; older pupils learn to travel on their own.""",
                            "governance": "Designed with the Parent Carer Forum.",
                            "outcomes": "Independence; lower cost.",
                            "policy": "Preparing for Adulthood.",
                            "costs": (90000, 25200000, 2800000),
                            "resources": "Travel trainers; a budget payment system.",
                            "risks": "Take-up lower than planned.",
                            "swot": (
                                "Choice for families; independence.",
                                "Not for every child.",
                                "Skills for adult life.",
                                "Parents' worries about safety.",
                            ),
                            "scores": (4, 5, 3, 4, 3),
                        },
                    ],
                },
            ],
            "milestones": [
                ("SEND Improvement Board agrees the transport option", 0, "Head of SEND", False),
                ("First five resourced units open", 12, "Head of School Organisation", False),
            ],
            "commercial": {
                "start_months": 6,
                "years": 10,
                "extension_options": "None: each agreement runs for ten years",
                "duration_rationale": "Ten years matches the life of the capital investment.",
                "payment_mechanism": "unit_price",
                "payment_terms": """Top-up funding of £9,500 a place a year on top of the school's place
                    funding, paid termly; capital paid against building milestones.""",
                "indexation": "In line with the High Needs Block settlement each year",
                "performance_linked": False,
                "payment_rationale": "Funding follows the pupil, as in the rest of the high needs system.",
            },
        },
    ],
    # Early days: the options are appraised and one adopted, but the governance, contract management,
    # milestones, the internal option's value-for-money evidence and the commercial model are still to do.
    10: [
        {
            "title": "Gigabit Demoshire: rural connectivity plan",
            "summary": """Bring gigabit-capable broadband to the 38,000 rural premises that commercial
                suppliers will not reach, by joining Building Digital UK's regional procurement with
                council gap funding, and speed up street works permits for broadband builds.""",
            "outcomes": [1, 0],
            "budget": 5400000,
            "staff": 9.0,
            "resources": """£5.4m a year: the rural gigabit broadband contract with Fibre Connect Ltd
                (£4.2m, 18,000 premises connected so far) and a digital infrastructure team of nine within
                the Place directorate (£1.2m, shared with developer contributions work). The ten-year
                capital programme holds £24m for digital connectivity, 60% of it dependent on government
                grants.""",
            "issues": """Only 41% of premises can get gigabit-capable broadband. The current supplier
                reports wayleave delays on private land. Government subsidy now flows through Building
                Digital UK (BDUK), not through councils, so going it alone risks losing it.""",
            "services": [
                (
                    "Gigabit broadband for hard-to-reach rural premises",
                    PRIORITY,
                    [1],
                    "Subsidised build where the market will not go.",
                    "Wayleaves and long rural distances.",
                ),
                (
                    "Street works permits for broadband builds",
                    STATUTORY,
                    [1, 0],
                    "Permits under the Traffic Management Act 2004, coordinated to cut disruption.",
                    "Permit delays hold up the build.",
                ),
                (
                    "Digital skills for rural businesses",
                    NON_PRIORITY,
                    [1],
                    "Workshops so that businesses use new connections well.",
                    "The Growth Hub offers similar help.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Rural gigabit broadband",
                    "services": [0, 1],
                    "years": 10,
                    "rationale": """Joining BDUK's regional procurement keeps access to government
                        subsidy, which pays about 80% of the cost; the council's gap funding targets the
                        premises BDUK's contract would leave out.""",
                    "options": [
                        {
                            "name": "Partnership with Building Digital UK on the regional procurement",
                            "channel": PARTNERSHIP,
                            "description": """A memorandum of understanding and funding agreement with BDUK:
                                the council adds £1.8m a year of gap funding for 9,000 premises in the
                                regional contract.""",
                            "governance": "Joint programme board with BDUK and two neighbouring counties.",
                            "outcomes": "85% gigabit coverage by 2030.",
                            "policy": "The national gigabit programme; the council's rural priority.",
                            "costs": (500000, 1800000, 450000),
                            "resources": "Digital infrastructure team; street works coordination.",
                            "risks": "BDUK's timetable slips.",
                            "swot": (
                                "Government subsidy; a larger contract attracts suppliers.",
                                "Less control over which premises come first.",
                                "Join up with mobile coverage schemes.",
                                "National priorities change.",
                            ),
                            "scores": (5, 4, 4, 3, 3),
                            "adopted": True,
                        },
                        {
                            "name": "The council's own gap-funding contract",
                            "channel": CONTRACT,
                            "description": "Extend or retender the council's contract with Fibre Connect Ltd.",
                            "governance": "Council contract management.",
                            "outcomes": "Slower coverage without government subsidy.",
                            "policy": "Duplicates the national programme.",
                            "costs": (300000, 4200000, 450000),
                            "resources": "Procurement and state aid advice.",
                            "risks": "Loss of government subsidy.",
                            "swot": (
                                "Council control of priorities.",
                                "Costs the council more than twice as much.",
                                "None beyond control.",
                                "Subsidy control challenge.",
                            ),
                            "scores": (4, 2, 3, 3, 3),
                            "rejected": "Costs more than twice as much because it forgoes government subsidy.",
                        },
                        {
                            "name": "A council-owned rural fibre network",
                            "channel": INTERNAL,
                            "description": "The council builds and owns fibre, leasing it to internet providers.",
                            "governance": "A council-owned company.",
                            "outcomes": "Coverage where the council chooses.",
                            "policy": "Ambitious; untested in a county council.",
                            "costs": (28000000, 1200000, 2100000),
                            "resources": "£28m capital; specialist staff.",
                            "risks": "Commercial and technical risk the council has never held.",
                            "swot": (
                                "Income from leases.",
                                "Huge capital; no expertise.",
                                "An asset for decades.",
                                "Competitors overbuild the network.",
                            ),
                            "scores": (3, 1, 1, 2, 1),
                            "rejected": "£28m of capital and a commercial risk the council is not equipped to hold.",
                        },
                    ],
                },
            ],
            "risks": [
                (
                    "BDUK's regional contract is delayed, leaving rural premises waiting longer.",
                    3,
                    3,
                    "Digital Infrastructure Manager",
                    "Keep the current contract running until the regional build starts.",
                ),
                (
                    "Landowners refuse or delay wayleaves.",
                    4,
                    3,
                    "Digital Infrastructure Manager",
                    "Standard wayleave terms agreed with the landowners' association; council land first.",
                ),
                (
                    "Government changes the subsidy rules mid-programme.",
                    2,
                    4,
                    "Head of Growth",
                    "Funding agreement with break points; capital held back until each phase is agreed.",
                ),
            ],
        },
    ],
    12: [
        {
            "title": "Business Growth Commissioning Plan",
            "summary": """A three-year Growth Hub contract with part of the payment linked to jobs created,
                and a social value tracking system in the council's procurement team so that the jobs and
                training promised in council contracts are checked and reported.""",
            "outcomes": [0, 1],
            "budget": 5100000,
            "staff": 14.0,
            "resources": """£5.1m net in {cur_fy}, plus £6m of government growth funding that ends in two
                years: £1.1m for the Growth Hub contract with the Demoshire Chamber of Commerce, £1.6m for
                the economic development team of 14, and £2.4m for skills programmes. The Growth Hub works
                from the council's Kingsbridge Enterprise Centre.""",
            "issues": """Growth funding is short-term while business support needs continuity. Social
                value commitments in council contracts could create jobs but nobody checks them; scrutiny
                found most unverified.""",
            "governance": """The Economic Growth Board (council, Chamber of Commerce, colleges and district
                councils) oversees the plan quarterly; an officer project group meets monthly until the
                social value system has reported a full year.""",
            "contract_management": """The economic development team manages the Growth Hub contract:
                monthly dashboards, quarterly reviews, and an annual audit of a sample of jobs claimed,
                with employers contacted to confirm them.""",
            "services": [
                (
                    "Growth Hub: advice, finance and networks for growing businesses",
                    PRIORITY,
                    [0],
                    "One front door for business support, with advisers for growing firms.",
                    "Relies on funding that ends in two years.",
                ),
                (
                    "Tracking social value in council contracts",
                    PRIORITY,
                    [0, 1],
                    "Recording, checking and reporting the jobs and training suppliers promise.",
                    "Suppliers report inconsistently.",
                ),
                (
                    "Skills bootcamps in engineering, care and agri-food",
                    PRIORITY,
                    [1],
                    "Short courses linked to employers with vacancies.",
                    "Employers must commit to interviews.",
                ),
                (
                    "Business awards and events",
                    NON_PRIORITY,
                    [0],
                    "An annual awards evening and sector events.",
                    "Sponsors could fund them.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Growth Hub business support",
                    "services": [0, 3],
                    "years": 3,
                    "rationale": """A contract lets payment follow verified jobs, which a grant cannot, and
                        three years keeps experienced advisers. The Chamber is the only county-wide
                        provider but the tender was open, and two other bids were received.""",
                    "options": [
                        {
                            "name": "Three-year contract with payment linked to jobs created",
                            "channel": CONTRACT,
                            "description": """A fixed core for advice and a payment for each verified job
                                created and each business helped to grow.""",
                            "governance": "Contract management; Economic Growth Board.",
                            "outcomes": "More and better-paid jobs.",
                            "policy": "Council Business Plan commitment to more and better-paid jobs.",
                            "costs": (40000, 1200000, 420000),
                            "resources": "Verification of jobs by the economic development team.",
                            "risks": "Jobs claimed that would have happened anyway.",
                            "swot": (
                                "Pays for results; continuity of advisers.",
                                "Verifying jobs takes effort.",
                                "Matched funding from growth programmes.",
                                "Recession cuts job creation.",
                            ),
                            "scores": (4, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Bring business advice in-house",
                            "channel": INTERNAL,
                            "description": "Employ business advisers in the economic development team.",
                            "governance": "Head of Economic Development.",
                            "outcomes": "Similar, with more council control.",
                            "policy": "Neutral.",
                            "costs": (180000, 1350000, 420000),
                            "resources": "Recruiting eight advisers.",
                            "risks": "Businesses trust the Chamber more.",
                            "swot": (
                                "Joined up with inward investment.",
                                "No advisers today; higher cost.",
                                "None the contract cannot give.",
                                "Businesses wary of the council.",
                            ),
                            "vfm": """The economic development team converts inward investment enquiries
                                well (14 last year) but has no business advisers; building a team would
                                cost £1.35m a year against £1.2m.""",
                            "scores": (3, 3, 3, 3, 2),
                            "rejected": "Costs more, and businesses told us they trust the Chamber more.",
                        },
                        {
                            "name": "An annual grant to the Chamber of Commerce",
                            "channel": GRANT,
                            "description": "A grant renewed yearly.",
                            "governance": "Grant monitoring.",
                            "outcomes": "Similar, with no link to results.",
                            "policy": "Neutral.",
                            "costs": (0, 1100000, 300000),
                            "resources": "Grant officer time.",
                            "risks": "Advisers leave because funding is yearly.",
                            "swot": ("Simple.", "No payment for results.", "None.", "Yearly uncertainty."),
                            "scores": (3, 4, 2, 3, 5),
                            "rejected": "A grant cannot tie payment to jobs, and yearly funding loses advisers.",
                        },
                    ],
                },
                {
                    "title": "Social value tracking",
                    "services": [1],
                    "years": 5,
                    "rationale": """The procurement team already records commitments at award; a bought-in
                        system and one and a half officers let it check them, and the council learns what
                        works.""",
                    "options": [
                        {
                            "name": "The procurement team tracks social value with a bought-in system",
                            "channel": INTERNAL,
                            "description": """Suppliers report quarterly into a measurement system; the
                                procurement team checks a sample and reports yearly.""",
                            "governance": "Head of Procurement; yearly report to scrutiny.",
                            "outcomes": "Jobs and training promised are delivered.",
                            "policy": "The Social Value Act; scrutiny's recommendation.",
                            "costs": (60000, 95000, 180000),
                            "resources": "1.5 officers; a system licence.",
                            "risks": "Suppliers do not report.",
                            "swot": (
                                "Builds on award data.",
                                "Officer time.",
                                "Evidence for future tenders.",
                                "Reporting burden on small suppliers.",
                            ),
                            "vfm": """Procurement already records commitments at award; adding a system
                                costs £35,000 a year and 1.5 officers; councils doing this recovered about
                                £180,000 a year of undelivered commitments.""",
                            "scores": (4, 4, 4, 5, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Outsource social value measurement to a specialist firm",
                            "channel": CONTRACT,
                            "description": "A firm collects and checks suppliers' returns.",
                            "governance": "Contract management.",
                            "outcomes": "Similar.",
                            "policy": "Neutral.",
                            "costs": (20000, 140000, 180000),
                            "resources": "Contract management.",
                            "risks": "The council learns less.",
                            "swot": ("Expertise.", "Costs more.", "Benchmarks.", "Dependence on one firm."),
                            "scores": (3, 3, 4, 4, 4),
                            "rejected": "Costs more and the council would learn less about its own suppliers.",
                        },
                        {
                            "name": "Suppliers self-report, with no tracking",
                            "channel": INFLUENCE,
                            "description": "Remind suppliers of their commitments; no checks.",
                            "governance": "None.",
                            "outcomes": "Unknown.",
                            "policy": "Falls short of scrutiny's recommendation.",
                            "costs": (0, 10000, 30000),
                            "resources": "None.",
                            "risks": "Commitments go undelivered.",
                            "swot": ("Cheap.", "Unverified.", "None.", "Reputational risk."),
                            "scores": (1, 5, 2, 1, 5),
                            "rejected": "This is what happens now, and scrutiny found the commitments unverified.",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan", -1, "Head of Economic Development", False),
                ("Growth Hub contract starts", 1, "Head of Economic Development", True),
                ("Social value system live for new contracts", 3, "Head of Procurement", False),
                ("First quarterly jobs audit", 4, "Economic Development Manager", False),
                ("First annual social value report to scrutiny", 13, "Head of Procurement", False),
            ],
            "risks": [
                (
                    "Growth funding ends before a replacement is found, cutting the Growth Hub's reach.",
                    4,
                    3,
                    "Head of Economic Development",
                    "Bid for new national funds; the core contract is council-funded.",
                ),
                (
                    "Jobs claimed would have been created anyway.",
                    3,
                    2,
                    "Economic Development Manager",
                    "Employers confirm the Growth Hub's part in each job; an annual sample audit.",
                ),
                (
                    "Small suppliers find social value reporting a burden and stop bidding.",
                    2,
                    3,
                    "Head of Procurement",
                    "Reporting proportionate to contract value; no reporting under £100,000.",
                ),
                (
                    "An economic downturn cuts job creation and the provider's income.",
                    2,
                    4,
                    "Head of Economic Development",
                    "The fixed core covers advisers; the results payment flexes.",
                ),
            ],
            "commercial": {
                "start_months": 1,
                "years": 3,
                "extension_options": "1 year",
                "duration_rationale": """The Chamber asked for three years to keep experienced advisers; one
                    extension allows alignment with any new national business support model.""",
                "payment_mechanism": "payment_by_results",
                "payment_terms": """£900,000 a year fixed, in monthly instalments, and up to £300,000 a year
                    for results: £1,500 for each verified job created and £400 for each business given 12
                    hours or more of support that grows its turnover.""",
                "indexation": "Not indexed",
                "performance_linked": True,
                "payment_rationale": """A quarter of the value follows results, enough to focus the provider
                    on jobs without putting advisers at risk.""",
                "kpi_rationale": """Jobs created is the outcome councillors care about; the others protect
                    the quality of advice.""",
                "early_termination": """Three months' notice after two quarters below 75% of the jobs
                    target and a failed improvement plan.""",
                "early_termination_rationale": "Gives time to find another route for business support.",
                "liability_limits": """£1m a claim; professional indemnity of £2m for advice; no cap for
                    data breaches.""",
                "liability_rationale": "Advice to businesses carries a risk of negligence claims.",
                "subcontracting": """Specialist advice (export, finance) may be sub-contracted to named
                    partners; others only with consent; on termination the council may take over
                    sub-contracts.""",
                "subcontracting_rationale": "Specialists add expertise the Chamber lacks.",
                "data_protection": """The Chamber is controller for its client records and shares anonymised
                    data monthly; jobs evidence is shared with the council under a data sharing
                    agreement.""",
                "data_protection_rationale": "Business owners' personal data is protected.",
                "property_involved": True,
                "property_terms": """The Growth Hub occupies 420 square metres of the Kingsbridge Enterprise
                    Centre under a lease running with the contract at a peppercorn rent; the council repairs
                    the structure and shared areas, the provider pays for utilities and internal
                    repairs.""",
                "property_rationale": "Keeps the Growth Hub in the centre where start-ups are.",
                "failure_risk": "medium",
                "contingency_level": 2,
                "contingency_arrangements": """Business continuity plan; step-in rights; client records and
                    the website transfer to the council on failure.""",
                "contingency_rationale": """A medium risk for a grant-dependent provider, at a medium scale:
                    standard contingency is proportionate.""",
                "milestones_rationale": "Contract start is contractual; the rest are the council's own.",
                "social_value_economic": """Advisers recruited locally; 30% of events held with Demoshire
                    venues and caterers.""",
                "social_value_social": "Free start-up workshops in the three most deprived towns.",
                "social_value_environmental": "Net zero advice for every business supported.",
                "kpis": [
                    (
                        "Jobs created with Growth Hub support, verified",
                        "Employers confirm each job; annual sample audit.",
                        "400 a year",
                        "The results payment is paid only per verified job",
                    ),
                    (
                        "Businesses receiving 12 hours or more of support",
                        "Client records, checked quarterly.",
                        "600 a year",
                        "£400 per business below target deducted from the results payment",
                    ),
                    (
                        "Businesses satisfied with the support",
                        "Survey three months after support ends.",
                        "85%",
                        "1% of the quarterly fixed payment when below target",
                    ),
                ],
            },
        },
    ],
    14: [
        {
            "title": "Corporate Support Services Plan: after the Meridian contract",
            "summary": """Bring payroll and transactional finance into the council when the Meridian
                Business Services contract ends, retender IT infrastructure as a separate managed service,
                expand online services in the council's own Customer Service Centre, and close the print
                room in favour of hybrid mail. Insourcing and outsourcing were appraised for each
                service.""",
            "outcomes": [0, 1],
            "budget": 42500000,
            "staff": 164.0,
            "resources": """£42.5m net in {cur_fy}: £18.6m for the corporate support services contract
                with Meridian Business Services Ltd (finance, payroll and IT), £6.3m for the Customer
                Service Centre (164 full-time equivalent staff across customer services and the print
                room), and the rest for legal, democratic and procurement services. The council's data
                centre is at County Hall.""",
            "issues": """The Meridian contract ends in 18 months and cannot be extended on the same terms.
                Insourcing gives control but carries transition risk: 62 Meridian staff would transfer to
                the council under TUPE. Digital services need investment before savings appear. Only 64%
                of managers are satisfied with the outsourced service.""",
            "governance": """A Corporate Services Transition Board chaired by the Executive Director of
                Resources, with the Section 151 Officer and the Chief Information Officer, meets fortnightly
                until payroll has run in-house for six months and the IT service has passed its first
                annual review; the Audit Committee receives a report each quarter.""",
            "contract_management": """A contract manager in the IT service for the infrastructure contract:
                monthly service reviews against the KPIs, quarterly relationship reviews with the
                supplier's account director, and an annual benchmarking review of prices.""",
            "services": [
                (
                    "Payroll and pensions administration",
                    STATUTORY,
                    [1],
                    """Paying 5,800 staff and reporting to HMRC and the Local Government Pension Scheme on
                        time.""",
                    "A failed payroll run would hit every employee.",
                ),
                (
                    "Transactional finance: paying suppliers and collecting income",
                    PRIORITY,
                    [1],
                    "Paying invoices within 30 days and collecting what the council is owed.",
                    "92% of undisputed invoices paid on time against a 97% target.",
                ),
                (
                    "IT infrastructure and service desk",
                    PRIORITY,
                    [0, 1],
                    "Networks, servers, the data centre and the IT service desk.",
                    "Cyber security threats are rising.",
                ),
                (
                    "Online customer services",
                    PRIORITY,
                    [0],
                    "Simple requests done online, first time.",
                    "58% resolved online against a 70% target.",
                ),
                (
                    "Printing and post room",
                    NON_PRIORITY,
                    [1],
                    "In-house printing and outgoing post.",
                    "Used at 55% of capacity.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Payroll and transactional finance",
                    "services": [0, 1],
                    "years": 7,
                    "rationale": """Councils that insourced report better control at lower cost; the
                        market priced above the current contract; and the in-house service is designed so
                        that the two neighbouring councils can join it later as a shared service.""",
                    "options": [
                        {
                            "name": "Bring payroll and transactional finance in-house",
                            "channel": INTERNAL,
                            "description": """Transfer the 62 Meridian staff who do this work to the
                                council under TUPE, on the council's finance system.""",
                            "governance": "Section 151 Officer; Corporate Services Transition Board.",
                            "outcomes": "Invoices paid on time; accurate pay; decisions documented.",
                            "policy": "The best value duty; councillors' wish for control.",
                            "costs": (1400000, 5200000, 900000),
                            "resources": "System configuration; TUPE transfer; a transition team.",
                            "risks": "A payroll failure in the first months.",
                            "swot": (
                                "Control; lower cost per transaction.",
                                "Transition risk.",
                                "A shared service with neighbours later.",
                                "Loss of key staff before transfer.",
                            ),
                            "vfm": """Two councils that insourced report a cost per payslip of £3.10
                                against £4.60 now, and 97% of invoices paid within 30 days; the council's
                                own finance team closes its accounts on time with a clean audit
                                opinion.""",
                            "scores": (4, 4, 3, 4, 3),
                            "adopted": True,
                        },
                        {
                            "name": "Retender as an outsourced service",
                            "channel": CONTRACT,
                            "description": "A new seven-year contract for payroll and transactional finance.",
                            "governance": "Contract management.",
                            "outcomes": "As now.",
                            "policy": "Neutral.",
                            "costs": (350000, 5900000, 200000),
                            "resources": "Procurement.",
                            "risks": "Price above the current contract.",
                            "swot": (
                                "Supplier carries the delivery risk.",
                                "Higher price; managers dissatisfied.",
                                "None.",
                                "Lock-in for seven years.",
                            ),
                            "scores": (3, 2, 3, 3, 4),
                            "rejected": """The market priced above the current contract, and only 64% of
                                managers are satisfied with the outsourced service.""",
                        },
                        {
                            "name": "A shared service with two neighbouring councils",
                            "channel": PARTNERSHIP,
                            "description": "One payroll and finance service for three councils.",
                            "governance": "A joint committee.",
                            "outcomes": "Economies of scale.",
                            "policy": "Fits councils' shared services agenda.",
                            "costs": (900000, 5000000, 1100000),
                            "resources": "Joint programme team.",
                            "risks": "Neighbours cannot commit yet.",
                            "swot": (
                                "Lowest running cost.",
                                "Needs three councils' timing to match.",
                                "More partners later.",
                                "Neighbours' contracts run three more years.",
                            ),
                            "scores": (4, 4, 2, 3, 1),
                            "rejected": """Neighbours cannot commit before their own contracts end in three
                                years; the in-house service is designed so they can join then.""",
                        },
                    ],
                },
                {
                    "title": "IT infrastructure",
                    "services": [2],
                    "years": 5,
                    "rationale": """Infrastructure needs scarce technical skills that a specialist
                        supplier can recruit and keep; a separate contract, with service credits, gives
                        more control than the current bundle.""",
                    "options": [
                        {
                            "name": "Retender IT infrastructure as a separate managed service",
                            "channel": CONTRACT,
                            "description": """A five-year managed service for networks, servers, the data
                                centre and the service desk.""",
                            "governance": "Chief Information Officer; contract manager.",
                            "outcomes": "Reliable systems for staff and residents.",
                            "policy": "Cyber security; the council's digital strategy.",
                            "costs": (600000, 7100000, 650000),
                            "resources": "Procurement; transition from Meridian.",
                            "risks": "Transition between suppliers.",
                            "swot": (
                                "Specialist skills; service credits.",
                                "Dependence on one supplier.",
                                "Move to cloud hosting.",
                                "Cyber attack during transition.",
                            ),
                            "scores": (4, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Insource IT infrastructure",
                            "channel": INTERNAL,
                            "description": "The council's IT service runs infrastructure itself.",
                            "governance": "Chief Information Officer.",
                            "outcomes": "More control, if staff can be found.",
                            "policy": "Neutral.",
                            "costs": (2100000, 7600000, 400000),
                            "resources": "48 more technical staff.",
                            "risks": "Recruitment in a market where the council already has 14 vacancies.",
                            "swot": (
                                "Control.",
                                "Skills shortage; higher cost.",
                                "Career paths.",
                                "Unfilled posts weaken security.",
                            ),
                            "vfm": """We would need 48 more technical staff while already carrying 14
                                vacancies; cost £7.6m a year against £7.1m from the market.""",
                            "scores": (3, 2, 2, 3, 2),
                            "rejected": "Costs more and depends on recruiting skills the council cannot find.",
                        },
                    ],
                },
                {
                    "title": "Customer contact",
                    "services": [3],
                    "years": 5,
                    "rationale": """The council's own centre is good value and well rated; online services
                        need staff who know the council's services to design them.""",
                    "options": [
                        {
                            "name": "Expand online services in the council's Customer Service Centre",
                            "channel": INTERNAL,
                            "description": "Twelve more services online, designed with residents.",
                            "governance": "Head of Customer Services.",
                            "outcomes": "Residents can get what they need easily.",
                            "policy": "71% of residents prefer online for simple requests.",
                            "costs": (750000, 5900000, 950000),
                            "resources": "A digital team of six.",
                            "risks": "Residents without internet left behind.",
                            "swot": (
                                "Knows the services; trusted.",
                                "Digital skills are thin.",
                                "Fewer calls over time.",
                                "Digital exclusion.",
                            ),
                            "vfm": """Cost per contact £4.20 against £5.10 in similar councils; 84% of
                                callers satisfied.""",
                            "scores": (4, 4, 4, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Outsource the contact centre",
                            "channel": CONTRACT,
                            "description": "A contact centre provider handles calls and online requests.",
                            "governance": "Contract management.",
                            "outcomes": "Lower cost, less knowledge.",
                            "policy": "Neutral.",
                            "costs": (200000, 5400000, 700000),
                            "resources": "TUPE of 140 staff.",
                            "risks": "Residents' satisfaction falls.",
                            "swot": (
                                "Lower running cost.",
                                "Less knowledge of council services.",
                                "Longer opening hours.",
                                "Reputational risk.",
                            ),
                            "scores": (3, 4, 2, 2, 3),
                            "rejected": """Lower running cost, but residents rate the council's own centre
                                highly and online services need staff who know them.""",
                        },
                    ],
                },
                {
                    "title": "Printing and post",
                    "services": [4],
                    "years": 5,
                    "rationale": """Hybrid mail through a national framework costs less per page, and the
                        print room is only 55% used; staff are redeployed where possible.""",
                    "options": [
                        {
                            "name": "Close the print room and use hybrid mail",
                            "channel": DECOMMISSION,
                            "description": """Close the print room; letters are sent through a hybrid mail
                                service called off a national framework.""",
                            "governance": "Head of Customer Services.",
                            "outcomes": "Lower cost; the same letters reach residents.",
                            "policy": "The best value duty.",
                            "costs": (40000, 210000, 380000),
                            "resources": "Redeployment support.",
                            "risks": "Urgent printing for elections.",
                            "swot": (
                                "Cheaper per page.",
                                "No same-day printing.",
                                "Space at County Hall freed.",
                                "Election printing peaks.",
                            ),
                            "impact": """Six posts deleted (four staff redeployed, two voluntary
                                redundancies); services lose same-day printing; 1.1 million letters a year
                                go through hybrid mail; election printing bought separately.""",
                            "scores": (3, 5, 3, 3, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Keep the print room",
                            "channel": INTERNAL,
                            "description": "Continue as now.",
                            "governance": "As now.",
                            "outcomes": "As now.",
                            "policy": "Neutral.",
                            "costs": (0, 590000, 0),
                            "resources": "None.",
                            "risks": "Equipment due for replacement.",
                            "swot": (
                                "Same-day printing.",
                                "55% used; higher cost per page.",
                                "None.",
                                "Equipment replacement of £180,000.",
                            ),
                            "vfm": "Cost per page 4.1p against 2.6p through a hybrid mail framework.",
                            "scores": (3, 2, 3, 3, 5),
                            "rejected": "Costs more per page and needs £180,000 of new equipment.",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Executive approves the plan", -1, "Executive Director of Resources", False),
                ("IT infrastructure tender published", 0, "Chief Information Officer", False),
                ("Print room closes; hybrid mail live", 3, "Head of Customer Services", False),
                ("IT infrastructure contract awarded", 5, "Chief Information Officer", True),
                ("Payroll runs in parallel with Meridian for three months", 9, "Head of Payroll", False),
                ("Payroll and finance staff transfer to the council", 12, "Head of HR", False),
                ("New IT infrastructure service live", 15, "Chief Information Officer", True),
            ],
            "risks": [
                (
                    "A payroll run fails in the first months after insourcing.",
                    2,
                    5,
                    "Head of Payroll",
                    "Three parallel runs; Meridian's support retained for three months after transfer.",
                ),
                (
                    "A cyber attack during the move between IT suppliers.",
                    2,
                    5,
                    "Chief Information Officer",
                    "Security testing before cut-over; both suppliers' security teams on call; offline backups.",
                ),
                (
                    "Key Meridian staff leave before transfer, taking knowledge with them.",
                    4,
                    3,
                    "Head of HR",
                    "Early engagement with staff; retention payments agreed with Meridian.",
                ),
                (
                    "Residents without internet find online services harder to use.",
                    3,
                    2,
                    "Head of Customer Services",
                    "Telephone and face-to-face help remain; assisted digital in libraries.",
                ),
                (
                    "Meridian's exit support is poor because its contract is ending.",
                    3,
                    4,
                    "Executive Director of Resources",
                    "Exit plan enforced under the current contract; retention of final payment until handover.",
                ),
                (
                    "Election printing cannot be done at short notice after the print room closes.",
                    1,
                    3,
                    "Head of Democratic Services",
                    "A call-off contract for election printing with two local printers.",
                    True,
                ),
            ],
            "commercial": {
                "start_months": 15,
                "years": 5,
                "extension_options": "2 years",
                "duration_rationale": """Five years pays back the supplier's transition costs; a two-year
                    extension allows a move to cloud hosting at the supplier's next technology refresh.""",
                "payment_mechanism": "fixed_price",
                "payment_terms": """A fixed monthly charge for the managed service (£7.1m a year), with
                    an agreed price list for extra users and projects; service credits deducted from the
                    monthly charge.""",
                "indexation": "CPI each April, capped at 3%",
                "performance_linked": True,
                "payment_rationale": """A fixed charge makes the budget predictable; service credits give the
                    supplier a reason to fix problems quickly.""",
                "kpi_rationale": """Availability and fix times are what staff and residents notice;
                    credits are high enough to matter to a large supplier.""",
                "early_termination": """The council may end the contract on six months' notice if service
                    credits exceed 10% of the monthly charge in any three months of a year, or at once
                    for a serious security breach caused by the supplier.""",
                "early_termination_rationale": """The council cannot run without its IT, so it must be able to
                    change supplier before failure becomes critical.""",
                "liability_limits": """150% of the annual charge for most claims; £10m for data protection
                    breaches; no cap for death or personal injury.""",
                "liability_rationale": """Large IT suppliers will not accept unlimited liability; these caps
                    are at the upper end of the market.""",
                "subcontracting": """Hardware maintenance may be sub-contracted to named firms; anything else
                    with consent. On termination the supplier must transfer licences, configurations and
                    sub-contracts to the council or a new supplier, with six months' exit support.""",
                "subcontracting_rationale": "The council must never be locked in by its supplier's arrangements.",
                "data_protection": """The supplier is a processor; all data stays in the UK; a data
                    processing agreement sets security standards (Cyber Essentials Plus and ISO 27001);
                    breaches are reported within 24 hours.""",
                "data_protection_rationale": "The infrastructure holds every resident's data.",
                "staff_transfer": True,
                "pension_liability": """Fourteen council IT staff who work on infrastructure transfer to the
                    supplier under TUPE and keep membership of the Local Government Pension Scheme through
                    admitted body status; the supplier pays the employer rate set by the fund actuary
                    (18.7%), and the past-service deficit stays with the council under a pass-through
                    arrangement.""",
                "pension_rationale": """Protects staff pensions and keeps bid prices down by leaving a
                    historic deficit the supplier cannot control with the council.""",
                "property_involved": True,
                "property_terms": """The supplier runs the data centre at County Hall under a licence: the
                    council repairs the building, power and cooling; the supplier maintains the equipment
                    and pays for its electricity, measured by sub-meter.""",
                "property_rationale": "The data centre was refurbished in {prev_year} and has ten years of life.",
                "failure_risk": "medium",
                "contingency_level": 3,
                "contingency_arrangements": """Step-in rights; escrow of configurations and documentation;
                    a tested disaster recovery site; a second supplier on the framework ready to take over
                    under a standby agreement.""",
                "contingency_rationale": """A medium risk of failure at a large scale (£7.1m a year, every
                    service depends on it) needs enhanced contingency.""",
                "milestones_rationale": "Service start and transition milestones are contractual.",
                "social_value_economic": """Two IT apprenticeships a year; support for Demoshire small
                    firms through the supply chain.""",
                "social_value_social": "Refurbished laptops donated to community groups through libraries.",
                "social_value_environmental": """Data centre power from renewable sources; equipment recycled
                    to WEEE standards; carbon reporting each year.""",
                "kpis": [
                    (
                        "Availability of core systems in working hours",
                        "Automated monitoring, reported monthly.",
                        "99.8%",
                        "Service credit of 2% of the monthly charge for each 0.1% below",
                    ),
                    (
                        "Priority 1 incidents fixed within four hours",
                        "Service desk records.",
                        "95%",
                        "Service credit of 1% of the monthly charge for each incident over four hours",
                    ),
                    (
                        "Service desk calls resolved first time",
                        "Service desk records.",
                        "80%",
                        "",
                    ),
                ],
            },
        },
    ],
    # Nearly ready: everything is written, but the commercial model proposes standard contingency where a
    # medium risk of failure at this scale needs enhanced, so the checklist refuses it.
    16: [
        {
            "title": "Tobacco, drugs and alcohol: joint plan with the ICB",
            "summary": """Recommission drug and alcohol treatment jointly with the ICB and the Police and
                Crime Commissioner through a section 75 partnership, and retender the integrated lifestyle
                service with targets weighted towards the three most deprived areas, where most of the
                gap in life expectancy arises.""",
            "outcomes": [0, 1],
            "budget": 11300000,
            "staff": 4.0,
            "resources": """£11.3m a year from the public health grant (£36.2m in {cur_fy}) and the
                additional drug and alcohol treatment grant (£4.5m): £7.9m for the drug and alcohol
                treatment and recovery service (Recovery Partnership Demoshire, 3,100 people in treatment)
                and £3.4m for the integrated lifestyle service (Healthy Demoshire CIC, 6,800 people a
                year). The ICB funds tobacco dependency treatment in hospitals and the Police and Crime
                Commissioner contributes £0.6m to criminal justice drug work.""",
            "issues": """Smoking (14.8%) explains most of the gap in life expectancy. Drug-related deaths
                have risen four years running. Grant conditions change yearly while the gap takes decades
                to close. Ethnicity is recorded poorly in GP data.""",
            "governance": """The Health and Wellbeing Board's Combating Drugs Partnership oversees the drug
                and alcohol work; a joint commissioning group of the council, the ICB and the Police and
                Crime Commissioner meets monthly until both services have run for a year, then
                quarterly.""",
            "contract_management": """Joint contract management by the Public Health commissioning team with
                the ICB: monthly data from the national drug treatment monitoring system, quarterly
                performance meetings, an annual service user survey and clinical governance reviews
                twice a year.""",
            "services": [
                (
                    "Drug and alcohol treatment and recovery",
                    PRIORITY,
                    [0, 1],
                    """Treatment, recovery support and harm reduction; a condition of the public health
                        grant and the additional treatment grant.""",
                    "Drug-related deaths rising; waits for residential rehabilitation.",
                ),
                (
                    "Stop smoking support, including in pregnancy",
                    PRIORITY,
                    [0, 1],
                    "Behavioural support and stop smoking aids, weighted to the most deprived areas.",
                    "Quit rates fall where services are far from home.",
                ),
                (
                    "NHS Health Checks",
                    STATUTORY,
                    [0, 1],
                    "Mandated checks for adults aged 40 to 74 every five years.",
                    "Uptake of 38%, lowest where need is highest.",
                ),
                (
                    "Adult weight management",
                    PRIORITY,
                    [0],
                    "Twelve-week programmes in community venues.",
                    "Demand exceeds places.",
                ),
                (
                    "Workplace health awards",
                    NON_PRIORITY,
                    [0],
                    "An award scheme for employers that support staff health.",
                    "Reaches employers who least need it.",
                ),
            ],
            "appraisals": [
                {
                    "title": "Drug and alcohol treatment",
                    "services": [0],
                    "years": 7,
                    "rationale": """Pooling funding with the ICB and the Police and Crime Commissioner
                        joins up treatment with hospital, mental health and criminal justice pathways,
                        which the national drug strategy expects, and brings £1.4m a year of partner
                        funding.""",
                    "options": [
                        {
                            "name": "Joint commissioning with the ICB and the Police and Crime Commissioner",
                            "channel": PARTNERSHIP,
                            "description": """A section 75 pooled budget hosted by the council, tendering
                                one treatment and recovery service with joint specifications.""",
                            "governance": "Combating Drugs Partnership; joint commissioning group.",
                            "outcomes": "More people complete treatment; fewer drug-related deaths.",
                            "policy": "The national drug strategy; the Integrated Care Strategy.",
                            "costs": (120000, 8100000, 1400000),
                            "resources": "Joint commissioning manager; legal time for the agreement.",
                            "risks": "Partners' funding changes yearly.",
                            "swot": (
                                "Joined-up pathways; partner funding.",
                                "Three bodies' governance.",
                                "Mental health and substance use together.",
                                "Grant conditions change yearly.",
                            ),
                            "scores": (5, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "The council retenders treatment alone",
                            "channel": CONTRACT,
                            "description": "Retender the current service on the public health grant only.",
                            "governance": "Council contract management.",
                            "outcomes": "As now.",
                            "policy": "Misses the national expectation of partnership.",
                            "costs": (90000, 7900000, 700000),
                            "resources": "Procurement time.",
                            "risks": "Pathways stay disjointed.",
                            "swot": (
                                "Simpler governance.",
                                "No partner funding.",
                                "None.",
                                "Gaps at hospital discharge and prison release.",
                            ),
                            "scores": (3, 3, 3, 3, 4),
                            "rejected": "Loses £1.4m a year of partner funding and leaves pathways disjointed.",
                        },
                        {
                            "name": "A council-run treatment service",
                            "channel": INTERNAL,
                            "description": "The council employs clinical and recovery staff.",
                            "governance": "Public Health.",
                            "outcomes": "Uncertain.",
                            "policy": "Unusual nationally.",
                            "costs": (900000, 8400000, 700000),
                            "resources": "CQC registration; prescribing staff.",
                            "risks": "No clinical governance in the council.",
                            "swot": (
                                "Direct control.",
                                "No clinical workforce or governance.",
                                "None.",
                                "Clinical risk.",
                            ),
                            "vfm": """The council has no clinical workforce; national benchmarks show
                                council-run services costing about 6% more, with no better outcomes.""",
                            "scores": (2, 2, 1, 2, 1),
                            "rejected": "The council lacks the clinical governance that prescribing requires.",
                        },
                    ],
                },
                {
                    "title": "Integrated lifestyle service",
                    "services": [1, 2, 3, 4],
                    "years": 5,
                    "rationale": """A retender lets the council weight targets and payment to the three
                        most deprived areas, where the gap arises; the market has three capable
                        providers.""",
                    "options": [
                        {
                            "name": "Retender with targets weighted to the most deprived areas",
                            "channel": CONTRACT,
                            "description": """A five-year contract; 60% of quit and health check targets in
                                the three most deprived areas, with outreach in community venues.""",
                            "governance": "Joint contract management with the ICB.",
                            "outcomes": "Smoking falls fastest where it is highest; the gap narrows.",
                            "policy": "Health and Wellbeing Board priority on inequalities.",
                            "costs": (60000, 3500000, 600000),
                            "resources": "Procurement; data from GP practices.",
                            "risks": "Outreach costs more than the provider bids.",
                            "swot": (
                                "Targets where the gap is.",
                                "Harder-to-reach groups cost more.",
                                "Joint outreach with the ICB's health inequalities funding.",
                                "Rising prices of stop smoking aids.",
                            ),
                            "scores": (4, 4, 4, 4, 4),
                            "adopted": True,
                        },
                        {
                            "name": "Deliver through primary care networks",
                            "channel": PARTNERSHIP,
                            "description": "GP practices deliver stop smoking and health checks.",
                            "governance": "Agreement with the ICB.",
                            "outcomes": "Good reach for health checks; weak for quitting.",
                            "policy": "Fits the ICB's neighbourhood model.",
                            "costs": (40000, 3300000, 450000),
                            "resources": "Practice payments.",
                            "risks": "Practices in deprived areas have least capacity.",
                            "swot": (
                                "Patients trust their GP.",
                                "Deprived areas' practices are most stretched.",
                                "Data linked to records.",
                                "Practices withdraw.",
                            ),
                            "scores": (3, 4, 3, 3, 3),
                            "rejected": """Practices in the most deprived areas have the least capacity, so
                                the gap could widen.""",
                        },
                        {
                            "name": "Stop weight management and workplace awards",
                            "channel": DECOMMISSION,
                            "description": "Keep stop smoking and health checks only.",
                            "governance": "Decision by the Executive after consultation.",
                            "outcomes": "Less support for people living with obesity.",
                            "policy": "Saves money but narrows the offer.",
                            "costs": (10000, 2700000, 700000),
                            "resources": "Consultation.",
                            "risks": "Obesity-related illness rises.",
                            "swot": (
                                "Saves £0.7m a year.",
                                "Loses a popular service.",
                                "Money moved to stop smoking.",
                                "Obesity grows.",
                            ),
                            "impact": """About 1,900 people a year would lose access to weight management,
                                many referred by their GP with diabetes risk; about 120 employers would
                                lose the award scheme.""",
                            "scores": (2, 5, 3, 2, 4),
                            "rejected": """Two-thirds of adults are overweight; weight management prevents
                                diabetes, and the saving is small against that.""",
                        },
                    ],
                },
            ],
            "milestones": [
                ("Health and Wellbeing Board endorses the plan", -2, "Consultant in Public Health", False),
                (
                    "Section 75 agreement signed with the ICB and the Commissioner",
                    1,
                    "Joint Commissioning Manager",
                    True,
                ),
                ("Treatment and lifestyle tenders published", 2, "Category Manager, Commercial Team", False),
                ("Contracts awarded", 6, "Category Manager, Commercial Team", True),
                ("New services start", 9, "Consultant in Public Health", True),
            ],
            "risks": [
                (
                    "People in treatment drop out during the change of provider.",
                    3,
                    5,
                    "Consultant in Public Health",
                    """Prescriptions and keyworkers transfer together; a named contact for everyone in
                        treatment; weekly data in the first three months.""",
                ),
                (
                    "A partner reduces its contribution to the pooled budget.",
                    3,
                    3,
                    "Joint Commissioning Manager",
                    "Contributions fixed for three years in the section 75 agreement.",
                ),
                (
                    "Few bids for the weighted lifestyle contract.",
                    2,
                    3,
                    "Category Manager, Commercial Team",
                    "Market engagement with three providers; outreach costs priced separately.",
                ),
                (
                    "National grant conditions change after the contracts are let.",
                    4,
                    2,
                    "Director of Public Health",
                    "Variation clauses for grant changes; break clause at year three.",
                ),
            ],
            "commercial": {
                "start_months": 9,
                "years": 5,
                "extension_options": "2 years",
                "duration_rationale": """Five years gives providers time to build recovery communities; the
                    extension follows the national drug strategy's funding horizon.""",
                "payment_mechanism": "mixed",
                "payment_terms": """Treatment: a fixed price from the pooled budget, with 5% paid for
                    successful completions. Lifestyle: a fixed price for capacity and a payment for each
                    four-week quit and each health check in the most deprived areas.""",
                "indexation": "Agenda for Change pay awards on the staff share; otherwise not indexed",
                "performance_linked": True,
                "payment_rationale": """Mostly fixed, so providers can employ clinical staff; the results
                    share rewards completions and quits where the gap is widest.""",
                "kpi_rationale": """The KPIs are measures of the Public Health Outcomes Framework, so
                    delivery and the strategy's own metrics match.""",
                "early_termination": """Six months' notice after two quarters below target and a failed
                    improvement plan; at once if CQC registration is lost.""",
                "early_termination_rationale": "Continuity of prescribing must be protected during any change.",
                "liability_limits": """Clinical negligence insurance of £10m; £2m for other claims; no cap for
                    death, injury or data breaches.""",
                "liability_rationale": "Clinical services need clinical negligence cover.",
                "subcontracting": """Residential rehabilitation and peer support may be sub-contracted to
                    approved providers; on termination the council may take over sub-contracts.""",
                "subcontracting_rationale": "Specialist and lived-experience providers add value.",
                "data_protection": """Providers are controllers for clinical records and report to the
                    national monitoring system; a data sharing agreement covers referrals from GPs,
                    hospitals and the criminal justice system.""",
                "data_protection_rationale": "Health and criminal justice data are special category data.",
                "failure_risk": "medium",
                "contingency_level": 2,
                "contingency_arrangements": """Business continuity plans; step-in rights; prescribing records
                    shared with GPs so prescriptions can continue if a provider fails.""",
                "contingency_rationale": """Drafted before the value of the pooled budget was settled: the
                    officers proposed standard contingency as for the current single contract.""",
                "milestones_rationale": "The partnership agreement and service starts are contractual.",
                "social_value_economic": "Recovery apprenticeships and paid peer mentor roles.",
                "social_value_social": """Jobs for people in recovery; outreach with community groups in the
                    three most deprived areas.""",
                "social_value_environmental": "Services in local venues, reducing travel to central clinics.",
                "kpis": [
                    (
                        "Successful completions of drug treatment (opiate users)",
                        "National drug treatment monitoring system.",
                        "7%",
                        "Completion payment reduced in proportion below target",
                    ),
                    (
                        "Four-week quits in the three most deprived areas",
                        "Lifestyle service records, validated by carbon monoxide reading.",
                        "1,200 a year",
                        "£150 per quit below target",
                    ),
                ],
            },
        },
    ],
}
