import time
from datetime import timedelta
from decimal import Decimal
from enum import IntEnum

import factory
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group
from django.utils import timezone

from commissioning import roles, second_factor
from commissioning.history import audited
from commissioning.models import Directorate, User
from delivery import periods
from delivery.services import create_kpi, record_measurement, save_review
from meetings.models import AgendaItem, AgendaItemKind, Meeting
from members.models import Board, BoardMembership, DecisionNotice, Referral, Rule, Subject
from members.services import add_member, assign_councillors, decide, request_approval, save_board
from plans.models import (
    NEEDS_COMMERCIAL_MODEL,
    Channel,
    CommercialModel,
    CommissioningPlan,
    ContractKpi,
    DeliveryOption,
    Milestone,
    OptionsAppraisal,
    OptionScore,
    PlanImpactEntry,
    PlannedService,
    Risk,
)
from plans.services import add_default_criteria, create_plan
from strategies.impact import required_areas
from strategies.models import (
    NEEDS_CONSIDERATIONS,
    EvidenceItem,
    ImpactArea,
    ImpactEntry,
    InfluentialDocument,
    Interdependency,
    Outcome,
    PerformanceMetric,
    ScopeItem,
    ServiceAreaContribution,
    Stakeholder,
    StartingPositionItem,
    Strategy,
)
from strategies.services import apply_transition, create_strategy

PASSWORD = "correct-horse-battery"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - base32, for the test users' authenticator app


def totp_code(secret: str = TOTP_SECRET, *, margin: float = 5) -> str:
    """The code an authenticator app shows now for `secret`, taken where it stays valid for at least `margin`
    seconds: a code read in its period's last moments is refused by the time a server (with no tolerance)
    checks it, as a person would find, so the test waits for the next one as a person would."""
    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@demo-council.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])  # flushed by transactional tests
        self.save()

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """An authenticator app (TOTP) for the roles that must have one (commissioning.second_factor), unless
        `second_factor=False`; its secret is TOTP_SECRET, so a test can type the current code."""
        wanted = second_factor.required_for(self) if extracted is None else extracted
        if create and wanted:
            TOTP.activate(self, TOTP_SECRET)


def user(role=None, **kwargs):
    return UserFactory(role=role, **kwargs)


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Directorate {n}")


class Reached(IntEnum):
    """How far round the cycle StrategyFactory's traits take a strategy; each step includes the ones before."""

    ANALYSED = 1  # Analyse complete and (unless approved=False) its outcomes approved by councillors
    IN_PLAN = 2  # moved to Plan
    PLANNED = 3  # a complete plan (complete_plan), approved unless plan_approved=False
    DELIVERING = 4  # moved to Do
    DELIVERED = 5  # a KPI with an actual reported (delivered()), so it may move to Review
    REVIEWED = 6  # moved to Review, with this cycle's review written (reviewed())


class StrategyFactory(factory.django.DjangoModelFactory):
    """A strategy as its commissioner creates it (in Analyse); a trait takes it round the cycle as its
    commissioner and councillors would, every move and approval through the services (see advance()).
    Parameters of the traits: `other` (the interdependent strategy of complete_analyse), `approved`
    (Analyse's outcomes), `channel` (of the plan's adopted option) and `plan_approved`."""

    class Meta:
        model = Strategy
        skip_postgeneration_save = True

    class Params:
        reached = None
        other = None
        approved = True
        channel = Channel.EXTERNAL_CONTRACT
        plan_approved = True
        analysed = factory.Trait(reached=Reached.ANALYSED)
        in_plan = factory.Trait(reached=Reached.IN_PLAN)
        planned = factory.Trait(reached=Reached.PLANNED)
        delivering = factory.Trait(reached=Reached.DELIVERING)
        delivered = factory.Trait(reached=Reached.DELIVERED)
        reviewed = factory.Trait(reached=Reached.REVIEWED)

    commissioner = factory.SubFactory(UserFactory, role=roles.COMMISSIONER)
    title = "Children are safe and healthy"
    purpose = "Keep children safe from harm and help families thrive."
    directorate = factory.SubFactory(DirectorateFactory, name="Children's Services")

    @classmethod
    def _create(cls, model_class, commissioner, **fields):
        return create_strategy(acting_user=commissioner, accountable_commissioner=commissioner, **fields)

    @factory.post_generation
    def cycle(obj, create, extracted, reached=None, **params):
        if reached:
            advance(obj, reached, **params)
            obj.refresh_from_db()

    # The Params the cycle hook needs (a post-generation hook sees only what is passed to it).
    cycle__reached = factory.SelfAttribute("..reached")
    cycle__other = factory.SelfAttribute("..other")
    cycle__approved = factory.SelfAttribute("..approved")
    cycle__channel = factory.SelfAttribute("..channel")
    cycle__plan_approved = factory.SelfAttribute("..plan_approved")


