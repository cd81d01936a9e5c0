"""seed_demo on an empty database, where what is tested needs its own seeding: the demo password."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    user = get_user_model().objects.get(username="councillor")
    assert user.check_password("another-demo-password")
    assert "another-demo-password" not in out.getvalue()
