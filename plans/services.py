"""Writes to Commissioning Plans: one function per action, atomic, audited, with the acting user."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from commissioning.parts import save_form
from commissioning.permissions import require
from commissioning.versioning import changes_since, delete_if_current, save_if_current

from . import permissions
from .models import DEFAULT_CRITERIA, AppraisalCriterion, CommercialModel, CommissioningPlan, NoPlanStatement


@transaction.atomic
def create_plan(strategy, *, acting_user, title, summary="", outcomes=()) -> CommissioningPlan:
    require(permissions.can_create(acting_user, strategy))
    plan = CommissioningPlan(strategy=strategy, cycle=strategy.cycle, title=title, summary=summary)
    plan._history_user = acting_user
    plan.save()
    plan.outcomes.set(outcomes)
    # A plan replaces a statement that no plan was required.
    NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).delete()
    return plan


def update_plan(plan, form, seen_version, acting_user):
    require(permissions.can_edit(acting_user, plan))
    return save_form(CommissioningPlan, plan.pk, form, seen_version, acting_user)


@transaction.atomic
def state_no_plan_needed(strategy, *, reasons, acting_user, seen_version=None) -> NoPlanStatement:
    """Record (or revise) why no plan is required this cycle. Refused if plans already exist."""
    require(permissions.can_create(acting_user, strategy))
    if CommissioningPlan.objects.filter(strategy=strategy, cycle=strategy.cycle).exists():
        raise PermissionDenied(
            "This strategy has a Commissioning Plan this cycle: a statement of reasons is not needed."
        )
    statement = NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if statement is None:
        statement = NoPlanStatement(strategy=strategy, cycle=strategy.cycle, reasons=reasons)
        statement._history_user = acting_user
        statement.save()
        return statement

    def apply(obj):
        obj.reasons = reasons

    return save_if_current(NoPlanStatement, statement.pk, seen_version or 0, apply, acting_user)


def add_default_criteria(appraisal, acting_user) -> None:
    for name, weight in DEFAULT_CRITERIA:
        criterion = AppraisalCriterion(appraisal=appraisal, name=name, weight=weight)
        criterion._history_user = acting_user
        criterion.save()


def save_commercial_model(plan, form, seen_version, acting_user) -> CommercialModel:
    require(permissions.can_edit(acting_user, plan))
    with transaction.atomic():
        model = CommercialModel.objects.select_for_update().filter(plan=plan).first()
        if model is not None and seen_version == 0:
            raise changes_since(model, 0)  # written by someone else since this form was loaded
        if model is None:
            model = form.save(commit=False)
            model.plan = plan
            model._history_user = acting_user
            try:
                with transaction.atomic():
                    model.save()
            except IntegrityError:  # someone else wrote the first version at the same moment
                raise changes_since(CommercialModel.objects.get(plan=plan), 0) from None
            return model
    return save_form(CommercialModel, model.pk, form, seen_version, acting_user)


# The options appraisal. Criteria, scores and adoption are saved under the appraisal's own version, so two
# people changing one appraisal cannot overwrite each other.
def _touch_appraisal(appraisal, seen_version, acting_user, apply):
    from .models import OptionsAppraisal

    require(permissions.can_edit(acting_user, appraisal.plan))
    return save_if_current(OptionsAppraisal, appraisal.pk, seen_version, apply, acting_user)


def save_option(appraisal, form, *, acting_user, seen_version=None):
    """Add a delivery option (no seen_version) or change one (refused if stale)."""
    from .models import DeliveryOption

    require(permissions.can_edit(acting_user, appraisal.plan))
    if form.instance.pk is None:
        option = form.save(commit=False)
        option.appraisal = appraisal
        option._history_user = acting_user
        option.save()
        return option

    return save_form(DeliveryOption, form.instance.pk, form, seen_version, acting_user)


def delete_option(appraisal, option_pk, *, seen_version, acting_user) -> None:
    from .models import DeliveryOption

    require(permissions.can_edit(acting_user, appraisal.plan))
    delete_if_current(DeliveryOption, option_pk, seen_version, acting_user, appraisal=appraisal)


def save_criteria(appraisal, rows, *, seen_version, acting_user):
    """Replace the criteria with `rows` [(pk or None, name, weight)]; rows without a name are removed."""
    from .models import AppraisalCriterion

    def apply(obj):
        keep = set()
        for pk, name, weight in rows:
            criterion = AppraisalCriterion.objects.filter(pk=pk, appraisal=obj).first() if pk else None
            criterion = criterion or AppraisalCriterion(appraisal=obj)
            if (criterion.name, criterion.weight) != (name, weight):
                criterion.name, criterion.weight = name, weight
                criterion._history_user = acting_user
                criterion.save()
            keep.add(criterion.pk)
        for gone in AppraisalCriterion.objects.filter(appraisal=obj).exclude(pk__in=keep):
            gone._history_user = acting_user
            gone.delete()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)


def save_scores(appraisal, scores: dict, *, seen_version, acting_user):
    """`scores` maps (option pk, criterion pk) to 0..5."""
    from .models import OptionScore

    def apply(obj):
        existing = {
            (s.option_id, s.criterion_id): s for s in OptionScore.objects.filter(option__appraisal=obj)
        }
        for (option_id, criterion_id), value in scores.items():
            row = existing.get((option_id, criterion_id)) or OptionScore(
                option_id=option_id, criterion_id=criterion_id
            )
            if row.pk is None or row.score != value:
                row.score = value
                row._history_user = acting_user
                row.save()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)


def adopt_option(appraisal, option, *, rationale, rejection_reasons: dict, seen_version, acting_user):
    """Adopt one option with its rationale; keep the others as alternatives considered, each with why not."""
    from .models import DeliveryOption

    def apply(obj):
        obj.adopted_option = option
        obj.adoption_rationale = rationale
        for other in DeliveryOption.objects.filter(appraisal=obj).exclude(pk=option.pk):
            reason = rejection_reasons.get(other.pk, other.rejection_reason)
            if reason != other.rejection_reason:
                other.rejection_reason = reason
                other.version += 1
                other._history_user = acting_user
                other.save()
        if option.rejection_reason:
            option.rejection_reason = ""
            option.version += 1
            option._history_user = acting_user
            option.save()

    return _touch_appraisal(appraisal, seen_version, acting_user, apply)
