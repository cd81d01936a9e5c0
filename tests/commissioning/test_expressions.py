"""SQL that answers as the Python it stands for (commissioning.expressions)."""

import sys

import pytest

from commissioning.expressions import WHITESPACE, written
from strategies.models import Strategy

from .. import factories

pytestmark = pytest.mark.django_db


def test_white_space_is_what_str_strip_strips():
    assert set(WHITESPACE) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}


def test_written_is_what_strip_leaves_something_of():
    texts = ["", " ", "\t\n\r", "\u00a0\u2028\u3000\x1c", "x", " \u2003y\n", "None identified"]
    s = factories.strategy()
    for text in texts:
        Strategy.objects.filter(pk=s.pk).update(summary_of_findings=text)
        found = Strategy.objects.filter(written("summary_of_findings"), pk=s.pk).exists()
        assert found == bool(text.strip()), repr(text)
