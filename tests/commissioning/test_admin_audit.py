"""The Django admin shows councillors' approvals and notifications for audit, and cannot change them."""

import pytest
from django.urls import reverse

from members.models import ApprovalRequest, DecisionRecord

from .. import factories


@pytest.mark.django_db
def test_approvals_are_read_only_in_the_admin(client, commissioner, no_throttle):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))  # approved by a councillor
    admin = factories.user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    record = DecisionRecord.objects.get()
    for name in ["members_approvalrequest", "members_approvaldecision", "members_decisionrecord"] + [
        "commissioning_notification"  # every app's notifications are the core's
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:{name}_add")).status_code == 403
    page = client.get(reverse("admin:members_decisionrecord_change", args=[record.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    response = client.post(reverse("admin:members_decisionrecord_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert (
        DecisionRecord.objects.filter(pk=record.pk).exists()
        and ApprovalRequest.objects.filter(strategy=s).exists()
    )
