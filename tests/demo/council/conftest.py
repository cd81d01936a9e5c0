"""The demo council, seeded once for every test that reads it: seeding takes seconds, so the modules that
read the council share one seed (package-scoped, rolled back when the last of them ends; each test runs in
a savepoint inside it). This package holds only those modules: the other demo modules seed councils of their
own, which must not find this one still in the database. They are marked `demo_council`, which keeps them together on one xdist worker
(tests/conftest.py), so the seed is made once per run, not once per module."""

from io import StringIO

import pytest
from django.core.management import call_command

from ... import matrix


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


demo_council_world = matrix.shared_world_fixture(_seed, scope="package")


@pytest.fixture
def demo_council(db, demo_council_world):
    """seed_demo's output; the council it made is in the database."""
    return demo_council_world
