"""The join-up and overlap finder (seed 001, 2.9: "identify potential project overlaps and duplication"
and "opportunities to join-up similar service commissioning requirements and outcomes").

It compares what each live project commissions and seeks: its outcomes, the services of this cycle's
plans and what is in its scope, and suggests pairs of projects with similar items. On PostgreSQL this is
pg_trgm's trigram similarity, in the database with the trigram indexes (migration gateway 0003); elsewhere
(the embedded SQLite default) the same measure is computed here, so results agree.

The comparisons are stored (OverlapMatch, summed up per pair in OverlapPair), not made when the page is
read: when an item is added, changed or removed (commissioning.parts tells us, inside the write's
transaction) an outbox job compares just that item against the others; when a strategy moves on (it may
have been archived, or started a new cycle) a job compares its items again. So a change costs one indexed
look-up per item, however big the programme, and the page is a paged read of OverlapPair, with the closest
few matches of each pair (a pair's own page shows them all, a page at a time). `rebuild()` compares
everything at once (`manage.py refresh_overlaps`, seed_demo).
"""

import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, Value, Window
from django.db.models.functions import Lower, RowNumber

from commissioning import outbox
from plans.models import PlannedService
from strategies.models import Outcome, ScopeItem, Stage

from .models import OverlapDecision, OverlapMatch, OverlapPair

THRESHOLD = 0.45  # trigram similarity of two items' wording, 0 to 1
PER_PAGE = 20
SHOWN = 5  # a pair's closest matches the finder's page shows; the pair's own page shows them all
MATCHES_PER_PAGE = 50
# Closest first, then by the items (unique per match, and kept however often the matches are compared
# again): the finder shows the first SHOWN of the pair's own page, in its order.
MATCH_ORDER = ("-score", "kind_a", "item_a", "kind_b", "item_b")
ITEM_TASK = "gateway.tasks.compare_overlap_item"
STRATEGY_TASK = "gateway.tasks.compare_overlap_strategy"

Kind = OverlapMatch.Kind
_MODELS = {Kind.OUTCOME: Outcome, Kind.SERVICE: PlannedService, Kind.SCOPE: ScopeItem}


# What is compared -----------------------------------------------------------------------------------------


def _live(kind):
    """Each kind's live items as (id, strategy id, wording) rows: not of an archived strategy; services of
    plans of the strategy's current cycle; scope items in scope."""
    if kind == Kind.OUTCOME:
        items = Outcome.objects.exclude(strategy__stage=Stage.ARCHIVED)
        return items.annotate(owner=F("strategy_id"), text=F("title"))
    if kind == Kind.SERVICE:
        items = PlannedService.objects.exclude(plan__strategy__stage=Stage.ARCHIVED)
        items = items.filter(plan__cycle=F("plan__strategy__cycle"))
        return items.annotate(owner=F("plan__strategy_id"), text=F("name"))
    items = ScopeItem.objects.filter(in_scope=True).exclude(strategy__stage=Stage.ARCHIVED)
    return items.annotate(owner=F("strategy_id"), text=F("area"))


def _wording(kind) -> str:
    return {Kind.OUTCOME: "title", Kind.SERVICE: "name", Kind.SCOPE: "area"}[kind]


def _trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each word (letters and digits, accented ones too), lower-cased, padded with two
    spaces before and one after."""
    grams = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    ta, tb = _trigrams(a), _trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@contextmanager
def _threshold(threshold):
    """pg_trgm's `%` operator (which can use the trigram indexes) applies this threshold, for this
    transaction only."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        yield


def _alike(owner: int, text: str, threshold: float) -> list[tuple]:
    """Other live projects' items worded like `text`: (kind, id, strategy id, wording, similarity)."""
    if connection.vendor == "postgresql":
        return _alike_postgres(owner, text, threshold)
    return _alike_python(owner, text, threshold)


def _alike_postgres(owner, text, threshold):
    found, wanted = [], text.lower()
    with _threshold(threshold):
        for kind in Kind:
            wording = Lower(_wording(kind))
            rows = (
                _live(kind)
                .filter(TrigramSimilar(wording, Value(wanted)))  # `%`, by the trigram index
                .exclude(owner=owner)
                .annotate(score=TrigramSimilarity(wording, wanted))
                .values_list("pk", "owner", "text", "score")
            )
            found += [(kind, *row) for row in rows]
    return found


