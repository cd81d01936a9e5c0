"""The accessibility statement (/accessibility/): open to every visitor, linked from every page's footer, with
the council's details from settings and the enforcement body of its nation."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_or_not_reads_it(client, commissioner):
    for _ in ("anonymous", "signed in"):
        response = client.get("/accessibility/")
        assert response.status_code == 200
        page = response.content.decode()
        for heading in (
            "How accessible this website is", "Feedback and contact information", "Enforcement procedure",
            "Compliance status", "Non-accessible content", "Preparation of this accessibility statement",
        ):  # fmt: skip
            assert heading in page
        client.force_login(commissioner)


def test_the_councils_details_come_from_settings(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@north.example.gov.uk"
    settings.ACCESSIBILITY_RESPONSE_DAYS = 5
    page = client.get("/accessibility/").content.decode()
    assert "mailto:access@north.example.gov.uk" in page and "5 working days" in page
    assert "Equality and Human Rights Commission" in page and "5 December 2026" in page
    assert "not tagged PDFs" in page and "Swagger UI" in page
    settings.ACCESSIBILITY_NATION = "northern-ireland"
    page = client.get("/accessibility/").content.decode()
    assert "Equality Commission for Northern Ireland" in page and "Human Rights" not in page


def test_every_page_links_to_it_from_its_footer(client, commissioner):
    link = f'href="{reverse("accessibility")}">Accessibility statement</a>'
    assert link in client.get(reverse("login")).content.decode()
    client.force_login(commissioner)
    assert link in client.get("/").content.decode()
