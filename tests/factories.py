import factory
from django.contrib.auth.models import Group

from commissioning import roles
from commissioning.models import Directorate, User
from strategies import services
from strategies.models import (
    NEEDS_CONSIDERATIONS,
    EvidenceItem,
    InfluentialDocument,
    Interdependency,
    Outcome,
    PerformanceMetric,
    ScopeItem,
    ServiceAreaContribution,
    Stakeholder,
    StartingPositionItem,
    Strategy,
)

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@demo-council.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])  # flushed by transactional tests
        self.save()


def user(role=None, **kwargs):
    return UserFactory(role=role, **kwargs)


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Directorate {n}")


def strategy(commissioner=None, **fields) -> Strategy:
    commissioner = commissioner or user(roles.COMMISSIONER)
    fields.setdefault("title", "Children are safe and healthy")
    fields.setdefault("purpose", "Keep children safe from harm and help families thrive.")
    fields.setdefault("directorate", DirectorateFactory(name="Children's Services"))
    return services.create_strategy(acting_user=commissioner, accountable_commissioner=commissioner, **fields)


def complete_analyse(s: Strategy, other: Strategy | None = None) -> Strategy:
    """Fill every minimum requirement, so the strategy may leave Analyse."""
    s.summary_of_findings = (
        "Demand for early help has risen 12% in two years; JSNA = Joint Strategic Needs Assessment."
    )
    s.needs_methodology = "Review of JSNA data, two surveys and four focus groups."
    for field in NEEDS_CONSIDERATIONS:
        setattr(s, field, f"Analysis of {field}.")
    s.emerging_issues = "Rising demand conflicts with a falling budget."
    s.data_gaps = "None identified"
    s.save()
    EvidenceItem.objects.create(
        strategy=s,
        title="JSNA 2025",
        source="Public Health",
        kind="jsna",
        link="https://www.demo-council.example/jsna",
    )
    outcome = Outcome.objects.create(strategy=s, title="Children are safe and healthy")
    PerformanceMetric.objects.create(
        strategy=s,
        name="Re-referrals within 12 months",
        outcome=outcome,
        polarity="lower",
        baseline=22,
        target=18,
        unit="%",
    )
    ScopeItem.objects.create(strategy=s, area="Early help", in_scope=True, reason="Core to the outcome")
    ScopeItem.objects.create(
        strategy=s, area="Schools funding", in_scope=False, reason="Covered by Learn and Achieve"
    )
    Stakeholder.objects.create(strategy=s, name="Parents' forum", engagement="consult")
    ServiceAreaContribution.objects.create(
        strategy=s, service_area="Public Health", contribution="Health visiting"
    )
    InfluentialDocument.objects.create(strategy=s, title="Children Act 1989")
    StartingPositionItem.objects.create(
        strategy=s, kind="contract", name="Family support", provider="Action Kids", annual_cost=1200000
    )
    other = other or strategy(commissioner=s.accountable_commissioner, title="Learn and achieve")
    Interdependency.objects.create(
        strategy=s,
        other=other,
        shared_outcome="Children are safe",
        assumed_contribution="Schools refer early",
        direction="from_other",
    )
    return Strategy.objects.get(pk=s.pk)
