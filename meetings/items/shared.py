"""What the reports of several kinds of agenda item share: presentation helpers, the bulk reads more than one
kind needs, and the work other apps do per strategy or per plan, done here on prefetched rows instead
(tests/meetings/test_pack_content.py checks each gives the same answer as the original)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch
from django.utils.text import get_text_list

import plans.selectors
from commissioning import formatting
from delivery.models import ReviewRecord
from members import approvals, snapshots
from members.approvals import State
from members.models import ApprovalDecision, ApprovalRequest, Board, DecisionRecord
from plans.models import Milestone
from strategies import impact
from strategies.models import Strategy

from ..models import Meeting

Status = ApprovalRequest.Status

# Without a previous meeting of the board, "since the last meeting" means this long before this one.
LOOKBACK = relativedelta(months=3)


# Presentation helpers ---------------------------------------------------------------------------------------


def money(value) -> str:
    """£1,250,000 or £1,250.50; '' for nothing."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"£{value:,.0f}" if value >= 0 else f"−£{-value:,.0f}"
    return f"£{value:,.2f}" if value >= 0 else f"−£{-value:,.2f}"


def day(value) -> str:
    return formatting.long_date(value)


def display(obj, name: str) -> str:
    """A field's value as a reader sees it: choices by label, Yes/No, dates in words, money with £."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, model_field.attname)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value) or "")
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        return money(value) if "£" in str(model_field.verbose_name) else formatting.number(value)
    return str(value).strip()


def label(obj, name: str) -> str:
    text = str(obj._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def rows(obj, names, skip_blank=False) -> list[tuple[str, str]]:
    found = [(label(obj, n), display(obj, n)) for n in names]
    return [(k, v) for k, v in found if v] if skip_blank else found


def paragraphs(text: str) -> list[dict]:
    """A written record ("What was decided:\\n- this\\n- that\\n\\nDeclared interests: none") as paragraphs,
    each with its lead line and any "- " bullets, so the template lays out a list, not dashes."""
    out = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        lead = [line for line in lines if not line.lstrip().startswith("- ")]
        bullets = [line.lstrip()[2:] for line in lines if line.lstrip().startswith("- ")]
        out.append({"text": "\n".join(lead), "bullets": bullets})
    return out


RISK_TAGS = {"Very high": "red", "High": "red", "Medium": "amber", "Low": "green"}
RESULT_TAGS = {
    Status.APPROVED: "green",
    Status.CHANGES_REQUESTED: "amber",
    Status.REFUSED: "red",
    Status.OPEN: "blue",
    Status.WITHDRAWN: "grey",
}


def state_tag(state: State) -> str:
    """The approval state's colour on the strategy page (State.tag), named as items.css names it."""
    colour = state.tag.removeprefix("govuk-tag--")
    return "amber" if colour == "yellow" else colour


def by_pk(obj):
    return obj.pk


def by_strategy(rows, key=lambda row: row.strategy_id) -> dict[int, list]:
    found = defaultdict(list)
    for row in rows:
        found[key(row)].append(row)
    return found


def approval_state(subject, strategy, plan, requests, current_snapshot) -> State:
    """members.approvals.state(), from the requests already read and the snapshot worked out here."""
    return approvals.state(strategy, subject, plan, requests=requests, current=current_snapshot)


# What a board is asked, and the facts and approvals every strategy report starts from -----------------------


def asked_to(board) -> str:
    """What a board of this kind does with an item: approve, scrutinise, challenge."""
    if board.kind == Board.Kind.EXECUTIVE:
        return "approve"
    if board.kind == Board.Kind.GATEWAY_PANEL:
        return "challenge"
    return "scrutinise"


def _people(users) -> str:
    return get_text_list([str(u) for u in users], "and")


def facts_of(strategy) -> list[tuple[str, str]]:
    referral = getattr(strategy, "referral", None)
    holders = [h.councillor for h in strategy.portfolio_holders.all()]
    facts = [
        ("Reference", strategy.reference),
        ("Strategy", strategy.title),
        ("Directorate", str(strategy.directorate)),
        ("Stage", f"{strategy.get_stage_display()} (commissioning cycle {strategy.cycle})"),
        ("Accountable commissioner", str(strategy.accountable_commissioner)),
        (
            "Other commissioners",
            _people(sorted(strategy.commissioners.all(), key=str)) or "None",
        ),
        ("Portfolio holders", _people(holders) or "None assigned"),
        ("Referred for scrutiny to", str(referral.board) if referral else "Not referred"),
    ]
    if strategy.is_joint:
        facts.append(("Joint strategy led by", strategy.lead_partner or "Partner not named"))
    return facts


