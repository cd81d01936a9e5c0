"""Exempt information: the categories of the Local Government Act 1972, Schedule 12A, Part 1. A record marked
confidential (a plan, its commercial model, a contract, an agenda item) names the paragraph it is exempt under;
who may read it is strategies.permissions.can_read_exempt."""

from django.core.exceptions import ValidationError

EXEMPT_INFORMATION = [
    ("1", "Paragraph 1: information relating to any individual"),
    ("2", "Paragraph 2: information likely to reveal the identity of an individual"),
    ("3", "Paragraph 3: financial or business affairs of any particular person (including the council)"),
    ("4", "Paragraph 4: consultations or negotiations on labour relations"),
    ("5", "Paragraph 5: legal professional privilege"),
    ("6", "Paragraph 6: notices, orders or directions the council proposes to give or make"),
    ("7", "Paragraph 7: the prevention, investigation or prosecution of crime"),
]
EXEMPTION_CHOICES = [("", "Not exempt"), *EXEMPT_INFORMATION]  # for a form's select
EXEMPTION_HINT = "The paragraph of Schedule 12A to the Local Government Act 1972, when marked confidential."
PARAGRAPHS = {code for code, _ in EXEMPT_INFORMATION}


def exemption_to_store(confidential: bool, exemption: str) -> str:
    """The paragraph to keep with a record: required when it is marked confidential, dropped when it is not
    (so a record made public again does not still claim an exemption)."""
    if not confidential:
        return ""
    if exemption not in PARAGRAPHS:
        raise ValidationError(
            {"exemption": "Choose the paragraph of Schedule 12A the information is exempt under"}
        )
    return exemption


def clean_exemption(form, data: dict) -> dict:
    """A form's clean(): the same rule, so a missing paragraph is told at its field (before the model's
    constraint would refuse it with a message about the database)."""
    if "confidential" in form.fields and "exemption" in form.fields:
        try:
            data["exemption"] = exemption_to_store(data.get("confidential", False), data.get("exemption", ""))
        except ValidationError as refused:
            form.add_error(None, refused)
    return data
