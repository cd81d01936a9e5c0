"""Highlight reports and the golden thread (being written)."""

from django.http import Http404


def _later(*args, **kwargs):
    raise Http404("Being written")


strategy_highlight = golden_thread = council_highlight = _later
