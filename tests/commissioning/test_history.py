"""A history page names the related rows its changes name (commissioning.history.Lookups) with one query,
however many rows and of however many models: issue 21's pages grow no queries with their history."""

import pytest

from commissioning.history import Lookups
from commissioning.models import Directorate, User
from strategies import history
from strategies.models import Impact, ImpactArea, ImpactEntry, Strategy
from tests import factories


@pytest.mark.django_db
def test_the_rows_a_history_names_are_read_in_one_query_whatever_their_models(django_assert_num_queries):
    s = factories.StrategyFactory()
    lookups = Lookups()
    gone = Strategy.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    labels = [
        lookups.label(Strategy, s.pk),
        lookups.label(Directorate, s.directorate_id),
        lookups.label(User, s.accountable_commissioner_id),
        lookups.text(lookups.label(Strategy, gone), " and ", lookups.label(Strategy, s.pk)),
    ]
    with django_assert_num_queries(1):
        lookups.resolve()
    assert [str(label) for label in labels] == [
        str(s),
        str(s.directorate),
        str(s.accountable_commissioner),
        f"#{gone} and {s}",
    ]


@pytest.mark.django_db
def test_impact_entries_are_named_by_their_areas_read_with_the_rest(django_assert_max_num_queries):
    s = factories.StrategyFactory()
    areas = list(ImpactArea.objects.order_by("pk")[:3])
    for area, impact in zip(areas, [Impact.POSITIVE, Impact.NEUTRAL, Impact.NEGATIVE], strict=True):
        ImpactEntry.objects.create(
            strategy=s, area=area, impact=impact, evidence="Consultation", mitigation="-"
        )
    # The strategy's history and each of its listed parts' (ten), and the rows they name: not one a row.
    with django_assert_max_num_queries(12):
        found = history.for_strategy(s)
    named = sorted(str(e.label) for e in found if e.part == "Integrated impact assessment")
    assert named == sorted([f"{areas[0]}: Positive", f"{areas[1]}: Neutral", f"{areas[2]}: Negative"])
