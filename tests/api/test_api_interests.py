"""The approval decision endpoint obeys declarations: a councillor with a recorded disclosable pecuniary
interest in a strategy's provider is refused with 403 and the reason; a dispensation lifts the bar; a
disclosable pecuniary interest declared through the endpoint is recorded and refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members import services
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Declaration,
    Interest,
    InterestCategory,
    Rule,
    Subject,
)

from .. import factories
from .api_support import token_client


@pytest.fixture
def asked(commissioner, councillor):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner), approved=False)
    factories.portfolio_holder(s, councillor)
    return services.request_approval(
        strategy=s, subject=Subject.OUTCOMES, approvers=[councillor], rule=Rule.ANY, acting_user=commissioner
    )


def body(request, **more):
    return {"kind": "approve", "reasons": "Good evidence.", "content_hash": request.content_hash, **more}


def test_a_recorded_dpi_is_refused_with_the_reason_and_a_dispensation_lifts_it(
    asked, councillor, administrator, no_throttle
):
    entry = services.save_interest(
        member=councillor,
        acting_user=councillor,
        changes={
            "category": InterestCategory.CONTRACTS,
            "held_by": Interest.HeldBy.MEMBER,
            "body": "Action Kids",
            "providers": "Action Kids",
            "arose_on": timezone.localdate() - timedelta(days=30),
        },
    )
    client = token_client(councillor)
    url = f"/api/approvals/{asked.pk}/decision/"
    refused = client.post(url, body(asked), format="json")
    assert refused.status_code == 403
    assert "Your register of interests records a disclosable pecuniary interest" in refused.json()["detail"]
    assert not ApprovalDecision.objects.exists()
    services.record_dispensation(
        member=councillor,
        purpose="To decide on family support.",
        granted_by="The Standards Committee",
        granted_on=timezone.localdate(),
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate(),
        strategy=asked.strategy,
        acting_user=administrator,
    )
    done = client.post(
        url, body(asked, declaration={"kind": "dpi", "interest": entry.pk, "details": ""}), format="json"
    )
    assert done.status_code == 201, done.json()
    assert done.json()["request_status"] == ApprovalRequest.Status.APPROVED
    assert Declaration.objects.get().interest == entry


def test_a_dpi_declared_through_the_endpoint_is_recorded_and_refused(asked, councillor, no_throttle):
    response = token_client(councillor).post(
        f"/api/approvals/{asked.pk}/decision/",
        body(asked, declaration={"kind": "dpi", "details": "Shares in the provider"}),
        format="json",
    )
    assert response.status_code == 403
    assert "You declared a disclosable pecuniary interest" in response.json()["detail"]
    assert Declaration.objects.get().details == "Shares in the provider"
    read = token_client(councillor).get(f"/api/approvals/{asked.pk}/").json()
    assert read["declarations"][0]["kind"] == "dpi"


def test_others_are_refused_with_the_reason(asked, commissioner, no_throttle):
    response = token_client(commissioner).post(
        f"/api/approvals/{asked.pk}/decision/", body(asked), format="json"
    )
    assert response.status_code == 403 and "not one of the approvers" in response.json()["detail"]


def test_bad_input_is_a_400_naming_the_field(asked, councillor, no_throttle):
    response = token_client(councillor).post(
        f"/api/approvals/{asked.pk}/decision/",
        body(asked, declaration={"kind": "nonsense"}, reasons=""),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"reasons", "declaration"}
    assert not Declaration.objects.exists()
