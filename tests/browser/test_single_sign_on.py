"""Single sign-on end to end through a real OpenID Connect provider (oidc-provider under Node, on
loopback): the provider's groups give the roles, a group taken away takes the role away at the next
sign-in, and someone whose groups give no role is refused with a clear page."""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import Page, expect

from commissioning import roles

from ..oidc_provider import PROVIDER_ID, PROVIDER_LABEL, running_provider
from .pages import axe, navigation, sign_out_button, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP_ROLES = {
    "cms-commissioners": [roles.COMMISSIONER],
    "cms-scrutiny": [roles.SCRUTINY_MEMBER],
    "cms-admins": [roles.ADMINISTRATOR],
}


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    callback = f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/"
    with running_provider(callback, tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture(autouse=True)
def _single_sign_on(settings, provider):
    settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
    settings.OIDC_GROUP_ROLES = GROUP_ROLES
    settings.SSO_CREATE_USERS = True


def offline(page: Page):
    """The provider's development pages ask Google for a font: answered empty here, the tests run offline."""
    page.context.route(
        "https://fonts.googleapis.com/**",
        lambda route: route.fulfill(status=200, body="", content_type="text/css"),
    )


def sign_in_at_the_provider(page: Page, subject: str):
    """From our sign-in page through the provider's own login and consent pages (not ours: not checked
    with axe) and back."""
    offline(page)
    visit(page, "/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_LABEL}").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    page.locator("input[name=login]").fill(subject)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/.+"))
    with navigation(page):  # consent given: back to the app, whose page is checked
        page.locator("button[type=submit]").click()


def roles_of(subject: str) -> set[str]:
    user = SocialAccount.objects.get(provider=PROVIDER_ID, uid=subject).user
    return set(user.groups.values_list("name", flat=True))


def test_signed_in_with_the_role_the_group_gives_and_losing_it_at_the_next_sign_in(new_page, provider):
    provider.people({"sub-1001": {"name": "Alice Adeyemi", "groups": ["cms-commissioners", "cms-scrutiny"]}})
    page = new_page()
    sign_in_at_the_provider(page, "sub-1001")
    expect(sign_out_button(page)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    assert roles_of("sub-1001") == {roles.COMMISSIONER, roles.SCRUTINY_MEMBER}
    user = SocialAccount.objects.get(uid="sub-1001").user
    assert user.get_full_name() == "Alice Adeyemi"

    # Taken out of the commissioners' group at the provider: the next sign-in (another browser) drops the role,
    # and it is the same person here, matched by the provider's subject id.
    provider.people({"sub-1001": {"name": "Alice Adeyemi", "groups": ["cms-scrutiny"]}})
    page = new_page()
    sign_in_at_the_provider(page, "sub-1001")
    expect(sign_out_button(page)).to_be_visible()
    assert roles_of("sub-1001") == {roles.SCRUTINY_MEMBER}
    assert SocialAccount.objects.get(uid="sub-1001").user.pk == user.pk


def test_refused_when_no_group_gives_a_role(page: Page, provider, django_user_model):
    provider.people({"sub-2002": {"name": "Bob Brown", "groups": ["finance-team"]}})
    offline(page)
    visit(page, "/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_LABEL}").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    page.locator("input[name=login]").fill("sub-2002")
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/.+"))
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/oidc/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in with this account")
    expect(page.get_by_text("finance-team")).to_be_visible()
    axe(page, "refused")
    expect(sign_out_button(page)).to_have_count(0)
    assert not django_user_model.objects.filter(socialaccount__uid="sub-2002").exists()
