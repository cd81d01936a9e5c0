"""How django-allauth signs people in here: no self sign-up with a password; single sign-on gives roles
from the provider's groups at every sign-in, and refuses someone whose groups give no role; someone who signs
in through the provider cannot skip it with a passkey alone."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.stagekit import clear_login
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.webauthn.internal.flows import did_use_passwordless_login
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render

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

    def get_reauthentication_methods(self, user):
        methods = super().get_reauthentication_methods(user)
        for method in methods:
            if method["id"] == "mfa_reauthenticate:webauthn":
                method["description"] = "Use your passkey"  # the site's word, not "security key"
        return methods

    def pre_login(self, request, user, **kwargs):
        # An account without a password of its own signs in through the provider, which sets its roles from
        # its groups each time: a passkey alone would skip that (it stays usable as the second factor).
        if not user.has_usable_password() and did_use_passwordless_login(request, user):
            request.session.pop(AUTHENTICATION_METHODS_SESSION_KEY, None)  # nor count for a later sign-in
            clear_login(request)
            messages.error(request, "Sign in through your council's single sign-on, then use your passkey.")
            return redirect("login")
        return super().pre_login(request, user, **kwargs)


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
