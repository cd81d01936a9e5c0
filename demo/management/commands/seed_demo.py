"""`manage.py seed_demo [--scale N] [--reset]`: a realistic county council for demos and benchmarks.

Creates Demo County Council (demo/data/strategies.yaml): directorates, the demo sign-ins, and 17 Commissioning
Strategies with full Analyse content, spread across every stage of the cycle. Strategies are created and
moved on only through strategies.services (create_strategy, apply_transition), acting as their
accountable commissioner, so rights, history and the timeline are the real thing. Every strategy that
reaches Plan gets its Commissioning Plans (demo/data/plans.yaml), written while it is in Plan: through
plans.services.create_plan, with the plans' parts added in bulk (with history). So a strategy moves on
to Do only when its plans are complete, or when it has a statement that no plan is required. Dates are
then set back to a plausible past (months between stages, on working days), so the demo reads like a
council that has used the product for a few years.

Everything is dated relative to the day it is run, and `manage.py check_demo` checks the story holds
(demo/checks.py: actuals on the KPIs' calendars and none after today, meetings on sitting days in their own
rooms, contract terms and suppliers, agendas, approvals, narratives).

Running it again changes nothing (it says the council exists); --reset deletes every strategy and the
demo users first. --scale N makes N copies of the 17 strategies (CS-01-2 "... (area 2)" and so on).
"""

import logging
import os
import random
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, F, ProtectedError
from django.test.utils import override_settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

import commissioning.dates
import plans.checklist
import plans.selectors
import plans.services
from commissioning import outbox, roles, search, second_factor
from commissioning.history import audited
from commissioning.models import Directorate
from delivery.models import Kpi
from demo import content, dates, seed_delivery, seed_gateway, seed_meetings, seed_members, seed_public
from demo.system_checks import DEMO_PASSWORD
from gateway import overlaps
from members.models import ApprovalDecision, ApprovalRequest, Subject
from plans.models import (
    DEFAULT_CRITERIA,
    AppraisalCriterion,
    CommercialModel,
    CommissioningPlan,
    ContractKpi,
    DeliveryOption,
    Milestone,
    NoPlanStatement,
    OptionsAppraisal,
    OptionScore,
    PlanImpactEntry,
    PlannedService,
    Risk,
)
from strategies import checklist, services
from strategies.impact import required_areas as impact_areas
from strategies.models import (
    CouncilPriority,
    EvidenceItem,
    FrameworkIndicator,
    ImpactArea,
    ImpactEntry,
    InfluentialDocument,
    Interdependency,
    Outcome,
    OutcomeFramework,
    PerformanceMetric,
    ScopeItem,
    ServiceAreaContribution,
    Stage,
    Stakeholder,
    StartingPositionItem,
    Strategy,
    TransitionLog,
)

PART_MODELS = [
    EvidenceItem,
    Outcome,
    PerformanceMetric,
    ScopeItem,
    Stakeholder,
    ServiceAreaContribution,
    InfluentialDocument,
    StartingPositionItem,
    Interdependency,
    ImpactEntry,
]
PLAN_MODELS = [
    CommissioningPlan,
    NoPlanStatement,
    PlannedService,
    OptionsAppraisal,
    AppraisalCriterion,
    DeliveryOption,
    OptionScore,
    Milestone,
    Risk,
    CommercialModel,
    ContractKpi,
    PlanImpactEntry,
]
# The CommercialModel keys of plans.yaml that are not the model's own fields.
COMMERCIAL_EXTRAS = {"start_months", "years", "end", "kpis"}
COUNCIL = content.load("strategies")  # the council, its officers and its strategies
PLANS = content.load("plans")
# The officers, then the councillors who are not sign-ins.
ALL_USERS = [*COUNCIL["users"], *content.load("members")["users"]]
BANK_HOLIDAYS = {(12, 25), (12, 26), (1, 1)}  # nobody moves a strategy on at Christmas
DEFAULT_PASSWORD = DEMO_PASSWORD  # overridden by DEMO_PASSWORD


@contextmanager
def without_broker():
    """Run Celery tasks in-process and keep e-mail in memory while seeding, so no broker is needed."""
    from commissioning.celery import app

    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    # One "task succeeded" line per transition, and kombu's note about a broker it never uses, are noise here.
    quiet = {name: logging.getLogger(name) for name in ("celery.app.trace", "kombu.connection")}
    levels = {name: logger.level for name, logger in quiet.items()}
    for logger in quiet.values():
        logger.setLevel(logging.ERROR)
    try:
        # The demo's e-mails (to a made-up council's people) go to memory here, not to the worker at `make run`.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            outbox.delivered_in_process(),
        ):
            yield
    finally:
        app.conf.task_always_eager = was_eager
        for name, logger in quiet.items():
            logger.setLevel(levels[name])


@contextmanager
def unlogged():
    """With DEBUG on (`make run`), Django keeps each statement in its query log, formatted with its values:
    a tenth of the time of a seed's tens of thousands, for a log nobody reads. Not kept while seeding."""
    if not settings.DEBUG:
        yield
        return
    with override_settings(DEBUG=False):
        yield


def _date_context(today) -> dict[str, str]:
    start = today.year if today.month >= 4 else today.year - 1  # the financial year starts on 1 April
    return {
        "prev_fy": f"{start - 1}/{start % 100:02d}",
        "cur_fy": f"{start}/{(start + 1) % 100:02d}",
        "fy_end": f"31 March {start + 1}",
        "prev_year": str(today.year - 1),
        "this_year": str(today.year),
    }


def _fill(value, context):
    """Collapse whitespace and fill the date placeholders, through dicts, lists and tuples."""
    if isinstance(value, str):
        return " ".join(value.split()).format(**context)
    if isinstance(value, dict):
        return {key: _fill(item, context) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_fill(item, context) for item in value)
    return value


def reference(n: int, copy: int) -> str:
    return f"CS-{n:02d}" if copy == 1 else f"CS-{n:02d}-{copy}"


