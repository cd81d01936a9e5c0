"""The demo password: from DEMO_PASSWORD when set, and never printed. Checked on the step of seed_demo that
makes the sign-ins, not a whole seed (tests/demo/council/test_seed_demo.py signs in with the default)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.management.commands.seed_demo import Command, Seeder

pytestmark = pytest.mark.django_db


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    Seeder(now=timezone.localtime())._users()
    user = get_user_model().objects.get(username="councillor")
    assert user.check_password("another-demo-password")
    assert "another-demo-password" not in Command()._password_hint()


def test_the_default_password_without_the_environment(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    Seeder(now=timezone.localtime())._users()
    assert get_user_model().objects.get(username="councillor").check_password(Command()._password_hint())
