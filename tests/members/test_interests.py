"""Members' interests: the register, conflict flags, declarations and the bar of a disclosable pecuniary
interest (Localism Act 2011 ss.29-34), dispensations and their days, and rules that count only the members
able to decide."""

from datetime import timedelta
from decimal import Decimal
from importlib import import_module

import pytest
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning import roles
from commissioning.models import Notification
from members import interests, permissions, rules, selectors, services, tasks
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    DecisionRecord,
    Declaration,
    Dispensation,
    Interest,
    InterestCategory,
    Rule,
    Subject,
)

from .. import factories

Status = ApprovalRequest.Status
PROVIDER = "Action Kids"  # the current provider factories.complete_analyse records


def today():
    return timezone.localdate()


def register(member, acting_user=None, **changes):
    fields = {
        "category": InterestCategory.EMPLOYMENT,
        "held_by": Interest.HeldBy.PARTNER,
        "body": PROVIDER,
        "description": "My partner manages its family support service.",
        "providers": PROVIDER,
        "arose_on": today() - timedelta(days=100),
        **changes,
    }
    return services.save_interest(member=member, acting_user=acting_user or member, changes=fields)


def dispense(member, admin, valid_from, valid_until, **more):
    return services.record_dispensation(
        member=member,
        purpose="To decide on family support while her partner works for the provider.",
        granted_by="The Standards Committee",
        granted_on=valid_from,
        valid_from=valid_from,
        valid_until=valid_until,
        acting_user=admin,
        **more,
    )


@pytest.fixture
def asked(commissioner, councillor):
    """A strategy ready for approval whose current provider is Action Kids, held by `councillor`, with an open
    request for its outcomes."""
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner), approved=False)
    factories.portfolio_holder(s, councillor)
    request = services.request_approval(
        strategy=s, subject=Subject.OUTCOMES, approvers=[councillor], rule=Rule.ANY, acting_user=commissioner
    )
    return request


def decide(request, person, **more):
    return services.decide(
        request_id=request.pk,
        seen_content_hash=request.content_hash,
        kind=ApprovalDecision.Kind.APPROVE,
        reasons="Good evidence.",
        acting_user=person,
        **more,
    )


