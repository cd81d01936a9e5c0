"""Writes of the public site: e-mail subscriptions to a board's publications (double opt-in by a signed link, no
account; one-click unsubscribe), a signed-in person's choice of boards, and the e-mails sent when a board
publishes (through the outbox, in the transaction that publishes)."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commissioning import formatting
from commissioning.history import audited
from commissioning.notifications import notify_address
from commissioning.permissions import require

from . import permissions
from .models import Subscription

CONFIRM_SALT = "public.subscription.confirm"
UNSUBSCRIBE_SALT = "public.subscription.unsubscribe"


def confirm_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=CONFIRM_SALT)


def unsubscribe_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=UNSUBSCRIBE_SALT)


def _subscription_of(token: str, salt: str, max_age=None) -> Subscription | None:
    try:
        signed = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # garbled, forged or (confirming) expired
        return None
    if not isinstance(signed, dict):
        return None
    return (
        Subscription.objects.select_related("board").filter(pk=signed.get("s"), email=signed.get("e")).first()
    )


def subscription_to_confirm(token: str) -> Subscription | None:
    return _subscription_of(token, CONFIRM_SALT, max_age=settings.SUBSCRIBE_CONFIRM_DAYS * 86400)


def subscription_to_end(token: str) -> Subscription | None:
    return _subscription_of(token, UNSUBSCRIBE_SALT)


def _normalised(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as refused:
        raise ValidationError(
            {"email": "Enter an e-mail address in the correct format, like name@example.com"}
        ) from refused
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def request_subscription(*, board, email: str, acting_user=None) -> Subscription:
    """Ask for a board's publications by e-mail: a confirmation link is sent to the address, and nothing is
    sent to it otherwise until it is followed (double opt-in). Asking again sends the link again; an address
    already confirmed is told nothing new (the page says the same either way)."""
    email = _normalised(email)
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        board=board, email=email, defaults={"user": None}
    )
    if created:
        audited(subscription, acting_user, "Asked to subscribe").save()
    if subscription.confirmed_at is None:
        link = settings.SITE_URL + reverse("public:confirm", args=[confirm_token(subscription)])
        notify_address(
            f"subscribe:{subscription.pk}:{timezone.now().timestamp():.0f}",
            email,
            f"Confirm your subscription to {board}",
            [
                f"Someone (we hope you) asked to be e-mailed when {board} of {settings.COUNCIL_NAME} publishes "
                "an agenda or a supplement.",
                f"To confirm, follow this link within {settings.SUBSCRIBE_CONFIRM_DAYS} days:",
                link,
                "If it was not you, ignore this e-mail: you will not hear from us again.",
            ],
        )
    return subscription


@transaction.atomic
def confirm_subscription(*, subscription, acting_user=None) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        audited(subscription, acting_user, "Confirmed by the link e-mailed").save()
    return subscription


@transaction.atomic
def unsubscribe(*, subscription, acting_user=None) -> None:
    found = Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
    if found is not None:
        audited(found, acting_user, "Unsubscribed").delete()


@transaction.atomic
def choose_boards(*, boards, acting_user) -> list[Subscription]:
    """A signed-in person's boards: subscribed at their account's address (no confirmation needed: it is
    theirs), the others they had dropped."""
    require(permissions.can_manage_own_subscriptions(acting_user))
    if not acting_user.email:
        raise ValidationError(
            {"boards": "Your account has no e-mail address: ask an administrator to add one"}
        )
    chosen = {b.pk for b in boards}
    mine = Subscription.objects.select_for_update().filter(email=acting_user.email)
    for existing in mine:
        if existing.board_id not in chosen:
            audited(existing, acting_user, "Unsubscribed from the account page").delete()
    kept = []
    for board in boards:
        subscription = mine.filter(board=board).first() or Subscription(board=board, email=acting_user.email)
        if subscription.pk is None or subscription.confirmed_at is None or subscription.user_id is None:
            subscription.user, subscription.confirmed_at = (
                acting_user,
                subscription.confirmed_at or timezone.now(),
            )
            audited(subscription, acting_user, "Chosen on the account page").save()
        kept.append(subscription)
    return kept


def notify_subscribers(sender, publication, **kwargs) -> None:
    """E-mail every confirmed subscriber of the board: the agenda, or a supplement with exactly what changed.
    Each e-mail carries its own one-click unsubscribe link (List-Unsubscribe, RFC 2369; -Post, RFC 8058)."""
    meeting = publication.meeting
    page = settings.SITE_URL + reverse("public:meeting", args=[meeting.pk])
    when = timezone.localtime(meeting.starts_at)
    lines = [
        f"{meeting.board} has published the {publication.label.lower()} for its meeting on "
        f"{formatting.long_date(when)} at {formatting.clock(when)}, {meeting.venue}.",
    ]
    if publication.changes:
        lines.append("What changed:\n" + "\n".join(f"- {change}" for change in publication.changes))
    if publication.urgency_reasons:
        lines.append(f"Published late, for these reasons of urgency: {publication.urgency_reasons}")
    lines.append(f"Read it: {page}")
    subscribers = Subscription.objects.filter(board=meeting.board, confirmed_at__isnull=False)
    for subscription in subscribers:
        leave = settings.SITE_URL + reverse("public:unsubscribe", args=[unsubscribe_token(subscription)])
        notify_address(
            f"published:{publication.pk}:{subscription.pk}",
            subscription.email,
            f"{meeting.board}, {formatting.long_date(when)}: {publication.label.lower()} published",
            [*lines, f"To stop these e-mails: {leave}"],
            headers={"List-Unsubscribe": f"<{leave}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
