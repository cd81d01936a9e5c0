"""The gateway panel's object rights follow the records: every gateway board's group holds
`review_strategy` on every strategy (so leaving the board takes the right away)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from guardian.shortcuts import assign_perm

from commissioning.permissions import grant
from members.models import Board
from strategies.models import Strategy

from .permissions import REVIEW


@receiver(post_save, sender=Strategy, dispatch_uid="gateway-rights-on-new-strategy")
def grant_on_new_strategy(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        panels = Board.objects.filter(kind=Board.Kind.GATEWAY_PANEL).select_related("group")
        grant(REVIEW, (board.group for board in panels), instance)


@receiver(post_save, sender=Board, dispatch_uid="gateway-rights-for-new-panel")
def grant_to_new_panel(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind == Board.Kind.GATEWAY_PANEL:
        assign_perm(REVIEW, instance.group, Strategy.objects.all())