def _alike_python(owner, text, threshold):
    """The same comparison here, item by item: the programme's items are read once per change."""
    found, grams = [], _trigrams(text)
    for kind in Kind:
        for pk, other, wording in _live(kind).exclude(owner=owner).values_list("pk", "owner", "text"):
            score = _score(grams, _trigrams(wording))
            if score >= threshold:
                found.append((kind, pk, other, wording, score))
    return found


def _score(ga: set, gb: set) -> float:
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def _match(kind, pk, owner, text, other_kind, other_pk, other, other_text, score) -> OverlapMatch:
    """One match, its first project's item as a (the lower strategy id first)."""
    a = (owner, kind, pk, text)
    b = (other, other_kind, other_pk, other_text)
    (first, kind_a, item_a, text_a), (second, kind_b, item_b, text_b) = (a, b) if owner < other else (b, a)
    return OverlapMatch(
        first_id=first,
        second_id=second,
        kind_a=kind_a,
        item_a=item_a,
        text_a=text_a,
        kind_b=kind_b,
        item_b=item_b,
        text_b=text_b,
        score=float(score),
    )


# Keeping the stored comparisons in step --------------------------------------------------------------------

_state = {"paused": False}


def item_changed(model, pk) -> None:
    """An outcome, service or scope item was added, changed or removed (commissioning.parts, inside the
    write's transaction): compare it again once that commits."""
    if _state["paused"]:
        return
    kind = next(k for k, m in _MODELS.items() if m is model)
    outbox.enqueue(ITEM_TASK, kind.value, pk)


def strategy_moved(strategy) -> None:
    """A strategy moved on (strategies.lifecycle): archived, or in a new cycle, its items may no longer be
    live, or live again."""
    if not _state["paused"]:
        outbox.enqueue(STRATEGY_TASK, strategy.pk)


@contextmanager
def paused():
    """No job per change while inside (seeding writes thousands of records): whoever pauses calls
    `rebuild()` once the records are written."""
    _state["paused"] = True
    try:
        yield
    finally:
        _state["paused"] = False


def _of_item(kind, pk) -> Q:
    return Q(kind_a=kind, item_a=pk) | Q(kind_b=kind, item_b=pk)


def _pairs_of(matches) -> set[tuple[int, int]]:
    return set(matches.values_list("first_id", "second_id"))


def _one_at_a_time() -> None:
    """Jobs that change the stored comparisons wait for each other (PostgreSQL; SQLite writes one at a
    time anyway): two jobs about items of the same pair would otherwise each sum it up without the
    other's matches. Each job takes milliseconds, so waiting costs little. Inside a transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('gateway.overlaps'))")


def compare_item(kind: str, pk: int, threshold: float = THRESHOLD) -> int:
    """Compare one item against every other live project's items again, replacing its stored matches (and
    dropping them if it is gone or no longer live). Safe to run twice. Returns how many matches it has."""
    kind = Kind(kind)
    with transaction.atomic():
        _one_at_a_time()
        old = OverlapMatch.objects.filter(_of_item(kind, pk))
        touched = _pairs_of(old)
        old.delete()
        item = _live(kind).filter(pk=pk).values_list("owner", "text").first()
        found = []
        if item is not None:
            owner, text = item
            found = [_match(kind, pk, owner, text, *row) for row in _alike(owner, text, threshold)]
            OverlapMatch.objects.bulk_create(found, ignore_conflicts=True)
        touched |= {(m.first_id, m.second_id) for m in found}
        _sum_up(touched)
    return len(found)


def compare_strategy(strategy_id: int, threshold: float = THRESHOLD) -> int:
    """Compare all of one strategy's live items again (after it moved on). Returns its matches."""
    with transaction.atomic():
        _one_at_a_time()
        old = OverlapMatch.objects.filter(Q(first_id=strategy_id) | Q(second_id=strategy_id))
        touched = _pairs_of(old)
        old.delete()
        found = []
        for kind in Kind:
            for pk, text in _live(kind).filter(owner=strategy_id).values_list("pk", "text"):
                found += [
                    _match(kind, pk, strategy_id, text, *row) for row in _alike(strategy_id, text, threshold)
                ]
        OverlapMatch.objects.bulk_create(found, ignore_conflicts=True)
        touched |= {(m.first_id, m.second_id) for m in found}
        _sum_up(touched)
    return len(found)


