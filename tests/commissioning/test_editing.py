"""commissioning.editing.attempt: the one way a page saves a form through a service."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from commissioning.editing import attempt
from commissioning.forms import values
from strategies import services
from strategies.models import Strategy
from strategies.sections import SECTIONS

ISSUES = next(s for s in SECTIONS if s.slug == "issues")


def _form(strategy, data):
    return ISSUES.form_class()(data, instance=Strategy.objects.get(pk=strategy.pk))


def _save(form, strategy, user):
    return lambda seen: services.update_strategy(
        strategy=strategy, seen_version=seen, changes=values(form), acting_user=user
    )


@pytest.mark.django_db
def test_a_current_form_is_saved_and_the_service_result_returned(own_strategy, commissioner):
    form = _form(own_strategy, {"emerging_issues": "Demand", "data_gaps": "", "seen_version": 1})
    saving = attempt(form, _save(form, own_strategy, commissioner))
    assert saving.done and saving.stale is None
    assert saving.result.emerging_issues == "Demand" and saving.result.version == 2
    assert saving.result.history.latest().history_user == commissioner


@pytest.mark.django_db
def test_a_stale_form_is_refused_keeps_what_was_typed_and_changes_nothing(own_strategy, commissioner):
    services.update_strategy(
        strategy=own_strategy,
        seen_version=1,
        changes={"emerging_issues": "Demand is rising"},
        acting_user=commissioner,
    )
    typed = {"emerging_issues": "Budget is falling", "data_gaps": "Carers data", "seen_version": 1}
    form = _form(own_strategy, typed)
    saving = attempt(form, _save(form, own_strategy, commissioner))
    assert not saving.done and saving.status == 409
    assert saving.stale.changed_by == commissioner
    assert [(c.label, c.after) for c in saving.stale.changes] == [
        ("Emerging issues and conflicting drivers", "Demand is rising")
    ]
    assert form["emerging_issues"].value() == "Budget is falling"  # shown again as typed
    s = Strategy.objects.get(pk=own_strategy.pk)
    assert (s.version, s.emerging_issues, s.data_gaps) == (2, "Demand is rising", "")


@pytest.mark.django_db
def test_a_refusal_by_the_service_is_shown_on_the_form(own_strategy):
    form = _form(own_strategy, {"emerging_issues": "Demand", "data_gaps": "", "seen_version": 1})
    refuse = mock.Mock(side_effect=ValidationError("The strategy has moved on."))
    saving = attempt(form, refuse)
    assert not saving.done and saving.status == 400 and saving.stale is None
    assert form.non_field_errors() == ["The strategy has moved on."]
    refuse.assert_called_once_with(1)


@pytest.mark.django_db
def test_an_invalid_form_is_not_saved(own_strategy):
    form = _form(own_strategy, {"emerging_issues": "Demand"})  # no version: reload the page
    write = mock.Mock()
    saving = attempt(form, write)
    assert not saving.done and saving.status == 400
    write.assert_not_called()
