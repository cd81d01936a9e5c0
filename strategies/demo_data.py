"""The demo council ("Demo County Council", the county of Demoshire) used by `manage.py seed_demo`.

Plain data: directorates, people, and 17 Commissioning Strategies modelled on Lincolnshire's 17, which
together cover all of a county council's activity. Every strategy has its own facts, written in plain
English from the domain (seeds 000-004). Text may use these placeholders, filled in at seeding time so
the demo never looks out of date: {prev_fy} (the last complete financial year, e.g. 2025/26), {cur_fy},
{fy_end} (31 March at the end of the current financial year), {prev_year}, {this_year}; in an evidence title, {year} is the year of the evidence.

Whitespace in the text is collapsed, so paragraphs may be wrapped freely in triple-quoted strings.
"""

from commissioning import roles

COUNCIL_NAME = "Demo County Council"
EMAIL_DOMAIN = "demo-council.example"
SITE = "https://www.demo-council.example"

DIRECTORATES = [
    "Adult Care and Community Wellbeing",
    "Children's Services",
    "Place",
    "Fire and Rescue and Public Protection",
    "Resources",
    "Public Health",
]

# The seven sign-ins the demo promises (README / Makefile), then four more commissioners so that
# strategies spread across owners.
USERS = [
    {
        "username": "commissioner",
        "first_name": "Sarah",
        "last_name": "Whitfield",
        "job_title": "Head of Commissioning, Adult Care and Community Wellbeing",
        "roles": [roles.COMMISSIONER],
    },
    {
        "username": "commissioner2",
        "first_name": "Daniel",
        "last_name": "Okafor",
        "job_title": "Head of Commissioning, Children's Services and Transport",
        "roles": [roles.COMMISSIONER],
    },
    {
        "username": "councillor",
        "first_name": "Margaret",
        "last_name": "Fenwick",
        "job_title": "Executive Councillor for Adult Care, Health and Children's Services",
        "roles": [roles.COUNCILLOR],
        "email": "cllr.margaret.fenwick",
    },
    {
        "username": "councillor2",
        "first_name": "Richard",
        "last_name": "Palmer",
        "job_title": "Executive Councillor for Highways, Transport and the Economy",
        "roles": [roles.COUNCILLOR],
        "email": "cllr.richard.palmer",
    },
    {
        "username": "scrutiny",
        "first_name": "Janet",
        "last_name": "Brookes",
        "job_title": "Chairman, Overview and Scrutiny Management Board",
        "roles": [roles.SCRUTINY_MEMBER],
        "email": "cllr.janet.brookes",
    },
    {
        "username": "gateway",
        "first_name": "Graham",
        "last_name": "Ellis",
        "job_title": "Chair, Strategic Commissioning and Procurement Group",
        "roles": [roles.GATEWAY_PANEL],
    },
    {
        "username": "admin",
        "first_name": "Lucy",
        "last_name": "Carter",
        "job_title": "Commissioning Systems Administrator",
        "roles": [roles.ADMINISTRATOR],
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "priya.shah",
        "first_name": "Priya",
        "last_name": "Shah",
        "job_title": "Commissioning Manager, Place",
        "roles": [roles.COMMISSIONER],
    },
    {
        "username": "tom.hargreaves",
        "first_name": "Tom",
        "last_name": "Hargreaves",
        "job_title": "Assistant Chief Fire Officer, Public Protection",
        "roles": [roles.COMMISSIONER],
    },
    {
        "username": "helen.marsh",
        "first_name": "Helen",
        "last_name": "Marsh",
        "job_title": "Head of Corporate Commissioning, Resources",
        "roles": [roles.COMMISSIONER],
    },
    {
        "username": "aisha.rahman",
        "first_name": "Aisha",
        "last_name": "Rahman",
        "job_title": "Consultant in Public Health",
        "roles": [roles.COMMISSIONER],
    },
]

# The sign-ins printed at the end of seeding, in this order.
LOGINS = ["commissioner", "commissioner2", "councillor", "councillor2", "scrutiny", "gateway", "admin"]

# The transitions that take a new strategy to each demo position, applied in order.
PATHS = {
    "analyse": [],
    "plan": ["start_planning"],
    "do": ["start_planning", "start_delivery"],
    "review": ["start_planning", "start_delivery", "start_review"],
    "cycle2": ["start_planning", "start_delivery", "start_review", "recommission"],
    # Archived from Analyse: merged into another strategy before a plan was written.
    "archived": ["archive"],
}

DEFAULT_NOTES = {
    "start_planning": """The Executive approved the strategy and its outcomes, including "{outcome}",
        after the Overview and Scrutiny Management Board saw them. Moving on to the Commissioning Plan.""",
    "start_delivery": "The Executive approved the Commissioning Plan and its commercial model.",
    "start_review": """The delivery plan's milestones are met and the new arrangements have run for a
        year. Starting the outcome-focused review at population and service-user level.""",
}

# Influential documents, shared between strategies: key -> (title, publisher, year, link).
_LEG = "https://www.legislation.gov.uk/ukpga"
_GOV = "https://www.gov.uk/government/publications"
DOCUMENTS = {
    "care_act": ("Care Act 2014", "UK Parliament", 2014, f"{_LEG}/2014/23/contents"),
    "care_guidance": (
        "Care and Support Statutory Guidance",
        "Department of Health and Social Care",
        2014,
        f"{_GOV}/care-act-statutory-guidance/care-and-support-statutory-guidance",
    ),
    "mca": ("Mental Capacity Act 2005", "UK Parliament", 2005, f"{_LEG}/2005/9/contents"),
    "mha": ("Mental Health Act 1983", "UK Parliament", 1983, f"{_LEG}/1983/20/contents"),
    "equality": ("Equality Act 2010", "UK Parliament", 2010, f"{_LEG}/2010/15/contents"),
    "hsca2012": ("Health and Social Care Act 2012", "UK Parliament", 2012, f"{_LEG}/2012/7/contents"),
    "hca2022": ("Health and Care Act 2022", "UK Parliament", 2022, f"{_LEG}/2022/31/contents"),
    "nhs_ltp": ("The NHS Long Term Plan", "NHS England", 2019, "https://www.longtermplan.nhs.uk/"),
    "heart_of_care": (
        "People at the Heart of Care: adult social care reform white paper",
        "Department of Health and Social Care",
        2021,
        f"{_GOV}/people-at-the-heart-of-care-adult-social-care-reform-white-paper",
    ),
    "children_act1989": ("Children Act 1989", "UK Parliament", 1989, f"{_LEG}/1989/41/contents"),
    "children_act2004": ("Children Act 2004", "UK Parliament", 2004, f"{_LEG}/2004/31/contents"),
    "cfa2014": ("Children and Families Act 2014", "UK Parliament", 2014, f"{_LEG}/2014/6/contents"),
    "csw2017": ("Children and Social Work Act 2017", "UK Parliament", 2017, f"{_LEG}/2017/16/contents"),
    "working_together": (
        "Working Together to Safeguard Children 2023",
        "Department for Education",
        2023,
        f"{_GOV}/working-together-to-safeguard-children--2",
    ),
    "education_act": ("Education Act 1996", "UK Parliament", 1996, f"{_LEG}/1996/56/contents"),
    "send_code": (
        "SEND Code of Practice: 0 to 25 years",
        "Department for Education and Department of Health",
        2015,
        f"{_GOV}/send-code-of-practice-0-to-25",
    ),
    "social_value": (
        "Public Services (Social Value) Act 2012",
        "UK Parliament",
        2012,
        f"{_LEG}/2012/3/contents",
    ),
    "procurement_act": ("Procurement Act 2023", "UK Parliament", 2023, f"{_LEG}/2023/54/contents"),
    "lga1999": (
        "Local Government Act 1999 (best value duty)",
        "UK Parliament",
        1999,
        f"{_LEG}/1999/27/contents",
    ),
    "transparency": (
        "Local Government Transparency Code 2015",
        "Department for Communities and Local Government",
        2015,
        f"{_GOV}/local-government-transparency-code-2015",
    ),
    "dpa2018": ("Data Protection Act 2018", "UK Parliament", 2018, f"{_LEG}/2018/12/contents"),
    "nppf": (
        "National Planning Policy Framework",
        "Ministry of Housing, Communities and Local Government",
        2024,
        f"{_GOV}/national-planning-policy-framework--2",
    ),
    "luhra2023": (
        "Levelling-up and Regeneration Act 2023",
        "UK Parliament",
        2023,
        f"{_LEG}/2023/55/contents",
    ),
    "ledca2009": (
        "Local Democracy, Economic Development and Construction Act 2009",
        "UK Parliament",
        2009,
        f"{_LEG}/2009/20/contents",
    ),
    "fwma2010": ("Flood and Water Management Act 2010", "UK Parliament", 2010, f"{_LEG}/2010/29/contents"),
    "environment_act": ("Environment Act 2021", "UK Parliament", 2021, f"{_LEG}/2021/30/contents"),
    "epa1990": ("Environmental Protection Act 1990", "UK Parliament", 1990, f"{_LEG}/1990/43/contents"),
    "fire_act": ("Fire and Rescue Services Act 2004", "UK Parliament", 2004, f"{_LEG}/2004/21/contents"),
    "fire_framework": (
        "Fire and Rescue National Framework for England",
        "Home Office",
        2018,
        f"{_GOV}/fire-and-rescue-national-framework-for-england--2",
    ),
    "crime_disorder": ("Crime and Disorder Act 1998", "UK Parliament", 1998, f"{_LEG}/1998/37/contents"),
    "consumer_rights": ("Consumer Rights Act 2015", "UK Parliament", 2015, f"{_LEG}/2015/15/contents"),
    "da2021": ("Domestic Abuse Act 2021", "UK Parliament", 2021, f"{_LEG}/2021/17/contents"),
    "cca2004": ("Civil Contingencies Act 2004", "UK Parliament", 2004, f"{_LEG}/2004/36/contents"),
    "highways_act": ("Highways Act 1980", "UK Parliament", 1980, f"{_LEG}/1980/66/contents"),
    "tma2004": ("Traffic Management Act 2004", "UK Parliament", 2004, f"{_LEG}/2004/18/contents"),
    "transport_act1985": ("Transport Act 1985", "UK Parliament", 1985, f"{_LEG}/1985/67/contents"),
    "localism": ("Localism Act 2011", "UK Parliament", 2011, f"{_LEG}/2011/20/contents"),
    "phof": (
        "Public Health Outcomes Framework",
        "Office for Health Improvement and Disparities",
        2019,
        "https://www.gov.uk/government/collections/public-health-outcomes-framework",
    ),
}

# How every needs analysis was quality assured: appended to each strategy's own methodology.
METHOD_COMMON = """Each figure was checked with the service's performance lead. Where two sources
    disagreed we used the more recent one and recorded the difference under gaps in data. Acronyms are
    spelled out the first time they are used."""

