"""The registry of agenda item kinds (meetings/items): every kind stored is registered once, with a template
that exists, and a kind missing from either list stops the app at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.template.loader import get_template

from meetings import items
from meetings.models import AgendaItemKind


def test_every_stored_kind_is_registered_once_with_its_label():
    assert [kind.value for kind in items.KINDS] == list(AgendaItemKind)
    assert {kind.value: kind.label for kind in items.KINDS} == dict(AgendaItemKind.choices)
    items.check(AgendaItemKind)  # what MeetingsConfig.ready() runs: no complaint


def test_each_kind_with_a_report_has_a_template_and_a_builder():
    for kind in items.KINDS:
        assert (kind.template is None) == (kind.builder is None), kind.value
        if kind.template:
            get_template(kind.template)
    assert {"strategy", "plan", "highlight", "gateway"} == items.NEEDS_STRATEGY


def _choices(name, members):
    return models.TextChoices(name, [(value.upper(), (value, label)) for value, label in members])


def test_a_kind_stored_but_not_registered_stops_start_up():
    stored = _choices("Stored", [*AgendaItemKind.choices, ("petition", "A petition")])
    with pytest.raises(
        ImproperlyConfigured, match=r"stored but not registered in meetings.items: \['petition'\]"
    ):
        items.check(stored)


def test_a_kind_registered_but_not_stored_stops_start_up():
    stored = _choices("Stored", [c for c in AgendaItemKind.choices if c[0] != "minutes"])
    with pytest.raises(
        ImproperlyConfigured, match=r"registered in meetings.items but not in AgendaItemKind: \['minutes'\]"
    ):
        items.check(stored)
