"""Input limits (issue 16 item 4): commissioning.limits gives every text field a limit that model forms,
the API's serializers and every audited service write obey; a limit changes no column, and a value
stored before it existed survives both the migration and later saves that leave it alone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from commissioning import limits
from commissioning.history import audited
from strategies import services
from strategies.models import Outcome, Strategy

# What of a field the schema editor writes to the database besides its type and check (db_parameters).
IN_THE_DATABASE = [
    "null",
    "unique",
    "db_index",
    "primary_key",
    "db_default",
    "column",
    "db_collation",
    "db_comment",
]
LIMITS_MIGRATIONS = [
    ("strategies", "0004_input_limits"),
    ("plans", "0004_input_limits"),
    ("gateway", "0004_input_limits"),
    ("members", "0005_input_limits"),
    ("delivery", "0003_input_limits"),
    ("meetings", "0002_input_limits"),
]


def test_the_limits_migrations_change_no_column_so_longer_rows_survive():
    """A TextField's max_length and validators live in Python only: the limits migrations only alter fields,
    and no alteration changes anything the schema editor writes to the database (type, check, nullability,
    uniqueness, index, default, column, collation, comment), so no stored text is cut or refused by them.
    Read from the migration files as an existing install has them (before any squash replaced them), without
    rendering every model state (what `sqlmigrate` would do, at ~2 s a migration)."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import AlterField

    def in_the_database(field):
        return (
            field.db_parameters(connection),
            [getattr(field, attribute, None) for attribute in IN_THE_DATABASE],
        )

    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(None, replace_migrations=False)
    for app, name in LIMITS_MIGRATIONS:
        state = loader.project_state((app, name), at_end=False)
        for operation in loader.get_migration(app, name).operations:
            assert isinstance(operation, AlterField), f"{app}.{name}: {operation.describe()}"
            old = state.models[app, operation.model_name_lower].fields[operation.name].clone()
            old.set_attributes_from_name(operation.name)
            new = operation.field.clone()
            new.set_attributes_from_name(operation.name)
            assert in_the_database(old) == in_the_database(new), (
                f"{app}.{name} would change {operation.model_name}.{operation.name} in the database"
            )
            operation.state_forwards(app, state)


def test_every_text_field_of_the_apps_has_a_limit():
    from django.apps import apps
    from django.db import models

    unlimited = []
    for app in ("strategies", "plans", "gateway", "members", "delivery", "meetings"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for f in model._meta.concrete_fields:
                if isinstance(f, models.TextField) and not f.max_length and f.name != "error":
                    unlimited.append(f"{model.__name__}.{f.name}")
    assert unlimited == []


@pytest.mark.django_db
def test_a_service_refuses_text_past_its_limit_and_saves_nothing(own_strategy, commissioner):
    with pytest.raises(ValidationError) as refused:
        services.update_strategy(
            strategy=own_strategy,
            seen_version=1,
            changes={"need_legal": "x" * (limits.SECTION + 1), "data_gaps": "Carers"},
            acting_user=commissioner,
        )
    assert "need_legal" in refused.value.message_dict
    assert "20000 characters or fewer" in refused.value.message_dict["need_legal"][0]
    s = Strategy.objects.get(pk=own_strategy.pk)
    assert (s.version, s.need_legal, s.data_gaps) == (1, "", "")
    # Exactly at the limit is allowed.
    saved = services.update_strategy(
        strategy=own_strategy,
        seen_version=1,
        changes={"need_legal": "x" * limits.SECTION},
        acting_user=commissioner,
    )
    assert len(saved.need_legal) == limits.SECTION


@pytest.mark.django_db
def test_a_value_stored_before_the_limit_survives_saves_that_leave_it_alone(own_strategy, commissioner):
    legacy = "y" * (limits.SECTION + 500)
    Strategy.objects.filter(pk=own_strategy.pk).update(need_market=legacy)  # written before the limit
    saved = services.update_strategy(
        strategy=own_strategy, seen_version=1, changes={"data_gaps": "Carers"}, acting_user=commissioner
    )
    assert (saved.need_market, saved.data_gaps) == (legacy, "Carers")
    with pytest.raises(ValidationError):  # but it cannot be made longer still, or replaced by another
        services.update_strategy(
            strategy=own_strategy,
            seen_version=2,
            changes={"need_market": legacy + "z"},
            acting_user=commissioner,
        )


@pytest.mark.django_db
def test_a_new_record_past_a_limit_is_refused(own_strategy, commissioner):
    outcome = Outcome(strategy=own_strategy, title="Fewer children in care", description="d" * 2_001)
    with pytest.raises(ValidationError) as refused:
        audited(outcome, commissioner)
    assert list(refused.value.message_dict) == ["description"]


def test_money_is_never_negative():
    from delivery.models import Contract
    from plans.models import DeliveryOption

    for field in (Contract._meta.get_field("annual_value"), DeliveryOption._meta.get_field("annual_cost")):
        with pytest.raises(ValidationError):
            field.clean(-1, None)


@pytest.mark.django_db
class TestTheForm:
    def test_a_limited_text_area_has_a_govuk_character_count_and_no_maxlength(
        self, client, own_strategy, commissioner
    ):
        client.force_login(commissioner)
        page = client.get(reverse("strategies:section", args=[own_strategy.pk, "issues"])).content.decode()
        assert 'data-module="govuk-character-count" data-maxlength="20000"' in page
        assert "govuk-js-character-count" in page and 'id="id_emerging_issues-info"' in page
        assert "You can enter up to 20,000 characters" in page
        assert "maxlength=" not in page.split('id="id_emerging_issues"')[0].rsplit("<textarea", 1)[-1]

    def test_text_past_the_limit_is_refused_by_the_field_and_kept(self, client, own_strategy, commissioner):
        client.force_login(commissioner)
        typed = "Demand is rising. " * 1200  # 21,600 characters
        response = client.post(
            reverse("strategies:section", args=[own_strategy.pk, "issues"]),
            {"emerging_issues": typed, "data_gaps": "Carers", "seen_version": 1},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "must be 20,000 characters or fewer" in page
        assert typed.strip() in page  # what was typed is shown again
        assert Strategy.objects.get(pk=own_strategy.pk).emerging_issues == ""
