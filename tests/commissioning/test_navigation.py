"""The service navigation (issue 23): at most seven items grouped by job, exactly one current on every page
of a group, a group's own pages in its sub-navigation."""

import re
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse

from commissioning import navigation


def nav_for(path, administrator=False):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    request.user = SimpleNamespace(is_administrator=administrator)
    return navigation.for_request(request)


def current(found):
    return [item["label"] for item in found["items"] if item["current"]]


@pytest.mark.parametrize(
    ("path", "group", "sub"),
    [
        ("/", "Dashboard", None),
        ("/strategies/", "Strategies", None),
        ("/strategies/7/", "Strategies", None),
        # A strategy's own parts, wherever their app puts them: Strategies alone (it was two at once).
        ("/strategies/7/approvals/", "Strategies", None),
        ("/strategies/7/scrutiny/", "Strategies", None),
        ("/delivery/strategies/7/", "Strategies", None),
        ("/plans/3/", "Strategies", None),
        ("/approvals/yours/", "Approvals and scrutiny", "Awaiting your decision"),
        ("/approvals/", "Approvals and scrutiny", "Approval requests"),
        ("/approvals/5/", "Approvals and scrutiny", "Approval requests"),
        ("/decisions/", "Approvals and scrutiny", "Decisions log"),
        ("/scrutiny/", "Approvals and scrutiny", "Scrutiny"),
        ("/programme/", "Programme", None),
        ("/gateway/actions/", "Programme", None),
        ("/delivery/highlight/", "Performance", "Highlight report"),
        ("/delivery/kpis/4/", "Performance", None),
        ("/meetings/", "Meetings", "Meetings"),
        ("/boards/", "Meetings", "Boards"),
        ("/boards/2/meetings/", "Meetings", "Boards"),
        ("/councillors/", "Meetings", "Councillors"),
    ],
)
def test_each_page_has_exactly_one_current_item(path, group, sub):
    found = nav_for(path, administrator=True)
    assert current(found) == [group]
    assert len(found["items"]) <= navigation.MAX_ITEMS
    subs = [link["label"] for link in found["sub"] if link["current"]]
    assert subs == ([sub] if sub else [])


def test_the_account_is_in_the_header_not_the_menu():
    found = nav_for(reverse("account:profile"))
    assert current(found) == [] and found["account_current"]
    assert "Administration" not in [item["label"] for item in found["items"]]
    assert len(nav_for("/", administrator=True)["items"]) == navigation.MAX_ITEMS


def test_every_link_names_a_page():
    for group in navigation.GROUPS:
        for link in (group, *group.children):
            assert reverse(link.url_name)


@pytest.mark.django_db
def test_the_page_header_holds_one_current_item(client, commissioner):
    client.force_login(commissioner)
    page = client.get(reverse("members:waiting-on")).content.decode()
    header = page[page.index("<header") : page.index("</section>")]
    assert len(re.findall(r"aria-current=", header)) == 1
    assert 'aria-current="true">' in header and "Approvals and scrutiny" in header
    assert '<nav aria-label="Approvals and scrutiny"' in page
    assert (
        header.count("govuk-service-navigation__item ") + header.count('govuk-service-navigation__item"') <= 7
    )
