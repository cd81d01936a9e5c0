"""The live minimum-requirements checklist for the Analyse phase (seed 002, section 3).

One function says what is complete and what is missing, each item with a link to where it is fixed.
Leaving Analyse requires every required item complete (strategies.conditions). For lists of many
strategies ("Your tasks"), with_missing() works out in SQL what each one's checklist misses.
"""

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import Case, CharField, Count, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from commissioning.expressions import written
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


@dataclass(frozen=True)
class Entry:
    """An item of the checklist as it is for every strategy: its words, and the section where it is fixed."""

    key: str
    label: str
    missing: str  # for the scope and the impact assessment, worked out from what they miss
    slug: str
    field: str = ""  # a text to write: complete when it is not blank
    part: str = ""  # a list part (LIST_PARTS): complete with at least one

    @property
    def anchor(self) -> str:
        return f"id_{self.field}" if self.field else ""


def _text(field, label, missing, slug):
    return Entry(field, label, missing, slug, field=field)


def _listed(name, slug, label, missing):
    return Entry(slug, label, missing, slug, part=name)


# Every strategy's items, in order; a joint strategy's checklist ends with JOINT.
ENTRIES = [
    _listed(*LIST_PARTS[0]),
    _text("summary_of_findings", "Summary of findings", "Write the summary of findings", "findings"),
    _text(
        "needs_methodology",
        "Needs analysis: methodology",
        "Describe the methodology of the needs analysis",
        "needs-analysis",
    ),
    *(
        _text(
            field,
            f"Needs analysis: {label}",
            f"Write the analysis of {label[0].lower()}{label[1:]}",
            "needs-analysis",
        )
        for field, label in NEEDS_CONSIDERATIONS.items()
    ),
    _text(
        "emerging_issues",
        "Emerging issues and conflicting drivers",
        "Summarise the emerging issues",
        "issues",
    ),
    _text(
        "data_gaps",
        "Gaps in data or information",
        "State the gaps in data, or write 'None identified'",
        "issues",
    ),
    *(_listed(*part) for part in LIST_PARTS[1:]),
    Entry("scope", "Statement of scope", "", "scope"),
    Entry("impact", "Integrated impact assessment (due regard to the equality duty)", "", "impact"),
]
JOINT = Entry(
    "joint",
    "Joint strategy: lead partner and its process",
    "Name the lead partner and describe its process",
    "joint",
)
BY_KEY = {entry.key: entry for entry in [*ENTRIES, JOINT]}
SCOPE_IN, SCOPE_OUT = "what is in scope", "what is out of scope"


def _scope_missing(missing: list[str]) -> str:
    return f"Add {' and '.join(missing)}, with reasons" if missing else ""


def section_url(strategy_id, entry: Entry) -> str:
    """Where the item is fixed, for a strategy read without its checklist (with_missing)."""
    url = reverse("strategies:section", args=[strategy_id, entry.slug])
    return f"{url}#{entry.anchor}" if entry.anchor else url


def _section_url(strategy, slug, anchor=""):
    # Reversed once a section per strategy: its checklist names a section up to twelve times.
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


def with_missing(strategies):
    """`strategies` (a queryset) annotated with what missing() would find on each, worked out in SQL (equal:
    tests/strategies/test_checklist_tasks.py), for lists of many strategies ("Your tasks"): `missing_keys`,
    the keys of the items missing, in order; and the words of the two items whose words depend on what they
    miss, `scope_missing` and `impact_missing` (their Item.missing; the others' are their entries'). Each
    is one expression, worked out once a row where a query selects it. One query first (with_waived)."""
    strategies = proportionality.with_waived(strategies)
    outer = OuterRef("pk")

    def has(model, **match):
        return Q(Exists(model.objects.filter(strategy=outer, **match)))

    scope_in, scope_out = has(ScopeItem, in_scope=True), has(ScopeItem, in_scope=False)
    unassessed, unmitigated = impact.gaps_in_sql()
    done = {
        "scope": scope_in & scope_out,
        "impact": ~Q(Exists(unassessed)) & ~Q(Exists(unmitigated)),
        "joint": written("lead_partner") & written("partner_process"),
        **{e.key: written(e.field) for e in ENTRIES if e.field},
        **{e.key: has(getattr(strategies.model, e.part).rel.related_model) for e in ENTRIES if e.part},
    }
    # An interdependency is one fact seen from both sides: one recorded on the other strategy counts too.
    done["interdependencies"] |= Q(Exists(Interdependency.objects.filter(other=outer)))

    def missing(key):
        # A joint strategy needs only what the partner's process does not replace, and the joint item.
        if key == JOINT.key:
            return ~done[key] & Q(is_joint=True)
        return ~done[key] if key in JOINT_REQUIRED else ~done[key] & Q(is_joint=False)

    keys = _Array(*(Case(When(missing(key), then=Value(key))) for key in BY_KEY))
    # Nor is an item missing that is marked not required below its threshold (no threshold for a joint one).
    waived = Case(When(is_joint=False, then=F("waived")), default=Value([]), output_field=_Array.output_field)
    return strategies.annotate(
        missing_keys=_Without(keys, waived),
        scope_missing=Case(
            When(~scope_in & ~scope_out, then=Value(_scope_missing([SCOPE_IN, SCOPE_OUT]))),
            When(~scope_in, then=Value(_scope_missing([SCOPE_IN]))),
            When(~scope_out, then=Value(_scope_missing([SCOPE_OUT]))),
            default=Value(""),
        ),
        impact_missing=impact.words_in_sql(unassessed, unmitigated),
    )


class _Array(Func):
    """ARRAY[...] of these values, without the NULLs."""

    template = "array_remove(ARRAY[%(expressions)s], NULL)"
    output_field = ArrayField(CharField())


class _Without(Func):
    """The first array's values that are not in the second, in their order."""

    template = (
        "ARRAY(SELECT u.v FROM unnest(%(values)s) WITH ORDINALITY AS u(v, n) WHERE u.v <> ALL(%(others)s) "
        "ORDER BY u.n)"
    )
    output_field = ArrayField(CharField())

    def as_sql(self, compiler, connection, **extra_context):
        (values, params), (others, more) = (compiler.compile(e) for e in self.get_source_expressions())
        return self.template % {"values": values, "others": others}, (*params, *more)


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

    def item(entry, done, missing=None):
        words = entry.missing if missing is None else missing
        return Item(entry.key, entry.label, done, words, _section_url(strategy, entry.slug, entry.anchor))

    def judged(entry):
        if entry.field:
            return item(entry, bool(getattr(strategy, entry.field).strip()))
        if entry.part:
            return item(entry, counts[entry.part] > 0)
        if entry.key == "scope":
            missing = [
                words for words, key in ((SCOPE_IN, "scope_in"), (SCOPE_OUT, "scope_out")) if not counts[key]
            ]
            return item(entry, not missing, _scope_missing(missing))
        return impact_item(strategy)

    items = [judged(entry) for entry in ENTRIES]
    if strategy.is_joint:
        items.append(item(JOINT, bool(strategy.lead_partner.strip() and strategy.partner_process.strip())))
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
    entry = BY_KEY["impact"]
    return Item(entry.key, entry.label, not found, found.words(), _section_url(strategy, entry.slug))


def missing(strategy) -> list[Item]:
    return [item for item in build(strategy) if item.required and not item.done]
