"""Single sign-on's configuration and the sign-in page (the end-to-end journey through a real provider is
tests/browser/test_single_sign_on.py)."""

import environ
import pytest
from django.urls import reverse

from commissioning import roles, sso

from ..oidc_provider import Provider


def test_group_roles_read_from_the_environment():
    mapping = sso.parse_group_roles(
        "cms-commissioners=Commissioner, cms-admins=Administrator,cms-admins=Commissioner"
    )
    assert mapping == {
        "cms-commissioners": [roles.COMMISSIONER],
        "cms-admins": [roles.ADMINISTRATOR, roles.COMMISSIONER],
    }
    assert sso.parse_group_roles("") == {}


@pytest.mark.parametrize("text", ["cms-commissioners", "cms=Commisioner", "=Commissioner"])
def test_a_mistyped_mapping_is_refused_at_start(text):
    with pytest.raises(ValueError, match="OIDC_GROUP_ROLES"):
        sso.parse_group_roles(text)


def test_roles_from_groups_ignore_unmapped_groups():
    mapping = {"a": [roles.SCRUTINY_MEMBER], "b": [roles.COMMISSIONER]}
    assert sso.roles_for(["b", "x", "a"], mapping) == [roles.COMMISSIONER, roles.SCRUTINY_MEMBER]
    assert sso.roles_for(["x"], mapping) == []


def test_groups_from_userinfo_or_id_token():
    assert sso.groups_claimed({"userinfo": {"groups": ["a"]}, "id_token": {"groups": ["b"]}}, "groups") == [
        "a"
    ]
    assert sso.groups_claimed({"id_token": {"roles": "b"}}, "roles") == ["b"]
    assert sso.groups_claimed({"userinfo": {}}, "groups") == []


def test_providers_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", "entra,okta-staff")
    for key, issuer in (
        ("ENTRA", "https://login.microsoftonline.com/t/v2.0"),
        ("OKTA_STAFF", "https://x.okta.com"),
    ):
        monkeypatch.setenv(f"OIDC_{key}_ISSUER", issuer)
        monkeypatch.setenv(f"OIDC_{key}_CLIENT_ID", f"id-{key}")
        monkeypatch.setenv(f"OIDC_{key}_SECRET", f"secret-{key}")
    monkeypatch.setenv("OIDC_ENTRA_LABEL", "Microsoft")
    apps = sso.apps_from_environment(environ.Env())
    assert [(a["provider_id"], a["name"], a["client_id"]) for a in apps] == [
        ("entra", "Microsoft", "id-ENTRA"),
        ("okta-staff", "okta-staff", "id-OKTA_STAFF"),
    ]
    assert apps[0]["settings"]["server_url"] == "https://login.microsoftonline.com/t/v2.0"
    assert sso.origins(apps) == ["https://login.microsoftonline.com", "https://x.okta.com"]


@pytest.fixture
def one_provider(settings):
    settings.SOCIALACCOUNT_PROVIDERS = Provider("https://id.example.org:8443", "s", None).settings()


def test_sign_in_page_offers_the_provider_and_allows_its_address_to_receive_the_form(client, one_provider):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert "Sign in with Council sign-in" in page
    assert 'action="/accounts/oidc/council/login/"' in page
    assert 'name="password"' in page
    assert (
        "https://id.example.org:8443"
        in response["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    )


def test_local_passwords_switched_off(client, settings, one_provider, commissioner):
    settings.LOCAL_PASSWORDS = False
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Council sign-in" in page and 'name="password"' not in page
    response = client.post(
        reverse("login"), {"username": commissioner.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_no_self_sign_up(client):
    response = client.get("/accounts/signup/")
    assert "You do not have an account here" in response.content.decode()