@dataclass
class Planned:
    """One strategy being seeded, with its past: when it was created and when each transition happened."""

    spec: dict
    copy: int
    owner: object
    created: datetime
    moves: list[tuple[str, datetime]]
    part_span: timedelta
    strategy: Strategy = None
    logs: list = field(default_factory=list)
    parts_added: int = 0
    stage: str = Stage.ANALYSE
    moves_done: int = 0
    stopped: bool = False

    def moment_of(self, transition: str) -> datetime | None:
        return next((when for name, when in self.moves if name == transition), None)

    def next_part_date(self) -> datetime:
        """Parts are written over the first weeks of Analyse, a few each working day."""
        self.parts_added += 1
        n = self.parts_added
        moment = self.created + timedelta(
            days=int(self.part_span.days * min(n / 40, 1)), minutes=(7 * n) % 60
        )
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
        return moment


class Command(BaseCommand):
    help = (
        "Create Demo County Council: demo sign-ins and 17 Commissioning Strategies across every stage. "
        "Does nothing if strategies exist, unless --reset (which deletes every strategy and the demo users)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Make N copies of the 17 strategies (for benchmarks): CS-01-2 '... (area 2)' and so on.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every strategy (with its history) and the demo users first, then seed.",
        )

    def handle(self, *args, scale=1, reset=False, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        self.verbosity = options.get("verbosity", 1)
        started = time.perf_counter()
        # Contexts close in reverse: the transaction commits first, and the transition notices queued
        # on commit run then, in-process, while the broker is still not needed.
        with unlogged(), without_broker(), transaction.atomic():
            if reset:
                self._reset()
            elif Strategy.objects.exists():
                if self.verbosity:
                    self._already_there()
                return
            seeder = Seeder(now=timezone.localtime())
            # The finder compares everything once (seed_gateway), not per change. The seeders back-date
            # records with update(), which the search index does not see: it is written once, at the end.
            with overlaps.paused(), search.deferred():
                seeder.seed(scale)
        if connection.vendor == "postgresql":
            # Fresh planner statistics after loading in bulk (autovacuum would catch up within minutes):
            # without them the overlap finder's trigram joins are planned as if the tables were empty.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if self.verbosity or seeder.warnings:
            self._summary(seeder, scale, time.perf_counter() - started)

    # ---------------------------------------------------------------------------------------------------

    def _reset(self):
        User = get_user_model()  # noqa: N806
        count = Strategy.objects.count()
        try:
            # Every history is deleted just after, so recording each cascaded deletion is wasted work.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                seed_meetings.reset()  # agenda items refer to strategies
                seed_members.reset()  # approvals and recommendations protect the strategies they are about
                seed_gateway.reset()  # so do gateway reviews
                seed_delivery.reset()
                Strategy.objects.all().delete()
            # The history of deleted strategies would otherwise reappear when their ids are reused.
            for model in [Strategy, *PART_MODELS, *PLAN_MODELS]:
                model.history.all().delete()
            User.objects.filter(username__in=[u["username"] for u in ALL_USERS]).delete()
        except ProtectedError as error:
            names = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            raise CommandError(
                f"Could not reset: other records refer to strategies or demo users ({', '.join(names)})."
            ) from error
        if self.verbosity:
            self.stdout.write(f"Reset: deleted {count} strategies and the demo users.")

    def _already_there(self):
        count = Strategy.objects.count()
        if Strategy.objects.filter(reference="CS-01", title=COUNCIL["strategies"][0]["title"]).exists():
            self.stdout.write(
                f"{COUNCIL['council_name']} already exists ({count} strategies): nothing changed. "
                "Run with --reset to rebuild it."
            )
        else:
            self.stdout.write(
                f"The database already holds {count} strategies, so the demo council was not added. "
                "Run with --reset to replace them (this deletes every strategy)."
            )
        self.stdout.write(
            f"Sign in at {settings.SITE_URL} as {COUNCIL['logins'][0]} / {self._password_hint()}"
        )

    def _password_hint(self) -> str:
        if os.environ.get("DEMO_PASSWORD"):
            return "the password in DEMO_PASSWORD"
        return DEFAULT_PASSWORD

    def _summary(self, seeder, scale, seconds):
        counts = dict(Strategy.objects.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
        total = sum(counts.values())
        # What checklist.missing() finds on each, worked out in SQL for them all (checklist.with_missing).
        analyse = checklist.with_missing(Strategy.objects.filter(stage=Stage.ANALYSE))
        with_gaps = sum(1 for keys in analyse.values_list("missing_keys", flat=True) if keys)
        second_cycle = Strategy.objects.filter(cycle__gt=1).count()
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"{COUNCIL['council_name']}: {total} strategies (scale {scale}) in {seconds:.1f} s"
            )
        )
        for stage in Stage:
            extra = ""
            if stage == Stage.ANALYSE:
                extra = f"  ({with_gaps} with checklist gaps, {second_cycle} in a second cycle)"
            out.write(f"  {stage.label:<9}{counts.get(stage.value, 0):>5}{extra}")
        # The plans of this cycle in Plan, each read with what its checklist reads (a few queries for all).
        in_plan = plans.selectors.with_content(
            CommissioningPlan.objects.filter(strategy__stage=Stage.PLAN, cycle=F("strategy__cycle"))
        )
        plans_with_gaps = sum(
            1 for plan in plans.selectors.with_impact_areas(list(in_plan)) if plans.checklist.missing(plan)
        )
        statements = NoPlanStatement.objects.count()
        out.write(
            f"  Plans: {CommissioningPlan.objects.count()} ({plans_with_gaps} in Plan with checklist gaps), "
            f"{statements} {'statement' if statements == 1 else 'statements'} that no plan is required"
        )
        for warning in seeder.warnings:
            out.write(self.style.WARNING(warning))
        out.write("")
        out.write(f"Sign in at {settings.SITE_URL} as:")
        for username in COUNCIL["logins"]:
            user = seeder.users[username]
            out.write(
                f"  {username:<14}{user.get_full_name()}, {user.job_title} ({', '.join(user.role_names)})"
            )
        if os.environ.get("DEMO_PASSWORD"):
            out.write("Password: the value of DEMO_PASSWORD.")
        else:
            out.write(f"Password: {DEFAULT_PASSWORD} (set DEMO_PASSWORD before seeding to choose another).")
        needing = [name for name in COUNCIL["logins"] if second_factor.required_for(seeder.users[name])]
        if needing:
            out.write(
                f"{', '.join(needing)} also need a code from an authenticator app: add the key "
                f"{COUNCIL['second_factor_key']} to one."
            )


