"""Strategies' part of "Your tasks" (commissioning.worklist): the minimum-requirements items still missing
on one's strategies in Analyse, which block the move to Plan. Their checklists are worked out in SQL
(checklist.with_missing), and the tasks counted, put in order and cut to the page in the same query: a page
reads only the tasks it shows, however many strategies one commissions. Two queries (four when an item of
one of them is marked not required: the facts of its threshold)."""

from django.db import connection

from commissioning.worklist import Counted, Task, provider

from . import checklist
from .models import Stage, Strategy
from .selectors import commissioned_by

SHOWN_MISSING = 5  # items named in a task's detail

# Each strategy's checklist worked out once (MATERIALIZED: else each use of its columns would work it out
# again), then its task's title, which is also its place in the list: ordered as Python orders the titles
# (by code point: COLLATE "C").
_TASKS = """
WITH checklists (id, reference, missing, scope_missing, impact_missing) AS MATERIALIZED ({checklists})
SELECT id, missing, title, COUNT(*) OVER () FROM (
    SELECT id, reference, missing,
        CASE missing[1] {words} WHEN 'scope' THEN scope_missing ELSE impact_missing END
        || ' on ' || reference
        || CASE WHEN cardinality(missing) > 1 THEN ' and ' || (cardinality(missing) - 1) || ' more'
            ELSE '' END
        || ', before it can move to Plan' AS title
    FROM checklists
    WHERE cardinality(missing) > 0
) AS tasks
ORDER BY title COLLATE "C", reference
"""


@provider
def checklist_items(user, today):
    return Counted("checklist", lambda limit: _first(user, limit))


def _first(user, limit):
    analysing = commissioned_by(Strategy.objects.filter(stage=Stage.ANALYSE), user)
    checklists = (
        checklist.with_missing(analysing)
        .order_by()
        .values_list("pk", "reference", "missing_keys", "scope_missing", "impact_missing")
    )
    sql, params = checklists.query.sql_with_params()
    fixed = [entry for entry in checklist.BY_KEY.values() if entry.missing]
    words = " ".join("WHEN %s THEN %s" for _ in fixed)
    query = _TASKS.format(checklists=sql, words=words) + (" LIMIT %s" if limit else "")
    params = [*params, *(value for entry in fixed for value in (entry.key, entry.missing))]
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, limit] if limit else params)
        rows = cursor.fetchall()
    tasks = []
    for pk, keys, title, _ in rows:
        missing = [checklist.BY_KEY[key] for key in keys]
        tasks.append(
            Task(
                "checklist",
                "Checklist item blocking the next move",
                title,
                checklist.section_url(pk, missing[0]),
                None,
                ", ".join(entry.label for entry in missing[:SHOWN_MISSING]),
            )
        )
    return tasks, rows[0][3] if rows else 0
