"""Writes to Commissioning Plans: one function per action, atomic, audited, with the acting user."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from commissioning import parts
from commissioning.dates import check_dates
from commissioning.exempt import exemption_to_store
from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import changes_since, delete_if_current, save_if_current, update_if_current

from . import permissions
from .models import (
    DEFAULT_CRITERIA,
    AppraisalCriterion,
    CommercialModel,
    CommissioningPlan,
    NoPlanStatement,
    OptionsAppraisal,
)


@transaction.atomic
def create_plan(*, strategy, acting_user, title, summary="", outcomes=()) -> CommissioningPlan:
    require(permissions.can_create(acting_user, strategy))
    plan = audited(
        CommissioningPlan(strategy=strategy, cycle=strategy.cycle, title=title, summary=summary), acting_user
    )
    plan.save()
    plan.outcomes.set(outcomes)
    # A plan replaces a statement that no plan was required.
    NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).delete()
    return plan


def update_plan(*, plan, seen_version: int, changes: dict, acting_user) -> CommissioningPlan:
    """Save a section of the plan's own fields (outcomes too), refusing a stale form (StaleEdit)."""
    require(permissions.can_edit(acting_user, plan))

    def exempt_says_why(obj):
        # Marking the plan confidential (or not) is a recorded change, with the paragraph it is exempt under.
        if "confidential" in changes or "exemption" in changes:
            changes["exemption"] = exemption_to_store(
                changes.get("confidential", obj.confidential), changes.get("exemption", obj.exemption)
            )

    return update_if_current(
        CommissioningPlan, plan.pk, seen_version, changes, acting_user, check=exempt_says_why
    )


# The plan's content: its parts (commissioning.parts), changed only by those who may edit the plan.


@transaction.atomic
def add_part(*, plan, model, values: dict, acting_user):
    require(permissions.can_edit(acting_user, plan))
    part = parts.add_part(
        record=plan, parent_field="plan", model=model, values=values, acting_user=acting_user
    )
    if isinstance(part, OptionsAppraisal):  # an appraisal starts with the usual criteria, to weigh
        add_default_criteria(appraisal=part, acting_user=acting_user)
    return part


def update_part(*, plan, model, pk, seen_version: int, changes: dict, acting_user):
    require(permissions.can_edit(acting_user, plan))
    return parts.update_part(
        record=plan,
        parent_field="plan",
        model=model,
        pk=pk,
        seen_version=seen_version,
        changes=changes,
        acting_user=acting_user,
    )


def delete_part(*, plan, model, pk, seen_version: int, acting_user) -> None:
    require(permissions.can_edit(acting_user, plan))
    parts.delete_part(
        record=plan,
        parent_field="plan",
        model=model,
        pk=pk,
        seen_version=seen_version,
        acting_user=acting_user,
    )


@transaction.atomic
def state_no_plan_needed(*, strategy, reasons, acting_user, seen_version=None) -> NoPlanStatement:
    """Record (or revise) why no plan is required this cycle. Refused if plans already exist."""
    require(permissions.can_create(acting_user, strategy))
    if CommissioningPlan.objects.filter(strategy=strategy, cycle=strategy.cycle).exists():
        raise PermissionDenied(
            "This strategy has a Commissioning Plan this cycle: a statement of reasons is not needed."
        )
    statement = NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if statement is None:
        statement = audited(
            NoPlanStatement(strategy=strategy, cycle=strategy.cycle, reasons=reasons), acting_user
        )
        statement.save()
        return statement

    def apply(obj):
        obj.reasons = reasons

    return save_if_current(NoPlanStatement, statement.pk, seen_version or 0, apply, acting_user)


def add_default_criteria(*, appraisal, acting_user) -> None:
    for name, weight in DEFAULT_CRITERIA:
        audited(AppraisalCriterion(appraisal=appraisal, name=name, weight=weight), acting_user).save()


def save_commercial_model(*, plan, seen_version: int, values: dict, acting_user) -> CommercialModel:
    """Write the plan's commercial model (the first version when `seen_version` is 0), refusing a stale form."""
    require(permissions.can_edit(acting_user, plan))
    with transaction.atomic():
        model = CommercialModel.objects.select_for_update().filter(plan=plan).first()
        if model is not None and seen_version == 0:
            raise changes_since(model, 0)  # written by someone else since this form was loaded
        if model is None:
            check_dates(values, CommercialModel)
            model = audited(CommercialModel(plan=plan, **values), acting_user)
            try:
                with transaction.atomic():
                    model.save()
            except IntegrityError:  # someone else wrote the first version at the same moment
                raise changes_since(CommercialModel.objects.get(plan=plan), 0) from None
            return model
    return update_if_current(CommercialModel, model.pk, seen_version, values, acting_user)