class TestTheBar:
    def test_a_registered_dpi_in_the_strategys_provider_bars_deciding(self, asked, councillor):
        register(councillor)
        refused = permissions.can_decide(councillor, asked)
        assert not refused
        assert "Your register of interests records a disclosable pecuniary interest" in refused.reason
        assert PROVIDER in refused.reason and "Localism Act 2011, s.31" in refused.reason
        with pytest.raises(PermissionDenied, match="disclosable pecuniary interest"):
            decide(asked, councillor)
        assert not ApprovalDecision.objects.exists()
        assert permissions.may_decide(councillor, asked).reason == refused.reason

    def test_an_other_interest_or_an_ended_one_does_not_bar(self, asked, councillor):
        register(councillor, category=InterestCategory.OTHER)
        register(councillor, ended_on=today() - timedelta(days=1))
        assert permissions.may_decide(councillor, asked)

    @pytest.mark.parametrize(
        "starts,ends,lifted",
        [
            (0, 0, True),  # one day, today: in effect
            (-30, 0, True),  # its last day is today
            (0, 30, True),  # its first day is today
            (-30, -1, False),  # ended yesterday
            (1, 30, False),  # starts tomorrow
        ],
    )
    def test_a_dispensation_lifts_the_bar_on_the_days_it_has_effect(
        self, asked, councillor, administrator, starts, ends, lifted
    ):
        register(councillor)
        dispense(councillor, administrator, today() + timedelta(days=starts), today() + timedelta(days=ends))
        assert bool(permissions.may_decide(councillor, asked)) is lifted

    def test_a_dispensation_for_another_strategy_or_interest_does_not_cover(
        self, asked, councillor, administrator, commissioner
    ):
        entry = register(councillor)
        other_entry = register(councillor, body="Another body", providers="")
        elsewhere = factories.strategy(commissioner=commissioner, title="Another strategy")
        dispense(councillor, administrator, today(), today() + timedelta(days=10), strategy=elsewhere)
        dispense(councillor, administrator, today(), today() + timedelta(days=10), interest=other_entry)
        assert not permissions.may_decide(councillor, asked)
        dispense(
            councillor,
            administrator,
            today(),
            today() + timedelta(days=10),
            strategy=asked.strategy,
            interest=entry,
        )
        assert permissions.may_decide(councillor, asked)
        decide(asked, councillor, conflict_declared=True, conflict_kind="dpi", interest_id=entry.pk)
        assert ApprovalRequest.objects.get(pk=asked.pk).status == Status.APPROVED

    def test_a_dispensation_has_effect_for_at_most_four_years(self, councillor, administrator):
        start = today()
        dispense(councillor, administrator, start, start + relativedelta(years=4) - timedelta(days=1))
        with pytest.raises(ValidationError, match="at most 4 years"):
            dispense(councillor, administrator, start, start + relativedelta(years=4))
        with pytest.raises(ValidationError, match="on or after the first"):
            dispense(councillor, administrator, start, start - timedelta(days=1))
        assert Dispensation.objects.count() == 1

    def test_only_democratic_services_record_dispensations(self, councillor):
        with pytest.raises(PermissionDenied):
            dispense(councillor, councillor, today(), today())

    def test_declaring_a_dpi_with_the_decision_is_recorded_and_the_decision_refused(self, asked, councillor):
        with pytest.raises(PermissionDenied, match="You declared a disclosable pecuniary interest"):
            decide(
                asked,
                councillor,
                conflict_declared=True,
                conflict_kind=Declaration.Kind.DISCLOSABLE,
                conflict_details="My partner works for the provider",
            )
        declared = Declaration.objects.get()
        assert declared.matter == asked and declared.kind == "dpi" and declared.strategy == asked.strategy
        assert not ApprovalDecision.objects.exists()
        assert not permissions.may_decide(councillor, asked)

    def test_another_interest_is_recorded_with_the_decision(self, asked, councillor):
        decide(asked, councillor, conflict_declared=True, conflict_details="A friend volunteers there")
        assert Declaration.objects.get().kind == Declaration.Kind.OTHER
        record = DecisionRecord.objects.get(request=asked)
        assert "A friend volunteers there" in record.conflicts

    def test_a_flagged_interest_is_declared_or_confirmed_as_none(self, asked, councillor):
        register(councillor, category=InterestCategory.OTHER, providers="", strategies=[asked.strategy])
        flagged = interests.conflicts(councillor, asked.strategy)
        assert [c.why for c in flagged] == [f"it names {asked.strategy.reference}"]
        with pytest.raises(ValidationError, match="confirm that none"):
            decide(asked, councillor)
        decide(asked, councillor, confirmed_none=True)
        assert Declaration.objects.get().kind == Declaration.Kind.NONE

    def test_a_contracts_provider_is_flagged_and_bars(self, commissioner, councillor):
        from delivery.models import Contract

        from ..delivery.test_delivery import contract_fields, foreign_plan

        s = factories.strategy(commissioner=commissioner)
        plan = foreign_plan(s)
        option = plan.optionsappraisals.get().options.get()
        Contract.objects.create(
            strategy=s,
            plan=plan,
            option=option,
            channel=option.channel,
            **contract_fields(title="Carers' support", provider="Carers First Demoshire"),
        )
        register(councillor, providers="carers first demoshire")
        why = interests.conflicts(councillor, s)[0].why
        assert "the provider of the contract 'Carers' support' under the strategy" in why
        assert councillor.pk in interests.bars(interests.Matter(s), [councillor])


