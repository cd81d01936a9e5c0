"""Who may do what to a strategy: the one place these rights are decided.

Editing a strategy and moving it through the cycle belong to its commissioners (object permission
`strategies.change_strategy`, held through django-guardian) and to administrators. Every signed-in
officer or member may read strategies; anonymous people see only the login page (LoginRequiredMiddleware).
"""

from django.db.models import Exists, OuterRef, Q
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from commissioning import compiled, roles
from commissioning.permissions import ALLOW, Decision, deny, signed_in, withhold

from .models import Stage, Strategy, StrategyGroupObjectPermission, StrategyUserObjectPermission

CHANGE = "change_strategy"


def _holds_object_right(user, strategy) -> bool:
    editable = getattr(user, "_editable_strategy_ids", None)
    if editable is not None and strategy.pk in getattr(user, "_checked_strategy_ids", ()):
        return strategy.pk in editable
    return ObjectPermissionChecker(user).has_perm(CHANGE, strategy)


def can_view(user, strategy) -> Decision:
    return signed_in(user, "Sign in to see strategies.")


def can_create(user, obj=None) -> Decision:
    decision = signed_in(user, "Sign in to create strategies.")
    if not decision:
        return decision
    if user.is_administrator or user.has_role(roles.COMMISSIONER):
        return ALLOW
    return deny("Only commissioners and administrators can create strategies.")


def can_edit(user, strategy) -> Decision:
    decision = signed_in(user, "Sign in to edit strategies.")
    if not decision:
        return decision
    if strategy.stage == Stage.ARCHIVED:
        return deny("This strategy is archived, so it can no longer be changed.")
    if user.is_administrator or _holds_object_right(user, strategy):
        return ALLOW
    return deny("Only this strategy's commissioners and administrators can change it.")


def can_transition(user, strategy) -> Decision:
    decision = can_edit(user, strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "move it through the cycle"))
    return ALLOW


def can_manage_commissioners(user, strategy) -> Decision:
    """Choosing who commissions a strategy is for administrators and its accountable commissioner."""
    if user.is_administrator or (
        user.pk == strategy.accountable_commissioner_id and can_edit(user, strategy)
    ):
        return ALLOW
    return deny("Only administrators and the accountable commissioner can choose the commissioners.")


def with_editable(user, strategies):
    """These strategies (a queryset), each read with whether this user holds the right to edit it, for
    remember_editable() to take from them rather than ask again."""
    if not user.is_authenticated or user.is_administrator:
        return strategies
    mine = get_objects_for_user(
        user, f"strategies.{CHANGE}", klass=Strategy, accept_global_perms=False, with_superuser=False
    )
    return strategies.annotate(_user_holds_change=Exists(mine.filter(pk=OuterRef("pk"))))


def remember_editable(user, strategies) -> None:
    """Prefetch, in one query, which of these strategies the user may edit (for lists); none for those read
    with_editable()."""
    # Added to what is already known, so a second list (a meeting's agenda) does not forget the first.
    editable = user.__dict__.setdefault("_editable_strategy_ids", set())
    checked = user.__dict__.setdefault("_checked_strategy_ids", set())
    strategies = [s for s in strategies if s.pk not in checked]  # each strategy asked about once
    if not strategies:
        return
    checked.update(s.pk for s in strategies)
    if user.is_administrator:
        editable.update(s.pk for s in strategies)
        return
    editable.update(s.pk for s in strategies if getattr(s, "_user_holds_change", False))
    ids = [s.pk for s in strategies if not hasattr(s, "_user_holds_change")]
    if not ids:
        return
    editable.update(
        get_objects_for_user(
            user,
            f"strategies.{CHANGE}",
            klass=Strategy.objects.filter(pk__in=ids),
            accept_global_perms=False,
            with_superuser=False,
        ).values_list("pk", flat=True)
    )


def forget(user) -> None:
    """Drop what remember_editable and exempt_readable learnt (after rights change within one request or test)."""
    user.__dict__.pop("_editable_strategy_ids", None)
    user.__dict__.pop("_checked_strategy_ids", None)
    user.__dict__.pop("_exempt_strategy_ids", None)


