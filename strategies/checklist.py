"""The live minimum-requirements checklist for the Analyse phase (seed 002, section 3).

One function says what is complete and what is missing, each item with a link to where it is fixed.
Leaving Analyse requires every required item complete (strategies.conditions).
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from commissioning.prefetch import rows

from . import impact, lifecycle, proportionality
from .models import NEEDS_CONSIDERATIONS, Interdependency, ScopeItem


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    done: bool
    missing: str  # what to do, in plain words, when not done
    url: str
    required: bool = True
    why: str = ""  # why it applies (or is not required): strategies.proportionality
    waivable: bool = False  # below its threshold: may be marked not required, with a reason

    @property
    def status(self) -> str:
        if not self.required:
            return "not required"
        return "complete" if self.done else "missing"


# List parts: (related name, section slug, label, what is missing). Minimum one of each.
LIST_PARTS = [
    (
        "evidenceitems",
        "evidence",
        "Strategic needs assessment: evidence",
        "Add at least one piece of evidence",
    ),
    ("outcomes", "outcomes", "Outcomes", "Add at least one outcome"),
    ("performancemetrics", "metrics", "Performance metrics", "Add at least one performance metric"),
    (
        "stakeholders",
        "stakeholders",
        "Key stakeholders and the nature of engagement",
        "Add at least one stakeholder",
    ),
    (
        "serviceareacontributions",
        "contributions",
        "Contribution of council service areas",
        "Add the contribution of at least one council service area",
    ),
    ("influentialdocuments", "documents", "Influential documents", "Add at least one influential document"),
    (
        "startingpositionitems",
        "starting-position",
        "Starting position",
        "Add at least one existing contract, partnership or service",
    ),
    (
        "interdependencys",
        "interdependencies",
        "Interdependencies with other strategies",
        "Add at least one interdependency with another strategy",
    ),
]

# What a joint strategy led by a partner must still show, whatever the partner's process: the equality duty
# is the council's own, so its impact assessment too.
JOINT_REQUIRED = {"joint", "evidence", "summary_of_findings", "outcomes", "impact"}


def _section_url(strategy, slug, anchor=""):
    # Reversed once a section per strategy: its checklist names a section up to twelve times, and "Your
    # tasks" builds the checklist of each of one's strategies in Analyse.
    urls = strategy.__dict__.setdefault("_section_urls", {})
    url = urls.get(slug)
    if url is None:
        url = urls[slug] = reverse("strategies:section", args=[strategy.pk, slug])
    return f"{url}#{anchor}" if anchor else url


def _counted(model, **match):
    """How many rows of `model` match, for the outer strategy: a subquery."""
    rows = model.objects.filter(**match).order_by().values(next(iter(match)))
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def _annotated(strategies):
    """`strategies` (a queryset) with every list part's count, in the same query."""
    outer = OuterRef("pk")
    return strategies.annotate(
        **{
            f"_n_{name}": _counted(getattr(strategies.model, name).rel.related_model, strategy=outer)
            for name, *_ in LIST_PARTS
        },
        # An interdependency is one fact seen from both sides: one recorded on the other strategy counts too.
        _n_interdependents=_counted(Interdependency, other=outer),
        _n_scope_in=_counted(ScopeItem, strategy=outer, in_scope=True),
        _n_scope_out=_counted(ScopeItem, strategy=outer, in_scope=False),
    )


def _keep_counts(strategy, found) -> dict[str, int]:
    counts = {name: found[f"_n_{name}"] for name, *_ in LIST_PARTS}
    counts["interdependencys"] += found["_n_interdependents"]
    counts["scope_in"], counts["scope_out"] = found["_n_scope_in"], found["_n_scope_out"]
    strategy._part_counts = counts
    return counts


def with_part_counts(strategies) -> list:
    """These strategies (a queryset), each with its checklist counts, impact assessment and proportion, in a
    fixed number of queries: for lists of checklists (the "Your tasks" list)."""
    thresholds = proportionality.read_thresholds()
    if thresholds:  # the facts they are judged on, read with the strategies
        strategies = proportionality.with_facts(strategies)
    found = list(_annotated(strategies).prefetch_related("impactentrys"))
    areas = impact.required_areas()
    for strategy in found:
        _keep_counts(strategy, strategy.__dict__)
        strategy._impact_areas = areas
    proportionality.load(found, thresholds)
    return found


