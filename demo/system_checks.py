"""Production must not start with the demo council's published password still working."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error
from django.db import DatabaseError

from . import content

DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo password (seed_demo's DEFAULT_PASSWORD)


def demo_password_in_use(app_configs=None, databases=None, **kwargs):
    """With DEBUG off, any demo sign-in (demo/data/strategies.yaml `logins`) whose password is still the demo
    one is an error, so `manage.py migrate` (run before the app starts in production) and
    `manage.py check --database default` refuse. A database check: Django runs it only when asked for a
    database (other checks, a Celery worker's or runserver's, read no data)."""
    if settings.DEBUG or not databases:
        return []
    logins = content.load("strategies")["logins"]
    try:
        users = list(get_user_model().objects.filter(username__in=logins, is_active=True))
    except DatabaseError:  # no database yet (an image being built): nothing to check
        return []
    weak = sorted(user.username for user in users if user.check_password(DEMO_PASSWORD))
    if not weak:
        return []
    return [
        Error(
            f"The demo password is in use with DEBUG off: {', '.join(weak)}.",
            hint="Set new passwords (manage.py changepassword), switch these users off, or run with DEBUG=on.",
            id="demo.E001",
        )
    ]
