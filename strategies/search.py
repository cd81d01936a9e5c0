"""Strategies and their outcomes in the search (commissioning.search), and the stage and directorate filters.
Every signed-in person reads strategies, so no rights filter."""

from django.urls import reverse

from commissioning import search
from commissioning.models import Directorate

from .models import NEEDS_CONSIDERATIONS, Outcome, Stage, Strategy


def _strategy(s) -> search.Document:
    return search.Document(
        title=f"{s.reference}: {s.title}",
        body=search.text(
            s.purpose,
            s.summary_of_findings,
            s.emerging_issues,
            s.data_gaps,
            s.needs_methodology,
            *(getattr(s, name) for name in NEEDS_CONSIDERATIONS),
            s.lead_partner,
        ),
        url=s.get_absolute_url(),
        strategy_id=s.pk,
        date=s.updated_at.date() if s.updated_at else None,
    )


def _outcome(o) -> search.Document:
    return search.Document(
        title=o.title,
        body=search.text(o.description, f"An outcome of {o.strategy.reference}: {o.strategy.title}"),
        url=reverse("strategies:section", args=[o.strategy_id, "outcomes"]),
        strategy_id=o.strategy_id,
        date=o.created_at.date() if o.created_at else None,
    )


def _in_strategies(strategies):
    return lambda entries: entries.filter(strategy_id__in=strategies.values("pk"))


search.register(search.Kind("strategy", "Strategies", Strategy, _strategy))
search.register(
    search.Kind(
        "outcome", "Outcomes", Outcome, _outcome, queryset=lambda: Outcome.objects.select_related("strategy")
    )
)
search.add_filter(
    search.Filter(
        "stage",
        "Stage",
        lambda: [(s.value, s.label) for s in Stage],
        lambda entries, value: entries.filter(
            strategy_id__in=Strategy.objects.filter(stage=value).values("pk")
        ),
    )
)
search.add_filter(
    search.Filter(
        "directorate",
        "Directorate",
        lambda: [(str(d.pk), d.name) for d in Directorate.objects.order_by("name")],
        lambda entries, value: entries.filter(
            strategy_id__in=Strategy.objects.filter(
                directorate_id=value if str(value).isdigit() else None
            ).values("pk")
        ),
    )
)
