"""The join-up and overlap finder (seed 001, 2.9: "identify potential project overlaps and duplication"
and "opportunities to join-up similar service commissioning requirements and outcomes").

It compares what each live project commissions and seeks: its outcomes, the services of this cycle's
plans and what is in its scope, and suggests pairs of projects with similar items. On PostgreSQL this is
pg_trgm's trigram similarity, in the database; elsewhere (the embedded SQLite default) the same measure
is computed here, so results agree.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from strategies.models import Stage

THRESHOLD = 0.45  # trigram similarity of two items' wording, 0 to 1

_ITEMS_SQL = """
    SELECT o.strategy_id AS strategy_id, 'Outcome' AS kind, o.title AS title FROM strategies_outcome o
      JOIN strategies_strategy s ON s.id = o.strategy_id WHERE s.stage <> %s
    UNION ALL
    SELECT p.strategy_id, 'Service', ps.name FROM plans_plannedservice ps
      JOIN plans_commissioningplan p ON p.id = ps.plan_id
      JOIN strategies_strategy s ON s.id = p.strategy_id AND s.cycle = p.cycle WHERE s.stage <> %s
    UNION ALL
    SELECT si.strategy_id, 'Scope', si.area FROM strategies_scopeitem si
      JOIN strategies_strategy s ON s.id = si.strategy_id WHERE si.in_scope AND s.stage <> %s
"""

# Where each kind of item comes from, for PostgreSQL: (kind, table and joins to its live strategy, its text).
# Each text has a trigram index (migration gateway 0003), so each pair of kinds is an indexed join.
_SOURCES = {
    "Outcome": (
        "strategies_outcome {x} JOIN strategies_strategy s{x} ON s{x}.id = {x}.strategy_id",
        "{x}.title",
        "",
    ),
    "Service": (
        "plans_plannedservice {x} JOIN plans_commissioningplan p{x} ON p{x}.id = {x}.plan_id "
        "JOIN strategies_strategy s{x} ON s{x}.id = p{x}.strategy_id AND s{x}.cycle = p{x}.cycle",
        "{x}.name",
        "",
    ),
    "Scope": (
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
        f"SELECT sa.id, sb.id, '{kind_a}', {text_a}, '{kind_b}', {text_b}, "  # noqa: S608 - constant SQL
        f"similarity(lower({text_a}), lower({text_b})) FROM {from_a} JOIN {from_b} "
        f"ON lower({text_a}) %% lower({text_b}) AND sa.id {order} sb.id "
        f"WHERE sa.stage <> %s AND sb.stage <> %s{where_a}{where_b}"
    )


_KINDS = list(_SOURCES)
_PAIRS = [(a, b) for i, a in enumerate(_KINDS) for b in _KINDS[i:]]


@dataclass
class Match:
    kind_a: str
    text_a: str
    kind_b: str
    text_b: str
    score: float


@dataclass
class Pair:
    first_id: int
    second_id: int
    matches: list[Match] = field(default_factory=list)
    first: object = None
    second: object = None
    decision: object = None

    @property
    def strength(self) -> float:
        return max(m.score for m in self.matches)


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


def _rows_postgres(threshold):
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        # `%%` (pg_trgm's similarity operator, which can use the indexes) applies this threshold.
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        for kind_a, kind_b in _PAIRS:
            cursor.execute(_pair_sql(kind_a, kind_b), [Stage.ARCHIVED, Stage.ARCHIVED])
            for first, second, ka, ta, kb, tb, score in cursor.fetchall():
                rows.append(
                    (first, second, ka, ta, kb, tb, score)
                    if first < second
                    else (second, first, kb, tb, ka, ta, score)
                )
    return rows


def _rows_python(threshold):
    with connection.cursor() as cursor:
        cursor.execute(_ITEMS_SQL, [Stage.ARCHIVED] * 3)
        items = [(sid, kind, text, _trigrams(text)) for sid, kind, text in cursor.fetchall()]
    rows = []
    for i, (sa, ka, xa, ga) in enumerate(items):
        for sb, kb, xb, gb in items[i + 1 :]:
            if sa == sb or not ga or not gb:
                continue
            score = len(ga & gb) / len(ga | gb)
            if score >= threshold:
                first, second = (sa, sb) if sa < sb else (sb, sa)
                pair = (ka, xa, kb, xb) if sa < sb else (kb, xb, ka, xa)
                rows.append((first, second, pair[0], pair[1], pair[2], pair[3], score))
    return rows


def find(threshold: float = THRESHOLD) -> list[Pair]:
    """Pairs of live projects with similar outcomes, services or scope, strongest first."""
    rows = _rows_postgres(threshold) if connection.vendor == "postgresql" else _rows_python(threshold)
    pairs: dict[tuple[int, int], Pair] = {}
    for first, second, kind_a, text_a, kind_b, text_b, score in rows:
        pair = pairs.setdefault((first, second), Pair(first, second))
        pair.matches.append(Match(kind_a, text_a, kind_b, text_b, round(float(score), 2)))
    found = list(pairs.values())
    for pair in found:
        pair.matches.sort(key=lambda m: -m.score)
    found.sort(key=lambda p: (-len(p.matches), -p.strength, p.first_id, p.second_id))
    return found


def with_strategies(pairs: list[Pair]) -> list[Pair]:
    """Attach the strategies and the panel's decisions (two queries)."""
    from strategies.models import Strategy

    from .models import OverlapDecision

    ids = {p.first_id for p in pairs} | {p.second_id for p in pairs}
    strategies = Strategy.objects.select_related("directorate").in_bulk(ids)
    decisions = defaultdict(lambda: None)
    for d in OverlapDecision.objects.filter(first__in=ids, second__in=ids).select_related("by"):
        decisions[(d.first_id, d.second_id)] = d
    for pair in pairs:
        pair.first, pair.second = strategies[pair.first_id], strategies[pair.second_id]
        pair.decision = decisions[(pair.first_id, pair.second_id)]
    return pairs