def strategy(commissioner=None, **fields) -> Strategy:
    if commissioner is not None:
        fields["commissioner"] = commissioner
    return StrategyFactory(**fields)


def move(s: Strategy, name, acting_user, **kw) -> Strategy:
    """Apply the transition `name` from wherever the strategy now stands; the strategy, reloaded."""
    s = Strategy.objects.get(pk=s.pk)
    apply_transition(strategy_id=s.pk, name=name, acting_user=acting_user, expected_stage=s.stage, **kw)
    return Strategy.objects.get(pk=s.pk)


def advance(
    s: Strategy,
    reached: Reached,
    *,
    other=None,
    approved=True,
    channel=Channel.EXTERNAL_CONTRACT,
    plan_approved=True,
    acting_user=None,
) -> Strategy:
    """Take a strategy in Analyse as far as `reached`, as its commissioner (or `acting_user`) would:
    complete_analyse, Plan, complete_plan, Do, delivered, Review, reviewed. The strategy, reloaded."""
    user = acting_user or s.accountable_commissioner
    s = complete_analyse(s, other=other, approved=approved)
    if reached >= Reached.IN_PLAN:
        s = move(s, "start_planning", user)
    if reached >= Reached.PLANNED:
        complete_plan(s, user, channel=channel, approved=plan_approved)
    if reached >= Reached.DELIVERING:
        s = move(s, "start_delivery", user)
    if reached >= Reached.DELIVERED:
        delivered(s, user)
    if reached >= Reached.REVIEWED:
        s = move(s, "start_review", user)
        reviewed(s, user)
    return Strategy.objects.get(pk=s.pk)


def complete_analyse(s: Strategy, other: Strategy | None = None, approved: bool = True) -> Strategy:
    """Fill every minimum requirement and (unless approved=False) have councillors approve the outcomes,
    so the strategy may leave Analyse."""
    s.summary_of_findings = (
        "Demand for early help has risen 12% in two years; JSNA = Joint Strategic Needs Assessment."
    )
    s.needs_methodology = "Review of JSNA data, two surveys and four focus groups."
    for field in NEEDS_CONSIDERATIONS:
        setattr(s, field, f"Analysis of {field}.")
    s.emerging_issues = "Rising demand conflicts with a falling budget."
    s.data_gaps = "None identified"
    s.save()
    EvidenceItem.objects.create(
        strategy=s,
        title="JSNA 2025",
        source="Public Health",
        kind="jsna",
        link="https://www.demo-council.example/jsna",
    )
    outcome = Outcome.objects.create(strategy=s, title="Children are safe and healthy")
    PerformanceMetric.objects.create(
        strategy=s,
        name="Re-referrals within 12 months",
        outcome=outcome,
        polarity="lower",
        baseline=22,
        target=18,
        unit="%",
    )
    ScopeItem.objects.create(strategy=s, area="Early help", in_scope=True, reason="Core to the outcome")
    ScopeItem.objects.create(
        strategy=s, area="Schools funding", in_scope=False, reason="Covered by Learn and Achieve"
    )
    Stakeholder.objects.create(strategy=s, name="Parents' forum", engagement="consult")
    ServiceAreaContribution.objects.create(
        strategy=s, service_area="Public Health", contribution="Health visiting"
    )
    InfluentialDocument.objects.create(strategy=s, title="Children Act 1989")
    StartingPositionItem.objects.create(
        strategy=s, kind="contract", name="Family support", provider="Action Kids", annual_cost=1200000
    )
    other = other or strategy(commissioner=s.accountable_commissioner, title="Learn and achieve")
    Interdependency.objects.create(
        strategy=s,
        other=other,
        shared_outcome="Children are safe",
        assumed_contribution="Schools refer early",
        direction="from_other",
    )
    impact_assessment(s)
    if approved:
        approve(s)
    return Strategy.objects.get(pk=s.pk)