# Exempt information ----------------------------------------------------------------------------------------
# A plan, commercial model, contract or agenda item marked confidential holds exempt information (Local
# Government Act 1972, Schedule 12A). It is read by those entitled to a confidential meeting pack and nobody
# else: the officers concerned (the strategy's commissioners), administrators, and the members of the boards
# concerned. Which boards those are is for the later stages to say (members: the portfolio holders and the
# scrutiny board it is referred to; meetings: the boards with it on their agenda), so they register a finder
# here, as they register lifecycle conditions: `finder(user_id)` answers queries (querysets of one column,
# values_list) of the ids of the strategies whose exempt records the user may read; all are read together,
# with the user's own, in one UNION, compiled once per process (commissioning.compiled).

EXEMPT_READERS: list = []


def holding(user_id, *codenames) -> tuple:
    """Queries of the ids of the strategies on which this user holds one of these object rights, their own
    or through a group (the rights' tables asked directly, as guardian's get_objects_for_user would with no
    global rights: building its query cost more than running it). For exempt_readable()'s union."""
    return (
        StrategyUserObjectPermission.objects.filter(
            user=user_id, permission__codename__in=codenames
        ).values_list("content_object_id", flat=True),
        StrategyGroupObjectPermission.objects.filter(
            group__user=user_id, permission__codename__in=codenames
        ).values_list("content_object_id", flat=True),
    )


def add_exempt_readers(finder) -> None:
    if finder not in EXEMPT_READERS:
        EXEMPT_READERS.append(finder)


def exempt_readable(user) -> set[int] | None:
    """The ids of the strategies whose exempt records this user may read; None means every one (an
    administrator). Worked out once per request (forget() drops it)."""
    if not signed_in(user):
        return set()
    if user.is_administrator:
        return None
    found = user.__dict__.get("_exempt_strategy_ids")
    if found is None:
        found = {strategy_id for (strategy_id,) in _EXEMPT_UNION.rows(user, key=tuple(EXEMPT_READERS))}
        user.__dict__["_exempt_strategy_ids"] = found
    return found


def _exempt_union(user_id):
    # Commissioners keep reading their strategy's exempt records once it is archived (can_edit would not).
    queries = [*holding(user_id, CHANGE), *(query for finder in EXEMPT_READERS for query in finder(user_id))]
    first, *others = [query.order_by() for query in queries]
    return first.union(*others, all=True)


# Asked on every request that reads a list, and compiling it cost several times what running it does.
_EXEMPT_UNION = compiled.ByUserId(_exempt_union)


def can_read_exempt(user, strategy_id: int, what: str = "record") -> Decision:
    """THE predicate on exempt information: may this user read a confidential record of this strategy? Refused
    as withheld (404): to anyone else the record does not exist."""
    decision = signed_in(user)
    if not decision:
        return decision
    readable = exempt_readable(user)
    if readable is None or strategy_id in readable:
        return ALLOW
    return withhold(
        f"This {what} is exempt information (Schedule 12A): only the members of the boards concerned, the "
        "strategy's commissioners and administrators can read it."
    )


def readable_records(user, records, *, confidential, strategy_field: str = "strategy"):
    """A queryset of records without the confidential ones this user may not read (for lists and counts).
    `confidential` is the Q that marks a record confidential."""
    readable = exempt_readable(user)
    if readable is None:
        return records
    return records.exclude(confidential & ~Q(**{f"{strategy_field}__in": readable}))


def readable_among(
    user, records, *, confidential=lambda r: r.confidential, strategy_id=lambda r: r.strategy_id
):
    """These records (already read) without the confidential ones this user may not read, as
    readable_records() leaves out: who may read exempt records is only worked out if one is confidential."""
    return [r for r in records if not confidential(r) or can_read_exempt(user, strategy_id(r))]


def editable_by(user):
    """The strategies this user may edit, as a queryset."""
    if user.is_administrator:
        return Strategy.objects.exclude(stage=Stage.ARCHIVED)
    return get_objects_for_user(
        user, f"strategies.{CHANGE}", klass=Strategy, accept_global_perms=False, with_superuser=False
    ).exclude(stage=Stage.ARCHIVED)