def requests_for(data, strategy, subject, plan=None):
    """The requests for approval of this strategy's outcomes (or this plan) in its cycle, newest first."""
    cycle = plan.cycle if plan else strategy.cycle
    return data.requests.get((strategy.pk, cycle, subject, plan.pk if plan else None), [])


def request_rows(requests) -> list[dict]:
    out = []
    for r in requests:
        out.append(
            {
                "request": r,
                "approvers": _people(sorted(r.approvers.all(), key=str)),
                "tag": RESULT_TAGS.get(r.status, "grey"),
                "decisions": [
                    {
                        "approver": str(d.approver),
                        "kind": d.get_kind_display(),
                        "reasons": d.reasons,
                        "conflict": d.conflict_details if d.conflict_declared else "",
                        "at": d.decided_at,
                    }
                    for d in r.decisions.all()
                ],
            }
        )
    return out


def record_rows(records) -> list[dict]:
    return [
        {"record": r, "paragraphs": paragraphs(r.summary), "tag": RESULT_TAGS.get(r.result, "grey")}
        for r in records
    ]


def milestone_row(m, today) -> dict:
    late = m.status in (Milestone.Status.NOT_STARTED, Milestone.Status.IN_PROGRESS) and m.due_date < today
    if m.status == Milestone.Status.MET:
        tag = "green"
    elif late or m.status == Milestone.Status.MISSED:
        tag = "red"
    elif m.status == Milestone.Status.REPLANNED:
        tag = "amber"
    else:
        tag = "grey"
    return {
        "milestone": m,
        "late": late,
        "exception": late or m.status in (Milestone.Status.MISSED, Milestone.Status.REPLANNED),
        "tag": tag,
    }


def risk_row(r) -> dict:
    return {"risk": r, "score": r.score, "rating": r.rating, "tag": RISK_TAGS[r.rating]}


# Bulk reads more than one kind needs ------------------------------------------------------------------------


def in_pk_order(related_name):
    return Strategy._meta.get_field(related_name).related_model.objects.order_by("pk")


def outcomes_prefetch() -> list:
    """Each strategy's outcomes (the strategy, plan and highlight reports)."""
    return [
        Prefetch("outcomes", queryset=in_pk_order("outcomes").prefetch_related(*snapshots.outcome_links()))
    ]


def _plans(strategy_ids):
    """This cycle's plans of these strategies, with everything a plan report, the plan checklist, the plan
    snapshot and the golden thread read (plans.selectors). A fixed number of queries."""
    return plans.selectors.with_impact_areas(list(plans.selectors.this_cycle(strategy_ids)))


def load_impact_areas(data) -> None:
    """The areas an integrated impact assessment must cover, once for every strategy on the agenda."""
    data.impact_areas = impact.required_areas()


def load_plans(data) -> None:
    data.plans = by_strategy(_plans(data.ids))


def _decisions():
    return ApprovalDecision.objects.select_related("approver").order_by("decided_at", "pk")


def load_approvals(data) -> None:
    """The approval requests of every strategy on the agenda (but withdrawn ones), by strategy, cycle,
    subject and plan, and their decision records."""
    requests = (
        ApprovalRequest.objects.filter(strategy__in=data.ids)
        .exclude(status=Status.WITHDRAWN)
        .select_related("requested_by", "plan", "record__notice")  # the notice: whether it is in effect
        .prefetch_related(
            "approvers",
            Prefetch("decisions", queryset=_decisions()),
            "record__notice__call_ins",
            "record__notice__outcomes",
        )
        .order_by("-requested_at", "-pk")
    )
    data.requests = by = defaultdict(list)
    for r in requests:
        by[(r.strategy_id, r.cycle, r.subject, r.plan_id)].append(r)
    data.records = by_strategy(
        DecisionRecord.objects.filter(strategy__in=data.ids).order_by("-decided_at", "-pk")
    )


def load_reviews(data) -> None:
    """The review records (Review stage) of every strategy on the agenda, by strategy and cycle."""
    data.reviews = {(r.strategy_id, r.cycle): r for r in ReviewRecord.objects.filter(strategy__in=data.ids)}


def load_previous_meeting(data) -> None:
    """The board's previous meeting, and when "since the last meeting" starts."""
    meeting = data.meeting
    data.previous = (
        Meeting.objects.filter(board_id=meeting.board_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at", "-pk")
        .first()
    )
    data.since = data.previous.starts_at if data.previous else meeting.starts_at - LOOKBACK