class TestCounting:
    def _asked(self, commissioner, approvers, rule):
        s = factories.complete_analyse(factories.strategy(commissioner=commissioner), approved=False)
        for a in approvers:
            factories.portfolio_holder(s, a)
        return services.request_approval(
            strategy=s, subject=Subject.OUTCOMES, approvers=approvers, rule=rule, acting_user=commissioner
        )

    def test_the_rule_counts_only_the_approvers_able_to_decide(self, commissioner):
        barred, able = factories.user(roles.COUNCILLOR), factories.user(roles.COUNCILLOR)
        request = self._asked(commissioner, [barred, able], Rule.ALL)
        register(barred)
        found = selectors.standing(request)
        assert set(found.barred) == {barred.pk}
        assert (
            found.rule == "the approver decides, counting only the 1 able to decide (1 barred by an interest)"
        )
        decide(request, able)
        request.refresh_from_db()
        assert request.status == Status.APPROVED
        record = DecisionRecord.objects.get(request=request)
        assert f"Could not decide, because of a disclosable pecuniary interest: {barred}" in record.summary

    def test_declaring_a_dpi_settles_a_request_the_others_have_decided(self, commissioner):
        first, second = factories.user(roles.COUNCILLOR), factories.user(roles.COUNCILLOR)
        request = self._asked(commissioner, [first, second], Rule.ALL)
        decide(request, first)
        services.declare_interest(
            matter=request, member=second, kind="dpi", details="Shares in the provider", acting_user=second
        )
        request.refresh_from_db()
        assert request.status == Status.APPROVED

    def test_describe(self):
        assert rules.describe(Rule.MAJORITY, 3, barred=1) == (
            "2 of the 2 approvers must approve, counting only the 2 able to decide (1 barred by an interest)"
        )
        assert rules.describe(Rule.ALL, 2, barred=2) == "none of the 2 approvers can decide"

    def test_when_nobody_can_decide_the_request_says_who_must_be_asked(self, commissioner, councillor):
        request = self._asked(commissioner, [councillor], Rule.ANY)
        register(councillor)
        found = selectors.standing(request)
        assert "no other portfolio holder" in found.ask and "the Executive" in found.ask
        other = factories.portfolio_holder(request.strategy, factories.user(roles.COUNCILLOR))
        assert f"Ask {other}" in selectors.standing(request).ask
        request.refresh_from_db()
        assert request.status == Status.OPEN


class TestRegister:
    def test_gifts_under_the_threshold_are_not_registered(self, councillor, settings):
        settings.INTERESTS_GIFT_THRESHOLD = Decimal("50")
        with pytest.raises(ValidationError, match="under £50"):
            register(councillor, category=InterestCategory.GIFT, value=Decimal("49.99"))
        register(councillor, category=InterestCategory.GIFT, value=Decimal("50"))
        assert Interest.objects.count() == 1

    def test_only_democratic_services_mark_an_interest_sensitive(self, councillor, administrator):
        with pytest.raises(ValidationError, match="sensitive"):
            register(councillor, sensitive=True)
        register(councillor, administrator, sensitive=True)

    def test_the_published_register_withholds_a_sensitive_interests_details(self, councillor, administrator):
        register(
            councillor, administrator, category=InterestCategory.LAND, body="12 Castle Street", sensitive=True
        )
        register(councillor, body="Ended Ltd", ended_on=today() - timedelta(days=1))
        shown = selectors.published_register(councillor)
        assert len(shown) == 1
        assert shown[0].body == "" and "Castle Street" not in shown[0].description and shown[0].sensitive

    def test_a_change_is_kept_in_history(self, councillor, administrator):
        entry = register(councillor)
        services.save_interest(
            member=councillor,
            interest_id=entry.pk,
            seen_version=entry.version,
            changes={"ended_on": today()},
            acting_user=administrator,
        )
        assert [h.history_user for h in entry.history.order_by("history_id")] == [councillor, administrator]


