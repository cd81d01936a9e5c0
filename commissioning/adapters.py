"""How django-allauth signs people in here: no self sign-up with a password; single sign-on gives roles
from the provider's groups at every sign-in, and refuses someone whose groups give no role."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render

from commissioning import services, sso


def _roles(sociallogin) -> tuple[list[str], list[str]]:
    groups = sso.groups_claimed(sociallogin.account.extra_data, settings.OIDC_GROUPS_CLAIM)
    return groups, sso.roles_for(groups, settings.OIDC_GROUP_ROLES)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": "Enter a correct username and password. Both are case-sensitive.",
    }

    def is_open_for_signup(self, request):
        return False  # accounts come from an administrator or the council's identity provider


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return settings.SSO_CREATE_USERS

    def pre_social_login(self, request, sociallogin):
        groups, role_names = _roles(sociallogin)
        if not role_names:
            if sociallogin.is_existing:  # someone taken out of every mapped group loses every role now
                services.set_roles_from_provider(
                    user=sociallogin.user, role_names=[], acting_user=sociallogin.user
                )
            raise ImmediateHttpResponse(
                render(
                    request,
                    "account/sso_refused.html",
                    {"provider": sociallogin.provider.name, "groups": groups},
                    status=403,
                )
            )
        if sociallogin.is_existing:
            services.set_roles_from_provider(
                user=sociallogin.user, role_names=role_names, acting_user=sociallogin.user
            )

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        services.set_roles_from_provider(user=user, role_names=_roles(sociallogin)[1], acting_user=user)
        return user