def _sum_up(pairs: set[tuple[int, int]]) -> None:
    """Make these pairs' OverlapPair rows agree with their matches (the page reads only those)."""
    if not pairs:
        return
    sums = {
        (row["first_id"], row["second_id"]): row
        for row in OverlapMatch.objects.filter(_any(pairs))
        .values("first_id", "second_id")
        .annotate(n=Count("pk"), best=Max("score"))
    }
    if gone := pairs - sums.keys():
        OverlapPair.objects.filter(_any(gone)).delete()
    OverlapPair.objects.bulk_create(
        [
            OverlapPair(first_id=first, second_id=second, matches=row["n"], strength=round(row["best"], 2))
            for (first, second), row in sums.items()
        ],
        update_conflicts=True,
        unique_fields=["first", "second"],
        update_fields=["matches", "strength"],
    )


def _any(pairs) -> Q:
    keys = Q(pk__in=[])
    for first, second in pairs:
        keys |= Q(first_id=first, second_id=second)
    return keys


# Comparing everything at once ------------------------------------------------------------------------------

# Each pair of kinds is one indexed join on PostgreSQL (each wording has a trigram index).
_SOURCES = {
    Kind.OUTCOME: (
        "strategies_outcome {x} JOIN strategies_strategy s{x} ON s{x}.id = {x}.strategy_id",
        "{x}.title",
        "",
    ),
    Kind.SERVICE: (
        "plans_plannedservice {x} JOIN plans_commissioningplan p{x} ON p{x}.id = {x}.plan_id "
        "JOIN strategies_strategy s{x} ON s{x}.id = p{x}.strategy_id AND s{x}.cycle = p{x}.cycle",
        "{x}.name",
        "",
    ),
    Kind.SCOPE: (
        "strategies_scopeitem {x} JOIN strategies_strategy s{x} ON s{x}.id = {x}.strategy_id",
        "{x}.area",
        " AND {x}.in_scope",
    ),
}


def _pair_sql(kind_a: str, kind_b: str) -> str:
    from_a, text_a, where_a = (part.format(x="a") for part in _SOURCES[kind_a])
    from_b, text_b, where_b = (part.format(x="b") for part in _SOURCES[kind_b])
    order = "<" if kind_a == kind_b else "<>"
    return (
        f"SELECT a.id, sa.id, {text_a}, b.id, sb.id, {text_b}, "  # noqa: S608 - constant SQL
        f"similarity(lower({text_a}), lower({text_b})) FROM {from_a} JOIN {from_b} "
        f"ON lower({text_a}) %% lower({text_b}) AND sa.id {order} sb.id "
        f"WHERE sa.stage <> %s AND sb.stage <> %s{where_a}{where_b}"
    )


def _all_matches(threshold: float) -> list[OverlapMatch]:
    """Every match between live projects' items (the comparisons one job per item would make)."""
    if connection.vendor == "postgresql":
        return _all_matches_postgres(threshold)
    return _all_matches_python(threshold)


def _all_matches_postgres(threshold):
    found, kinds = [], list(Kind)
    with _threshold(threshold), connection.cursor() as cursor:
        for i, kind_a in enumerate(kinds):
            for kind_b in kinds[i:]:
                cursor.execute(_pair_sql(kind_a, kind_b), [Stage.ARCHIVED, Stage.ARCHIVED])
                for pk_a, sa, ta, pk_b, sb, tb, score in cursor.fetchall():
                    found.append(_match(kind_a, pk_a, sa, ta, kind_b, pk_b, sb, tb, score))
    return found


def _all_matches_python(threshold):
    items = [
        (kind, pk, owner, text, _trigrams(text))
        for kind in Kind
        for pk, owner, text in _live(kind).values_list("pk", "owner", "text")
    ]
    found = []
    for i, (ka, pa, sa, xa, ga) in enumerate(items):
        for kb, pb, sb, xb, gb in items[i + 1 :]:
            if sa != sb and (score := _score(ga, gb)) >= threshold:
                found.append(_match(ka, pa, sa, xa, kb, pb, sb, xb, score))
    return found