class TestReminders:
    def test_once_28_days_after_a_change_and_once_a_municipal_year(self, councillor, settings):
        settings.MUNICIPAL_YEAR_START_MONTH = 5
        entry = register(councillor)
        changed = timezone.now() - timedelta(days=28)
        Interest.objects.filter(pk=entry.pk).update(updated_at=changed)
        day = timezone.localtime(changed).date() + timedelta(days=28)
        due = tasks.review_reminders(day)
        assert "change" in [stage for person, stage, _ in due if person == councillor]
        assert not [s for p, s, _ in tasks.review_reminders(day - timedelta(days=1)) if s == "change"]
        year = tasks.municipal_year_start(day)
        assert year.month == 5 and year <= day
        start = tasks.municipal_year_start(day.replace(month=5, day=1))
        assert "year" in [s for p, s, _ in tasks.review_reminders(start) if p == councillor]
        assert [s for p, s, _ in tasks.review_reminders(start + timedelta(days=27)) if s == "year"]
        assert not [s for p, s, _ in tasks.review_reminders(start + timedelta(days=28)) if s == "year"]

    def test_the_job_sends_each_reminder_once(self, councillor):
        entry = register(councillor)
        Interest.objects.filter(pk=entry.pk).update(updated_at=timezone.now() - timedelta(days=28))
        tasks.remind_interest_reviews()
        tasks.remind_interest_reviews()
        keys = list(
            Notification.objects.filter(key__startswith="interests-review:").values_list("key", flat=True)
        )
        assert len(keys) == len(set(keys)) and any(":change:" in k for k in keys)


def test_text_declarations_become_records_and_keep_their_text(asked, councillor):
    decide(asked, councillor, conflict_declared=True, conflict_details="My daughter is a young carer")
    Declaration.objects.all().delete()
    import_module("members.migrations.0007_declarations_from_decisions").forwards(apps, None)
    declared = Declaration.objects.get()
    assert declared.details == "My daughter is a young carer" and declared.matter == asked
    assert ApprovalDecision.objects.get().conflict_details == "My daughter is a young carer"


class TestPages:
    def test_refused_in_the_page_with_the_reason(self, client, asked, councillor):
        register(councillor)
        client.force_login(councillor)
        page = client.get(asked.get_absolute_url())
        assert page.status_code == 200
        text = page.content.decode()
        assert "may touch" in text and "disclosable pecuniary interest" in text and 'id="decide"' not in text
        response = client.post(
            reverse("members:decide", args=[asked.pk]),
            {"kind": "approve", "reasons": "Fine", "content_hash": asked.content_hash},
        )
        assert response.status_code == 403
        assert "Your register of interests records" in response.content.decode()
        assert not ApprovalDecision.objects.exists()

    def test_declaring_a_dpi_in_the_form_is_refused_with_the_reason(self, client, asked, councillor):
        client.force_login(councillor)
        response = client.post(
            reverse("members:decide", args=[asked.pk]),
            {
                "kind": "approve",
                "reasons": "Fine",
                "content_hash": asked.content_hash,
                "conflict_declared": "on",
                "conflict_kind": "dpi",
                "conflict_details": "Shares in Action Kids",
            },
        )
        assert response.status_code == 403
        assert "You declared a disclosable pecuniary interest" in response.content.decode()
        assert Declaration.objects.get().kind == "dpi" and not ApprovalDecision.objects.exists()

    def test_a_member_registers_an_interest_and_bad_input_keeps_what_was_typed(self, client, councillor):
        client.force_login(councillor)
        url = reverse("members:interest-add", args=[councillor.pk])
        data = {
            "seen_version": 1,
            "category": "gift",
            "held_by": "member",
            "body": "Dinner from Brightcall",
            "value": "10",
            "arose_on": today().isoformat(),
            "strategies": "NO-SUCH",
        }
        refused = client.post(url, data)
        assert refused.status_code == 400
        assert "There is no strategy NO-SUCH" in refused.content.decode()
        assert "Dinner from Brightcall" in refused.content.decode()
        assert not Interest.objects.exists()
        data.update(value="85", strategies="")
        assert client.post(url, data).status_code == 302
        page = client.get(reverse("members:interests", args=[councillor.pk]))
        assert "Dinner from Brightcall" in page.content.decode()

    def test_the_published_register_needs_no_sign_in(self, client, councillor, administrator):
        register(
            councillor, administrator, category=InterestCategory.LAND, body="12 Castle Street", sensitive=True
        )
        page = client.get(reverse("members:interests-published", args=[councillor.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Details withheld" in text and "Castle Street" not in text