class Seeder:
    def __init__(self, now):
        self.now = now
        self.context = _date_context(now.date())
        # {year} in an evidence title stays, to be the year of that evidence.
        self.specs = [_fill(spec, {**self.context, "year": "{year}"}) for spec in COUNCIL["strategies"]]
        self.notes = _fill(
            COUNCIL["default_notes"], {**self.context, "outcome": "{outcome}", "scrutiny": "{scrutiny}"}
        )
        self.method_common = _fill(COUNCIL["method_common"], self.context)
        self.plan_specs = _fill(PLANS["plans"], self.context)
        self.no_plan = _fill(PLANS["no_plan"], self.context)
        self.warnings: list[str] = []
        self.users: dict = {}
        self.planned: list[Planned] = []
        self.outcomes: dict[int, list[Outcome]] = {}

    def seed(self, scale: int):
        self.users = self._users()
        self.directorates = {
            name: Directorate.objects.get_or_create(name=name)[0] for name in COUNCIL["directorates"]
        }
        self.members = seed_members.MemberSeeder(self.users, self.users["admin"])
        self.members.setup()
        self.gateway = seed_gateway.GatewaySeeder(self.users)
        self.delivery = seed_delivery.DeliverySeeder(self.now, self.context)
        by_ref = {}
        for copy in range(1, scale + 1):
            for spec in self.specs:
                planned = self._plan(spec, copy)
                planned.strategy = self._create(planned)
                self.members.assign(planned.strategy)
                self.gateway.judge(planned.strategy)
                self.planned.append(planned)
                by_ref[planned.strategy.reference] = planned.strategy
        self._add_parts(by_ref)
        self._council_plan()
        # Every strategy moves to Plan first; the plans are written while they are there (in bulk), and
        # only then do strategies move on to Do, Review and round again, as the plans allow.
        for planned in self.planned:
            self._move(planned, through="start_planning")
        PlanWriter(self).write([p for p in self.planned if p.stage == Stage.PLAN])
        for planned in self.planned:
            self._move(planned)
        self._date_the_past()
        self._members_at_work()
        first = {p.spec["n"]: p.strategy for p in self.planned if p.copy == 1}
        seed_delivery.mark_exempt(first)
        seed_members.seed_interests(self.users, self.users["admin"], first, self.now)
        self._local_measures()
        seed_delivery.by_locality([p.strategy for p in self.planned])

    # Users and the plan of each strategy's past -------------------------------------------------------

    def _users(self) -> dict:
        User = get_user_model()  # noqa: N806
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL_ROLES}
        # One hash for all: the same password, and a fraction of the time (hashing is deliberately slow).
        # Set directly, as set_password would: the password validators are not applied to demo accounts.
        password = make_password(os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD)
        users = {}
        for spec in ALL_USERS:
            local = spec.get("email") or f"{spec['first_name']}.{spec['last_name']}".lower()
            user, _ = User.objects.update_or_create(
                username=spec["username"],
                defaults={
                    "first_name": spec["first_name"],
                    "last_name": spec["last_name"],
                    "job_title": spec["job_title"],
                    "email": f"{local}@{COUNCIL['email_domain']}",
                    "is_active": True,
                    "is_staff": spec.get("is_staff", False),
                    "is_superuser": spec.get("is_superuser", False),
                    "password": password,
                },
            )
            user.groups.set([groups[role] for role in spec["roles"]])
            users[spec["username"]] = user
            if second_factor.required_for(user) and not second_factor.has_second_factor(user):
                TOTP.activate(user, COUNCIL["second_factor_key"])
        return users

    def _when(self, days_ago: int, rng: random.Random) -> datetime:
        """A moment in office hours on a working day, about `days_ago` days ago."""
        moment = (self.now - timedelta(days=days_ago)).replace(
            hour=rng.randint(9, 16), minute=rng.randrange(0, 60, 5), second=0, microsecond=0
        )
        while moment.weekday() >= 5 or (moment.month, moment.day) in BANK_HOLIDAYS:
            moment -= timedelta(days=1)
        return moment

    def _plan(self, spec, copy) -> Planned:
        rng = random.Random(spec["n"] * 7919 + copy)
        path = COUNCIL["paths"][spec["stage"]]
        if not path:
            age = rng.randint(45, 160)
            return Planned(
                spec,
                copy,
                self.users[spec["owner"]],
                self._when(age, rng),
                [],
                timedelta(days=min(60, age - 10)),
            )
        # Time spent in each stage before moving on, oldest first; the last move was recent.
        stays = [rng.randint(110, 200) for _ in path]
        ago = rng.randint(12, 80)
        moves_ago = []
        for stay in reversed(stays):
            moves_ago.insert(0, ago)
            ago += stay
        moves = [(name, self._when(days, rng)) for name, days in zip(path, moves_ago, strict=True)]
        return Planned(spec, copy, self.users[spec["owner"]], self._when(ago, rng), moves, timedelta(days=60))

    # Strategies and their parts ------------------------------------------------------------------------

    def _create(self, planned: Planned) -> Strategy:
        spec, copy = planned.spec, planned.copy
        method = spec.get("method", "")
        return services.create_strategy(
            acting_user=planned.owner,
            commissioners=[self.users[name] for name in spec.get("co", [])],
            reference=reference(spec["n"], copy),
            title=spec["title"] if copy == 1 else f"{spec['title']} (area {copy})",
            purpose=spec["purpose"],
            directorate=self.directorates[spec["directorate"]],
            accountable_commissioner=planned.owner,
            summary_of_findings=spec.get("summary", ""),
            needs_methodology=f"{method} {self.method_common}" if method else "",
            need_political=spec.get("political", ""),
            need_demographic=spec.get("demographic", ""),
            need_legal=spec.get("legal", ""),
            need_policy=spec.get("policy", ""),
            need_performance=spec.get("performance", ""),
            need_stakeholders=spec.get("voices", ""),
            need_partners=spec.get("partners", ""),
            need_resources=spec.get("resources", ""),
            need_market=spec.get("market", ""),
            emerging_issues=spec.get("issues", ""),
            data_gaps=spec.get("gaps", ""),
            is_joint=spec.get("is_joint", False),
            lead_partner=spec.get("lead_partner", ""),
            partner_process=spec.get("partner_process", ""),
        )

    def _part(self, planned: Planned, model, **fields):
        part = audited(model(strategy=planned.strategy, **fields), planned.owner)
        part._history_date = planned.next_part_date()
        if planned.copy == 1:  # the copies repeat the same data, so checking the first is enough
            # Not the links to records in hand (read from the database or just written): asking the database
            # whether each exists would be a query per part.
            part.full_clean(
                exclude=["strategy", "other", "outcome", "area"],
                validate_unique=False,
                validate_constraints=False,
            )
        return part

    def _evidence(self, planned: Planned, item, dated):
        kind, title, source, path = item
        return self._part(
            planned,
            EvidenceItem,
            kind=kind,
            title=title.replace("{year}", str(dated.year)),
            source=source,
            link=f"{COUNCIL['site']}/{path}",
            evidence_date=dated,
        )

    def _add_parts(self, by_ref):
        """Every part of every strategy, in bulk (with history): outcomes first, as metrics point at them."""
        outcomes = {}
        for planned in self.planned:
            outcomes[planned.strategy.pk] = [
                self._part(planned, Outcome, title=title, description=description)
                for title, description in planned.spec.get("outcomes", [])
            ]
        self.created_parts = {Outcome: self._bulk(Outcome, [o for os_ in outcomes.values() for o in os_])}
        self.outcomes = outcomes

        rows = {model: [] for model in PART_MODELS if model is not Outcome}
        for planned in self.planned:
            spec, strategy = planned.spec, planned.strategy
            evidence = spec.get("evidence", [])
            rows[EvidenceItem] += [
                self._evidence(
                    planned, item, (planned.created - timedelta(days=30 * (len(evidence) - i))).date()
                )
                for i, item in enumerate(evidence)
            ]
            rows[PerformanceMetric] += [
                self._part(
                    planned,
                    PerformanceMetric,
                    name=name,
                    outcome=outcomes[strategy.pk][index],
                    unit=unit,
                    polarity=polarity,
                    baseline=Decimal(str(baseline)),
                    target=Decimal(str(target)),
                )
                for name, index, unit, polarity, baseline, target in spec.get("metrics", [])
            ]
            rows[ScopeItem] += [
                self._part(planned, ScopeItem, area=area, in_scope=in_scope, reason=reason)
                for area, in_scope, reason in spec.get("scope", [])
            ]
            rows[Stakeholder] += [
                self._part(planned, Stakeholder, name=name, engagement=engagement, how=how)
                for name, engagement, how in spec.get("stakeholders", [])
            ]
            rows[ServiceAreaContribution] += [
                self._part(planned, ServiceAreaContribution, service_area=area, contribution=contribution)
                for area, contribution in spec.get("contributions", [])
            ]
            rows[InfluentialDocument] += [
                self._part(
                    planned, InfluentialDocument, title=title, publisher=publisher, year=year, link=link
                )
                for title, publisher, year, link in (
                    COUNCIL["documents"][key] for key in spec.get("documents", [])
                )
            ]
            rows[StartingPositionItem] += [
                self._part(
                    planned,
                    StartingPositionItem,
                    kind=kind,
                    name=name,
                    provider=provider,
                    annual_cost=Decimal(cost),
                    utilisation=utilisation,
                    satisfaction=satisfaction,
                    outcomes_served=served,
                    provider_input=provider_input,
                )
                for kind, name, provider, cost, utilisation, satisfaction, served, provider_input in spec.get(
                    "starting", []
                )
            ]
            rows[Interdependency] += [
                self._part(
                    planned,
                    Interdependency,
                    other=by_ref[reference(other, planned.copy)],  # within the same copy
                    shared_outcome=shared,
                    assumed_contribution=assumed,
                    direction=direction,
                )
                for other, shared, assumed, direction in spec.get("links", [])
            ]
            if spec.get("outcomes"):
                rows[ImpactEntry] += [
                    self._part(planned, ImpactEntry, **fields) for fields in self.impact_entries(spec)
                ]
        for model, objs in rows.items():
            self.created_parts[model] = self._bulk(model, objs)

    def _council_plan(self):
        """The council plan's priorities and the national outcome frameworks (strategies.yaml), with the
        outcomes of every copy of a strategy linked to them."""
        outcomes_of = defaultdict(list)  # (n, index) -> the outcomes of every copy
        for planned in self.planned:
            for i, outcome in enumerate(self.outcomes[planned.strategy.pk]):
                outcomes_of[planned.spec["n"], i].append(outcome)
        priority_links, indicator_links = [], []
        for order, (ref, title, description, serves) in enumerate(COUNCIL["council_plan"], start=1):
            priority, _ = CouncilPriority.objects.update_or_create(
                reference=ref, defaults={"title": title, "description": description, "order": order}
            )
            priority_links += [(o, priority) for n, i in serves for o in outcomes_of[n, i]]
        self.indicators = {}
        for spec in COUNCIL["frameworks"]:
            framework, _ = OutcomeFramework.objects.update_or_create(
                code=spec["code"], defaults={"name": spec["name"]}
            )
            for code, name, domain, polarity, serves, kpis in spec["indicators"]:
                indicator, _ = FrameworkIndicator.objects.update_or_create(
                    framework=framework,
                    code=code,
                    defaults={"name": name, "domain": domain, "polarity": polarity},
                )
                indicator_links += [(o, indicator) for n, i in serves for o in outcomes_of[n, i]]
                self.indicators[indicator] = kpis
        for field_name, links in (("priorities", priority_links), ("indicators", indicator_links)):
            through = Outcome._meta.get_field(field_name).remote_field.through
            target = "councilpriority_id" if field_name == "priorities" else "frameworkindicator_id"
            through.objects.bulk_create(
                [through(outcome_id=o.pk, **{target: linked.pk}) for o, linked in links],
                ignore_conflicts=True,
            )

    def _local_measures(self):
        """The KPIs (made from the metrics once delivery started) that are the local measure of a national
        indicator."""
        for indicator, names in self.indicators.items():
            if names:
                Kpi.objects.filter(strategy__in=[p.strategy for p in self.planned], name__in=names).update(
                    indicator=indicator
                )

    def impact_entries(self, spec) -> list[dict]:
        """The integrated impact assessment of a strategy (or of its plan's adopted option): its own entries,
        and the default judgement of every other area the assessment must cover."""
        if not hasattr(self, "_impact_areas"):
            if not ImpactArea.objects.exists():  # made by a migration; gone from a flushed test database
                from importlib import import_module

                from django.apps import apps

                import_module("strategies.migrations.0006_impact_areas").add(apps, None)
            self._impact_areas = impact_areas()
        by_code = {a.code: a for a in self._impact_areas}
        default_impact, default_evidence = COUNCIL["impact_default"]
        own = {code: rest for code, *rest in spec.get("impact", [])}
        entries = []
        for area in self._impact_areas:
            judged, evidence, mitigation, owner = own.get(
                area.code, [default_impact, default_evidence, "", ""]
            )
            entries.append(
                {
                    "area": by_code[area.code],
                    "impact": judged,
                    "evidence": evidence,
                    "mitigation": mitigation,
                    "owner": owner,
                }
            )
        return entries

    @staticmethod
    def _bulk(model, objs):
        created = bulk_create_with_history(objs, model, batch_size=500)
        for original, saved in zip(objs, created, strict=True):  # same order; keep the intended dates
            saved._history_date = original._history_date
        return created

    # The lifecycle ---------------------------------------------------------------------------------------

    def _note(self, planned: Planned, name: str) -> str:
        spec = planned.spec
        note = spec.get("notes", {}).get(name) or self.notes.get(name) or ""
        outcomes = spec.get("outcomes") or [("its outcomes", "")]
        note = note.replace("{outcome}", outcomes[0][0])
        # The scrutiny board the strategy is referred to (members.yaml assignments).
        note = note.replace("{scrutiny}", seed_members.scrutiny_board_name(spec["directorate"]))
        # A note naming another strategy names the one in the same copy.
        return re.sub(r"\bCS-(\d\d)\b", lambda m: reference(int(m[1]), planned.copy), note)

    def _move(self, planned: Planned, through: str = ""):
        """Apply the strategy's remaining moves, or those up to and including `through`."""
        while not planned.stopped and planned.moves_done < len(planned.moves):
            name, when = planned.moves[planned.moves_done]
            self._approve_before(planned, name, when)
            try:
                log = services.apply_transition(
                    strategy_id=planned.strategy.pk,
                    name=name,
                    acting_user=planned.owner,
                    expected_stage=planned.stage,
                    note=self._note(planned, name),
                    trigger=planned.spec.get("trigger", "") if name == "recommission" else "",
                )
            except services.TransitionRefused as refused:
                self.warnings.append(
                    f"{planned.strategy.reference} stopped in {Stage(planned.stage).label}: {name} was "
                    f"refused ({' '.join(refused.reasons)})"
                )
                planned.stopped = True
                return
            planned.moves_done += 1
            planned.stage = log.target
            planned.strategy.stage, planned.strategy.cycle = log.target, log.cycle
            log.at = when
            # The commissioners were told at the time: the notice task finds this and sends nothing now.
            log.notified_at = when + timedelta(minutes=2)
            planned.logs.append(log)
            if name == through:
                return
        later = planned.spec.get("later_evidence")
        if later and not through and planned.moves and planned.stage == Stage.ANALYSE:
            # New evidence gathered since recommissioning, dated after it.
            since = (self.now - planned.moves[-1][1]).days
            added = self._when(since // 2, random.Random(planned.spec["n"] * 7919 + planned.copy + 1))
            item = self._evidence(planned, later, (added - timedelta(days=7)).date())
            item._history_date = added
            item.save()
            self.created_parts[EvidenceItem].append(item)

    def _approve_before(self, planned: Planned, name: str, when: datetime):
        """Councillors approve the outcomes before a strategy leaves Analyse, and each plan before it
        leaves Plan, as the lifecycle requires (members.approvals)."""
        strategy = planned.strategy
        if name == "start_planning":
            self.members.approve(strategy, planned.owner, when, effective_by=when)
        elif name == "start_delivery":
            for plan in strategy.plans.filter(cycle=strategy.cycle).order_by("pk"):
                if not plans.checklist.missing(plan):
                    self.members.approve(strategy, planned.owner, when, plan=plan, effective_by=when)
            self.gateway.before_delivery(strategy, planned.owner, when)
        elif name == "start_review":  # the evidence to review: contracts, KPIs and their actuals
            self.delivery.deliver(strategy, planned.owner, planned.moment_of("start_delivery"), when)
        elif name == "recommission":
            self.delivery.review(strategy, planned.owner, planned.spec.get("trigger", "time_since_review"))

    def _members_at_work(self):
        """The current business of councillors: approvals waiting on them, and scrutiny under way."""
        first_copy = [p for p in self.planned if p.copy == 1]
        # Approvals are decided at the Executive's meetings: a refusal and a request for changes at its last,
        # and two requests waiting for its next.
        past, coming = seed_meetings.meeting_days(seed_meetings.EXECUTIVE, self.now.date())
        last_executive = timezone.make_aware(datetime.combine(past[-1], datetime.min.time())) + timedelta(
            hours=12
        )
        asked = last_executive + timedelta(days=2) - timedelta(days=14)  # as MemberSeeder.approve asks

        def settled_before(planned):  # in its present stage and cycle before the request was made
            return (
                planned.moves[planned.moves_done - 1][1] if planned.moves_done else planned.created
            ) < asked

        ready = [p for p in first_copy if p.stage == Stage.ANALYSE and not checklist.missing(p.strategy)]
        refusable = [p for p in ready if settled_before(p)]
        if refusable:
            planned = refusable[0]
            self.members.approve(
                planned.strategy,
                planned.owner,
                last_executive + timedelta(days=2),
                kind=ApprovalDecision.Kind.REFUSE,
                due=past[-1],
            )
        awaiting = (refusable[:1] + [p for p in ready if p not in refusable[:1]])[:2]
        for n, planned in enumerate(awaiting):
            request = self.members.approve(
                planned.strategy, planned.owner, self.now + timedelta(days=10), decide=False, due=coming
            )
            # Key decisions for the next Executive: one on the forward plan for over 28 days, one published
            # late, with a general exception (members.callin).
            published = self.now.date() - timedelta(days=4 if n else 35)
            self.members.key_decision(
                request, planned.owner, published, exception_on=published if n else None
            )
        # A decision taken by a portfolio holder yesterday, in its call-in period.
        month_ago = self.now - timedelta(days=30)
        spare = [
            p
            for p in ready
            if p not in awaiting and (p.moves[p.moves_done - 1][1] if p.moves_done else p.created) < month_ago
        ]
        if spare:
            self.members.approve(spare[0].strategy, spare[0].owner, self.now + timedelta(days=1))
        # The latest approval of a strategy's outcomes was called in the day after it was published and
        # considered by scrutiny (no further action) within its call-in period, before the strategy moved on.
        latest = (
            ApprovalRequest.objects.filter(
                strategy__in=[p.strategy for p in first_copy],
                subject=Subject.OUTCOMES,
                status=ApprovalRequest.Status.APPROVED,
                closed_at__lt=self.now - timedelta(days=14),
            )
            .order_by("-closed_at")
            .first()
        )
        if latest is not None:
            considered = commissioning.dates.working_days_after(timezone.localdate(latest.closed_at), 3)
            self.members.call_in(
                latest,
                latest.closed_at,
                outcome_at=timezone.make_aware(datetime.combine(considered, datetime.min.time()))
                + timedelta(hours=14),
            )
        plan_ready = [
            p
            for p in first_copy
            if p.stage == Stage.PLAN
            and settled_before(p)
            and (found := p.strategy.plans.filter(cycle=p.strategy.cycle).order_by("pk").first())
            and not plans.checklist.missing(found)
        ]
        if plan_ready:
            planned = plan_ready[0]
            self.members.approve(
                planned.strategy,
                planned.owner,
                last_executive + timedelta(days=2),
                plan=planned.strategy.plans.filter(cycle=planned.strategy.cycle).order_by("pk").first(),
                kind=ApprovalDecision.Kind.REQUEST_CHANGES,
                due=past[-1],
            )
        in_analyse = [p for p in first_copy if p.stage == Stage.ANALYSE]
        if in_analyse:
            planned = in_analyse[0]
            self.members.scrutiny(planned.strategy, planned.owner, self.now - timedelta(days=9))
        in_do = [p for p in first_copy if p.stage == Stage.DO]
        if in_do:
            planned = in_do[0]
            made = self.members.scrutiny(planned.strategy, planned.owner, self.now - timedelta(days=70))
            holder = self.members.holders(planned.strategy)[0]
            self.members.respond(made, holder, self.now - timedelta(days=20))
        self.gateway.current_business([(p.strategy, p.owner) for p in first_copy if p.stage == Stage.PLAN])
        for planned in self.planned:  # delivery under way now
            if planned.stage == Stage.DO:
                self.delivery.deliver(
                    planned.strategy, planned.owner, planned.moment_of("start_delivery"), self.now
                )
        meetings = seed_meetings.MeetingSeeder(self.members.boards, self.users["admin"], self.now)
        meetings.seed(sorted((p.strategy for p in first_copy), key=lambda s: s.reference))
        meetings.publish()
        seed_public.subscribe(self.members.boards, seed_meetings.PUBLICATION["subscribers"], self.now)

    # Setting the past ---------------------------------------------------------------------------------------

    def _date_the_past(self):
        """The services and auto_now stamp everything 'now': move each record to when it happened."""
        history_model = Strategy.history.model
        by_pk = {p.strategy.pk: p for p in self.planned}
        records = list(history_model.objects.filter(id__in=by_pk).order_by("id", "history_id"))
        moves_done: dict[int, int] = defaultdict(int)
        other_records: dict[int, int] = defaultdict(int)
        for record in records:
            planned = by_pk[record.id]
            if record.history_change_reason:  # a transition (apply_transition gives the reason)
                record.history_date = planned.logs[moves_done[record.id]].at
                moves_done[record.id] += 1
            else:  # its creation, then its other commissioners being set, minutes apart
                record.history_date = planned.created + timedelta(minutes=5 * other_records[record.id])
                other_records[record.id] += 1
        _set_fields(history_model, records, ["history_date"])

        for planned in self.planned:
            planned.strategy.created_at = planned.created
            planned.strategy.updated_at = (
                planned.logs[-1].at if planned.logs else planned.created + planned.part_span
            )
        _set_fields(Strategy, [p.strategy for p in self.planned], ["created_at", "updated_at"])
        _set_fields(TransitionLog, [log for p in self.planned for log in p.logs], ["at", "notified_at"])
        for model, parts in self.created_parts.items():
            for part in parts:
                part.created_at = part._history_date
            _set_fields(model, parts, ["created_at"])


def _set_fields(model, objs, names):
    """UPDATE these fields of these rows to the objects' values, in one executemany (bulk_update's CASE
    statements are several times slower on thousands of rows). Bypasses auto_now, as intended."""
    if not objs:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {sets} WHERE {connection.ops.quote_name(meta.pk.column)} = %s"  # noqa: S608
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Commissioning Plans ---------------------------------------------------------------------------------------


@dataclass
class Clock:
    """The moments one plan was written: its parts a few at a time, over most of its time in Plan."""

    start: datetime
    step: timedelta
    ticks: int = 0

    def next(self) -> datetime:
        self.ticks += 1
        moment = self.start + self.step * self.ticks
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
        return moment


@dataclass
class Writing:
    """One plan being seeded: its spec, the strategy's seeding record, and what has been created."""

    planned: Planned
    spec: dict
    clock: Clock
    delivery_start: date
    plan: CommissioningPlan = None
    services: list = field(default_factory=list)
    appraisals: list = field(default_factory=list)  # (OptionsAppraisal, its spec)
    options: list = field(default_factory=list)  # per appraisal, its DeliveryOptions


class PlanWriter:
    """Writes the plans (or the statements that no plan is required) of strategies that are in Plan.

    Each plan is created through plans.services.create_plan, as its accountable commissioner; its parts
    are then created in bulk with history, dated while the strategy was in Plan. Milestones and risks
    are dated from the day delivery started (or, for a strategy still in Plan, is expected to)."""

    def __init__(self, seeder: Seeder):
        self.seeder = seeder
        self.today = seeder.now.date()

    def write(self, in_plan: list[Planned]):
        writings = []
        for planned in in_plan:
            n = planned.spec["n"]
            if n in self.seeder.no_plan:
                self._no_plan(planned, self.seeder.no_plan[n])
            for spec in self.seeder.plan_specs.get(n, []):
                writings.append(self._plan(planned, spec))
        if not writings:
            return
        self._services(writings)
        self._appraisals(writings)
        self._delivery_plans(writings)
        self._commercial(writings)
        self._impact(writings)

    def _impact(self, writings: list[Writing]):
        """Each plan's integrated impact assessment of its adopted option, the last part written."""
        objs = [
            self._part(w, PlanImpactEntry(plan=w.plan, **fields), "plan", "area")
            for w in writings
            for fields in self.seeder.impact_entries(w.spec)
        ]
        self._bulk(PlanImpactEntry, objs)

    # Timing -------------------------------------------------------------------------------------------

    def _window(self, planned: Planned) -> tuple[datetime, datetime]:
        """From the move to Plan to the move to Do (or now, for a strategy still in Plan)."""
        start = planned.moment_of("start_planning") or self.seeder.now - timedelta(days=30)
        end = planned.moment_of("start_delivery") or self.seeder.now
        return start, end

    def _delivery_start(self, planned: Planned) -> date:
        moved = planned.moment_of("start_delivery")
        return moved.date() if moved else self.today + timedelta(days=75)

    @staticmethod
    def _months(start: date, months: float) -> date:
        day = start + timedelta(days=round(months * 30.44))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    # Plans and statements -----------------------------------------------------------------------------

    def _no_plan(self, planned: Planned, reasons: str):
        start, end = self._window(planned)
        statement = plans.services.state_no_plan_needed(
            strategy=planned.strategy, reasons=reasons, acting_user=planned.owner
        )
        written = start + (end - start) / 3
        self._redate(NoPlanStatement, [statement], written)

    def _plan(self, planned: Planned, spec: dict) -> Writing:
        start, end = self._window(planned)
        parts = (
            len(spec.get("services", []))
            + sum(6 + 6 * len(a["options"]) for a in spec.get("appraisals", []))
            + len(spec.get("milestones", []))
            + len(spec.get("risks", []))
            + len(spec.get("commercial", {}).get("kpis", []))
            + 2
        )
        # Written over the first two thirds of the time in Plan, starting a few days in.
        begun = start + timedelta(days=3)
        clock = Clock(begun, max((end - begun) * 2 / 3 / parts, timedelta(minutes=10)))
        outcomes = self.seeder.outcomes[planned.strategy.pk]
        plan = plans.services.create_plan(
            strategy=planned.strategy,
            acting_user=planned.owner,
            title=spec["title"],
            summary=spec.get("summary", ""),
            outcomes=[outcomes[i] for i in spec.get("outcomes", [])],
        )
        plan.current_budget = Decimal(spec["budget"]) if "budget" in spec else None
        plan.current_staff = Decimal(str(spec["staff"])) if "staff" in spec else None
        for key, name in [
            ("resources", "current_resources"),
            ("issues", "significant_issues"),
            ("governance", "governance"),
            ("contract_management", "contract_management"),
        ]:
            setattr(plan, name, spec.get(key, ""))
        self._check(planned, plan, "strategy", "outcomes")
        audited(plan, planned.owner).save()
        self._redate(CommissioningPlan, [plan], begun)
        return Writing(planned, spec, clock, self._delivery_start(planned), plan)

    def _redate(self, model, records, moment: datetime):
        """Date a record made through the services (its row and its history) to when it was written."""
        for record in records:
            record.created_at = moment
        _set_fields(model, records, ["created_at"])
        history = list(model.history.filter(id__in=[r.pk for r in records]).order_by("id", "history_id"))
        previous, n = None, 0
        for row in history:
            n = n + 1 if row.id == previous else 0
            previous = row.id
            row.history_date = moment + timedelta(minutes=3 * n)
        _set_fields(model.history.model, history, ["history_date"])

    # Parts ----------------------------------------------------------------------------------------------

    def _part(self, writing: Writing, obj, *relations):
        audited(obj, writing.planned.owner)
        obj._history_date = writing.clock.next()
        self._check(writing.planned, obj, *relations)
        return obj

    @staticmethod
    def _check(planned: Planned, obj, *relations):
        if planned.copy == 1:  # the copies repeat the same data, so checking the first is enough
            obj.full_clean(exclude=list(relations), validate_unique=False, validate_constraints=False)

    def _bulk(self, model, objs, history=True):
        if not objs:
            return []
        if history:
            created = self.seeder._bulk(model, objs)
        else:
            created = model.objects.bulk_create(objs, batch_size=500)
        if any(f.name == "created_at" for f in model._meta.concrete_fields):
            self.seeder.created_parts.setdefault(model, []).extend(created)
        return created

    @staticmethod
    def _link(model, name, pairs):
        """Many-to-many links in bulk: (object, [related objects])."""
        field_ = model._meta.get_field(name)
        through = field_.remote_field.through
        source, target = field_.m2m_field_name(), field_.m2m_reverse_field_name()
        rows = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": other.pk})
            for obj, others in pairs
            for other in others
        ]
        through.objects.bulk_create(rows, batch_size=1000)

    def _services(self, writings: list[Writing]):
        objs, links = [], []
        for w in writings:
            outcomes = self.seeder.outcomes[w.planned.strategy.pk]
            for name, priority, served, description, issues in w.spec.get("services", []):
                service = self._part(
                    w,
                    PlannedService(
                        plan=w.plan,
                        name=name,
                        priority=priority,
                        description=description,
                        issues_and_risks=issues,
                    ),
                    "plan",
                    "outcomes",
                )
                w.services.append(service)
                objs.append(service)
                links.append((service, [outcomes[i] for i in served]))
        self._bulk(PlannedService, objs)
        self._link(PlannedService, "outcomes", links)

    def _appraisals(self, writings: list[Writing]):
        # The appraisals first (their history waits until an option is adopted), then criteria, options
        # and scores, then the adoption.
        appraisals, links = [], []
        for w in writings:
            for spec in w.spec.get("appraisals", []):
                appraisal = self._part(
                    w,
                    OptionsAppraisal(
                        plan=w.plan,
                        title=spec["title"],
                        years=spec.get("years", 5),
                        adoption_rationale=spec.get("rationale", ""),
                    ),
                    "plan",
                    "services",
                    "adopted_option",
                )
                w.appraisals.append((appraisal, spec))
                appraisals.append(appraisal)
                links.append((appraisal, [w.services[i] for i in spec.get("services", [])]))
        self._bulk(OptionsAppraisal, appraisals, history=False)
        self._link(OptionsAppraisal, "services", links)

        criteria, options = {}, []
        for w in writings:
            for appraisal, spec in w.appraisals:
                criteria[appraisal.pk] = [
                    self._part(
                        w, AppraisalCriterion(appraisal=appraisal, name=name, weight=weight), "appraisal"
                    )
                    for name, weight in DEFAULT_CRITERIA
                ]
                own = [self._option(w, appraisal, o) for o in spec["options"]]
                w.options.append(own)
                options += own
        self._bulk(AppraisalCriterion, [c for cs in criteria.values() for c in cs])
        self._bulk(DeliveryOption, options)

        scores = []
        for w in writings:
            for (appraisal, spec), own in zip(w.appraisals, w.options, strict=True):
                for option, option_spec in zip(own, spec["options"], strict=True):
                    for criterion, score in zip(
                        criteria[appraisal.pk], option_spec.get("scores", ()), strict=False
                    ):
                        scores.append(
                            self._part(
                                w,
                                OptionScore(option=option, criterion=criterion, score=score),
                                "option",
                                "criterion",
                            )
                        )
                    if option_spec.get("adopted"):
                        appraisal.adopted_option = option
                    if option_spec.get("baseline"):
                        appraisal.baseline_option = option
        self._bulk(OptionScore, scores)
        _set_fields(OptionsAppraisal, appraisals, ["adopted_option", "baseline_option"])
        OptionsAppraisal.history.bulk_history_create(appraisals, batch_size=500)

    def _option(self, w: Writing, appraisal, spec: dict) -> DeliveryOption:
        one_off, annual_cost, annual_benefit = spec["costs"]
        strengths, weaknesses, opportunities, threats = spec.get("swot", ("", "", "", ""))
        return self._part(
            w,
            DeliveryOption(
                appraisal=appraisal,
                name=spec["name"],
                channel=spec["channel"],
                description=spec["description"],
                governance=spec.get("governance", ""),
                outcomes_achieved=spec.get("outcomes", ""),
                policy_alignment=spec.get("policy", ""),
                one_off_cost=Decimal(one_off),
                annual_cost=Decimal(annual_cost),
                annual_benefit=Decimal(annual_benefit),
                other_resources=spec.get("resources", ""),
                risks=spec.get("risks", ""),
                strengths=strengths,
                weaknesses=weaknesses,
                opportunities=opportunities,
                threats=threats,
                value_for_money_evidence=spec.get("vfm", ""),
                decommission_impact=spec.get("impact", ""),
                rejection_reason=spec.get("rejected", ""),
            ),
            "appraisal",
        )

    def _delivery_plans(self, writings: list[Writing]):
        """The milestones and the risk register, as they stand today."""
        milestones, risks = [], []
        replanned = False
        for w in writings:
            delivering = w.planned.moment_of("start_delivery") is not None  # it will move on to Do
            due_dates = [self._months(w.delivery_start, m[1]) for m in w.spec.get("milestones", [])]
            upcoming = [d for d in due_dates if d >= self.today]
            next_due = min(upcoming) if upcoming else None
            for (title, _months, owner, contractual, *missed), due in zip(
                w.spec.get("milestones", []), due_dates, strict=True
            ):
                if due < self.today:
                    status = Milestone.Status.MISSED if missed and missed[0] else Milestone.Status.MET
                    if status == Milestone.Status.MISSED and delivering and not replanned:
                        # The first missed milestone in delivery was replanned, with a new date agreed.
                        status, due, replanned = (
                            Milestone.Status.REPLANNED,
                            self.today + timedelta(days=60),
                            True,
                        )
                elif due == next_due or (delivering and due <= self.today + timedelta(days=60)):
                    status = Milestone.Status.IN_PROGRESS
                else:
                    status = Milestone.Status.NOT_STARTED
                milestones.append(
                    self._part(
                        w,
                        Milestone(
                            plan=w.plan,
                            title=title,
                            due_date=due,
                            owner=owner,
                            status=status,
                            contractual=contractual,
                        ),
                        "plan",
                    )
                )
            # A risk marked as passing closes once delivery has run for four months.
            settled = w.delivery_start <= self.today - timedelta(days=120)
            for i, (description, likelihood, impact, owner, actions, *passing) in enumerate(
                w.spec.get("risks", [])
            ):
                closed = bool(passing and passing[0] and settled)
                risks.append(
                    self._part(
                        w,
                        Risk(
                            plan=w.plan,
                            description=description,
                            likelihood=likelihood,
                            impact=impact,
                            owner=owner,
                            mitigating_actions=actions,
                            review_date=None if closed else self.today + timedelta(days=28 * (1 + i % 3)),
                            status=Risk.Status.CLOSED if closed else Risk.Status.OPEN,
                        ),
                        "plan",
                    )
                )
        self._bulk(Milestone, milestones)
        self._bulk(Risk, risks)

    def _commercial(self, writings: list[Writing]):
        models, kpis = [], []
        for w in writings:
            spec = w.spec.get("commercial")
            if spec is None:
                continue
            model = CommercialModel(
                plan=w.plan, **{k: v for k, v in spec.items() if k not in COMMERCIAL_EXTRAS}
            )
            if "start_months" in spec:
                model.start_date = self._months(w.delivery_start, spec["start_months"])
                reviewed = w.planned.moment_of("start_review")
                if reviewed:  # what is reviewed has started: within the first third of the time in Do
                    third = (reviewed.date() - w.delivery_start).days / 3 / 30.44
                    model.start_date = min(model.start_date, self._months(w.delivery_start, third))
                if spec.get("end") == "fy_end":
                    fy = self.today.year if self.today.month >= 4 else self.today.year - 1
                    model.end_date = date(fy + 1, 3, 31)
                elif "years" in spec:
                    model.end_date = dates.years_later(model.start_date, spec["years"])
            models.append(self._part(w, model, "plan"))
            kpis += [
                self._part(
                    w,
                    ContractKpi(
                        plan=w.plan,
                        name=name,
                        measurement=measurement,
                        target=target,
                        payment_deduction=deduction,
                    ),
                    "plan",
                )
                for name, measurement, target, deduction in spec.get("kpis", [])
            ]
        self._bulk(CommercialModel, models)
        self._bulk(ContractKpi, kpis)
