"""The demo council's story, checked: what `manage.py check_demo` asserts over the seeded data. Each check
returns the violations it finds, in words; an empty list is a consistent demo. Every date is judged
against the day the checks run, so a demo seeded today passes today."""

import re
from collections import Counter, defaultdict
from datetime import timedelta

from django.utils import timezone

from delivery import periods
from delivery.models import Contract, Kpi, Measurement
from meetings.models import AgendaItem, Meeting, WorkProgrammeItem
from members import callin, selectors
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    DecisionRecord,
    ForwardPlanEntry,
    KeyDecisionException,
    Recommendation,
    Rule,
)
from plans.models import Channel, CommissioningPlan, NoPlanStatement
from strategies.models import Stage, Strategy, TransitionLog

from . import content, dates

COUNCIL_NAME = content.load("strategies")["council_name"]
# A scrutiny board named in a narrative: "... Scrutiny Committee", "... Scrutiny Management Board".
BOARD_NAMED = re.compile(
    r"\b((?:[A-Z][\w']*|and|of)(?: (?:[A-Z][\w']*|and|of))*) Scrutiny (Committee|Management Board)"
)
# Two meetings in one room closer than this overlap.
MEETING_LENGTH = timedelta(hours=3)


def actuals(today) -> list[str]:
    found = []
    for m in Measurement.objects.select_related("kpi__strategy").order_by(
        "kpi__strategy__reference", "period_end"
    ):
        where = f"{m.kpi.strategy.reference} KPI '{m.kpi.name}'"
        if m.period_end > today:
            found.append(f"{where}: an actual for the period ending {m.period_end}, after today ({today}).")
        if not periods.is_period_end(m.kpi.frequency, m.period_end):
            found.append(f"{where}: an actual for {m.period_end}, not a {m.kpi.frequency} period end.")
    return found


def periods_due(today) -> list[str]:
    """Every KPI of a strategy in Do or Review has an actual for each period ended since it entered Do
    (until it entered Review)."""
    found = []
    logs = defaultdict(list)
    for log in TransitionLog.objects.filter(strategy__stage__in=[Stage.DO, Stage.REVIEW]).order_by(
        "at", "pk"
    ):
        logs[log.strategy_id].append(log)
    kpis = Kpi.objects.filter(strategy__stage__in=[Stage.DO, Stage.REVIEW]).select_related("strategy")
    have = defaultdict(set)
    for kpi_id, period_end in Measurement.objects.filter(kpi__in=kpis).values_list("kpi_id", "period_end"):
        have[kpi_id].add(period_end)
    for kpi in kpis:
        entered = [log for log in logs[kpi.strategy_id] if log.target == Stage.DO]
        if not entered:
            continue
        left = [
            log for log in logs[kpi.strategy_id] if log.target == Stage.REVIEW and log.at > entered[-1].at
        ]
        until = min(timezone.localdate(left[-1].at), today) if left else today
        missing = set(periods.due(kpi.frequency, timezone.localdate(entered[-1].at), until)) - have[kpi.pk]
        if missing:
            found.append(
                f"{kpi.strategy.reference} KPI '{kpi.name}': no actual for the periods ending "
                f"{', '.join(str(d) for d in sorted(missing))}."
            )
    return found


def meetings() -> list[str]:
    found = []
    by_room = defaultdict(list)
    for meeting in Meeting.objects.select_related("board").order_by("starts_at"):
        when = timezone.localtime(meeting.starts_at)
        if not dates.is_sitting_day(when.date()):
            found.append(f"{meeting.board} meets on {when:%A %d %B %Y}: not a sitting day.")
        for other in by_room[meeting.venue]:
            if when - timezone.localtime(other.starts_at) < MEETING_LENGTH:
                found.append(
                    f"{meeting.board} and {other.board} both meet in {meeting.venue} at {when:%d %B %Y %H:%M}."
                )
        by_room[meeting.venue].append(meeting)
    minutes = Counter(m for m in Meeting.objects.exclude(minutes="").values_list("minutes", flat=True))
    found += [f"{n} meetings have the same minutes." for text, n in minutes.items() if n > 1]
    return found


