"""The demo council's content: one YAML file per stage in demo/data/ (strategies, plans, members,
gateway, delivery), each read once. What depends on the day of seeding (dates, the financial year's
placeholders) is worked out by the seeding code, not stored here."""

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def stages() -> list[str]:
    """The stages that have demo content: the names of the data files."""
    return sorted(path.stem for path in DATA_DIR.glob("*.yaml"))


@cache
def load(stage: str) -> dict:
    """The content of demo/data/<stage>.yaml. Shared between callers: read it, never change it."""
    with (DATA_DIR / f"{stage}.yaml").open(encoding="utf-8") as file:
        # libyaml's safe loader (PyYAML's wheels include it): the same safe loading, ~10 × faster than the
        # pure-Python one on these ~300 kB (0.4 s a seed).
        return yaml.load(file, Loader=yaml.CSafeLoader)