def with_counts(strategies):
    """`strategies` (a queryset) with their checklist counts read in the same query (the strategy page reads
    its strategy so), which its checklist then answers from."""
    return _annotated(strategies)


_COUNTED = [f"_n_{name}" for name, *_ in LIST_PARTS] + ["_n_interdependents", "_n_scope_in", "_n_scope_out"]


def _counts(strategy) -> dict[str, int]:
    """Counts of every list part, in one query. Uses the counts when the caller provided them or read them
    with the strategy (with_counts)."""
    counts = getattr(strategy, "_part_counts", None)
    if counts is None and all(key in strategy.__dict__ for key in _COUNTED):
        counts = _keep_counts(strategy, strategy.__dict__)
    if counts is None:
        found = _annotated(type(strategy).objects.filter(pk=strategy.pk)).values(*_COUNTED).get()
        counts = _keep_counts(strategy, found)
    return counts


def counts(strategy) -> dict[str, int]:
    """How many of each list part the strategy has (read once with the checklist)."""
    return dict(_counts(strategy))


def build(strategy) -> list[Item]:
    """The checklist, once per strategy object a page marked (lifecycle.evaluate_once): the overview shows it
    and the move's conditions read it again."""
    return list(lifecycle.remembered(strategy, ("checklist",), lambda: _build(strategy)))


def _build(strategy) -> list[Item]:
    counts = _counts(strategy)

    def text(field, label, missing, slug):
        return Item(
            field,
            label,
            bool(getattr(strategy, field).strip()),
            missing,
            _section_url(strategy, slug, f"id_{field}"),
        )

    def listed(index):
        name, slug, label, missing = LIST_PARTS[index]
        return Item(slug, label, counts[name] > 0, missing, _section_url(strategy, slug))

    scope_missing = [
        words
        for words, count in (
            ("what is in scope", counts["scope_in"]),
            ("what is out of scope", counts["scope_out"]),
        )
        if not count
    ]
    items = [
        listed(0),
        text("summary_of_findings", "Summary of findings", "Write the summary of findings", "findings"),
        text(
            "needs_methodology",
            "Needs analysis: methodology",
            "Describe the methodology of the needs analysis",
            "needs-analysis",
        ),
        *(
            text(
                field,
                f"Needs analysis: {label}",
                f"Write the analysis of {label[0].lower()}{label[1:]}",
                "needs-analysis",
            )
            for field, label in NEEDS_CONSIDERATIONS.items()
        ),
        text(
            "emerging_issues",
            "Emerging issues and conflicting drivers",
            "Summarise the emerging issues",
            "issues",
        ),
        text(
            "data_gaps",
            "Gaps in data or information",
            "State the gaps in data, or write 'None identified'",
            "issues",
        ),
        *(listed(i) for i in range(1, len(LIST_PARTS))),
        Item(
            "scope",
            "Statement of scope",
            not scope_missing,
            f"Add {' and '.join(scope_missing)}, with reasons" if scope_missing else "",
            _section_url(strategy, "scope"),
        ),
        impact_item(strategy),
    ]
    if strategy.is_joint:
        items.append(
            Item(
                "joint",
                "Joint strategy: lead partner and its process",
                bool(strategy.lead_partner.strip() and strategy.partner_process.strip()),
                "Name the lead partner and describe its process",
                _section_url(strategy, "joint"),
            )
        )
        # The partner's process replaces the rest, so long as it has a needs assessment and evidence.
        items = [
            item
            if item.key in JOINT_REQUIRED
            else Item(
                **{
                    **item.__dict__,
                    "required": False,
                    "why": "Not required: the partner's process replaces it.",
                }
            )
            for item in items
        ]
        return items
    proportion = proportionality.of(strategy)
    return [proportionality.apply(item, proportion) for item in items]


def impact_item(strategy) -> Item:
    found = impact.gaps(rows(strategy, "impactentrys"), impact.areas_of(strategy))
    return Item(
        "impact",
        "Integrated impact assessment (due regard to the equality duty)",
        not found,
        found.words(),
        _section_url(strategy, "impact"),
    )


def missing(strategy) -> list[Item]:
    return [item for item in build(strategy) if item.required and not item.done]
