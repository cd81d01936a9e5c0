"""seed_demo: a complete demo council spread over the whole cycle, moved only through the services,
safe to run twice, and scalable for benchmarks."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from commissioning import roles
from strategies import checklist, demo_data, permissions
from strategies.models import (
    EvidenceItem,
    Interdependency,
    PerformanceMetric,
    Stage,
    Strategy,
    TransitionLog,
    Trigger,
)

pytestmark = pytest.mark.django_db

LOGIN_ROLES = {
    "commissioner": roles.COMMISSIONER,
    "commissioner2": roles.COMMISSIONER,
    "councillor": roles.COUNCILLOR,
    "councillor2": roles.COUNCILLOR,
    "scrutiny": roles.SCRUTINY_MEMBER,
    "gateway": roles.GATEWAY_PANEL,
    "admin": roles.ADMINISTRATOR,
}
TRANSITIONS_TO = {"plan": 1, "do": 2, "review": 3}


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return seed()


def test_seventeen_strategies_over_every_stage(seeded):
    assert Strategy.objects.count() == 17
    stages = Counter(Strategy.objects.values_list("stage", flat=True))
    assert set(stages) == set(Stage.values)
    assert stages == {"analyse": 5, "plan": 4, "do": 4, "review": 3, "archived": 1}
    assert "Sign in at http" in seeded
    for line in ("Analyse      5", "Archived     1", "commissioner2", "Password: demo"):
        assert line in seeded


def test_demo_sign_ins_have_their_roles(seeded):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGIN_ROLES)}
    assert set(users) == set(LOGIN_ROLES)
    for username, role in LOGIN_ROLES.items():
        user = users[username]
        assert role in user.role_names, username
        assert user.check_password("demo")
        assert user.first_name and user.last_name and user.job_title
        assert user.email.endswith("@demo-council.example")
    assert users["admin"].is_staff and users["admin"].is_superuser
    assert not any(users[name].is_staff for name in LOGIN_ROLES if name != "admin")


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    out = seed()
    user = get_user_model().objects.get(username="councillor")
    assert user.check_password("another-demo-password")
    assert "another-demo-password" not in out


def test_strategies_spread_across_commissioners(seeded):
    owners = Counter(Strategy.objects.values_list("accountable_commissioner__username", flat=True))
    assert owners["commissioner"] == 5
    assert owners["commissioner2"] == 4
    assert len(owners) >= 5
    assert Strategy.objects.filter(commissioners__isnull=False).distinct().count() >= 3
    for strategy in Strategy.objects.exclude(stage=Stage.ARCHIVED):
        assert permissions.can_edit(strategy.accountable_commissioner, strategy)
        for co in strategy.commissioners.all():
            assert permissions.can_edit(co, strategy)


def test_every_strategy_past_analyse_has_a_complete_checklist(seeded):
    for strategy in Strategy.objects.exclude(stage=Stage.ANALYSE):
        assert checklist.missing(strategy) == [], strategy.reference


def test_some_strategies_in_analyse_show_gaps(seeded):
    analyse = Strategy.objects.filter(stage=Stage.ANALYSE)
    with_gaps = [s for s in analyse if checklist.missing(s)]
    assert len(with_gaps) >= 2
    assert len(with_gaps) < analyse.count()  # others are ready to move on


def test_moves_went_through_the_lifecycle_and_left_a_timeline(seeded):
    for strategy in Strategy.objects.exclude(stage=Stage.ANALYSE, cycle=1):
        logs = list(strategy.transitions.order_by("at"))
        assert logs, strategy.reference
        assert {log.actor for log in logs} == {strategy.accountable_commissioner}
        assert all(log.note for log in logs)
        assert [log.at for log in logs] == sorted({log.at for log in logs})  # distinct, in order
        assert logs[0].at > strategy.created_at
        assert logs[-1].target == strategy.stage
        assert strategy.history.filter(history_change_reason__isnull=False).count() == len(logs)
        if strategy.stage in TRANSITIONS_TO:
            assert len(logs) == TRANSITIONS_TO[strategy.stage]
    for strategy in Strategy.objects.filter(stage=Stage.ANALYSE, cycle=1):
        assert not strategy.transitions.exists()


def test_one_strategy_is_in_its_second_cycle_after_contract_renewal(seeded):
    strategy = Strategy.objects.get(cycle=2)
    assert strategy.stage == Stage.ANALYSE
    path = list(strategy.transitions.order_by("at").values_list("transition", flat=True))
    assert path == ["start_planning", "start_delivery", "start_review", "recommission"]
    recommission = strategy.transitions.get(transition="recommission")
    assert recommission.trigger == Trigger.CONTRACT_RENEWAL
    assert checklist.missing(strategy) == []
    # Evidence gathered since recommissioning is dated after it.
    assert strategy.evidenceitems.filter(created_at__gt=recommission.at).exists()


def test_analyse_content_is_full_and_varied(seeded):
    complete = [s for s in Strategy.objects.all() if not checklist.missing(s)]
    assert len(complete) == 15
    for strategy in complete:
        assert 2 <= strategy.evidenceitems.count() <= 4 + (strategy.cycle > 1)
        assert all(e.link.startswith("https://") for e in strategy.evidenceitems.all())
        assert 2 <= strategy.outcomes.count() <= 4
        assert 2 <= strategy.performancemetrics.count() <= 3
        assert all(
            m.outcome and m.baseline is not None and m.target is not None
            for m in strategy.performancemetrics.all()
        )
        assert 1 <= strategy.interdependencys.count() <= 3
        assert all(
            getattr(strategy, field).strip() for field in ["purpose", "summary_of_findings", "data_gaps"]
        )
    assert PerformanceMetric.objects.filter(polarity="lower").count() >= 5
    # Plain English, different for every strategy, with no placeholders left.
    summaries = list(Strategy.objects.values_list("summary_of_findings", flat=True))
    assert len(set(summaries)) == 17
    assert not any("{" in text or "lorem" in text.lower() for text in summaries)
    assert not EvidenceItem.objects.filter(title__contains="{").exists()
    # Each part has its own history, by the accountable commissioner.
    evidence = EvidenceItem.objects.select_related("strategy").first()
    record = evidence.history.get()
    assert record.history_user == evidence.strategy.accountable_commissioner


def test_one_joint_strategy_led_by_a_partner(seeded):
    joint = Strategy.objects.get(is_joint=True)
    assert "Integrated Care Board" in joint.lead_partner
    assert "needs assessment" in joint.partner_process


def test_running_again_changes_nothing(seeded):
    before = (Strategy.objects.count(), TransitionLog.objects.count(), get_user_model().objects.count())
    out = seed()
    assert "already exists" in out
    assert (
        Strategy.objects.count(),
        TransitionLog.objects.count(),
        get_user_model().objects.count(),
    ) == before


def test_reset_rebuilds_the_council(seeded):
    first = set(Strategy.objects.values_list("pk", flat=True))
    out = seed("--reset")
    assert "Reset: deleted 17 strategies" in out
    assert Strategy.objects.count() == 17
    assert first.isdisjoint(Strategy.objects.values_list("pk", flat=True))
    # No history is left over from the deleted strategies.
    assert set(Strategy.history.values_list("id", flat=True)) == set(
        Strategy.objects.values_list("pk", flat=True)
    )
    assert get_user_model().objects.filter(username="commissioner").count() == 1


def test_scale_makes_copies_that_depend_only_on_their_own_copy(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    out = seed("--scale", "2")
    assert Strategy.objects.count() == 34
    assert "34 strategies (scale 2)" in out
    copy = Strategy.objects.get(reference="CS-01-2")
    assert copy.title == "Safeguarding Adults (area 2)"
    assert Counter(Strategy.objects.values_list("stage", flat=True))["archived"] == 2
    for link in Interdependency.objects.select_related("strategy", "other"):
        assert link.strategy.reference.endswith("-2") == link.other.reference.endswith("-2")


def test_scale_must_be_positive():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        seed("--scale", "0")


def test_data_is_consistent():
    """The demo data refers only to things that exist."""
    numbers = {spec["n"] for spec in demo_data.STRATEGIES}
    usernames = {user["username"] for user in demo_data.USERS}
    assert numbers == set(range(1, 18))
    for spec in demo_data.STRATEGIES:
        assert spec["directorate"] in demo_data.DIRECTORATES
        assert spec["owner"] in usernames and set(spec.get("co", [])) <= usernames - {spec["owner"]}
        assert spec["stage"] in demo_data.PATHS
        assert all(key in demo_data.DOCUMENTS for key in spec.get("documents", []))
        others = [link[0] for link in spec.get("links", [])]
        assert len(others) == len(set(others)) and spec["n"] not in others and set(others) <= numbers
