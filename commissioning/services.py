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