def contracts() -> list[str]:
    found = []
    qs = Contract.objects.select_related("strategy", "plan__commercial_model", "option")
    for c in qs.order_by("strategy__reference", "reference"):
        where = f"{c.reference} '{c.title}'"
        if c.end_date <= c.start_date:
            found.append(f"{where}: ends ({c.end_date}) before it starts ({c.start_date}).")
            continue
        years = dates.years_in_title(c.title)
        months = dates.term_months(c.start_date, c.end_date)
        if years and abs(months - 12 * years) > 0.01:
            found.append(
                f"{where}: a {years}-year arrangement running {months:.1f} months ({c.start_date} to {c.end_date})."
            )
        if c.channel == Channel.INTERNAL:
            if not c.provider.startswith(COUNCIL_NAME) or c.sector != Contract.Sector.PUBLIC:
                found.append(f"{where}: in-house, but delivered by {c.provider} ({c.sector}).")
        elif c.provider.startswith(COUNCIL_NAME):
            found.append(
                f"{where}: {c.get_channel_display()}, but delivered by the council's own {c.provider}."
            )
    for plan in (
        CommissioningPlan.objects.filter(contracts__isnull=False)
        .distinct()
        .select_related("commercial_model")
    ):
        model = getattr(plan, "commercial_model", None)
        if model is None or not (model.start_date and model.end_date):
            continue
        terms = {(c.start_date, c.end_date) for c in plan.contracts.all()}
        if terms and (model.start_date, model.end_date) not in terms:
            found.append(
                f"{plan.strategy.reference} '{plan.title}': no contract on its commercial model's terms "
                f"({model.start_date} to {model.end_date})."
            )
    # A realistic market: in the first copy, no outside supplier holds more than two arrangements.
    outside = Counter(
        Contract.objects.exclude(channel=Channel.INTERNAL)
        .filter(strategy__reference__regex=r"^CS-\d+$")
        .values_list("provider", flat=True)
    )
    found += [f"{name} holds {n} contracts." for name, n in outside.items() if n > 2]
    return found


def kpi_contracts() -> list[str]:
    found = []
    kpis = (
        Kpi.objects.filter(contract__isnull=False)
        .select_related("strategy", "outcome", "contract__option__appraisal__plan", "contract_kpi")
        .prefetch_related("contract__option__appraisal__services__outcomes")  # not two queries a KPI
    )
    for kpi in kpis:
        where = f"{kpi.strategy.reference} KPI '{kpi.name}'"
        contract = kpi.contract
        if contract.strategy_id != kpi.strategy_id:
            found.append(f"{where}: on {contract.reference}, a contract of another strategy.")
            continue
        option = contract.option
        delivered = set()
        if option is not None:
            delivered = {o.pk for s in option.appraisal.services.all() for o in s.outcomes.all()}
            delivered = delivered or set(option.appraisal.plan.outcomes.values_list("pk", flat=True))
        if kpi.outcome_id not in delivered:
            found.append(f"{where}: measures '{kpi.outcome}', which '{contract.title}' does not deliver.")
        if kpi.contract_kpi and kpi.contract_kpi.plan_id != contract.plan_id:
            found.append(f"{where}: its contractual KPI is another plan's.")
    return found


def agendas() -> list[str]:
    archived = Stage.ARCHIVED
    found = [
        f"{item.meeting.board} on {timezone.localdate(item.meeting.starts_at)}: '{item.title}' is about an archived strategy."
        for item in AgendaItem.objects.filter(strategy__stage=archived).select_related("meeting__board")
    ]
    found += [
        f"{item.board}'s work programme: '{item.title}' is about an archived strategy."
        for item in WorkProgrammeItem.objects.filter(strategy__stage=archived).select_related("board")
    ]
    return found


def approvals() -> list[str]:
    found = []
    statuses = set(ApprovalRequest.objects.values_list("status", flat=True))
    for status in (
        ApprovalRequest.Status.APPROVED,
        ApprovalRequest.Status.REFUSED,
        ApprovalRequest.Status.CHANGES_REQUESTED,
        ApprovalRequest.Status.OPEN,
    ):
        if status not in statuses:
            found.append(f"No approval request is {ApprovalRequest.Status(status).label.lower()}.")
    kinds = set(ApprovalDecision.objects.values_list("kind", flat=True))
    found += [
        f"No approver decided '{label}'."
        for kind, label in ApprovalDecision.Kind.choices
        if kind not in kinds
    ]
    if not ApprovalRequest.objects.filter(rule=Rule.MAJORITY).exists():
        found.append("No approval request is decided by a majority.")
    # A request is made in the stage and cycle it belongs to: after the move that began them.
    began = {}
    for log in TransitionLog.objects.order_by("at", "pk"):
        began[(log.strategy_id, log.cycle, log.target)] = log.at
    for request in ApprovalRequest.objects.select_related("strategy"):
        stage = Stage.PLAN if request.subject == "plan" else Stage.ANALYSE
        start = began.get((request.strategy_id, request.cycle, stage), request.strategy.created_at)
        if request.requested_at < start:
            found.append(
                f"{request.strategy.reference}: approval of the {request.subject} asked on "
                f"{timezone.localdate(request.requested_at)}, before its {stage} stage of cycle {request.cycle} began."
            )
    undated = ApprovalRequest.objects.filter(decision_due__isnull=True).count()
    if undated:
        found.append(f"{undated} approval requests have no decision due date.")
    texts = Counter(
        Recommendation.objects.filter(strategy__reference__regex=r"^CS-\d+$").values_list("text", flat=True)
    )
    found += [f"{n} recommendations read '{text[:60]}…'." for text, n in texts.items() if n > 1]
    return found