# One dict per strategy. Keys:
#   n, title, directorate, owner, co (other commissioners), stage (a key of PATHS), purpose;
#   summary, method, political, demographic, legal, policy, performance, voices, partners, resources,
#   market, issues, gaps: the Analyse text (a missing key leaves the field blank: a checklist gap);
#   evidence: (kind, title, source, path under SITE)
#   outcomes: (title, description)
#   metrics: (name, index of outcome, unit, polarity, baseline, target)
#   scope: (area, in scope?, reason)
#   stakeholders: (name, engagement, how)
#   contributions: (service area, contribution)
#   documents: keys of DOCUMENTS
#   starting: (kind, name, provider, annual cost, utilisation, satisfaction, outcomes served, provider input)
#   links: (other strategy n, shared outcome, assumed contribution, direction)
#   notes: transition name -> note (DEFAULT_NOTES otherwise); trigger for recommissioning
#   later_evidence: evidence added after recommissioning (cycle 2)
STRATEGIES = [
    {
        "n": 1,
        "title": "Safeguarding Adults",
        "directorate": "Adult Care and Community Wellbeing",
        "owner": "commissioner",
        "stage": "review",
        "purpose": """Make sure adults at risk of abuse or neglect in Demoshire are safe, are listened to
            and are supported to make their own choices, by commissioning prevention, timely enquiries
            and good advocacy with our partners on the Demoshire Safeguarding Adults Board.""",
        "summary": """Safeguarding concerns about adults rose by 18% in three years to 9,420 in
            {prev_fy}, but the share that became formal enquiries under section 42 of the Care Act 2014
            fell from 31% to 24%. This points to better screening rather than less risk. Neglect is the
            most common type of abuse (34% of enquiries) and most abuse happens in people's own homes.
            Only 68% of people said what they wanted from the enquiry was fully or partly achieved, and
            demand for independent advocacy is higher than the current contract can meet.""",
        "method": """We analysed three years of the Safeguarding Adults Collection (SAC), the national
            return of safeguarding activity; reviewed 40 case files with the Safeguarding Adults Board;
            and ran a Making Safeguarding Personal (MSP) survey of people after their enquiry closed.""",
        "political": """The Executive Councillor for Adult Care has made safeguarding the first priority
            in the Council Business Plan. A safeguarding adults review after a death in a care home found
            that warning signs held by four agencies were never joined up; the human and reputational
            risk of a repeat is the main political risk.""",
        "demographic": """Demoshire's population aged 85 and over will grow by 27% by 2035 and most
            enquiries concern people over 75. We heard from 212 people who had been through an enquiry
            and 60 family carers: they want to be told what is happening and to have someone on their
            side.""",
        "legal": """Sections 42 to 47 of the Care Act 2014 set the duty to make enquiries, to arrange
            independent advocacy and to run a Safeguarding Adults Board. The Mental Capacity Act 2005
            governs decisions for people who lack capacity, including Deprivation of Liberty Safeguards
            (DoLS).""",
        "policy": """Chapter 14 of the Care and Support Statutory Guidance sets six principles:
            empowerment, prevention, proportionality, protection, partnership and accountability. Locally
            the strategy follows the Safeguarding Adults Board's three-year Strategic Plan.""",
        "performance": """In {prev_fy}, 76% of section 42 enquiries were completed within the local
            standard of 60 days (target 85%). 68% of people said their desired outcomes were met, against
            a national average of 73%. Repeat referrals within 12 months were 11.2%.""",
        "voices": """Care providers asked for one clear route to raise a concern and quicker feedback on
            what happened. Police and NHS partners want a shared multi-agency risk meeting. People with
            learning disabilities asked for easy-read letters.""",
        "partners": """Demoshire Police and NHS Demoshire Integrated Care Board (ICB) co-fund the Board
            and plan a joint multi-agency safeguarding hub. The ICB is recommissioning care home quality
            monitoring, which overlaps with our own provider quality visits.""",
        "resources": """The net budget in scope is £4.6m in {cur_fy}: £2.9m for the in-house safeguarding
            team, £0.8m for independent advocacy and £0.3m towards the Board. DoLS assessments cost £0.6m
            a year more than budgeted, and the national replacement scheme remains delayed.""",
        "market": """Three providers in the region can deliver both Care Act and Independent Mental
            Capacity Advocate (IMCA) services. Early market engagement found appetite for one integrated
            advocacy contract covering all statutory advocacy.""",
        "issues": """DoLS assessments compete with enquiries for the same qualified staff. Partners want
            a safeguarding hub, which needs investment before any savings appear. Asking care providers
            to lead some enquiries would be faster but raises questions about independence.""",
        "gaps": """We cannot yet link safeguarding records to NHS data, so we do not know how many people
            were also admitted to hospital. Outcome data comes only from people willing to be surveyed.""",
        "evidence": [
            (
                "jsna",
                "JSNA: Safeguarding adults",
                "Demoshire Public Health Intelligence",
                "jsna/safeguarding",
            ),
            (
                "data_set",
                "Safeguarding Adults Collection (SAC), three years to {prev_fy}",
                "Adult Care Performance Team",
                "data/safeguarding-adults-collection",
            ),
            (
                "survey",
                "Making Safeguarding Personal survey {year}",
                "Demoshire Safeguarding Adults Board",
                "surveys/making-safeguarding-personal",
            ),
        ],
        "outcomes": [
            (
                "Adults at risk are safe and feel safe",
                "People who have been through an enquiry are safe from further harm and feel safer.",
            ),
            (
                "People are in control of their own safeguarding",
                "Enquiries follow what the person wants to achieve (Making Safeguarding Personal).",
            ),
            (
                "Abuse and neglect are prevented",
                "Fewer concerns arise because providers and communities spot risks early.",
            ),
        ],
        "metrics": [
            ("Section 42 enquiries where the risk was reduced or removed", 0, "%", "higher", 88, 92),
            ("People whose desired outcomes were fully or partly met", 1, "%", "higher", 68, 80),
            ("Repeat safeguarding referrals within 12 months", 2, "%", "lower", 11.2, 8),
        ],
        "scope": [
            (
                "Section 42 safeguarding enquiries",
                True,
                "A statutory duty of the council under the Care Act 2014.",
            ),
            (
                "Independent advocacy (Care Act and IMCA)",
                True,
                "People must be able to take part in their own enquiry; advocacy makes that possible.",
            ),
            (
                "Deprivation of Liberty Safeguards assessments",
                False,
                "Held by the Adult Specialist Services strategy, which holds the assessment budget.",
            ),
            (
                "Safeguarding children",
                False,
                "Covered by the Children are Safe and Healthy strategy and the children's partnership.",
            ),
        ],
        "stakeholders": [
            (
                "Demoshire Safeguarding Adults Board",
                "collaborate",
                "A board development session and two workshops on the draft strategy.",
            ),
            (
                "People who have been through an enquiry",
                "coproduce",
                "A reference group of 12 people co-wrote the outcomes with officers.",
            ),
            (
                "Care providers",
                "consult",
                "An online survey answered by 180 providers, and the provider forum.",
            ),
        ],
        "contributions": [
            (
                "Adult social care locality teams",
                "Carry out most enquiries and the reviews that follow them.",
            ),
            ("Trading Standards", "Tackles doorstep crime and scams aimed at older people."),
            ("Fire and Rescue", "Safe and well visits spot self-neglect and hoarding early."),
        ],
        "documents": ["care_act", "care_guidance", "mca"],
        "starting": [
            (
                "contract",
                "Independent advocacy service",
                "Voices Together Advocacy CIC",
                812000,
                "96% of commissioned hours used",
                "87% satisfied ({prev_year})",
                "Helps people take part in their enquiry and say what they want to happen.",
                "Care Act advocacy waits reach six weeks; the provider favours a single contract.",
            ),
            (
                "service",
                "Adult safeguarding team",
                "Demo County Council",
                2900000,
                "9,420 concerns screened in {prev_fy}",
                "68% of people's outcomes met ({prev_year})",
                "Leads enquiries and checks their quality.",
                "",
            ),
            (
                "partnership",
                "Demoshire Safeguarding Adults Board",
                "Council, ICB and Demoshire Police",
                310000,
                "Four board meetings and two safeguarding adults reviews a year",
                "",
                "Sets multi-agency policy and learns from reviews.",
                "",
            ),
        ],
        "links": [
            (
                7,
                "People of all ages are safe from abuse",
                """Children's Services refer young people with safeguarding concerns three months before
                    their 18th birthday, so that adult safeguarding can plan with them.""",
                "both",
            ),
            (
                13,
                "Older people are protected from scams and doorstep crime",
                """Trading Standards runs about 40 scam awareness sessions a year and refers every repeat
                    victim for a safeguarding response.""",
                "from_other",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: one integrated advocacy contract, tendered with a 10%
                social value weighting; the safeguarding team stays in-house, with a pilot multi-agency
                hub.""",
            "start_review": """The new advocacy contract has run for 12 months and the hub pilot has
                ended. Outcome review started with the Safeguarding Adults Board.""",
        },
    },
    {
        "n": 2,
        "title": "Adult Specialist Services",
        "directorate": "Adult Care and Community Wellbeing",
        "owner": "commissioner",
        "stage": "do",
        "purpose": """Help adults with a learning disability, autism or mental health needs, and younger
            adults with physical disabilities, to live as independently as possible in their own
            communities, with support that is personal, safe and good value.""",
        "summary": """About 2,950 adults aged 18 to 64 get long-term support from us, 62% of them with a
            learning disability. Spending on this group has grown by 9% a year, driven by young people
            with complex needs moving from children's services and by residential placements outside
            Demoshire (94 people, at an average of £2,150 a week). Only 58% of adults with a learning
            disability live in their own home or with family, against 80% in similar councils. People
            told us they want jobs, friends and a place of their own.""",
        "method": """We combined the learning disability and autism chapters of the Joint Strategic Needs
            Assessment (JSNA) with the Short and Long Term (SALT) support return, reviewed every
            out-of-county placement, held six focus groups run by self-advocates, and invited providers
            to a supported living market day.""",
        "political": """Councillors want fewer people placed far from home and more people in paid work.
            The risk is financial: the specialist services budget overspent by £3.1m in {prev_fy}.""",
        "demographic": """The number of adults with a learning disability known to us is projected to
            rise by 2.3% a year, with a growing share who have complex needs. The 38 people in our focus
            groups said housing and jobs mattered most.""",
        "legal": """The Care Act 2014 sets duties to assess and meet eligible needs and to shape the care
            market. Section 117 of the Mental Health Act 1983 gives a joint duty with the NHS to provide
            aftercare. The Equality Act 2010 requires reasonable adjustments.""",
        "policy": """Building the Right Support (NHS England, 2015) and the national aim to reduce
            hospital stays for autistic people and people with a learning disability shape this strategy,
            together with the council's Housing for Independence policy.""",
        "performance": """58% of adults with a learning disability live in settled accommodation (similar
            councils 80%) and 4.1% are in paid work (similar councils 5.6%). Out-of-county placements
            rose from 81 to 94 in two years.""",
        "voices": """Self-advocates want to choose who supports them and to be treated as adults. Family
            carers worry about what happens when they can no longer care. Providers say recruiting staff
            is their biggest problem.""",
        "partners": """The ICB funds NHS continuing health care for 160 people and plans joint personal
            budgets. Demoshire Partnership NHS Foundation Trust is redesigning community mental health
            teams. District councils hold the housing allocation policies we depend on.""",
        "resources": """The net budget in scope is £68.4m in {cur_fy}. Young people moving from
            children's services add about £2.4m a year, and the National Living Wage increase adds 6% to
            supported living costs.""",
        "market": """Demoshire has 41 supported living providers, but few can support people whose
            behaviour challenges. The council's own day services are 71% used. Early market engagement
            showed interest in a framework with locality lots.""",
        "issues": """Bringing people back to Demoshire needs new housing that takes two to three years to
            build, while savings are expected now. Families value traditional day centres, which sits
            uneasily with the aim of paid work.""",
        "gaps": """We have no reliable data on autistic adults without a learning disability, as many are
            not known to services. Housing need is estimated, not surveyed.""",
        "evidence": [
            (
                "jsna",
                "JSNA: Learning disability and autism",
                "Demoshire Public Health Intelligence",
                "jsna/learning-disability-autism",
            ),
            (
                "data_set",
                "Short and Long Term (SALT) support return {prev_fy}",
                "Adult Care Performance Team",
                "data/salt-return",
            ),
            (
                "focus_group",
                "Self-advocate focus groups",
                "Demoshire Self Advocacy Network",
                "engagement/self-advocate-focus-groups",
            ),
            (
                "market_engagement",
                "Supported living market day",
                "Commercial Team",
                "market/supported-living",
            ),
        ],
        "outcomes": [
            (
                "Adults with disabilities live in a home of their own choosing",
                "More people live in their own home or with family, and fewer in residential care.",
            ),
            (
                "More disabled adults are in paid work or volunteering",
                "People have purpose, income and friendships through work.",
            ),
            ("People get support close to home", "Fewer people are placed outside Demoshire."),
        ],
        "metrics": [
            ("Adults with a learning disability in settled accommodation", 0, "%", "higher", 58, 70),
            ("Adults with a learning disability in paid employment", 1, "%", "higher", 4.1, 6),
            ("People in residential placements outside Demoshire", 2, "number", "lower", 94, 60),
        ],
        "scope": [
            (
                "Supported living and residential care for adults aged 18 to 64",
                True,
                "The largest share of spending and the focus of the needs analysis.",
            ),
            (
                "Day opportunities and supported employment",
                True,
                "Essential to the outcome on work and community life.",
            ),
            ("Support for people over 65", False, "Covered by Adult Frailty and Long Term Conditions."),
            (
                "NHS continuing health care",
                False,
                "Commissioned by the ICB; joint arrangements are covered under partners' intentions.",
            ),
        ],
        "stakeholders": [
            (
                "Demoshire Self Advocacy Network",
                "coproduce",
                "Ran the focus groups and co-wrote the outcomes.",
            ),
            ("Family carers' forum", "involve", "Three meetings, and two members on the project group."),
            ("Supported living providers", "consult", "The market day and a follow-up survey."),
        ],
        "contributions": [
            (
                "Housing (with the district councils)",
                "Identifies sites and nomination rights for supported housing.",
            ),
            ("Economic development", "Supported employment through the Growth Hub's employer network."),
            (
                "Children's Services",
                "Plans with young people from age 14 through Preparing for Adulthood reviews.",
            ),
        ],
        "documents": ["care_act", "mha", "equality"],
        "starting": [
            (
                "contract",
                "Supported living framework",
                "14 providers on the framework",
                31200000,
                "1,080 people supported",
                "82% satisfied ({prev_year})",
                "Supports people to live in their own homes.",
                "Providers ask for annual price rises linked to the National Living Wage.",
            ),
            (
                "service",
                "In-house day services (six centres)",
                "Demo County Council",
                5800000,
                "71% of places used",
                "90% satisfied ({prev_year})",
                "Day activities and respite for families.",
                "",
            ),
            (
                "contract",
                "Out-of-county residential placements",
                "Spot purchases from 37 providers",
                10500000,
                "94 people",
                "Not measured consistently",
                "Meets complex needs that local services cannot yet meet.",
                "",
            ),
        ],
        "links": [
            (
                9,
                "Young people with disabilities move smoothly into adult life",
                """Children's Services share Preparing for Adulthood data from age 14, so that adult
                    support is ready at 18; we assume about 420 young people a year.""",
                "from_other",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: a new supported living framework in four locality lots,
                an accommodation programme with the district councils, and day services redesigned around
                work and skills.""",
        },
    },
    {
        "n": 3,
        "title": "Adult Frailty and Long Term Conditions",
        "directorate": "Adult Care and Community Wellbeing",
        "owner": "commissioner",
        "stage": "plan",
        "purpose": """Help older people and adults with long term conditions to stay well and independent
            at home for as long as possible, to recover quickly after a crisis and, when they need care,
            to get good quality care at a fair price.""",
        "summary": """Demoshire has 178,000 people aged 65 and over (23% of the population, against 19%
            in England), rising to 214,000 by 2035. Demand for home care grew by 14% in two years, yet
            320 people were waiting for a package of care in March, many of them in hospital. Reablement
            works: 84% of people were still at home 91 days after leaving hospital. The east coast has
            the fewest care workers for the most older people.""",
        "method": """We modelled demand with the Projecting Older People Population Information (POPPI)
            data, reviewed hospital discharge data with the ICB, surveyed 1,100 people who use home care,
            and held early market engagement with 62 home care and care home providers.""",
        "political": """Getting people out of hospital quickly is a joint priority of the council and the
            NHS, and councillors want care work to be a good job. The main risk is a provider failing in
            a fragile market.""",
        "demographic": """People aged over 85 will increase by 27% by 2035. The coastal districts have
            the oldest population and the highest rates of long term illness. People who answered the
            survey valued continuity above all: seeing the same care worker.""",
        "legal": """The Care Act 2014 sets duties to prevent needs, to assess and meet eligible needs and
            to keep the care market sustainable. The Health and Care Act 2022 brings the discharge to
            assess arrangements and integrated care systems.""",
        "policy": """The NHS Long Term Plan and the People at the Heart of Care white paper (2021) steer
            us towards home first and prevention. Locally, the Demoshire Health and Wellbeing Strategy
            makes ageing well a priority.""",
        "performance": """Delayed transfers of care attributable to social care were 9.8 days per 100,000
            population per day (target 6). Permanent admissions to care homes were 611 per 100,000 people
            aged 65 and over, against 560 in similar councils.""",
        "voices": """People want more say over visit times and fewer different care workers. Hospital
            discharge teams want one point of contact. Home care providers want longer contracts so they
            can invest in staff.""",
        "partners": """The ICB is reshaping community health services around neighbourhood teams and
            pools a £38m Better Care Fund with us. It plans to recommission intermediate care beds next
            year.""",
        "resources": """The net budget in scope is £142.7m in {cur_fy}. Home care rates rose by 9.7% this
            year. The Better Care Fund contributes £22m but is agreed only one year at a time.""",
        "market": """There are 96 registered home care providers, but three large ones deliver 40% of
            hours. Care homes are 91% full, and nursing beds are short in the north of the county.""",
        "issues": """The NHS wants faster discharge, which favours short-term beds, while our outcomes
            favour going home first. Paying providers more helps recruitment but squeezes other budgets.""",
        "gaps": """No reliable data on how much home care self-funders buy; unmet need in rural areas is
            estimated from waiting lists only.""",
        "evidence": [
            (
                "jsna",
                "JSNA: Ageing well and frailty",
                "Demoshire Public Health Intelligence",
                "jsna/ageing-well",
            ),
            (
                "open_data",
                "POPPI population projections to 2035",
                "Institute of Public Care (open data)",
                "data/poppi-projections",
            ),
            (
                "survey",
                "Home care user survey {year}",
                "Adult Care Performance Team",
                "surveys/home-care",
            ),
            ("market_engagement", "Home care market engagement event", "Commercial Team", "market/home-care"),
        ],
        "outcomes": [
            (
                "Older people live independently at home for longer",
                "Fewer and later admissions to care homes.",
            ),
            (
                "People recover well after a stay in hospital",
                "People leave hospital on time and regain skills.",
            ),
            (
                "Care is good quality and the market is sustainable",
                "Enough good providers, paid a fair price.",
            ),
        ],
        "metrics": [
            (
                "Delayed transfers of care attributable to social care (days per 100,000 per day)",
                1,
                "days",
                "lower",
                9.8,
                6,
            ),
            ("Older people still at home 91 days after reablement", 1, "%", "higher", 84, 87),
            (
                "Permanent admissions to care homes, aged 65 and over, per 100,000",
                0,
                "per 100,000",
                "lower",
                611,
                560,
            ),
        ],
        "scope": [
            ("Home care and reablement", True, "The core of keeping people at home."),
            ("Residential and nursing care for people over 65", True, "Where home is no longer possible."),
            ("Support for unpaid carers", False, "Covered by the Carers strategy."),
            (
                "Community health services",
                False,
                "Commissioned by the ICB; aligned with us through the Better Care Fund.",
            ),
        ],
        "stakeholders": [
            (
                "NHS Demoshire Integrated Care Board",
                "collaborate",
                "Joint commissioning board and a shared analysis of discharge data.",
            ),
            (
                "Home care users and their families",
                "consult",
                "A postal and telephone survey of 1,100 people.",
            ),
            ("Demoshire Care Association", "involve", "Provider representatives on the project group."),
        ],
        "contributions": [
            ("Adult social care hospital teams", "Assess people for discharge within 24 hours."),
            ("Public Health", "Falls prevention and strength and balance classes."),
            ("Fire and Rescue", "Safe and well visits flag frailty and falls risk."),
        ],
        "documents": ["care_act", "hca2022", "nhs_ltp", "heart_of_care"],
        "starting": [
            (
                "contract",
                "Home care (prime provider contracts)",
                "Five prime providers",
                48600000,
                "1.9 million hours a year",
                "79% satisfied ({prev_year})",
                "Keeps people at home.",
                "Providers ask for five-year contracts and rates that reflect rural travel time.",
            ),
            (
                "service",
                "Reablement service",
                "Demo County Council",
                7400000,
                "2,600 people a year",
                "91% satisfied ({prev_year})",
                "Helps people regain skills after illness or a hospital stay.",
                "",
            ),
            (
                "partnership",
                "Better Care Fund",
                "Council and ICB (pooled budget)",
                38000000,
                "Fully committed",
                "",
                "Joint funding of discharge, reablement and prevention.",
                "",
            ),
        ],
        "links": [
            (
                4,
                "Carers are able to keep caring",
                """The Carers strategy supports about 9,000 carers of older people; we assume it keeps
                    carer breakdown below 5% of emergency care home admissions.""",
                "from_other",
            ),
            (
                16,
                "People live longer, healthier lives",
                """Public Health commissions falls prevention; we assume it holds falls admissions steady
                    despite the growth in the older population.""",
                "from_other",
            ),
        ],
    },
    {
        "n": 4,
        "title": "Carers",
        "directorate": "Adult Care and Community Wellbeing",
        "owner": "commissioner",
        "stage": "cycle2",
        "trigger": "contract_renewal",
        "purpose": """Support unpaid carers of all ages to look after their own health and wellbeing, to
            have a life alongside caring, and to keep caring if they choose to.""",
        "summary": """The 2021 Census recorded 82,400 unpaid carers in Demoshire (11% of the population),
            of whom 24,100 care for 50 or more hours a week. Only 12,600 are known to the carers'
            service. Carers' quality of life scores fell in the last national survey, and young carers
            are under-identified in schools. The carers' support contract ends on {fy_end} and cannot be
            extended again.""",
        "method": """We compared Census 2021 data with carers' service records, used the Survey of Adult
            Carers in England (SACE), reviewed how the first cycle's contract performed, and asked the
            current provider and 300 carers what should change.""",
        "political": """Councillors on the scrutiny board asked for young carers to be a priority. Carers
            save the health and care system far more than is spent on them, so failing them is a
            financial as well as a human risk.""",
        "demographic": """The fastest growth is among carers aged over 65 caring for a partner. Carers in
            the consultation asked for breaks, for information at the point of diagnosis, and for help
            with money.""",
        "legal": """The Care Act 2014 gives adult carers the right to an assessment and to have eligible
            needs met. The Children and Families Act 2014 covers young carers' needs assessments.""",
        "policy": """The national Carers Action Plan and NHS England's commitment to identify carers in
            general practice guide the strategy; locally, the Demoshire Carers' Charter signed by all
            partners.""",
        "performance": """71% of carers' assessments were completed within 28 days. Carer-reported
            quality of life was 7.1 out of 12 (England 7.3). The first cycle increased the carers known
            to the service from 9,800 to 12,600.""",
        "voices": """Carers said the service was good once they found it, but they found it late. GPs
            asked for a simple way to refer. Young carers want teachers to understand what their lives
            are like.""",
        "partners": """The ICB funds carers' breaks through the Better Care Fund and wants a single
            carers' offer across health and care. Schools are piloting young carer champions.""",
        "resources": """The net budget in scope is £3.2m in {cur_fy}: £1.4m for the carers' support
            contract, £1.1m for carers' personal budgets and £0.7m for breaks. The Better Care Fund share
            is agreed yearly.""",
        "market": """Two voluntary organisations can deliver at county scale. The current provider has
            performed well, but its contract has used all its permitted extensions.""",
        "issues": """Finding more carers means more demand for breaks, which are already fully used.
            General information is cheaper, but carers with the heaviest load need personal support.""",
        "gaps": """Census carer numbers are self-reported and undercount young carers. We do not know how
            many carers are also known to their GP as carers.""",
        "evidence": [
            (
                "open_data",
                "Census 2021: unpaid care in Demoshire",
                "Office for National Statistics (open data)",
                "data/census-2021-unpaid-care",
            ),
            (
                "survey",
                "Survey of Adult Carers in England (SACE)",
                "Adult Care Performance Team",
                "surveys/adult-carers",
            ),
            ("consultation", "Carers' consultation {year}", "Commissioning Team", "consultation/carers"),
        ],
        "later_evidence": (
            "other",
            "Carers' support contract review {year}",
            "Commissioning Team",
            "reviews/carers-support-contract",
        ),
        "outcomes": [
            (
                "Carers are identified early and get the right information",
                "Carers find help at diagnosis, not at crisis point.",
            ),
            (
                "Carers look after their own health and wellbeing",
                "Carers have breaks and a life of their own.",
            ),
            ("Young carers are free to be children", "Young carers are identified and supported at school."),
        ],
        "metrics": [
            ("Carers known to the carers' service", 0, "number", "higher", 12600, 16000),
            ("Carer-reported quality of life (score out of 12)", 1, "score", "higher", 7.1, 7.6),
            ("Carers' assessments completed within 28 days", 0, "%", "higher", 71, 85),
        ],
        "scope": [
            (
                "Information, advice and carers' assessments",
                True,
                "Statutory duties under the Care Act 2014.",
            ),
            ("Young carers' support", True, "Scrutiny asked for young carers to be a priority."),
            (
                "Replacement care for the person cared for",
                False,
                "Paid for through the cared-for person's own care plan under the adult strategies.",
            ),
        ],
        "stakeholders": [
            (
                "Demoshire Carers' Centre (current provider)",
                "involve",
                "Quarterly contract reviews and a workshop on lessons learnt.",
            ),
            ("Carers' Partnership Board", "coproduce", "Co-designed the outcomes of both cycles."),
            ("Schools", "consult", "A survey of 90 schools taking part in the young carers pilot."),
        ],
        "contributions": [
            (
                "Adult social care",
                "Carries out carers' assessments alongside the cared-for person's assessment.",
            ),
            ("Education", "Young carer champions in schools."),
            ("Libraries", "Carers' information points in 28 libraries."),
        ],
        "documents": ["care_act", "cfa2014"],
        "starting": [
            (
                "contract",
                "Carers' support service",
                "Demoshire Carers' Centre",
                1400000,
                "12,600 carers registered",
                "88% satisfied ({prev_year})",
                "Information, assessments and emotional support.",
                "The provider asks for a longer contract and funding for a GP liaison worker.",
            ),
            (
                "partnership",
                "Carers' breaks (Better Care Fund)",
                "Council and ICB",
                700000,
                "All break funding committed by January",
                "",
                "Short breaks so carers can keep caring.",
                "",
            ),
        ],
        "links": [
            (
                3,
                "Carers are able to keep caring",
                """We assume that carer support keeps carer breakdown below 5% of emergency care home
                    admissions.""",
                "to_other",
            ),
            (
                7,
                "Young carers are free to be children",
                "Children's Services identify young carers in early help assessments and refer them to us.",
                "both",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: recommission the carers' support service as one county
                contract for three years with an option of two more, including a GP liaison role.""",
            "recommission": """The carers' support contract ends on {fy_end} and cannot be extended
                again. Refreshing the needs assessment before a new plan is agreed.""",
        },
    },
    {
        "n": 5,
        "title": "Community Resilience and Assets",
        "directorate": "Adult Care and Community Wellbeing",
        "owner": "commissioner",
        "stage": "archived",
        "purpose": """Help communities to help themselves, by supporting volunteering, community groups
            and the use of community buildings, so that people have places to go and people to turn to
            before they need council services.""",
        "summary": """There are about 4,300 voluntary and community groups in Demoshire, and 38% of
            adults volunteer at least once a year. Thirty-one community-managed libraries and 160 village
            halls are the backbone of rural life. Groups told us they need help with funding bids,
            volunteers and insurance more than large grants.""",
        "method": """We mapped community assets with Demoshire Voluntary Action, analysed the Residents'
            Survey and held four locality workshops with parish and town councils.""",
        "political": """Councillors wanted a clear offer to parish councils and community groups. The
            risk was duplicating the district councils' own grant schemes.""",
        "demographic": """Rural wards have more volunteers but fewer paid services; younger adults
            volunteer less. Workshop participants asked for one place to find help.""",
        "legal": """The Localism Act 2011 gives communities the right to bid for assets of community
            value. Section 2 of the Care Act 2014 (prevention) links community support with adult care.""",
        "policy": """The national Civil Society Strategy (2018) and the council's Community Asset
            Transfer policy shaped the strategy.""",
        "performance": """Community-managed libraries kept 94% of their opening hours, and 72 community
            groups were helped with funding bids that raised £1.9m.""",
        "voices": """Parish councils asked for a named contact. Groups asked for simpler grant forms and
            shared insurance.""",
        "partners": """District councils run their own small grant schemes and are keen to pool them. The
            ICB funds social prescribing link workers who refer people to community groups.""",
        "resources": """The net budget in scope was £2.1m: £0.9m for the infrastructure support contract
            and £0.7m for community library support.""",
        "market": "One county infrastructure body and several local ones; a stable but small market.",
        "issues": """Community groups want stable funding, while the council prefers short, targeted
            grants. Much of this activity serves the Wellbeing outcomes.""",
        "gaps": "There is no complete register of the condition of community buildings.",
        "evidence": [
            ("survey", "Residents' Survey", "Corporate Performance Team", "surveys/residents"),
            ("data_set", "Community asset map", "Demoshire Voluntary Action", "data/community-asset-map"),
            (
                "consultation",
                "Locality workshops with parish and town councils",
                "Communities Team",
                "consultation/locality-workshops",
            ),
        ],
        "outcomes": [
            ("Communities are resilient and help each other", "More people volunteer and groups thrive."),
            ("Community buildings are open and well used", "Libraries and halls stay open as local hubs."),
        ],
        "metrics": [
            ("Adults who volunteer at least once a year", 0, "%", "higher", 38, 42),
            ("Opening hours kept by community-managed libraries", 1, "%", "higher", 94, 95),
        ],
        "scope": [
            (
                "Voluntary sector infrastructure support",
                True,
                "Helps groups to form, fund and sustain themselves.",
            ),
            (
                "Support to community-managed libraries",
                True,
                "A council commitment when the libraries transferred.",
            ),
            (
                "Grants for one-off events",
                False,
                "Provided by district and parish councils; we signpost to them.",
            ),
        ],
        "stakeholders": [
            ("Demoshire Voluntary Action", "collaborate", "Jointly mapped community assets."),
            ("Parish and town councils", "consult", "Four locality workshops."),
            ("Community library groups", "involve", "Two volunteer representatives on the project group."),
        ],
        "contributions": [
            ("Libraries", "Training and book stock for community-managed libraries."),
            ("Adult social care", "Community connectors refer people to local groups."),
        ],
        "documents": ["localism", "care_act"],
        "starting": [
            (
                "contract",
                "Voluntary sector infrastructure support",
                "Demoshire Voluntary Action",
                900000,
                "410 groups supported a year",
                "84% satisfied",
                "Helps community groups to thrive.",
                "",
            ),
            (
                "service",
                "Community library support team",
                "Demo County Council",
                700000,
                "31 libraries supported",
                "92% satisfied",
                "Keeps community libraries open.",
                "",
            ),
        ],
        "links": [
            (
                6,
                "People live healthy, active and connected lives",
                "Community groups host most of the activities that Wellbeing's social prescribing refers to.",
                "to_other",
            ),
        ],
        "notes": {
            "archive": """Merged into CS-06 Wellbeing before a plan was written: the analysis showed
                that most of its outcomes are shared with Wellbeing, and the Executive decided to bring all
                prevention into one strategy. The infrastructure contract and community library support
                now sit in Wellbeing, and the outcomes carry over.""",
        },
    },
    {
        "n": 6,
        "title": "Wellbeing",
        "directorate": "Public Health",
        "owner": "aisha.rahman",
        "co": ["commissioner"],
        "stage": "do",
        "purpose": """Prevent, reduce and delay the need for care by helping people to stay healthy,
            active, connected and in control of their lives, through early help, social prescribing,
            telecare and community activity.""",
        "summary": """One in five adults in Demoshire say they are often or always lonely, and 14% of
            people over 65 had a fall last year. Early help works: 78% of people supported by the
            wellbeing service needed no further help six months later. Demand rose by 22% after GPs began
            referring through social prescribing.""",
        "method": """We analysed wellbeing service outcomes, Sport England's Active Lives survey and the
            Residents' Survey, and held a workshop with social prescribing link workers and the ICB.""",
        "political": """Prevention is one of the four priorities of the Council Business Plan, and the
            Executive wants the Care Act prevention duty to be visible. The risk is that preventive
            spending is cut first when budgets are tight.""",
        "demographic": """Loneliness is highest among people over 75 living alone and young adults in the
            towns. People told us they want help early, before a crisis, and close to home.""",
        "legal": """Section 2 of the Care Act 2014 places a duty on the council to prevent, reduce and
            delay needs for care. The Health and Social Care Act 2012 gives the council its public health
            duties.""",
        "policy": """The NHS Long Term Plan's model of universal personalised care and the national
            loneliness strategy inform our approach.""",
        "performance": """The wellbeing service supported 9,700 people in {prev_fy}, and 78% needed no
            further help after six months. Telecare responders arrived within 45 minutes for 96% of
            calls.""",
        "voices": """GPs and link workers value the service but want faster first contact. Users like
            telecare but some find the equipment confusing. Community groups want referrals to come with
            a little funding.""",
        "partners": """The ICB employs 48 social prescribing link workers through primary care networks
            and wants to align them with our wellbeing service. District councils deliver Disabled
            Facilities Grants.""",
        "resources": """The net budget in scope is £9.8m in {cur_fy}, including £3.2m from the Better
            Care Fund. The switch of telecare from analogue to digital phone lines adds a one-off £1.1m.""",
        "market": """One county-wide wellbeing provider, and a telecare market with several national
            suppliers; the digital switchover limits the choice of equipment.""",
        "issues": """Prevention saves money over several years while budgets are set annually. Merging
            Community Resilience and Assets into this strategy widens its scope.""",
        "gaps": """We cannot yet link wellbeing service users to their later use of social care or
            hospital, so savings are estimated.""",
        "evidence": [
            (
                "data_set",
                "Wellbeing service outcomes, three years",
                "Public Health Intelligence",
                "data/wellbeing-outcomes",
            ),
            ("open_data", "Active Lives Adult Survey", "Sport England (open data)", "data/active-lives"),
            (
                "focus_group",
                "Social prescribing workshop",
                "Public Health commissioning team",
                "engagement/social-prescribing",
            ),
        ],
        "outcomes": [
            (
                "People live healthy, active and connected lives",
                "Less loneliness and more physical activity.",
            ),
            ("People stay independent at home", "Early help delays the need for formal care."),
            (
                "Communities are resilient and help each other",
                "Carried over from Community Resilience and Assets.",
            ),
        ],
        "metrics": [
            ("Wellbeing service users needing no further help after six months", 1, "%", "higher", 78, 80),
            ("Adults who are often or always lonely", 0, "%", "lower", 20, 17),
            ("Telecare calls responded to within 45 minutes", 1, "%", "higher", 96, 97),
        ],
        "scope": [
            ("Wellbeing service and telecare", True, "The council's main preventive services."),
            (
                "Voluntary sector infrastructure support",
                True,
                "Moved here when Community Resilience and Assets merged into this strategy.",
            ),
            (
                "Disabled Facilities Grants",
                False,
                "A district council duty; aligned through the Better Care Fund.",
            ),
        ],
        "stakeholders": [
            (
                "ICB and primary care networks",
                "collaborate",
                "Joint workshop and shared referral pathway design.",
            ),
            ("Wellbeing service users", "consult", "A telephone survey of 400 people."),
            ("District council housing teams", "involve", "Representatives on the project group."),
        ],
        "contributions": [
            ("Libraries", "Host weekly wellbeing drop-ins."),
            ("Adult social care", "Refers people who are not eligible for care but need some help."),
            ("Fire and Rescue", "Safe and well visits refer people at risk of falls or isolation."),
        ],
        "documents": ["care_act", "hsca2012", "nhs_ltp"],
        "starting": [
            (
                "contract",
                "Wellbeing service",
                "Demoshire Wellbeing Partnership",
                4600000,
                "9,700 people supported a year",
                "91% satisfied ({prev_year})",
                "Short-term help to stay independent.",
                "The provider asks for a referral system shared with GPs.",
            ),
            (
                "contract",
                "Telecare monitoring and response",
                "CareLine Response Ltd",
                2300000,
                "11,400 connections",
                "89% satisfied ({prev_year})",
                "Round-the-clock response to falls and alarms.",
                "Needs a decision on digital equipment by the autumn.",
            ),
            (
                "contract",
                "Voluntary sector infrastructure support",
                "Demoshire Voluntary Action",
                900000,
                "410 groups supported a year",
                "84% satisfied",
                "Transferred from Community Resilience and Assets.",
                "",
            ),
        ],
        "links": [
            (
                16,
                "People live longer, healthier lives",
                "Lifestyle services refer people who need wider support to the wellbeing service.",
                "both",
            ),
            (
                3,
                "Older people live independently at home for longer",
                "We assume the wellbeing service and telecare delay about 350 new home care packages a year.",
                "to_other",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: extend the wellbeing service for two years with new
                outcome measures, move telecare to digital equipment, and keep infrastructure support
                under this strategy.""",
        },
    },
    {
        "n": 7,
        "title": "Children are Safe and Healthy",
        "directorate": "Children's Services",
        "owner": "commissioner2",
        "stage": "review",
        "purpose": """Make sure children and young people in Demoshire are safe, healthy and supported in
            stable families, by commissioning early help, good local homes for children in care, and
            health services for the youngest children.""",
        "summary": """Demoshire has 158,000 children and young people aged 0 to 17. The number of
            children in care rose from 690 to 792 in three years, and the share living with our own
            foster carers fell from 64% to 55%, which means more costly residential placements. Early
            help reached 6,100 families last year, and families who finished an early help plan were less
            likely to be referred to social care again.""",
        "method": """We used the Children in Need census and the children looked after return (SSDA903),
            the health visiting data set, an analysis of the sufficiency of placements, and conversations
            with the Children in Care Council.""",
        "political": """The Executive Councillor for Children's Services has made enough local homes for
            children in care a top priority; residential placement costs are the largest single financial
            risk to the council.""",
        "demographic": """The child population is stable, but teenagers with complex needs are a growing
            share of children in care. Children in care told us they want to live close to their school
            and friends.""",
        "legal": """Section 22G of the Children Act 1989 places a duty on the council to secure enough
            suitable local homes for children in care. The Children Act 2004 sets the duty to cooperate.
            The Health and Social Care Act 2012 makes the council responsible for health visiting and
            school nursing.""",
        "policy": """Working Together to Safeguard Children (2023) and the national reform programme
            Stable Homes, Built on Love shape our approach.""",
        "performance": """Re-referrals to children's social care within 12 months were 19% (England 22%).
            Children in care with three or more placements in a year: 11% (target 9%). Ofsted rated
            children's services Good at the last inspection.""",
        "voices": """Foster carers asked for better support out of hours. Young people want fewer changes
            of social worker. Schools asked for quicker early help responses.""",
        "partners": """Demoshire Police and the ICB are statutory safeguarding partners; the ICB co-funds
            residential placements for children with health needs. Neighbouring councils are forming a
            regional fostering recruitment hub.""",
        "resources": """The net budget in scope is £121.5m in {cur_fy}. External residential placements
            cost £41m, at an average of £6,200 a week and some above £10,000.""",
        "market": """Demand outstrips the supply of local residential and foster homes, and independent
            fostering agencies recruit from the same pool of carers as we do.""",
        "issues": """Opening council-run children's homes needs capital now for savings later. Keeping
            children close to home can conflict with finding the right specialist placement.""",
        "gaps": "Little data on the outcomes of care leavers aged 21 to 25.",
        "evidence": [
            (
                "data_set",
                "Children looked after return (SSDA903), three years",
                "Children's Performance Team",
                "data/children-looked-after",
            ),
            (
                "jsna",
                "JSNA: Children and young people",
                "Demoshire Public Health Intelligence",
                "jsna/children-young-people",
            ),
            (
                "consultation",
                "Children in Care Council conversations",
                "Children's Rights Service",
                "engagement/children-in-care-council",
            ),
            (
                "market_engagement",
                "Placement sufficiency market event",
                "Commercial Team",
                "market/placements",
            ),
        ],
        "outcomes": [
            ("Children are safe and healthy", "Children are protected from harm and have a healthy start."),
            ("Children in care live in stable, local homes", "Fewer moves and more children placed locally."),
            ("Families get help early", "Problems are tackled before they need social care."),
        ],
        "metrics": [
            ("Re-referrals to children's social care within 12 months", 0, "%", "lower", 19, 17),
            ("Children in care with three or more placements in a year", 1, "%", "lower", 11, 9),
            ("Children in care living with council foster carers", 1, "%", "higher", 55, 65),
        ],
        "scope": [
            ("Early help and children's social care", True, "The core of keeping children safe."),
            ("Placements for children in care", True, "The sufficiency duty and the largest cost."),
            ("Health visiting and school nursing (0-19 service)", True, "A healthy start for every child."),
            (
                "Education of children in care (the Virtual School)",
                False,
                "Covered by Learn and Achieve, which holds the Virtual School budget.",
            ),
        ],
        "stakeholders": [
            ("Children in Care Council", "involve", "Four sessions; members helped choose the outcomes."),
            ("Foster carers' association", "consult", "A survey of all 410 fostering households."),
            (
                "Safeguarding partners (Police and ICB)",
                "collaborate",
                "Joint analysis through the safeguarding children partnership.",
            ),
        ],
        "contributions": [
            ("Public Health", "Commissions health visiting and school nursing."),
            ("Property", "Finds and adapts buildings for council-run children's homes."),
            ("Housing (with the district councils)", "Supported accommodation for care leavers."),
        ],
        "documents": ["children_act1989", "children_act2004", "working_together"],
        "starting": [
            (
                "service",
                "In-house fostering service",
                "Demo County Council",
                18400000,
                "436 children placed",
                "86% of foster carers satisfied ({prev_year})",
                "Stable family homes for children in care.",
                "",
            ),
            (
                "contract",
                "Residential children's homes framework",
                "Regional framework, 22 providers",
                41000000,
                "118 children placed",
                "Not measured consistently",
                "Homes for children whose needs cannot be met in foster care.",
                "Providers report staff shortages and rising insurance costs.",
            ),
            (
                "contract",
                "Health visiting and school nursing (0-19 service)",
                "Demoshire Community Health Services NHS Trust",
                12600000,
                "96% of new birth visits within 14 days",
                "92% of parents satisfied",
                "A healthy start for every child.",
                "The trust asks for a digital child health record shared with GPs.",
            ),
        ],
        "links": [
            (
                8,
                "Children achieve their potential at school",
                "We assume the Virtual School keeps school attendance of children in care above 92%.",
                "both",
            ),
            (
                1,
                "People of all ages are safe from abuse",
                "Adult safeguarding takes over planning for young people at risk when they turn 18.",
                "both",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: a fostering recruitment campaign, two council-run
                children's homes, and joint commissioning of placements for children with health needs
                with the ICB.""",
            "start_review": """A year of delivery: both homes open and 31 more fostering households.
                Review with the Children and Young People Scrutiny Committee.""",
        },
    },
    {
        "n": 8,
        "title": "Learn and Achieve",
        "directorate": "Children's Services",
        "owner": "commissioner2",
        "stage": "plan",
        "purpose": """Help every child and young person to attend a good school, make good progress and
            achieve their potential, with the right support for those with special educational needs and
            disabilities (SEND).""",
        "summary": """There are 112,000 pupils in 363 schools. Education, Health and Care Plans (EHCPs)
            rose by 64% in five years to 7,200, and only 31% of new plans were completed within 20 weeks.
            Home-to-school transport for pupils with SEND costs £28m a year, up 40% in three years. The
            gap at age five between disadvantaged children and others is wider than the national gap.""",
        "method": """We analysed the school census, the SEN2 return, Early Years Foundation Stage Profile
            results and transport data, and held sessions with the Parent Carer Forum and headteachers.""",
        "political": """Councillors want SEND assessments on time and value for money in transport. The
            deficit on the High Needs Block of the schools grant (£19m) is the main financial risk.""",
        "demographic": """Primary pupil numbers will fall slightly, and secondary numbers rise for four
            more years. Parents told us they want mainstream schools to be more inclusive so children can
            learn close to home.""",
        "legal": """The Education Act 1996 sets duties on school places and home-to-school transport. The
            Children and Families Act 2014 sets the SEND duties, including the 20-week limit for EHCPs.""",
        "policy": """The SEND Code of Practice (2015) and the national SEND and Alternative Provision
            Improvement Plan guide this strategy.""",
        "performance": """New EHCPs within 20 weeks: 31% (England 50%). The Early Years Foundation Stage
            Profile gap was 20% against a target of 19%; here smaller is better, so the target was not
            achieved. Persistent absence in secondary schools: 22%.""",
        "voices": """Parents report long waits and having to fight for support. Headteachers want
            outreach from special schools. Transport operators say contracts are too short to invest in
            vehicles.""",
        "partners": """The ICB funds the therapies written into EHCPs and wants a joint assessment
            workforce. Several multi-academy trusts are keen to host specialist units in mainstream
            schools.""",
        "resources": """The net budget in scope is £96.3m in {cur_fy}. The High Needs Block deficit is
            £19m and growing, and transport costs grow by 12% a year.""",
        "market": """Independent special schools cost on average £62,000 a year per pupil, and there are
            not enough local special school places.""",
        "issues": """More local special school places would cut transport and independent school costs,
            but take capital and time. Inclusion in mainstream schools needs skills that schools say they
            lack.""",
        "gaps": "No shared data with the NHS on waiting times for therapies.",
        "evidence": [
            (
                "data_set",
                "School census and SEN2 return",
                "Children's Performance Team",
                "data/school-census-sen2",
            ),
            (
                "open_data",
                "Early Years Foundation Stage Profile results",
                "Department for Education (open data)",
                "data/eyfsp-results",
            ),
            (
                "focus_group",
                "Parent Carer Forum sessions",
                "Demoshire Parent Carer Forum",
                "engagement/parent-carers",
            ),
        ],
        "outcomes": [
            ("Children achieve their potential at school", "Good attendance and progress for every child."),
            (
                "Children with SEND get the right support at the right time",
                "Timely assessment and local provision.",
            ),
            (
                "The gap for disadvantaged children narrows",
                "Disadvantaged children start school ready to learn.",
            ),
        ],
        "metrics": [
            ("New EHCPs issued within 20 weeks", 1, "%", "higher", 31, 60),
            ("Early Years Foundation Stage Profile gap (smaller is better)", 2, "%", "lower", 20, 19),
            ("Secondary pupils persistently absent", 0, "%", "lower", 22, 18),
        ],
        "scope": [
            ("SEND assessment and provision", True, "Statutory duties and the High Needs Block deficit."),
            ("Home-to-school transport", True, "Most of the cost is for pupils with SEND."),
            (
                "School improvement in academies",
                False,
                "Academies answer to the Department for Education; we influence through partnership.",
            ),
        ],
        "stakeholders": [
            ("Demoshire Parent Carer Forum", "coproduce", "Co-chaired the project group."),
            ("Headteachers' associations", "involve", "Primary and secondary heads on the project group."),
            ("NHS Demoshire Integrated Care Board", "collaborate", "Joint SEND data and workforce analysis."),
        ],
        "contributions": [
            ("Highways and Transport", "The passenger transport unit procures and runs school routes."),
            ("Property", "The capital programme for special school places."),
            ("Public Health", "School nursing and emotional wellbeing support."),
        ],
        "documents": ["education_act", "cfa2014", "send_code"],
        "starting": [
            (
                "contract",
                "Home-to-school transport routes",
                "112 taxi and coach operators",
                28000000,
                "5,900 pupils a day",
                "81% of parents satisfied",
                "Gets pupils to school safely and on time.",
                "Operators ask for longer contracts to invest in accessible vehicles.",
            ),
            (
                "contract",
                "Independent special school placements",
                "38 providers",
                24000000,
                "387 pupils",
                "Not measured consistently",
                "Meets needs that local schools cannot yet meet.",
                "",
            ),
            (
                "service",
                "SEND assessment team",
                "Demo County Council",
                3100000,
                "1,350 assessments a year",
                "54% of parents satisfied ({prev_year})",
                "Statutory assessment and EHCPs.",
                "",
            ),
        ],
        "links": [
            (
                9,
                "Young people are ready for adult life",
                "Preparing for Adulthood reviews in Year 9 start the move to adult life.",
                "to_other",
            ),
            (
                17,
                "Pupils travel to school safely and on time",
                """Highways and Transport's passenger transport unit procures and manages school routes;
                    we assume route costs rise by no more than 5% a year.""",
                "from_other",
            ),
        ],
    },
    {
        "n": 9,
        "title": "Readiness for Adult Life",
        "directorate": "Children's Services",
        "owner": "commissioner2",
        "co": ["commissioner"],
        "stage": "analyse",
        # Deliberately incomplete: partners, market, gaps in data, metrics, out of scope and
        # interdependencies are still to do, so the checklist shows gaps.
        "purpose": """Help young people aged 14 to 25 to leave school ready for work, further learning
            and independent adult life, with particular help for care leavers and young people with SEND.""",
        "summary": """About 3.1% of 16 and 17 year olds are not in education, employment or training
            (NEET) or their activity is not known. Care leavers are three times more likely to be NEET.
            About 420 young people with EHCPs turn 18 each year, and adult services often hear about them
            late.""",
        "method": """We analysed the NEET tracking data and the care leavers' return, and have started
            interviews with young people and further education colleges.""",
        "political": """Councillors want every young person to have a next step after school. The risk is
            young people reaching 18 with no plan and needing crisis support.""",
        "demographic": """The number of 16 to 18 year olds will rise by 6% over five years. Care leavers
            told us they want a home, a job and someone who stays in touch.""",
        "legal": """The Children and Social Work Act 2017 extends support to care leavers up to 25. The
            Children and Families Act 2014 covers SEND up to 25 and Preparing for Adulthood.""",
        "policy": """The national Care Leaver Covenant and the SEND Code of Practice guide this work.""",
        "performance": """NEET and not known: 3.1% (England 5.2%). Care leavers aged 19 to 21 in
            education, employment or training: 52%.""",
        "voices": """Care leavers want help to manage money and a flat. Colleges want earlier information
            about students with SEND.""",
        "resources": """The net budget in scope is £8.9m in {cur_fy}, mostly the leaving care service and
            careers guidance.""",
        "issues": """Colleges and adult services each plan separately for the same young people.""",
        "evidence": [
            (
                "data_set",
                "NEET and not known tracking",
                "Careers and Participation Team",
                "data/neet-tracking",
            ),
            ("survey", "Care leavers' survey {year}", "Leaving Care Service", "surveys/care-leavers"),
        ],
        "outcomes": [
            (
                "Young people are ready for adult life",
                "Every young person has a next step in learning or work.",
            ),
            (
                "Care leavers have a home, a job or learning, and someone to turn to",
                "Care leavers are supported until 25.",
            ),
        ],
        "scope": [
            (
                "Careers guidance and participation tracking",
                True,
                "A statutory duty for 16 and 17 year olds.",
            ),
            ("Leaving care service", True, "Corporate parenting duties up to age 25."),
        ],
        "stakeholders": [
            ("Care leavers' forum", "involve", "Monthly meetings while the strategy is drafted."),
            ("Further education colleges", "consult", "Interviews with the four colleges."),
        ],
        "contributions": [
            ("Adult social care", "Preparing for Adulthood reviews from age 14 for young people with SEND."),
        ],
        "documents": ["cfa2014", "csw2017"],
        "starting": [
            (
                "service",
                "Leaving care service",
                "Demo County Council",
                6200000,
                "640 care leavers supported",
                "79% satisfied ({prev_year})",
                "Personal advisers for care leavers up to 25.",
                "",
            ),
        ],
        "links": [],
    },
    {
        "n": 10,
        "title": "Sustaining and Developing Prosperity through Infrastructure",
        "directorate": "Place",
        "owner": "priya.shah",
        "stage": "plan",
        "purpose": """Plan and secure the infrastructure Demoshire needs to grow (roads, digital
            connections, flood defences, school places and utilities) so that new homes and jobs come
            with the services they need.""",
        "summary": """The district councils' local plans allocate 62,000 new homes by 2040. Developer
            contributions fund only about 45% of the infrastructure those homes need. 97% of premises can
            get superfast broadband but only 41% can get gigabit-capable broadband, well below England.
            Limited electricity grid capacity is holding back new employment sites near Kingsbridge.""",
        "method": """We used the district councils' Infrastructure Delivery Plans, Ofcom's Connected
            Nations data and utility companies' capacity maps, and interviewed developers and utility
            companies.""",
        "political": """Councillors want growth without overloaded roads and schools. The risk is that
            homes are built before the infrastructure, damaging public confidence in growth.""",
        "demographic": """The population is forecast to grow by 9% by 2040, mostly around the three
            largest towns. Residents in the consultation on the local plans named roads and GP surgeries
            as their top concerns.""",
        "legal": """The Levelling-up and Regeneration Act 2023 introduces the new Infrastructure Levy;
            section 106 agreements and the Community Infrastructure Levy remain until it starts.""",
        "policy": """The National Planning Policy Framework requires infrastructure to be planned
            alongside growth; locally, the district councils' local plans and the council's
            Infrastructure Plan.""",
        "performance": """Section 106 contributions secured cover 45% of assessed need. Gigabit-capable
            coverage rose from 22% to 41% in three years.""",
        "voices": """Developers want earlier, clearer requests for contributions. Businesses on rural
            estates say poor connectivity is their biggest barrier.""",
        "partners": """District councils lead on planning, and the water and power companies plan
            investment in five-year cycles. Building Digital UK leads the national gigabit programme.""",
        "resources": """The net revenue budget in scope is £3.4m in {cur_fy}, with a ten-year capital
            programme of £420m, 60% of it dependent on government grants.""",
        "market": """Contractors for major schemes are in short supply regionally; broadband is delivered
            by commercial suppliers with government subsidy.""",
        "issues": """Grid capacity is outside the council's control but holds back growth. Capital grants
            come in competitive rounds that do not match our plans.""",
        "gaps": "Utility companies' investment plans are confidential beyond five years.",
        "evidence": [
            (
                "data_set",
                "Infrastructure Delivery Plans of the district councils",
                "District councils",
                "data/infrastructure-delivery-plans",
            ),
            ("open_data", "Connected Nations report", "Ofcom (open data)", "data/connected-nations"),
            (
                "market_engagement",
                "Developer and utilities forum",
                "Growth Team",
                "market/developers-utilities",
            ),
        ],
        "outcomes": [
            (
                "Growth is supported by the right infrastructure",
                "New homes come with roads, schools and services.",
            ),
            ("Communities and businesses are digitally connected", "Gigabit broadband across the county."),
        ],
        "metrics": [
            ("Premises with gigabit-capable broadband", 1, "%", "higher", 41, 85),
            ("Infrastructure need covered by developer contributions", 0, "%", "higher", 45, 60),
        ],
        "scope": [
            (
                "Infrastructure planning and developer contributions",
                True,
                "Council duties as a county authority.",
            ),
            ("Digital connectivity programme", True, "A council priority for rural areas."),
            ("Housing delivery", False, "A district council function; we plan infrastructure around it."),
        ],
        "stakeholders": [
            ("District councils", "collaborate", "Joint infrastructure planning group."),
            ("Developers and utility companies", "consult", "Developer and utilities forum."),
            ("Residents", "inform", "Summary published with the local plan consultations."),
        ],
        "contributions": [
            ("Highways and Transport", "Designs and delivers major road schemes."),
            ("Children's Services", "Plans school places for new housing."),
            ("Property", "Manages the council's land for growth."),
        ],
        "documents": ["nppf", "luhra2023", "social_value"],
        "starting": [
            (
                "contract",
                "Rural gigabit broadband contract",
                "Fibre Connect Ltd",
                4200000,
                "18,000 premises connected so far",
                "",
                "Connects rural homes and businesses.",
                "The supplier reports wayleave delays on private land.",
            ),
            (
                "service",
                "Infrastructure planning and developer contributions team",
                "Demo County Council",
                1200000,
                "420 planning applications a year",
                "",
                "Secures developer contributions for infrastructure.",
                "",
            ),
        ],
        "links": [
            (
                17,
                "Growth is supported by the right infrastructure",
                "Highways and Transport delivers the major road schemes in the Infrastructure Plan.",
                "both",
            ),
            (
                12,
                "Businesses grow and create good jobs",
                "We assume employment sites are serviced in time for the business growth programme.",
                "to_other",
            ),
        ],
    },
    {
        "n": 11,
        "title": "Protecting and Sustaining the Environment",
        "directorate": "Place",
        "owner": "priya.shah",
        "stage": "analyse",
        "purpose": """Protect Demoshire's people, homes and countryside from flooding, manage waste
            sustainably and help the county reach net zero, while looking after its landscape and
            heritage.""",
        "summary": """About 58,000 homes are at risk of flooding from rivers or surface water, and the
            last major floods affected 1,270 homes. Of household waste, 44% is recycled, 52% is used to
            generate energy and 4% goes to landfill. The council's own carbon emissions have fallen by
            38% since 2019, but the county's have fallen by only 19%.""",
        "method": """We used the Environment Agency's flood risk maps, the council's waste data returns
            and the county carbon inventory, and held a climate panel of 40 randomly selected residents.""",
        "political": """Flood protection is a top concern for councillors in the fens and on the coast.
            The council declared a climate emergency and committed to net zero for its own estate by
            2050.""",
        "demographic": """Flood risk is highest in low-lying rural areas with older residents. The
            climate panel supported more recycling but not higher charges.""",
        "legal": """The Flood and Water Management Act 2010 makes the council the lead local flood
            authority. The Environmental Protection Act 1990 sets waste disposal duties, and the
            Environment Act 2021 brings simpler recycling and biodiversity net gain.""",
        "policy": """The national Flood and Coastal Erosion Risk Management Strategy and the Resources
            and Waste Strategy for England shape this strategy, with the council's Green Masterplan.""",
        "performance": """Household waste sent to landfill: 4% (target 2%). The Energy from Waste plant
            runs at 98% of capacity, but its heat is not yet sold. Homes better protected by completed
            schemes: 1,900.""",
        "voices": """Flooded communities want faster drainage repairs and better warnings. Parish
            councils asked for a flood warden scheme.""",
        "partners": """The Environment Agency and internal drainage boards plan their own investment; the
            district councils collect waste and will introduce food waste collections.""",
        "resources": """The net budget in scope is £48.2m in {cur_fy}, of which £39m is waste disposal.
            Flood schemes depend on partnership funding from government.""",
        "market": """Few contractors can handle food waste at scale; flood scheme contractors are shared
            with the Environment Agency's frameworks.""",
        "issues": """Food waste collections will reduce what goes to Energy from Waste, affecting its
            efficiency. Net zero investment competes with statutory services for capital.""",
        "gaps": "Surface water flood risk in small villages is modelled only at a coarse scale.",
        "evidence": [
            (
                "open_data",
                "Flood risk maps for Demoshire",
                "Environment Agency (open data)",
                "data/flood-risk-maps",
            ),
            ("data_set", "Waste data returns", "Waste Services", "data/waste-returns"),
            ("consultation", "Residents' climate panel", "Sustainability Team", "consultation/climate-panel"),
        ],
        "outcomes": [
            ("Reduce the risk of flooding", "Fewer homes and businesses flooded."),
            ("Waste is managed sustainably", "More recycling and less landfill."),
            ("The council reaches net zero by 2050", "Lower emissions from the council's estate and fleet."),
        ],
        "metrics": [
            ("Homes better protected by completed flood schemes", 0, "number", "higher", 1900, 3500),
            ("Household waste sent to landfill", 1, "%", "lower", 4, 2),
            ("Council carbon emissions (tonnes of CO2 equivalent)", 2, "tonnes", "lower", 21400, 15000),
        ],
        "scope": [
            ("Flood risk management", True, "A statutory role as lead local flood authority."),
            ("Waste disposal and recycling centres", True, "A statutory duty as waste disposal authority."),
            (
                "Waste collection",
                False,
                "A district council function; we coordinate through the waste partnership.",
            ),
        ],
        "stakeholders": [
            (
                "Environment Agency and internal drainage boards",
                "collaborate",
                "Joint flood risk partnership.",
            ),
            ("Residents' climate panel", "involve", "Four sessions of deliberation."),
            ("District councils (waste partnership)", "collaborate", "Shared waste strategy."),
        ],
        "contributions": [
            ("Highways and Transport", "Cleans gullies and maintains highway drainage."),
            ("Fire and Rescue", "Responds to flooding and runs community flood exercises."),
            ("Property", "Decarbonises council buildings."),
        ],
        "documents": ["fwma2010", "epa1990", "environment_act"],
        "starting": [
            (
                "contract",
                "Energy from Waste facility operation",
                "EnviroPower Demoshire Ltd",
                21500000,
                "190,000 tonnes a year, 98% of capacity",
                "",
                "Diverts waste from landfill and generates electricity.",
                "The operator seeks a partner to use the heat the plant produces.",
            ),
            (
                "contract",
                "Household waste recycling centres",
                "Greencycle Services Ltd",
                6800000,
                "11 sites, 1.4 million visits a year",
                "93% satisfied ({prev_year})",
                "Recycling and safe disposal for residents.",
                "",
            ),
            (
                "partnership",
                "Demoshire Flood Risk Partnership",
                "Environment Agency, drainage boards and district councils",
                850000,
                "12 schemes in the programme",
                "",
                "Joint flood schemes and warnings.",
                "",
            ),
        ],
        "links": [
            (
                17,
                "Reduce the risk of flooding",
                "Highways cleans 140,000 gullies, the high-risk ones twice a year; we assume that continues.",
                "from_other",
            ),
            (
                13,
                "People are safe from fire and other emergencies",
                "Fire and Rescue leads the emergency response to floods and trains flood wardens.",
                "from_other",
            ),
        ],
    },
    {
        "n": 12,
        "title": "Sustaining and Growing Business and the Economy",
        "directorate": "Place",
        "owner": "priya.shah",
        "stage": "do",
        "purpose": """Help Demoshire's businesses to start, grow and create well-paid jobs, and help
            residents gain the skills employers need, with a focus on agri-food, manufacturing, energy
            and the visitor economy.""",
        "summary": """Output per head in Demoshire is 78% of the England average. There are 31,000
            businesses, 94% of them with fewer than ten staff. The visitor economy is worth £1.6bn a
            year. Employers report skills shortages in engineering, care and agri-food, and 52% of
            working-age residents hold qualifications at level 3 (A level) or above.""",
        "method": """We used Office for National Statistics business and labour market data, the Local
            Skills Improvement Plan, and an employer survey run with the Chamber of Commerce.""",
        "political": """The Council Business Plan commits to more and better-paid jobs. The risk is
            dependence on short-term government funding for business support.""",
        "demographic": """The working-age population will shrink slightly as the population ages.
            Employers in the survey named recruitment as their top problem.""",
        "legal": """The Local Democracy, Economic Development and Construction Act 2009 sets the economic
            assessment duty; the Public Services (Social Value) Act 2012 applies to everything we buy.""",
        "policy": """The national Industrial Strategy and the Local Skills Improvement Plan frame our
            work, with the council's Economic Plan.""",
        "performance": """The Growth Hub supported 2,300 businesses last year, and 1,150 jobs were
            created or safeguarded with council support.""",
        "voices": """Small businesses want one place to get help. Colleges want employers to co-design
            courses.""",
        "partners": """The Chamber of Commerce leads the Local Skills Improvement Plan; district councils
            run town centre and tourism programmes.""",
        "resources": """The net budget in scope is £5.1m in {cur_fy}, plus £6m of government growth
            funding that ends in two years.""",
        "market": "Business support providers are few and mostly grant-funded.",
        "issues": """Growth funding is short-term, while business support needs continuity. Social value
            commitments from our contracts could create jobs but are poorly tracked.""",
        "gaps": "No reliable data on how many jobs our social value commitments actually create.",
        "evidence": [
            (
                "open_data",
                "Business counts and labour market statistics",
                "Office for National Statistics (open data)",
                "data/business-labour-market",
            ),
            ("survey", "Employer skills survey", "Demoshire Chamber of Commerce", "surveys/employer-skills"),
        ],
        "outcomes": [
            ("Businesses grow and create good jobs", "More, better-paid jobs across the county."),
            ("People have the skills employers need", "More residents with higher-level skills."),
        ],
        "metrics": [
            ("Jobs created or safeguarded with council support", 0, "number", "higher", 1150, 1500),
            ("Working-age residents qualified to level 3 or above", 1, "%", "higher", 52, 57),
        ],
        "scope": [
            ("Business support and the Growth Hub", True, "The council's main lever on business growth."),
            ("Skills and employment programmes", True, "Responds to the skills shortages employers report."),
            ("Further education funding", False, "Funded nationally; we influence through the skills plan."),
        ],
        "stakeholders": [
            ("Demoshire Chamber of Commerce", "collaborate", "Jointly ran the employer survey."),
            ("Further education colleges", "involve", "Members of the skills board."),
            ("Small businesses", "consult", "Employer survey of 850 businesses."),
        ],
        "contributions": [
            ("Procurement", "Social value commitments in council contracts."),
            ("Highways and Transport", "Access to employment sites."),
        ],
        "documents": ["ledca2009", "social_value"],
        "starting": [
            (
                "contract",
                "Growth Hub business support",
                "Demoshire Chamber of Commerce",
                1100000,
                "2,300 businesses supported a year",
                "88% satisfied ({prev_year})",
                "Advice, finance and networks for growing businesses.",
                "Asks for a three-year contract to keep experienced advisers.",
            ),
            (
                "service",
                "Economic development team",
                "Demo County Council",
                1600000,
                "14 staff",
                "",
                "Investment, inward investment enquiries and sector growth.",
                "",
            ),
        ],
        "links": [
            (
                10,
                "Businesses grow and create good jobs",
                "We rely on serviced employment sites and gigabit broadband from the infrastructure plan.",
                "from_other",
            ),
            (
                8,
                "People have the skills employers need",
                "Schools' careers programmes connect pupils with local employers.",
                "from_other",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: a three-year Growth Hub contract with payment linked to
                jobs created, and a social value tracking system for council contracts.""",
        },
    },
    {
        "n": 13,
        "title": "Protecting the Public",
        "directorate": "Fire and Rescue and Public Protection",
        "owner": "tom.hargreaves",
        "stage": "review",
        "purpose": """Keep people safe from fire, crime, unsafe goods and scams, by delivering and
            commissioning fire prevention, protection and response, trading standards, community safety
            and emergency planning.""",
        "summary": """Accidental dwelling fires fell from 410 to 352 a year over five years, but fire
            deaths are concentrated among older people living alone. Trading Standards received 4,900
            consumer complaints, and scams cost Demoshire residents an estimated £5.8m a year. Domestic
            abuse incidents reported to the police rose by 9%.""",
        "method": """We used the fire service's incident recording data, the Community Risk Management
            Plan, Trading Standards intelligence and the community safety partnership's strategic
            assessment.""",
        "political": """Public safety is a statutory core of the council's work, and councillors want
            response times protected in rural areas. The risk is a serious incident with a slow response.""",
        "demographic": """Older people living alone are at the highest risk of fire deaths and scams.
            Residents' survey respondents rated fire and rescue the most trusted council service.""",
        "legal": """The Fire and Rescue Services Act 2004, the Crime and Disorder Act 1998, the Consumer
            Rights Act 2015, the Domestic Abuse Act 2021 (duty to provide safe accommodation) and the
            Civil Contingencies Act 2004 set our duties.""",
        "policy": """The Fire and Rescue National Framework for England requires a Community Risk
            Management Plan; locally, the community safety partnership plan.""",
        "performance": """Accidental dwelling fires: 45.7 per 100,000 population (target 40). Fire
            engines reached life-risk incidents within the standard in 89% of cases. 87% of scam victims
            helped did not lose money again.""",
        "voices": """Rural communities want on-call fire stations kept. Victims of domestic abuse asked
            for refuge places closer to their support networks.""",
        "partners": """Demoshire Police, the Police and Crime Commissioner and district councils fund the
            community safety partnership; the Commissioner co-funds domestic abuse services.""",
        "resources": """The net budget in scope is £38.6m in {cur_fy}; on-call firefighter recruitment is
            the main cost pressure.""",
        "market": """Domestic abuse refuges are run by two specialist charities; other services are
            delivered in-house.""",
        "issues": """Keeping on-call stations open competes with investment in prevention. Refuge demand
            exceeds supply.""",
        "gaps": "Scams are under-reported, so their true cost is unknown.",
        "evidence": [
            (
                "data_set",
                "Incident recording system data, five years",
                "Fire and Rescue Performance Team",
                "data/fire-incidents",
            ),
            (
                "other",
                "Community safety partnership strategic assessment",
                "Demoshire Community Safety Partnership",
                "reports/community-safety-assessment",
            ),
        ],
        "outcomes": [
            (
                "People are safe from fire and other emergencies",
                "Fewer fires, and a quick response when they occur.",
            ),
            (
                "Older people are protected from scams and doorstep crime",
                "Fewer victims, and no repeat victims.",
            ),
            ("People are safe from domestic abuse", "Victims get safe accommodation and support."),
        ],
        "metrics": [
            ("Accidental dwelling fires per 100,000 population", 0, "per 100,000", "lower", 45.7, 40),
            ("Life-risk incidents reached within the response standard", 0, "%", "higher", 89, 92),
            ("Scam victims helped who did not lose money again", 1, "%", "higher", 87, 90),
        ],
        "scope": [
            ("Fire prevention, protection and response", True, "A statutory duty under the 2004 Act."),
            (
                "Trading Standards and domestic abuse safe accommodation",
                True,
                "Statutory duties of the council.",
            ),
            ("Policing", False, "The responsibility of the Police and Crime Commissioner."),
        ],
        "stakeholders": [
            (
                "Demoshire Police and the Police and Crime Commissioner",
                "collaborate",
                "Community safety partnership.",
            ),
            ("Domestic abuse survivors' panel", "involve", "Shaped the safe accommodation needs assessment."),
            ("Residents", "consult", "Consultation on the Community Risk Management Plan."),
        ],
        "contributions": [
            ("Adult social care", "Joint visits to people at high risk of fire."),
            ("Children's Services", "Support for children affected by domestic abuse."),
        ],
        "documents": ["fire_act", "fire_framework", "consumer_rights", "da2021", "cca2004"],
        "starting": [
            (
                "service",
                "Fire and rescue service (38 stations)",
                "Demo County Council",
                27500000,
                "8,900 incidents a year",
                "95% satisfied ({prev_year})",
                "Prevention, protection and emergency response.",
                "",
            ),
            (
                "service",
                "Trading Standards",
                "Demo County Council",
                2100000,
                "4,900 complaints a year",
                "",
                "Protects consumers and honest businesses.",
                "",
            ),
            (
                "contract",
                "Domestic abuse refuges and support",
                "Demoshire Women's Aid",
                2400000,
                "46 refuge spaces, 94% occupied",
                "90% of survivors felt safer",
                "Safe accommodation and support for survivors.",
                "Asks for funding for specialist places for survivors with complex needs.",
            ),
        ],
        "links": [
            (
                1,
                "Older people are protected from scams and doorstep crime",
                "Trading Standards refers every repeat scam victim for a safeguarding response.",
                "to_other",
            ),
            (
                11,
                "Reduce the risk of flooding",
                "We lead the emergency response to floods; this strategy funds flood wardens' kit.",
                "both",
            ),
        ],
        "notes": {
            "start_delivery": """No Commissioning Plan required this cycle: fire and rescue and Trading
                Standards are statutory regulatory functions delivered well in-house, and the refuge
                contract has two years to run with the Police and Crime Commissioner as co-funder. The
                Executive Councillor agreed the statement of reasons.""",
        },
    },
    {
        "n": 14,
        "title": "How We Do Our Business",
        "directorate": "Resources",
        "owner": "helen.marsh",
        "stage": "do",
        "purpose": """Run the council openly, fairly and efficiently: democratic services, finance,
            legal, procurement and customer services that give residents and councillors confidence and
            value for money.""",
        "summary": """The Customer Service Centre handles 620,000 contacts a year, 58% of them online.
            The council spends £640m a year with suppliers, 48% with Demoshire businesses. 92% of
            undisputed invoices are paid within 30 days. Sickness absence averages 9.1 days per full-time
            employee.""",
        "method": """We analysed customer contact data, spend data and workforce data, benchmarked with
            similar councils, and surveyed residents and staff.""",
        "political": """Councillors want residents to find it easy to deal with the council and want
            decisions documented so that members elected later understand them. The risk is a failure of
            governance.""",
        "demographic": """Older residents in rural areas are least likely to use online services. The
            residents' survey showed that 71% prefer to contact the council online for simple requests.""",
        "legal": """The Local Government Act 1999 sets the best value duty; the Procurement Act 2023
            governs how we buy; the Data Protection Act 2018 governs how we use information.""",
        "policy": """The Local Government Transparency Code 2015 requires open data on spending and
            contracts.""",
        "performance": """58% of contacts resolved online (target 70%); 92% of undisputed invoices paid
            within 30 days (target 97%); 9.1 days sickness absence per employee (target 8).""",
        "voices": """Residents want to track requests online. Suppliers want quicker payment. Councillors
            asked for a concise summary of how and why contract decisions were made.""",
        "partners": """Two neighbouring councils are interested in sharing a payroll service.""",
        "resources": """The net budget in scope is £42.5m in {cur_fy}. The corporate support services
            contract ends in 18 months.""",
        "market": """Several national firms offer outsourced finance and payroll, but councils that
            insourced report better control at similar cost.""",
        "issues": """Insourcing gives control but carries transition risk. Digital services need
            investment before savings appear.""",
        "gaps": "Customer satisfaction is measured only for telephone contacts.",
        "evidence": [
            ("data_set", "Customer contact data", "Customer Service Centre", "data/customer-contacts"),
            ("data_set", "Council spend data", "Procurement Team", "data/spend"),
            ("survey", "Staff survey {year}", "Human Resources", "surveys/staff"),
        ],
        "outcomes": [
            (
                "Residents can get what they need from the council easily",
                "Simple requests done online, first time.",
            ),
            (
                "The council spends public money wisely and openly",
                "Value for money and transparent decisions.",
            ),
        ],
        "metrics": [
            ("Customer contacts resolved online", 0, "%", "higher", 58, 70),
            ("Undisputed invoices paid within 30 days", 1, "%", "higher", 92, 97),
            ("Working days lost to sickness per full-time employee", 1, "days", "lower", 9.1, 8),
        ],
        "scope": [
            (
                "Customer services, finance, procurement and legal",
                True,
                "The council's core business services.",
            ),
            ("Schools' own finance services", False, "Bought by schools separately under their own budgets."),
        ],
        "stakeholders": [
            ("Residents", "consult", "Residents' survey and online user testing."),
            ("Staff", "involve", "Staff survey and service design workshops."),
            ("Suppliers", "consult", "Supplier survey on payment and procurement."),
        ],
        "contributions": [
            ("All directorates", "Use corporate processes and keep data up to date."),
            ("Democratic Services", "Records decisions and how they were made."),
        ],
        "documents": ["lga1999", "procurement_act", "transparency", "dpa2018"],
        "starting": [
            (
                "contract",
                "Corporate support services (finance, payroll, IT)",
                "Meridian Business Services Ltd",
                18600000,
                "All transactional finance and payroll",
                "64% of managers satisfied ({prev_year})",
                "Back-office services for the whole council.",
                "The provider has offered a two-year extension at a higher price.",
            ),
            (
                "service",
                "Customer Service Centre",
                "Demo County Council",
                6300000,
                "620,000 contacts a year",
                "84% satisfied (telephone)",
                "The front door of the council.",
                "",
            ),
        ],
        "links": [
            (
                15,
                "The council spends public money wisely and openly",
                "We assume the enabling services provide the systems and staff that business processes need.",
                "both",
            ),
        ],
        "notes": {
            "start_delivery": """Plan approved: bring payroll and transactional finance in-house when the
                Meridian contract ends, keep IT infrastructure outsourced, and expand online services.
                Insourcing and outsourcing were appraised for each service.""",
        },
    },
    {
        "n": 15,
        "title": "Enablers and Support to Council's Outcomes",
        "directorate": "Resources",
        "owner": "helen.marsh",
        "stage": "analyse",
        # Deliberately incomplete: stakeholder views, market, emerging issues, stakeholders,
        # influential documents and out of scope are still to do.
        "purpose": """Provide the people, property, technology and information that every other strategy
            depends on, so that services can deliver their outcomes.""",
        "summary": """The council runs 1,100 buildings with a £38m maintenance backlog. 2,400 laptops are
            due for replacement. The workforce is 5,800 people, and 21% of them are over 60.""",
        "method": """We used the asset register, the IT estate inventory and workforce data.""",
        "political": """Councillors want a smaller, better estate and a workforce for the future.""",
        "demographic": """An ageing workforce and hard-to-fill posts in social work, engineering and IT.""",
        "legal": """Health and safety law applies to every building and employee; the Data Protection Act
            2018 applies to every system.""",
        "policy": """The council's Asset Strategy and People Strategy.""",
        "performance": """Building condition: 62% rated good. IT service desk: 81% of calls resolved
            first time.""",
        "partners": """The ICB and the police are interested in sharing buildings through the One Public
            Estate programme.""",
        "resources": """The net budget in scope is £31.4m in {cur_fy}, plus a capital programme of £12m a
            year.""",
        "gaps": "Building condition surveys are more than five years old for a third of the estate.",
        "evidence": [
            ("data_set", "Property asset register", "Property Services", "data/asset-register"),
            ("data_set", "Workforce profile", "Human Resources", "data/workforce-profile"),
        ],
        "outcomes": [
            (
                "Services have the buildings, technology and people they need",
                "Enabling services support outcomes.",
            ),
        ],
        "metrics": [
            ("Council buildings in good condition", 0, "%", "higher", 62, 75),
        ],
        "scope": [
            ("Property, IT and human resources", True, "Services every strategy depends on."),
        ],
        "contributions": [
            ("Property Services", "Manages and maintains the estate."),
            ("IT Services", "Provides devices, systems and cyber security."),
        ],
        "starting": [
            (
                "service",
                "Property Services",
                "Demo County Council",
                9800000,
                "1,100 buildings",
                "",
                "Keeps buildings safe and fit for use.",
                "",
            ),
        ],
        "links": [
            (
                14,
                "The council spends public money wisely and openly",
                "We assume corporate processes stay stable during the insourcing of payroll.",
                "from_other",
            ),
        ],
    },
    {
        "n": 16,
        "title": "Public Health and Reducing Health Inequalities",
        "directorate": "Public Health",
        "owner": "aisha.rahman",
        "co": ["commissioner"],
        "stage": "plan",
        "is_joint": True,
        "lead_partner": "NHS Demoshire Integrated Care Board",
        "partner_process": """This joint strategy is led by NHS Demoshire Integrated Care Board (ICB)
            under the Integrated Care Partnership's Integrated Care Strategy. The ICB's process starts
            from a population health needs assessment built on the Joint Strategic Needs Assessment
            (JSNA), which the council's Public Health Intelligence team produces, and every priority is
            evidence based and signed off by the Health and Wellbeing Board. The council keeps its own
            approval of the outcomes by councillors and the conditions of the public health grant.""",
        "purpose": """Improve the health of everyone in Demoshire and narrow the gap in life expectancy
            between our most and least deprived areas, working with the NHS through the Integrated Care
            Partnership.""",
        "summary": """Men in the most deprived areas of Demoshire live 9.2 years less than men in the
            least deprived, and women 7.1 years less. 14.8% of adults smoke (England 12.7%), 68% of
            adults are overweight or obese, and drug-related deaths have risen for four years. Most of
            the gap comes from heart disease, cancer and respiratory disease linked to smoking.""",
        "method": """The ICB's population health needs assessment, built on the JSNA and the Office for
            Health Improvement and Disparities' Fingertips profiles, with community conversations in the
            three most deprived areas.""",
        "political": """Reducing health inequalities is a shared priority of the Health and Wellbeing
            Board. The public health grant is ring-fenced and has fallen in real terms.""",
        "demographic": """The most deprived areas are the coastal towns and two urban estates. Residents
            there asked for services in their neighbourhood, not in hospitals.""",
        "legal": """The Health and Social Care Act 2012 gives the council its public health duties and
            mandated services; the Health and Care Act 2022 created integrated care systems.""",
        "policy": """The Public Health Outcomes Framework and the NHS Long Term Plan's prevention
            commitments.""",
        "performance": """Smoking prevalence 14.8% (target 12%); successful completion of opiate
            treatment 5.1% (England 5.0%); NHS Health Check uptake 38%.""",
        "voices": """People in deprived areas want help close to home; GPs want simpler referral to
            lifestyle services.""",
        "partners": """The ICB leads this strategy and funds tobacco dependency treatment in hospitals;
            the Police and Crime Commissioner co-funds drug treatment.""",
        "resources": """The public health grant is £36.2m in {cur_fy}, with £4.5m of additional drug and
            alcohol treatment grant.""",
        "market": """Lifestyle and drug treatment services are commissioned from NHS and voluntary
            providers; there are few alternatives at county scale.""",
        "issues": """National grant conditions change yearly, while the gap in life expectancy takes
            decades to close.""",
        "gaps": "Ethnicity is recorded poorly in GP data, limiting analysis of inequalities.",
        "evidence": [
            (
                "jsna",
                "Joint Strategic Needs Assessment (JSNA): overview",
                "Demoshire Public Health Intelligence",
                "jsna/overview",
            ),
            (
                "open_data",
                "Fingertips public health profiles",
                "Office for Health Improvement and Disparities (open data)",
                "data/fingertips",
            ),
            (
                "focus_group",
                "Community conversations in three neighbourhoods",
                "Public Health and ICB engagement team",
                "engagement/community-conversations",
            ),
        ],
        "outcomes": [
            ("People live longer, healthier lives", "Longer healthy life expectancy for everyone."),
            (
                "The gap in health between communities narrows",
                "Faster improvement in the most deprived areas.",
            ),
        ],
        "metrics": [
            ("Adults who smoke", 0, "%", "lower", 14.8, 12),
            ("Gap in male life expectancy, most and least deprived areas", 1, "years", "lower", 9.2, 8.5),
            ("Successful completion of drug treatment (opiate users)", 0, "%", "higher", 5.1, 7),
        ],
        "scope": [
            ("Mandated and commissioned public health services", True, "Funded by the public health grant."),
            ("NHS clinical services", False, "Commissioned by the ICB under this joint strategy."),
        ],
        "stakeholders": [
            ("NHS Demoshire Integrated Care Board", "collaborate", "Leads the joint strategy."),
            ("Health and Wellbeing Board", "involve", "Agreed the priorities."),
            ("Residents of the three most deprived neighbourhoods", "consult", "Community conversations."),
        ],
        "contributions": [
            ("Trading Standards", "Tackles illegal tobacco and underage sales."),
            ("Highways and Transport", "Active travel schemes."),
        ],
        "documents": ["hsca2012", "hca2022", "phof", "nhs_ltp"],
        "starting": [
            (
                "contract",
                "Integrated lifestyle service (stop smoking and weight management)",
                "Healthy Demoshire CIC",
                3400000,
                "6,800 people a year",
                "89% satisfied ({prev_year})",
                "Helps people stop smoking and manage their weight.",
                "Asks for access to GP records for referrals.",
            ),
            (
                "contract",
                "Drug and alcohol treatment and recovery service",
                "Recovery Partnership Demoshire",
                7900000,
                "3,100 people in treatment",
                "",
                "Treatment and recovery support.",
                "",
            ),
            (
                "contract",
                "Sexual health services",
                "Demoshire Community Health Services NHS Trust",
                4100000,
                "41,000 appointments a year",
                "94% satisfied",
                "Open-access sexual health services.",
                "",
            ),
        ],
        "links": [
            (
                6,
                "People live healthy, active and connected lives",
                "The wellbeing service refers people who want to stop smoking or lose weight.",
                "both",
            ),
            (
                3,
                "People live longer, healthier lives",
                "We commission falls prevention to hold falls admissions steady.",
                "to_other",
            ),
        ],
    },
    {
        "n": 17,
        "title": "Highways and Transport",
        "directorate": "Place",
        "owner": "commissioner2",
        "co": ["priya.shah"],
        "stage": "analyse",
        "purpose": """Keep Demoshire moving safely: maintain the county's roads, reduce road casualties,
            support buses and community transport, and get pupils to school, so that people can reach
            jobs and services, especially in rural areas.""",
        "summary": """The council maintains 8,900 km of roads; 14% of unclassified roads need maintenance
            soon. 392 people were killed or seriously injured (KSI) on Demoshire's roads last year, most
            on rural A roads. Bus journeys are 78% of their level before the pandemic, and 5,900 pupils
            use council school transport every day.""",
        "method": """We used road condition surveys, police collision data (STATS19), bus patronage data
            and a public transport survey, and held early market engagement for the highways maintenance
            contract.""",
        "political": """Potholes are the most common complaint to councillors. The risk is a serious
            collision linked to poor maintenance and the cost of claims.""",
        "demographic": """A fifth of rural households have no car. The survey showed that older people
            and young people depend most on buses.""",
        "legal": """The Highways Act 1980 sets the duty to maintain highways; the Traffic Management Act
            2004 the network management duty; the Transport Act 1985 covers supported bus services; the
            Education Act 1996 school transport.""",
        "policy": """The national Bus Back Better strategy and the code of practice Well-managed Highway
            Infrastructure guide this strategy, with the council's Local Transport Plan.""",
        "performance": """14% of unclassified roads need maintenance (target 12%); 392 KSI casualties
            (target 330); 9.4 million bus journeys a year.""",
        "voices": """Residents want potholes fixed properly the first time. Bus users want reliable
            timetables and evening services.""",
        "partners": """Bus operators run commercial routes; National Highways runs the trunk roads; the
            police lead road safety enforcement.""",
        "resources": """The net budget in scope is £62.8m in {cur_fy}, with highways capital of £48m a
            year from government grants.""",
        "market": """Three contractors bid for the last highways contract. Rural bus operators are small
            and vulnerable to rising costs.""",
        "issues": """Maintenance competes with new schemes for capital. Supporting bus routes is costly
            per passenger in rural areas, but people without cars depend on them.""",
        "gaps": "No reliable data on demand-responsive transport journeys.",
        "evidence": [
            ("data_set", "Road condition surveys", "Highways Asset Management", "data/road-condition"),
            (
                "open_data",
                "Road casualty data (STATS19)",
                "Department for Transport (open data)",
                "data/stats19",
            ),
            ("survey", "Public transport survey", "Passenger Transport Unit", "surveys/public-transport"),
            ("market_engagement", "Highways contract market day", "Commercial Team", "market/highways"),
        ],
        "outcomes": [
            ("Roads are safe and well maintained", "Fewer defects, fixed right first time."),
            ("Fewer people are killed or seriously injured on our roads", "Safer roads for everyone."),
            (
                "People can reach jobs and services by public transport",
                "Reliable buses where people need them.",
            ),
        ],
        "metrics": [
            ("People killed or seriously injured on Demoshire's roads", 1, "number", "lower", 392, 330),
            ("Unclassified roads where maintenance should be considered", 0, "%", "lower", 14, 12),
            ("Bus passenger journeys (millions)", 2, "million", "higher", 9.4, 10.5),
        ],
        "scope": [
            ("Highways maintenance and road safety", True, "Statutory duties as highway authority."),
            ("Supported bus services and school transport", True, "Access to jobs, services and school."),
            ("Trunk roads", False, "Managed by National Highways."),
        ],
        "stakeholders": [
            ("Bus operators", "collaborate", "Enhanced partnership board."),
            ("Residents and bus users", "consult", "Public transport survey of 2,400 people."),
            ("Parish councils", "inform", "Annual highways briefing."),
        ],
        "contributions": [
            ("Children's Services", "Sets the eligibility policy for school transport."),
            ("Fire and Rescue", "Road safety education for young drivers."),
        ],
        "documents": ["highways_act", "tma2004", "transport_act1985", "education_act"],
        "starting": [
            (
                "contract",
                "Highways term maintenance contract",
                "Roadway Partners Ltd",
                46000000,
                "31,000 repairs a year",
                "61% of residents satisfied with road condition",
                "Maintains roads, drainage and street lighting.",
                "The contractor asks for more planned work and less reactive patching.",
            ),
            (
                "contract",
                "Supported bus services",
                "Nine bus operators",
                6300000,
                "2.1 million journeys a year",
                "77% of users satisfied",
                "Rural and evening routes that would not run commercially.",
                "",
            ),
            (
                "service",
                "Passenger transport unit",
                "Demo County Council",
                1400000,
                "1,100 school routes managed",
                "",
                "Plans and buys school and public transport.",
                "",
            ),
        ],
        "links": [
            (
                10,
                "Growth is supported by the right infrastructure",
                "We deliver the major road schemes in the Infrastructure Plan.",
                "both",
            ),
            (
                8,
                "Pupils travel to school safely and on time",
                "We procure and manage school routes, assuming eligibility policy stays as it is.",
                "to_other",
            ),
            (
                11,
                "Reduce the risk of flooding",
                "We clean 140,000 gullies, the high-risk ones twice a year.",
                "to_other",
            ),
        ],
    },
]
