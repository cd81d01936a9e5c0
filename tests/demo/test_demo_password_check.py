"""Production refuses to start while a demo sign-in still has the demo password (demo.E001)."""

import pytest
from django.core import checks

from demo import content
from demo.system_checks import DEMO_PASSWORD, demo_password_in_use

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_login():
    return factories.user(username=content.load("strategies")["logins"][0])


def test_refused_with_debug_off_and_the_demo_password(settings, demo_login):
    demo_login.set_password(DEMO_PASSWORD)
    demo_login.save()
    settings.DEBUG = False
    (error,) = demo_password_in_use(databases=["default"])
    assert error.id == "demo.E001" and demo_login.username in error.msg


def test_allowed_once_the_password_is_changed_or_in_development(settings, demo_login):
    settings.DEBUG = False
    assert demo_password_in_use(databases=["default"]) == []  # the factory's password, not the demo one
    demo_login.set_password(DEMO_PASSWORD)
    demo_login.save()
    settings.DEBUG = True
    assert demo_password_in_use(databases=["default"]) == []


def test_a_switched_off_demo_user_does_not_count(settings, demo_login):
    demo_login.set_password(DEMO_PASSWORD)
    demo_login.is_active = False
    demo_login.save()
    settings.DEBUG = False
    assert demo_password_in_use(databases=["default"]) == []


def test_asked_by_the_checks_that_name_a_database_only(settings, demo_login, django_assert_num_queries):
    """migrate runs the checks for its database, so production stops there; a Celery worker's or runserver's
    checks name no database and read nothing."""
    demo_login.set_password(DEMO_PASSWORD)
    demo_login.save()
    settings.DEBUG = False
    assert "demo.E001" in {found.id for found in checks.run_checks(databases=["default"])}
    with django_assert_num_queries(0):
        assert "demo.E001" not in {found.id for found in checks.run_checks()}