def impact_areas():
    """The default areas of an impact assessment (as migration strategies 0006 creates them; transactional
    tests flush that data)."""
    from importlib import import_module

    from django.apps import apps

    if not ImpactArea.objects.exists():
        import_module("strategies.migrations.0006_impact_areas").add(apps, None)


def impact_assessment(record, negative: str = ""):
    """An integrated impact assessment of every area that must be covered, of a strategy or a plan: neutral,
    but for the area with code `negative` (negative, mitigated)."""
    impact_areas()
    model = PlanImpactEntry if isinstance(record, CommissioningPlan) else ImpactEntry
    parent = "plan" if model is PlanImpactEntry else "strategy"
    model.objects.bulk_create(
        model(
            **{parent: record},
            area=area,
            impact="negative" if area.code == negative else "neutral",
            evidence=f"Service data on {area.name.lower()}.",
            mitigation="Outreach in the areas affected." if area.code == negative else "",
            owner="Head of Service" if area.code == negative else "",
        )
        for area in required_areas()
    )


# Councillors ---------------------------------------------------------------------------------------------


def administrator():
    admin, created = User.objects.get_or_create(username="factory-admin", defaults={"first_name": "Ada"})
    if created:
        admin.groups.add(Group.objects.get_or_create(name=roles.ADMINISTRATOR)[0])
    return User.objects.get(pk=admin.pk)


class BoardFactory(factory.django.DjangoModelFactory):
    """The board of that name if there is one, else a new one as an administrator sets it up; then its
    `chair` and `members` (a list) added, unless they already sit on it. The Executive by default."""

    class Meta:
        model = Board
        skip_postgeneration_save = True

    class Params:
        executive = factory.Trait(name="Executive", kind=Board.Kind.EXECUTIVE)
        scrutiny = factory.Trait(
            name="Children and Young People Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE
        )
        gateway_panel = factory.Trait(
            name="Strategic Commissioning and Procurement Group", kind=Board.Kind.GATEWAY_PANEL
        )

    name = "Executive"
    kind = Board.Kind.EXECUTIVE
    remit = ""

    @classmethod
    def _create(cls, model_class, name, kind, remit):
        found = Board.objects.filter(name=name).first()
        return found or save_board(acting_user=administrator(), name=name, kind=kind, remit=remit)

    @factory.post_generation
    def chair(obj, create, extracted, **kwargs):
        if extracted is not None:
            _join(obj, extracted, BoardMembership.Role.CHAIR)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        for person in extracted or ():
            if person is not None:
                _join(obj, person, BoardMembership.Role.MEMBER)


def _join(found: Board, person, role):
    if not found.memberships.filter(member=person).exists():
        add_member(board=found, member=person, role=role, acting_user=administrator())


def board(name="Executive", kind=Board.Kind.EXECUTIVE, members=(), chair=None) -> Board:
    return BoardFactory(name=name, kind=kind, members=members, chair=chair)


def portfolio_holder(s: Strategy, councillor=None):
    """Make `councillor` (or a new councillor) an Executive member who holds this strategy."""
    councillor = councillor or user(roles.COUNCILLOR)
    board(members=[councillor])
    holders = [h.councillor for h in s.portfolio_holders.all()]
    referral = Referral.objects.filter(strategy=s).first()
    assign_councillors(
        strategy=s,
        portfolio_holders=[*holders, councillor] if councillor not in holders else holders,
        board=referral.board if referral else None,
        acting_user=administrator(),
    )
    return councillor


def refer(s: Strategy, *members, name="Children and Young People Scrutiny Committee") -> Board:
    """Refer the strategy to a scrutiny committee with these members."""
    committee = BoardFactory(scrutiny=True, name=name, members=members)
    assign_councillors(
        strategy=s,
        portfolio_holders=[h.councillor for h in s.portfolio_holders.all()],
        board=committee,
        acting_user=administrator(),
    )
    return committee


