"""Writes the core owns: a user's roles as their identity provider's groups give them."""

from django.contrib.auth.models import Group
from django.db import transaction

from commissioning import roles


def set_roles_from_provider(*, user, role_names: list[str], acting_user) -> None:
    """Make `user`'s roles exactly `role_names` (at each single sign-on, so a group removed at the provider
    takes its role away at the next sign-in). Groups that are not product roles are left alone."""
    unknown = set(role_names) - set(roles.ALL_ROLES)
    if unknown:
        raise ValueError(f"Not roles of this app: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        wanted = [Group.objects.get_or_create(name=name)[0] for name in role_names]
        current = user.groups.filter(name__in=roles.ALL_ROLES)
        user.groups.remove(*[group for group in current if group.name not in role_names])
        user.groups.add(*wanted)


def mark_read(*, acting_user, notice_ids: list[int] | None = None) -> int:
    """Mark the acting user's notices read: these, or all of them. Others' notices are left alone."""
    from django.utils import timezone

    from .models import Notice

    notices = Notice.objects.filter(user=acting_user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=notice_ids)
    return notices.update(read_at=timezone.now())


@transaction.atomic
def save_notification_preferences(*, acting_user, choices: dict[str, str]) -> None:
    """How the acting user wants each kind by e-mail. A safety-relevant kind cannot be switched off."""
    from django.core.exceptions import ValidationError

    from .models import EmailChoice, NotificationPreference
    from .notifications import KINDS, is_safety

    errors = {}
    for kind, choice in choices.items():
        if kind not in KINDS or choice not in EmailChoice.values:
            errors[kind] = "Choose immediately, a daily digest or not by e-mail"
        elif is_safety(kind) and choice != EmailChoice.IMMEDIATELY:
            errors[kind] = f"{KINDS[kind].label} are always e-mailed at once: they cannot be put off"
    if errors:
        raise ValidationError(errors)
    for kind, choice in choices.items():
        NotificationPreference.objects.update_or_create(
            user=acting_user, kind=kind, defaults={"email": choice}
        )
