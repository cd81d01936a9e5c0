"""The plain-English record of a decision: what was decided, the options considered and why the others
were rejected, the reasons, declared interests, who decided and when. Scrutiny asked for it so that
members elected later understand decisions; it is written from the approved snapshot when the decision
is made, and never changed (DecisionRecord is immutable)."""

from datetime import date

from django.utils.text import get_text_list

from commissioning import formatting

from .models import ApprovalRequest, DecisionRecord, Subject
from .rules import describe

Status = ApprovalRequest.Status

RESULT_VERBS = {
    Status.APPROVED: "approved",
    Status.REFUSED: "refused",
    Status.CHANGES_REQUESTED: "asked for changes to",
}


def _when(moment) -> str:
    return f"{formatting.long_date(moment)}"


def _clause(text: str) -> str:
    """A sentence as the end of another: "because it costs less", not "because It costs less.."."""
    text = (text or "").strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _date(iso: str) -> str:
    try:
        return f"{formatting.long_date(date.fromisoformat(iso))}"
    except (TypeError, ValueError):
        return iso


def _items(snapshot: dict, section: str) -> list[dict]:
    for found in snapshot.get("sections", []):
        if found["title"] == section:
            return found["items"]
    return []


def _due_regard(snapshot) -> list[str]:
    """What the decision-makers had before them of the equality duty (Equality Act 2010, s.149)."""
    entries = _items(snapshot, "Integrated impact assessment")
    if not entries:
        return ["Due regard: no integrated impact assessment was before the decision-makers."]
    negative = [item for item in entries if dict(item["fields"]).get("Impact") == "Negative"]
    lines = [
        f"Due regard: an integrated impact assessment of {len(entries)} area{'s' if len(entries) != 1 else ''} "
        f"was before the decision-makers; {len(negative) or 'no'} negative "
        f"impact{'s' if len(negative) != 1 else ''} found."
    ]
    for item in negative:
        fields = dict(item["fields"])
        lines.append(
            f"Negative impact on {item['label']}: {_clause(fields.get('Evidence'))}; mitigated by "
            f"{_clause(fields.get('Mitigation')) or 'nothing recorded'} ({fields.get('Owner') or 'no owner'})."
        )
    return lines


def _what_outcomes(snapshot) -> list[str]:
    strategy = dict(_items(snapshot, "Strategy")[0]["fields"]) if _items(snapshot, "Strategy") else {}
    outcomes = [item["label"] for item in _items(snapshot, "Outcomes")]
    measures = len(_items(snapshot, "Performance measures"))
    lines = []
    if strategy.get("Purpose"):
        lines.append(f"The strategy's purpose: {strategy['Purpose']}")
    lines.append(
        f"Its {len(outcomes)} outcome{'s' if len(outcomes) != 1 else ''}: {'; '.join(outcomes) or 'none'}."
    )
    lines.append(f"{measures} performance measure{'s' if measures != 1 else ''} of those outcomes.")
    return lines + _due_regard(snapshot)