def approve(s: Strategy, plan=None, councillor=None):
    """Councillors' approval of the strategy's outcomes (or of `plan`), asked by its commissioner and
    given by a portfolio holder."""
    s = Strategy.objects.get(pk=s.pk)
    holder = (
        councillor or next((h.councillor for h in s.portfolio_holders.all()), None) or portfolio_holder(s)
    )
    if not s.portfolio_holders.filter(councillor=holder).exists():
        portfolio_holder(s, holder)
    request = request_approval(
        strategy=s,
        subject=Subject.PLAN if plan else Subject.OUTCOMES,
        plan=plan,
        approvers=[holder],
        rule=Rule.ANY,
        acting_user=s.accountable_commissioner,
    )
    decide(
        request_id=request.pk,
        seen_content_hash=request.content_hash,
        kind="approve",
        reasons="Clear outcomes and good evidence.",
        acting_user=holder,
    )
    past_call_in(request)
    return request


def past_call_in(request):
    """Put the decision notice of a settled request past its call-in period, uncalled: in effect (most
    tests are about what follows an approval, not about call-in)."""
    DecisionNotice.objects.filter(record__request=request).update(
        call_in_ends=timezone.localdate() - timedelta(days=1)
    )
    return request


# complete_plan's options, by channel: (name, description, one-off cost, annual cost, annual benefit).
PLAN_OPTIONS = {
    Channel.INTERNAL: (
        "Keep family support in-house",
        "The council's family support workers carry on, with a new referral route from schools.",
        20000, 1150000, 60000,
    ),
    Channel.EXTERNAL_CONTRACT: (
        "Tender a four-year family support contract",
        "One county contract, tendered openly, paid a fixed price with a share linked to outcomes.",
        45000, 1200000, 180000,
    ),
    Channel.EXTERNAL_GRANT: (
        "Grant-fund a local family charity",
        "A three-year grant in quarterly instalments to a local charity with a track record.",
        10000, 950000, 90000,
    ),
    Channel.PARTNERSHIP: (
        "Joint family support service with the NHS",
        "A pooled budget with the Integrated Care Board under a section 75 agreement.",
        60000, 1300000, 240000,
    ),
    Channel.COPRODUCTION: (
        "Co-produce peer support with families",
        "Parents who have had help train as peer supporters, with a small council team behind them.",
        30000, 400000, 50000,
    ),
    Channel.INFLUENCE: (
        "Influence schools to offer family support",
        "Schools fund family support workers from their own budgets, with council training and guidance.",
        5000, 80000, 20000,
    ),
    Channel.DECOMMISSION: (
        "Stop the parenting groups",
        "Parenting groups close; families are signposted to national online courses.",
        5000, 0, 150000,
    ),
}  # fmt: skip


def _saved(obj, acting_user):
    audited(obj, acting_user).save()
    return obj


