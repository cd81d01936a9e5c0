"""Queries compiled once per process (commissioning.compiled) answer as the query built for each user does."""

import pytest
from django.contrib.auth.models import Group

import strategies.permissions
from commissioning import roles
from commissioning.compiled import ByUserId
from commissioning.models import _ROLE_NAMES, User

from .. import factories

pytestmark = pytest.mark.django_db


def test_a_query_differing_only_by_the_user_is_compiled_once_and_answers_for_each_user():
    people = [
        factories.user(roles.COMMISSIONER),
        factories.user(roles.ADMINISTRATOR),
        factories.user(roles.COUNCILLOR),
        factories.user(),
    ]
    scrutiny, _ = Group.objects.get_or_create(name=roles.SCRUTINY_MEMBER)
    people[0].groups.add(Group.objects.create(name="A board"), scrutiny)
    factories.strategy(commissioner=people[0])
    for person in people:
        assert sorted(_ROLE_NAMES.rows(person)) == sorted(_ROLE_NAMES.build(person.pk))
        union = strategies.permissions._EXEMPT_UNION
        found = union.rows(person, key=tuple(strategies.permissions.EXEMPT_READERS))
        assert sorted(found) == sorted((strategy_id,) for strategy_id in union.build(person.pk))
    assert people[0].role_names == {roles.COMMISSIONER, roles.SCRUTINY_MEMBER}
    assert strategies.permissions.exempt_readable(people[0])  # the strategy they commission
    assert _ROLE_NAMES.compiled[()] is not None  # compiled once, not built for each user
    assert union.compiled[tuple(strategies.permissions.EXEMPT_READERS)] is not None


def test_a_query_whose_sql_changes_with_the_id_elsewhere_is_built_for_each_user():
    # The id also picks a parameter of its own: no one compiled query stands for every user.
    roles_from = ByUserId(
        lambda user_id: Group.objects.filter(user=user_id, name__gte=str(user_id)).values_list("name")
    )
    person = factories.user(roles.COMMISSIONER)
    person.groups.add(Group.objects.create(name="0 comes first"))
    assert roles_from.rows(person) == [(roles.COMMISSIONER,)]
    assert roles_from.compiled[()] is None


def test_an_unsaved_user_is_refused():
    with pytest.raises(ValueError, match="not saved"):
        _ROLE_NAMES.rows(User(username="nobody"))