def _what_plan(snapshot) -> list[str]:
    plan = _items(snapshot, "Plan")
    lines = []
    if plan:
        fields = dict(plan[0]["fields"])
        lines.append(
            f"The plan '{plan[0]['label']}'" + (f": {fields['Summary']}" if fields.get("Summary") else ".")
        )
    services = [item["label"] for item in _items(snapshot, "Services analysis")]
    lines.append(f"Services: {'; '.join(services) or 'none'}.")
    delivery = _items(snapshot, "Delivery analysis")
    for appraisal in (item for item in delivery if item["label"].startswith("Appraisal: ")):
        title = appraisal["label"].removeprefix("Appraisal: ")
        fields = dict(appraisal["fields"])
        adopted = fields.get("Adopted option", "")
        options = [item for item in delivery if item["label"].startswith(f"{title}: option ")]
        lines.append(
            f"Options appraisal '{title}': {len(options)} option{'s' if len(options) != 1 else ''} considered; "
            + (
                f"adopted: {adopted}, because {_clause(fields.get('Why this option')) or 'no reason was recorded'}."
                if adopted
                else "no option was adopted."
            )
        )
        for option in options:
            name = option["label"].split(": option ", 1)[1]
            if name == adopted:
                continue
            option_fields = dict(option["fields"])
            lines.append(
                f"Rejected: {name} ({option_fields.get('Delivery channel', '')}), because "
                f"{_clause(option_fields.get('Why it was not adopted')) or 'no reason was recorded'}."
            )
    commercial = _items(snapshot, "Commercial model")
    model = next((dict(item["fields"]) for item in commercial if item["label"] == "Commercial model"), None)
    if model:
        term = " to ".join(_date(x) for x in (model.get("Start date"), model.get("End date")) if x)
        lines.append(
            "Commercial model: "
            + "; ".join(
                part
                for part in (
                    f"term {term}" if term else "",
                    f"payment: {model['Payment mechanism'].lower()}"
                    if model.get("Payment mechanism")
                    else "",
                    f"risk of provider failure: {model['Failure risk'].lower()}"
                    if model.get("Failure risk")
                    else "",
                )
                if part
            )
            + f"; {sum(1 for item in commercial if item['label'].startswith('KPI: '))} KPIs."
        )
    else:
        lines.append("No commercial model (the adopted options do not need one).")
    return lines + _due_regard(snapshot)


def write(request: ApprovalRequest, decisions, barred: dict | None = None) -> DecisionRecord:
    """Write the record of a settled request, from its snapshot and its decisions; `barred`: the approvers
    who could not decide (by user id, with why)."""
    barred = barred or {}
    strategy = request.strategy
    verb = RESULT_VERBS[request.status]
    approvers = list(request.approvers.all())
    deciders = [d.approver for d in decisions]
    if request.subject == Subject.PLAN:
        title = f"{strategy.reference}: councillors {verb} the plan '{request.plan.title}'"
        what = _what_plan(request.snapshot)
    else:
        title = f"{strategy.reference}: councillors {verb} the strategy and its outcomes"
        what = _what_outcomes(request.snapshot)
    conflicts = [f"{d.approver}: {d.conflict_details}" for d in decisions if d.conflict_declared]
    deciding = {d.approver_id for d in decisions}
    for declaration in request.declarations.select_related("member").order_by("declared_at", "pk"):
        if declaration.member_id not in deciding and declaration.kind != declaration.Kind.NONE:
            conflicts.append(
                f"{declaration.member}: {declaration.details} ({declaration.get_kind_display().lower()})"
            )
    how = [
        f"{request.requested_by} asked {get_text_list([str(a) for a in approvers], 'and')} on "
        f"{_when(request.requested_at)} to approve {request.what} ({describe(request.rule, len(approvers))})."
    ]
    if request.note:
        how.append(f"The request said: {request.note}")
    for d in decisions:
        how.append(f"{d.approver} decided '{d.get_kind_display()}' on {_when(d.decided_at)}: {d.reasons}")
    undecided = [str(a) for a in approvers if a not in deciders and a.pk not in barred]
    if barred:
        names = get_text_list([str(a) for a in approvers if a.pk in barred], "and")
        how.append(
            f"Could not decide, because of a disclosable pecuniary interest: {names}; the rule counted only "
            "the approvers able to decide."
        )
    if undecided:
        how.append(f"Not needed to decide once the rule was met: {get_text_list(undecided, 'and')}.")
    paragraphs = [
        f"On {_when(request.closed_at)} councillors {verb} {request.what} "
        f"(commissioning cycle {request.cycle}, {strategy.directorate}).",
        "What was decided:\n" + "\n".join(f"- {line}" for line in what),
        "How and why:\n" + "\n".join(f"- {line}" for line in how),
        "Declared interests: " + ("; ".join(conflicts) if conflicts else "none were declared."),
        f"The version decided on has the fingerprint {request.content_hash[:16]}; any later change to it "
        "needs a new approval.",
    ]
    return DecisionRecord.objects.create(
        request=request,
        strategy=strategy,
        subject=request.subject,
        result=request.status,
        title=title[:300],
        summary="\n\n".join(paragraphs),
        decided_by=get_text_list([str(p) for p in deciders], "and")[:500],
        conflicts="\n".join(conflicts),
        decided_at=request.closed_at,
    )