@transaction.atomic
def rebuild(threshold: float = THRESHOLD) -> int:
    """Compare every live item with every other, replacing what is stored (for existing installs, and
    after loading in bulk). Returns how many pairs of projects were found."""
    _one_at_a_time()
    found = _all_matches(threshold)
    OverlapMatch.objects.all().delete()
    OverlapPair.objects.all().delete()
    OverlapMatch.objects.bulk_create(found, batch_size=1000)
    sums = defaultdict(list)
    for m in found:
        sums[(m.first_id, m.second_id)].append(m.score)
    OverlapPair.objects.bulk_create(
        [
            OverlapPair(first_id=first, second_id=second, matches=len(scores), strength=round(max(scores), 2))
            for (first, second), scores in sums.items()
        ],
        batch_size=1000,
    )
    return len(sums)


# Reading ---------------------------------------------------------------------------------------------------


@dataclass
class Match:
    kind_a: str
    text_a: str
    kind_b: str
    text_b: str
    score: float

    @classmethod
    def of(cls, m: OverlapMatch) -> "Match":
        return cls(m.kind_a, m.text_a, m.kind_b, m.text_b, round(m.score, 2))


@dataclass
class Pair:
    first_id: int
    second_id: int
    matches: list[Match] = field(default_factory=list)  # on the finder's page, the closest SHOWN
    first: object = None
    second: object = None
    decision: object = None
    total: int = 0  # how many of their items are alike, shown or not

    @property
    def strength(self) -> float:
        return max(m.score for m in self.matches)

    @property
    def more(self) -> int:
        """How many matches the finder's page leaves to the pair's own page."""
        return max(self.total - len(self.matches), 0)


def _pairs():
    return OverlapPair.objects.select_related("first__directorate", "second__directorate")


def _with_decisions(pairs: dict) -> None:
    for d in OverlapDecision.objects.filter(_any(pairs)).select_related("by"):
        pairs[(d.first_id, d.second_id)].decision = d


def page(number=None, per_page: int = PER_PAGE, shown: int = SHOWN):
    """A page of suggested pairs, strongest first (most items alike, then the closest), with their
    strategies, the closest `shown` of what is alike (the rest counted, and on the pair's own page) and the
    panel's decision: four queries, and at most `shown` matches read a pair, whatever the programme's
    size."""
    found = Paginator(
        _pairs().order_by("-matches", "-strength", "first_id", "second_id"),
        per_page,
    ).get_page(number)
    pairs = {
        (p.first_id, p.second_id): Pair(
            p.first_id, p.second_id, first=p.first, second=p.second, total=p.matches
        )
        for p in found.object_list
    }
    if pairs:
        # Each pair's closest, chosen in the database (numbered within the pair, closest first).
        closest = (
            OverlapMatch.objects.filter(_any(pairs))
            .annotate(
                place=Window(
                    RowNumber(),
                    partition_by=[F("first_id"), F("second_id")],
                    order_by=list(MATCH_ORDER),
                )
            )
            .filter(place__lte=shown)
            .order_by(*MATCH_ORDER)
        )
        for m in closest:
            pairs[(m.first_id, m.second_id)].matches.append(Match.of(m))
        _with_decisions(pairs)
    found.object_list = list(pairs.values())
    return found


def pair(first_id: int, second_id: int, number=None, per_page: int | None = None):
    """One suggested pair with every match (a page of them, closest first, in the finder's order) and the
    panel's decision: (Pair, page of Match), or None when the finder does not suggest them. Four queries,
    however many matches."""
    found = _pairs().filter(first_id=first_id, second_id=second_id).first()
    if found is None:
        return None
    result = Pair(first_id, second_id, first=found.first, second=found.second, total=found.matches)
    matches = OverlapMatch.objects.filter(first_id=first_id, second_id=second_id).order_by(*MATCH_ORDER)
    matches = Paginator(matches, per_page or MATCHES_PER_PAGE).get_page(number)
    matches.object_list = [Match.of(m) for m in matches.object_list]
    _with_decisions({(first_id, second_id): result})
    return result, matches
