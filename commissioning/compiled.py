"""Queries asked on every request, compiled once per process. Building and compiling a Django query costs
more CPU than PostgreSQL takes to run a small one; a query built from nothing but the user's id (their roles,
the strategies whose exempt records they read) is compiled for a stand-in id, and each call puts its user's
id where the stand-in was.

Its rows are read as the database gives them, without Django's converters: for queries of plain columns."""

from django.core.exceptions import EmptyResultSet
from django.db import connections

# Two ids no user has, that no other parameter of these queries takes: compiling for both shows where the
# user's id goes, and that nothing else in the SQL changes with it.
STAND_INS = (-(2**62) - 17, -(2**62) - 29)


class ByUserId:
    """`build(user_id)` gives the query (values_list) for one user; `rows(user)` runs it. `key` names what
    else it is built from (e.g. the finders registered), so that changing compiles it afresh."""

    def __init__(self, build):
        self.build = build
        self.compiled: dict = {}

    def rows(self, user, key=()) -> list[tuple]:
        if user.pk is None:  # refused, as Django's relations refuse an unsaved record
            raise ValueError(f"{user!r} is not saved, so it has no rows to read.")
        if key not in self.compiled:
            self.compiled[key] = self._compile()
        compiled = self.compiled[key]
        if compiled is None:  # its SQL changes with the id in more places than where the id goes
            try:
                query = self.build(user.pk)
                db, (sql, params) = query.db, query.query.sql_with_params()
            except EmptyResultSet:  # a query Django knows matches nothing, as iterating it would say
                return []
        else:
            db, sql, template, user_at = compiled
            params = [user.pk if at in user_at else param for at, param in enumerate(template)]
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self):
        try:
            (db, (sql, params)), (_, (other_sql, other_params)) = (
                (query.db, query.query.sql_with_params()) for query in map(self.build, STAND_INS)
            )
        except EmptyResultSet:
            return None
        user_at = frozenset(at for at, param in enumerate(params) if param == STAND_INS[0])
        only_the_id_differs = (
            user_at
            and sql == other_sql
            and len(params) == len(other_params)
            and all(
                other == (STAND_INS[1] if at in user_at else param)
                for at, (param, other) in enumerate(zip(params, other_params, strict=True))
            )
        )
        return (db, sql, tuple(params), user_at) if only_the_id_differs else None
