"""SQL that answers as the Python it stands for, for the apps that work out in the database what they would
otherwise work out row by row (checklists over many strategies: strategies.checklist.with_missing)."""

from django.db.models import Q

# What str.strip() strips: every character for which str.isspace() (tests/commissioning/test_expressions.py).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def written(field: str) -> Q:
    """`bool(value.strip())` of a text field: it holds something other than white space."""
    return Q(**{f"{field}__regex": f"[^{WHITESPACE}]"})
