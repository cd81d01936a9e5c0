"""The API obeys the same limits as the pages (issue 16 item 4): its serializers take each field's limit
from the model, and a JSON body past FORM_MAX_BYTES is refused with 413 and a reason."""

import pytest
from django.test import override_settings

from api import serializers
from commissioning import limits

from .api_support import token_client


def test_the_serializers_take_the_models_limits():
    risk = serializers.RiskSerializer().fields
    assert risk["description"].max_length == limits.SUMMARY
    assert risk["mitigating_actions"].max_length == limits.SUMMARY
    assert not serializers.RiskSerializer(
        data={"description": "x" * (limits.SUMMARY + 1)}, partial=True
    ).is_valid()
    value = serializers.ContractSerializer().fields["annual_value"]
    assert value.min_value == 0 or any(getattr(v, "limit_value", None) == 0 for v in value.validators)


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_a_body_past_the_limit_is_413_and_changes_nothing(own_strategy, commissioner):
    response = token_client(commissioner).post(
        f"/api/strategies/{own_strategy.pk}/transitions/start_planning/",
        {"note": "x" * 5_000, "expected_stage": "analyse"},
        format="json",
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "The body is larger than 1000\xa0bytes. Nothing was saved."
    own_strategy.refresh_from_db()
    assert own_strategy.stage == "analyse"