def complete_plan(
    strategy, commissioner, channel=Channel.EXTERNAL_CONTRACT, approved=True
) -> CommissioningPlan:
    """A Commissioning Plan that meets every minimum requirement (plans.checklist.missing(plan) == []),
    adopting an option of `channel`, and (unless approved=False) approved by councillors. The strategy
    must be in Plan; created as its commissioner would."""
    channel = Channel(channel)
    outcomes = list(strategy.outcomes.all()) or [
        Outcome.objects.create(strategy=strategy, title="Families get help early")
    ]
    plan = create_plan(
        strategy=strategy,
        acting_user=commissioner,
        title="Family support plan",
        summary="Family support and parenting groups, recommissioned around early help.",
        outcomes=outcomes,
    )
    plan.current_budget = Decimal("1250000")
    plan.current_staff = Decimal("18.5")
    plan.current_resources = "£1.25m a year: 18.5 family support workers and two parenting group contracts."
    plan.significant_issues = "Referrals rose 12% in two years; recruiting family support workers is hard."
    plan.governance = (
        "A project board chaired by the Assistant Director reports monthly until business as usual."
    )
    if channel in NEEDS_COMMERCIAL_MODEL:
        plan.contract_management = (
            "Monthly performance reports, quarterly contract meetings and an annual review with families."
        )
    _saved(plan, commissioner)

    support = _saved(
        PlannedService(
            plan=plan,
            name="Family support for children in need",
            priority=PlannedService.Priority.STATUTORY,
            description="Help for families of children in need under section 17 of the Children Act 1989.",
            issues_and_risks="Demand is rising faster than the budget.",
        ),
        commissioner,
    )
    support.outcomes.set(outcomes)
    groups = _saved(
        PlannedService(
            plan=plan,
            name="Parenting groups",
            priority=PlannedService.Priority.NON_PRIORITY,
            description="Evening groups for parents of teenagers.",
        ),
        commissioner,
    )
    groups.outcomes.set(outcomes[:1])

    appraisal = _saved(OptionsAppraisal(plan=plan, title="How family support is delivered"), commissioner)
    appraisal.services.set([support, groups])
    add_default_criteria(appraisal=appraisal, acting_user=commissioner)
    channels = [Channel.INTERNAL, Channel.EXTERNAL_CONTRACT]
    if channel not in channels:
        channels.append(channel)
    options = {}
    for ch in channels:
        name, description, one_off, annual_cost, annual_benefit = PLAN_OPTIONS[ch]
        adopted = ch == channel
        options[ch] = _saved(
            DeliveryOption(
                appraisal=appraisal,
                name=name,
                channel=ch,
                description=description,
                governance="Reports to the family support project board.",
                outcomes_achieved="Families get help early.",
                policy_alignment="Delivers the Council Business Plan priority on early help.",
                one_off_cost=Decimal(one_off),
                annual_cost=Decimal(annual_cost),
                annual_benefit=Decimal(annual_benefit),
                risks="Recruitment and rising demand.",
                strengths="Known to schools and families.",
                weaknesses="Little spare capacity.",
                opportunities="Joint working with health visitors.",
                threats="Demand keeps rising.",
                value_for_money_evidence=(
                    "Unit cost £1,480 a family against £1,620 in similar councils; 81% of plans close "
                    "with needs met."
                    if ch == Channel.INTERNAL
                    else ""
                ),
                decommission_impact=(
                    "About 300 parents a year lose a local group; national online courses remain."
                    if ch == Channel.DECOMMISSION
                    else ""
                ),
                rejection_reason="" if adopted else "Scored lower on outcomes and value for money.",
            ),
            commissioner,
        )
        for criterion in appraisal.criteria.all():
            _saved(
                OptionScore(option=options[ch], criterion=criterion, score=4 if adopted else 2), commissioner
            )
    appraisal.adopted_option = options[channel]
    appraisal.baseline_option = options[Channel.INTERNAL]  # keeping it in-house is carrying on as now
    appraisal.adoption_rationale = "The best score on outcomes and value for money, at an acceptable risk."
    _saved(appraisal, commissioner)

    today = timezone.localdate()
    for title, days in [("Executive approves the plan", 30), ("New arrangements start", 180)]:
        _saved(
            Milestone(plan=plan, title=title, due_date=today + timedelta(days), owner="Head of Early Help"),
            commissioner,
        )
    _saved(
        Risk(
            plan=plan,
            description="Families lose continuity of worker during the change.",
            likelihood=3,
            impact=4,
            owner="Head of Early Help",
            mitigating_actions="Keep each family's worker until their plan closes.",
        ),
        commissioner,
    )

    if channel in NEEDS_COMMERCIAL_MODEL:
        start = today + timedelta(days=180)
        _saved(
            CommercialModel(
                plan=plan,
                start_date=start,
                end_date=start + timedelta(days=4 * 365 - 1),
                extension_options="2 + 1 years",
                duration_rationale="Long enough for the provider to recruit and keep staff.",
                payment_mechanism=CommercialModel.Payment.MIXED,
                payment_terms="A fixed monthly price, with 10% held back against the KPIs.",
                indexation="CPI each April, capped at 3%",
                performance_linked=True,
                payment_rationale="A fixed core keeps the provider stable; the held-back share rewards results.",
                kpi_rationale="Measures what families say matters: a quick start and needs met.",
                early_termination="Six months' notice after two quarters below target and a failed improvement plan.",
                early_termination_rationale="Gives the provider a fair chance to improve first.",
                liability_limits="Liability capped at 150% of the annual contract value; no cap for data breaches.",
                liability_rationale="In line with the market for services of this size.",
                subcontracting="Only with the council's written consent; sub-contracts transfer to the council on termination.",
                subcontracting_rationale="The council must know who works with children.",
                data_protection="The provider is a processor under a data sharing agreement; case records return to the council.",
                data_protection_rationale="Records about children are special category data.",
                failure_risk=CommercialModel.Level.MEDIUM,
                contingency_level=CommercialModel.Contingency.STANDARD,
                contingency_arrangements="Business continuity plan, step-in rights and a tested exit plan.",
                contingency_rationale="A medium risk of failure at a medium scale needs standard contingency.",
                milestones_rationale="Mobilisation milestones are contractual.",
                social_value_economic="Local recruitment and the Real Living Wage.",
                social_value_social="Volunteering places for parents who have had help.",
                social_value_environmental="Workers based in localities to cut travel.",
            ),
            commissioner,
        )
        _saved(
            ContractKpi(
                plan=plan,
                name="Families seen within 10 working days of referral",
                measurement="Monthly case management report, checked by quarterly audit.",
                target="90%",
                payment_deduction="2% of the monthly payment for each month below target",
            ),
            commissioner,
        )
    impact_assessment(plan)
    if approved:
        approve(strategy, plan=plan)
    return CommissioningPlan.objects.get(pk=plan.pk)