def interests(today) -> list[str]:
    """A councillor's disclosable pecuniary interest conflicts with a provider of a strategy they hold (so the
    bar on deciding shows), a dispensation in effect today lifts such a bar for another, and a sensitive
    interest is published without its details."""
    from members import interests as registered
    from members.models import DISCLOSABLE, Dispensation, Interest, PortfolioHolder
    from members.selectors import published_register

    found = []
    holdings = list(PortfolioHolder.objects.select_related("strategy", "councillor"))
    barred, lifted = [], []
    for holding in holdings:
        conflicts = [
            c
            for c in registered.conflicts(holding.councillor, holding.strategy)
            if c.interest.category in DISCLOSABLE
        ]
        if not conflicts:
            continue
        probe = type(
            "Matter", (), {"strategy": holding.strategy, "pk": 0}
        )()  # no declarations: the register alone
        barring = registered.bars(probe, [holding.councillor])
        (barred if barring else lifted).append(holding)
    if not barred:
        found.append(
            "No councillor holds a strategy with a provider in which they have a disclosable pecuniary interest."
        )
    if not lifted:
        found.append(
            "No dispensation lifts the bar of a disclosable pecuniary interest on a strategy its member holds."
        )
    for d in Dispensation.objects.select_related("member"):
        if not d.valid_from <= today <= d.valid_until:
            found.append(f"The dispensation for {d.member} is not in effect today ({today}).")
    for interest in Interest.objects.filter(sensitive=True).select_related("member"):
        shown = [e for e in published_register(interest.member) if e.id == interest.pk]
        if not shown or shown[0].body or interest.body in shown[0].description:
            found.append(f"{interest.member}'s sensitive interest is published with its details.")
    if not Interest.objects.filter(sensitive=True).exists():
        found.append("No member has a sensitive interest (Localism Act 2011, s.32).")
    return found


def decision_notices(today) -> list[str]:
    """Every executive decision is published with its call-in period; the demo has decisions in and past
    call-in, one called in and considered, and a key decision taken with a general exception."""
    found = []
    unpublished = DecisionRecord.objects.filter(notice__isnull=True).count()
    if unpublished:
        found.append(f"{unpublished} decision records have no decision notice.")
    notices = selectors.with_standing(selectors.published_decision_notices(), today)
    for notice in notices:
        if notice.call_in_ends != callin.call_in_ends(timezone.localdate(notice.published_at)):
            found.append(f"The notice of '{notice.record.title}' has the wrong call-in deadline.")
    labels = Counter(n.standing.label for n in notices)
    if not labels[callin.NOT_YET]:
        found.append("No decision notice is in its call-in period.")
    if not labels[callin.IN_EFFECT]:
        found.append("No decision notice is past its call-in period, in effect.")
    if not any(n.standing.outcome is not None for n in notices):
        found.append("No decision was called in and considered by scrutiny.")
    if not KeyDecisionException.objects.filter(kind=KeyDecisionException.Kind.GENERAL_EXCEPTION).exists():
        found.append("No key decision has a general exception.")
    for entry in ForwardPlanEntry.objects.filter(published_on__gt=today):
        found.append(f"The forward plan entry '{entry.matter[:40]}' is published after today.")
    return found