# The options appraisal. Criteria, scores and adoption are saved under the appraisal's own version, so two
# people changing one appraisal cannot overwrite each other.
def _touch_appraisal(appraisal, seen_version, acting_user, apply):
    from .models import OptionsAppraisal

    require(permissions.can_edit(acting_user, appraisal.plan))
    return save_if_current(OptionsAppraisal, appraisal.pk, seen_version, apply, acting_user)


def save_option(*, appraisal, option_pk=None, values: dict, seen_version=None, acting_user):
    """Add a delivery option (no option_pk) or change one (refused if stale)."""
    from .models import DeliveryOption

    require(permissions.can_edit(acting_user, appraisal.plan))
    if option_pk is None:
        option = audited(DeliveryOption(appraisal=appraisal, **values), acting_user)
        option.save()
        return option

    return update_if_current(DeliveryOption, option_pk, seen_version, values, acting_user)


@transaction.atomic
def delete_option(*, appraisal, option_pk, seen_version, acting_user) -> None:
    from .models import DeliveryOption

    require(permissions.can_edit(acting_user, appraisal.plan))
    # The appraisal's row lock orders this delete with a save of the scores or the adoption (which hold it
    # too), so a score is never written for an option deleted at the same moment.
    OptionsAppraisal.objects.select_for_update().filter(pk=appraisal.pk).first()
    delete_if_current(DeliveryOption, option_pk, seen_version, acting_user, appraisal=appraisal)


def _refuse_if_options_gone(appraisal, option_ids) -> None:
    """Under the appraisal's lock: every option the form scored or chose must still be there."""
    from .models import DeliveryOption

    live = set(DeliveryOption.objects.filter(appraisal=appraisal).values_list("pk", flat=True))
    if set(option_ids) - live:
        raise ValidationError(
            "An option was removed by someone else while you were working. Nothing was saved: "
            "check the options and try again."
        )


def save_criteria(*, appraisal, rows, seen_version, acting_user):
    """Replace the criteria with `rows` [(pk or None, name, weight)]; rows without a name are removed."""
    from .models import AppraisalCriterion

    def apply(obj):
        keep = set()
        for pk, name, weight in rows:
            criterion = AppraisalCriterion.objects.filter(pk=pk, appraisal=obj).first() if pk else None
            criterion = criterion or AppraisalCriterion(appraisal=obj)
            if (criterion.name, criterion.weight) != (name, weight):
                criterion.name, criterion.weight = name, weight
                audited(criterion, acting_user).save()
            keep.add(criterion.pk)
        for gone in AppraisalCriterion.objects.filter(appraisal=obj).exclude(pk__in=keep):
            audited(gone, acting_user).delete()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)


def save_scores(*, appraisal, scores: dict, seen_version, acting_user):
    """`scores` maps (option pk, criterion pk) to 0..5."""
    from .models import OptionScore

    def apply(obj):
        _refuse_if_options_gone(obj, {option_id for option_id, _criterion_id in scores})
        existing = {
            (s.option_id, s.criterion_id): s for s in OptionScore.objects.filter(option__appraisal=obj)
        }
        for (option_id, criterion_id), value in scores.items():
            row = existing.get((option_id, criterion_id)) or OptionScore(
                option_id=option_id, criterion_id=criterion_id
            )
            if row.pk is None or row.score != value:
                row.score = value
                audited(row, acting_user).save()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)


def adopt_option(*, appraisal, option, rationale, rejection_reasons: dict, seen_version, acting_user):
    """Adopt one option with its rationale; keep the others as alternatives considered, each with why not."""
    from .models import DeliveryOption

    def apply(obj):
        _refuse_if_options_gone(obj, [option.pk])
        obj.adopted_option = option
        obj.adoption_rationale = rationale
        for other in DeliveryOption.objects.filter(appraisal=obj).exclude(pk=option.pk):
            reason = rejection_reasons.get(other.pk, other.rejection_reason)
            if reason != other.rejection_reason:
                other.rejection_reason = reason
                other.version += 1
                audited(other, acting_user).save()
        if option.rejection_reason:
            option.rejection_reason = ""
            option.version += 1
            audited(option, acting_user).save()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)


def choose_baseline(*, appraisal, option, seen_version, acting_user):
    """Name the option that carries on as now (the status quo, or "do nothing"): every other option's net
    present value, return, benefit-cost ratio and payback are counted against it."""

    def apply(obj):
        _refuse_if_options_gone(obj, [option.pk])
        obj.baseline_option = option

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)