# The programme gateway -------------------------------------------------------------------------------------


def gateway_panel(*members, name="Strategic Commissioning and Procurement Group") -> Board:
    """The gateway board; its members hold the review right on every strategy (gateway.signals)."""
    return BoardFactory(gateway_panel=True, name=name, members=members)


def criteria():
    """The default key-project criteria and mark (as migration gateway 0002 creates them; transactional
    tests flush that data)."""
    from importlib import import_module

    from django.apps import apps

    defaults = import_module("gateway.migrations.0002_trigram_and_default_criteria")
    defaults.add_defaults(apps, None)


# Do and Review ---------------------------------------------------------------------------------------------


def delivered(s: Strategy, commissioner=None):
    """A KPI of the strategy (in Do) with an actual reported, so it may move to Review."""
    commissioner = commissioner or s.accountable_commissioner
    kpi = create_kpi(
        strategy=s,
        acting_user=commissioner,
        name="Families seen within 10 working days",
        unit="%",
        polarity="higher",
        target=Decimal("90"),
        tolerance=Decimal("2"),
    )
    record_measurement(
        kpi=kpi,
        period_end=periods.latest(kpi.frequency, timezone.localdate()),
        value=Decimal("88"),
        acting_user=commissioner,
    )
    return kpi


def reviewed(s: Strategy, commissioner=None, recommendation="recommission", trigger="contract_renewal"):
    """This cycle's complete review record, so the strategy may be recommissioned."""
    return save_review(
        strategy=s,
        seen_version=None,
        acting_user=commissioner or s.accountable_commissioner,
        changes={
            "population_outcomes": "Fewer children in need.",
            "service_user_outcomes": "Families say help came sooner.",
            "what_worked": "One front door.",
            "what_did_not": "Slow data sharing.",
            "lessons": "Agree data sharing before the contract starts.",
            "recommendation": recommendation,
            "trigger": trigger,
        },
    )


# Meetings and their agendas ----------------------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting of `board` (the Executive by default), a week from now unless `starts_at` is given."""

    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    venue = "Council Chamber, County Offices"
    minutes = ""


def meeting(board=None, starts_at=None, **fields) -> Meeting:
    fields |= {
        name: value for name, value in [("board", board), ("starts_at", starts_at)] if value is not None
    }
    return MeetingFactory(**fields)


def _agenda_title(item) -> str:
    """A strategy's item is "<reference> <title>: <kind>"; any other, the kind (before any colon)."""
    label = AgendaItemKind(item.kind).label.split(":")[0]
    return f"{item.strategy.reference} {item.strategy.title}: {label}" if item.strategy else label


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An agenda item of `meeting`, placed last unless `position` is given."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    kind = AgendaItemKind.DOCUMENT
    strategy = None
    title = factory.LazyAttribute(_agenda_title)
    position = factory.LazyAttribute(lambda item: item.meeting.items.count() + 1)


def agenda_item(meeting, kind, strategy=None, title=None, position=None, **fields) -> AgendaItem:
    fields |= {name: value for name, value in [("title", title), ("position", position)] if value is not None}
    return AgendaItemFactory(meeting=meeting, kind=kind, strategy=strategy, **fields)
