"""Single sign-on with OpenID Connect: the providers and the groups → roles mapping, read from the
environment, and the roles a provider's groups give. Plain functions, so settings can use them."""

import re
from urllib.parse import urlsplit

from commissioning import roles


def apps_from_environment(env) -> list[dict]:
    """django-allauth's provider entries from OIDC_PROVIDERS="entra,okta" and, per name,
    OIDC_<NAME>_ISSUER, OIDC_<NAME>_CLIENT_ID, OIDC_<NAME>_SECRET and OIDC_<NAME>_LABEL."""
    apps = []
    for name in env.list("OIDC_PROVIDERS", default=[]):
        key = re.sub(r"[^A-Z0-9]", "_", name.upper())
        apps.append(
            {
                "provider_id": name,
                "name": env.str(f"OIDC_{key}_LABEL", default=name),
                "client_id": env.str(f"OIDC_{key}_CLIENT_ID"),
                "secret": env.str(f"OIDC_{key}_SECRET"),
                "settings": {
                    "server_url": env.str(f"OIDC_{key}_ISSUER"),
                    "scope": env.list(f"OIDC_{key}_SCOPES", default=["openid", "profile", "email", "groups"]),
                },
            }
        )
    return apps


def parse_group_roles(text: str) -> dict[str, list[str]]:
    """ "cms-commissioners=Commissioner,cms-admins=Administrator" → {group: [role, ...]}. A group may be
    named twice to give two roles. A role this app does not have is a configuration mistake: refused at start."""
    mapping: dict[str, list[str]] = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        group, separator, role = (item.strip() for item in pair.partition("="))
        if not separator or not group or role not in roles.ALL_ROLES:
            raise ValueError(
                f"OIDC_GROUP_ROLES: {pair!r} is not 'group=Role' with Role one of {', '.join(roles.ALL_ROLES)}"
            )
        mapping.setdefault(group, []).append(role)
    return mapping


def groups_claimed(extra_data: dict, claim: str) -> list[str]:
    """The groups the provider sent, from its userinfo answer or else its ID token."""
    for source in (extra_data.get("userinfo") or {}, extra_data.get("id_token") or {}, extra_data):
        groups = source.get(claim)
        if groups is not None:
            return [groups] if isinstance(groups, str) else [str(group) for group in groups]
    return []


def roles_for(groups: list[str], mapping: dict[str, list[str]]) -> list[str]:
    """The app's roles the provider's groups give, in the product's order; unmapped groups give none."""
    given = {role for group in groups for role in mapping.get(group, [])}
    return [role for role in roles.ALL_ROLES if role in given]


def origins(apps: list[dict]) -> list[str]:
    """The providers' web origins (scheme://host:port), for the sign-in page's CSP form-action."""
    found = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in found:
            found.append(origin)
    return found
