"""Members' interests and the matters they touch: which registered interests a matter may conflict with (the
flags on a decision page), and who is barred from deciding or voting on a matter by a disclosable pecuniary
interest that no dispensation covers (Localism Act 2011, s.31).

A matter is anything with a `strategy` (an approval request; the meetings app's agenda items), and its
declarations are `Declaration` rows pointing at it. What a strategy touches (its current providers, its
planned services) is read here from the stages below; a later stage adds its own through `add_touches`
(delivery: the providers of its contracts), as later stages add lifecycle conditions."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import get_text_list

from plans.models import PlannedService
from strategies.models import StartingPositionItem

from .models import DISCLOSABLE, Declaration, Dispensation, Interest

LAW = "Localism Act 2011, s.31"
SENSITIVE = "a sensitive interest (its details are withheld: Localism Act 2011, s.32)"


@dataclass
class Touches:
    """What a strategy touches, each name with why: {lower-cased name: (name as written, why)}."""

    providers: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)

    def add(self, kind: str, name: str, why: str) -> None:
        name = (name or "").strip()
        if name:
            getattr(self, kind).setdefault(name.casefold(), (name, why))


_sources: list[Callable] = []


def add_touches(source: Callable) -> None:
    """Register `source(strategy_ids) -> iterable of (strategy_id, "providers" | "services", name, why)`,
    from a later stage's AppConfig.ready (delivery: the providers of contracts)."""
    if source not in _sources:
        _sources.append(source)


def _own_touches(strategy_ids):
    for strategy_id, provider, name in StartingPositionItem.objects.filter(
        strategy_id__in=strategy_ids
    ).values_list("strategy_id", "provider", "name"):
        yield strategy_id, "providers", provider, f"the current provider of {name}"
    for strategy_id, name in PlannedService.objects.filter(plan__strategy_id__in=strategy_ids).values_list(
        "plan__strategy_id", "name"
    ):
        yield strategy_id, "services", name, "a service planned under the strategy"


def touches(strategy_ids: Iterable[int]) -> dict[int, Touches]:
    ids = list(set(strategy_ids))
    found = {pk: Touches() for pk in ids}
    for source in (_own_touches, *_sources):
        for strategy_id, kind, name, why in source(ids):
            found[strategy_id].add(kind, name, why)
    return found


@dataclass
class Conflict:
    interest: Interest
    why: str

    @property
    def disclosable(self) -> bool:
        return self.interest.disclosable


def _conflicts(interests, strategy, touched: Touches) -> list[Conflict]:
    result = []
    for interest in interests:
        if not interest.current:
            continue
        if any(s.pk == strategy.pk for s in interest.strategies.all()):
            result.append(Conflict(interest, f"it names {strategy.reference}"))
            continue
        reasons = [
            f"it names {touched.providers[p.casefold()][0]}, {touched.providers[p.casefold()][1]}"
            for p in Interest.lines(interest.providers)
            if p.casefold() in touched.providers
        ] + [
            f"it names {touched.services[s.casefold()][0]}, {touched.services[s.casefold()][1]}"
            for s in Interest.lines(interest.services)
            if s.casefold() in touched.services
        ]
        if reasons:
            result.append(Conflict(interest, "; ".join(reasons)))
    return result


def _registers(member_ids):
    by_member = {pk: [] for pk in member_ids}
    for interest in Interest.objects.filter(member_id__in=member_ids).prefetch_related("strategies"):
        by_member[interest.member_id].append(interest)
    return by_member


def conflicts(member, strategy) -> list[Conflict]:
    """The member's current registered interests that touch this strategy: the flags on a decision page."""
    if strategy is None:
        return []
    interests = _registers([member.pk])[member.pk]
    if not interests:  # nothing registered touches anything: what the strategy touches is not read
        return []
    return _conflicts(interests, strategy, touches([strategy.pk])[strategy.pk])


def declarations_on(matter):
    return Declaration.objects.filter(
        matter_type=ContentType.objects.get_for_model(matter), matter_id=matter.pk
    ).select_related("member", "interest", "declared_by")


def _covered(dispensations, member_id, strategy_id, interest_id, today) -> bool:
    return any(
        d.covers(member_id=member_id, strategy_id=strategy_id, interest_id=interest_id, on=today)
        for d in dispensations
    )


def bars(matter, people, viewer=None) -> dict[int, str]:
    """Who among `people` is barred from deciding or voting on `matter`, each with the reason: a disclosable
    pecuniary interest declared on it, or registered and touching its strategy, that no dispensation in force
    today covers. A handful of queries whatever the number of people. `matter` may be a strategy's matter not
    yet saved as a record (`Matter(strategy)`): then only the registers count."""
    people = [p for p in people if p is not None and p.pk]
    if not people:
        return {}
    ids = [p.pk for p in people]
    strategy = getattr(matter, "strategy", None)
    strategy_id = strategy.pk if strategy is not None else None
    today = timezone.localdate()
    dispensations = list(
        Dispensation.objects.filter(member_id__in=ids, valid_from__lte=today, valid_until__gte=today)
    )
    found: dict[int, str] = {}
    declared = declarations_on(matter) if getattr(matter, "_meta", None) else Declaration.objects.none()
    for declaration in declared.filter(member_id__in=ids, kind=Declaration.Kind.DISCLOSABLE):
        if not _covered(dispensations, declaration.member_id, strategy_id, declaration.interest_id, today):
            you = viewer is not None and declaration.member_id == viewer.pk
            found.setdefault(
                declaration.member_id,
                f"{'You' if you else declaration.member} declared a disclosable pecuniary interest in this "
                f"matter ({declaration.details or declaration.interest}), so {'you ' if you else ''}may not "
                f"decide or vote on it unless a dispensation covers it ({LAW}).",
            )
    if strategy is not None:
        registers = _registers(ids)
        disclosable = {
            person.pk: [i for i in registers[person.pk] if i.category in DISCLOSABLE]
            for person in people
            if person.pk not in found
        }
        # What the strategy touches is read only when someone has a disclosable interest it could touch.
        touched = touches([strategy.pk])[strategy.pk] if any(disclosable.values()) else None
        for person in people:
            if person.pk in found or not disclosable.get(person.pk):
                continue
            barring = [
                c
                for c in _conflicts(disclosable[person.pk], strategy, touched)
                if not _covered(dispensations, person.pk, strategy_id, c.interest.pk, today)
            ]
            if barring:
                sees_all = viewer is not None and (viewer.pk == person.pk or viewer.is_administrator)
                listed = get_text_list(
                    [
                        f"{c.interest} ({c.why})" if sees_all or not c.interest.sensitive else SENSITIVE
                        for c in barring
                    ],
                    "and",
                )
                whose = "Your" if viewer is not None and person.pk == viewer.pk else f"{person}'s"
                found[person.pk] = (
                    f"{whose} register of interests records a disclosable pecuniary interest that touches "
                    f"{strategy.reference}: {listed}. A member with such an interest may not decide or vote "
                    f"on it unless a dispensation covers it ({LAW}): ask democratic services."
                )
    return found


@dataclass
class Matter:
    """A matter about a strategy that has no record (yet) to declare on: what a register alone bars."""

    strategy: object
    pk: None = None


def reason_for(user, matter) -> str:
    """The bar on this user for this matter, said to them, or "" when there is none."""
    return bars(matter, [user], viewer=user).get(user.pk, "")