def narratives() -> list[str]:
    """A scrutiny board named in a strategy's or plan's words exists, and is the one the strategy is
    referred to."""
    found = []
    boards = set(Board.objects.values_list("name", flat=True))

    def check(strategy, where, text):
        for match in BOARD_NAMED.finditer(text or ""):
            name = match.group(0)
            referral = getattr(strategy, "referral", None)
            if name not in boards:
                found.append(f"{strategy.reference} {where}: names '{name}', which is not a board.")
            elif referral is not None and referral.board.name != name:
                found.append(
                    f"{strategy.reference} {where}: names '{name}', but it is referred to {referral.board.name}."
                )

    for strategy in Strategy.objects.select_related("referral__board").prefetch_related(
        "transitions", "plans"
    ):
        for field in (
            "purpose",
            "summary_of_findings",
            "need_political",
            "need_stakeholders",
            "need_partners",
        ):
            check(strategy, field, getattr(strategy, field))
        for log in strategy.transitions.all():
            check(strategy, f"note on {log.transition}", log.note)
        for plan in strategy.plans.all():
            for field in ("summary", "governance", "contract_management"):
                check(strategy, f"plan '{plan.title}' {field}", getattr(plan, field))
    for statement in NoPlanStatement.objects.select_related("strategy__referral__board"):
        check(statement.strategy, "statement that no plan is required", statement.reasons)
    return found


def business() -> list[str]:
    """Every past meeting has its attendance and is quorate; the demo shows apologies, a substitute, an
    approval settled at a meeting, and minutes approved at a later meeting of the board, frozen with the
    fingerprint of their text."""
    import hashlib

    from meetings import rules
    from meetings.models import Attendance, MinutesVersion, Resolution

    found = []
    now = timezone.now()
    for meeting in Meeting.objects.filter(starts_at__lt=now).select_related("board"):
        present = meeting.attendance.filter(status__in=Attendance.VOTING).count()
        if not present:
            found.append(f"{meeting} has no attendance recorded.")
        elif (
            present < rules.quorum_of(meeting.board)
            and Resolution.objects.filter(item__meeting=meeting).exists()
        ):
            found.append(f"{meeting} recorded resolutions below its quorum.")
    for status, what in [("apologies", "apologies"), ("substitute", "a substitute")]:
        if not Attendance.objects.filter(status=status).exists():
            found.append(f"No meeting records {what}.")
    if not Resolution.settles.through.objects.exists():
        found.append("No approval is settled by a resolution at a meeting.")
    versions = list(MinutesVersion.objects.select_related("meeting", "approved_at_item__meeting"))
    if not versions:
        found.append("No meeting's minutes are approved at a later meeting.")
    for version in versions:
        later = version.approved_at_item.meeting
        if later.board_id != version.meeting.board_id or later.starts_at <= version.meeting.starts_at:
            found.append(
                f"The minutes of {version.meeting} are approved at {later}, not a later meeting of the board."
            )
        if hashlib.sha256(version.text.encode()).hexdigest() != version.sha256:
            found.append(f"The approved minutes of {version.meeting} do not match their fingerprint.")
        if version.meeting.minutes != version.text:
            found.append(f"The minutes of {version.meeting} changed after they were approved.")
    return found


def publications() -> list[str]:
    """Each board's coming meeting has its agenda published on time; the supplement lists what changed; every
    version's SHA-256 is that of the agenda it froze; nothing exempt is in a frozen public report."""
    from meetings.models import Publication
    from meetings.publication import sha256_of

    found = []
    versions = list(Publication.objects.select_related("meeting__board").order_by("meeting", "version"))
    if not versions:
        return ["No agenda is published."]
    for version in versions:
        if version.sha256 != sha256_of(version.snapshot):
            found.append(f"{version}: its SHA-256 is not that of the agenda it froze.")
        if version.version == 1 and version.late:
            found.append(f"{version} was published after its deadline.")
        if version.version > 1 and not version.changes:
            found.append(f"{version} lists no change.")
        for entry in version.snapshot["items"]:
            if entry["confidential"] and ("body" in entry or not entry.get("exemption")):
                found.append(
                    f"{version}: exempt item '{entry['title']}' is published beyond its title and paragraph."
                )
    if not any(v.version > 1 for v in versions):
        found.append("No supplement is published.")
    return found


def all_violations(today=None) -> list[str]:
    today = today or timezone.localdate()
    return [
        *actuals(today),
        *periods_due(today),
        *meetings(),
        *contracts(),
        *kpi_contracts(),
        *agendas(),
        *approvals(),
        *interests(today),
        *decision_notices(today),
        *narratives(),
        *business(),
        *publications(),
    ]
