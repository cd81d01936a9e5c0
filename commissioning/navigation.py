"""The service navigation: at most seven top-level items, grouped by job (issue 23), each page belonging to
exactly one of them.

A page belongs to the first group whose rule matches the name of its view (`namespace:url_name`, or a whole
namespace), so no page highlights two items. A strategy's own parts (its plans, approvals, scrutiny,
delivery and KPIs) belong to Strategies, where the strategy's own sub-navigation leads to them; the lists
across strategies belong to the group of their job. URL names are strings here, so the core imports no
later stage.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

MAX_ITEMS = 7


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    # View names (`namespace:name`) or whole namespaces (`namespace:*`) of the pages that are this link's.
    owns: tuple[str, ...] = ()
    admin_only: bool = False


@dataclass(frozen=True)
class Group(Link):
    # The group's own pages, shown as a sub-navigation under the service navigation (none: the group's
    # pages carry their own, as the programme gateway's do).
    children: tuple[Link, ...] = field(default_factory=tuple)


# A strategy's own pages, wherever the app that serves them puts them.
STRATEGY_PARTS = (
    "strategies:*",
    "plans:*",
    "members:strategy-approvals",
    "members:request-approval",
    "members:request-plan-approval",
    "members:forward-plan-add",
    "members:forward-plan-add-plan",
    "members:scrutiny",
    "members:comment",
    "members:recommend",
    "members:assign",
    "delivery:strategy",
    "delivery:contract-create",
    "delivery:kpi-create",
    "delivery:review",
    "delivery:import",
    "delivery:strategy-highlight",
    "delivery:golden-thread",
)

APPROVALS = (
    Link("Awaiting your decision", "members:my-decisions", ("members:my-decisions", "members:decide")),
    Link(
        "Approval requests",
        "members:waiting-on",
        ("members:waiting-on", "members:request", "members:withdraw"),
    ),
    Link("Decisions log", "members:decision-log", ("members:decision-log", "members:decision")),
    Link(
        "Decision notices",
        "members:notices",
        ("members:notices", "members:notice", "members:call-in", "members:call-in-outcome"),
    ),
    Link("Scrutiny", "members:referred", ("members:referred", "members:respond")),
)

MEETINGS = (
    Link("Meetings", "meetings:meetings", ("meetings:meetings",)),
    Link("Boards", "members:boards", ("members:board*", "members:member-*", "meetings:board-*")),
    Link(
        "Councillors",
        "members:councillors",
        ("members:councillor*", "members:interest*", "members:dispensation-add"),
    ),
    Link("Attendance", "meetings:attendance-statistics", ("meetings:attendance-statistics",)),
)

PERFORMANCE = (
    Link("Highlight report", "delivery:highlight", ("delivery:highlight",)),
    Link("Contracts ending", "delivery:contracts-ending", ("delivery:contracts-ending", "delivery:contract")),
)

GROUPS = (
    Group("Dashboard", "home", ("home",)),
    Group("Strategies", "strategies:list", STRATEGY_PARTS),
    Group(
        "Approvals and scrutiny",
        "members:my-decisions",
        (
            *(name for link in APPROVALS for name in link.owns),
            "members:forward-plan-entry",
            "members:key-decision-exception",
        ),
        children=APPROVALS,
    ),
    Group("Programme", "gateway:programme", ("gateway:*",)),
    Group("Performance", "delivery:highlight", ("delivery:*",), children=PERFORMANCE),
    Group(
        "Meetings",
        "meetings:meetings",
        (*(name for link in MEETINGS for name in link.owns), "meetings:*"),
        children=MEETINGS,
    ),
    Group("Administration", "admin:index", ("admin:*",), admin_only=True),
)


def _matches(view_name: str, rule: str) -> bool:
    if rule.endswith("*"):
        return view_name.startswith(rule[:-1])
    return view_name == rule


def owner(view_name: str, links) -> Link | None:
    """The first link whose rules match this view: at most one."""
    for link in links:
        if any(_matches(view_name, rule) for rule in link.owns):
            return link
    return None


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # an app left out of this installation
        return ""


def for_request(request) -> dict:
    """The items of the service navigation for this person and page, exactly one of them current (none on a
    page of no group, such as one's account, which the header's own link marks), and the current group's
    sub-navigation."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    user = request.user
    groups = [g for g in GROUPS if not g.admin_only or getattr(user, "is_administrator", False)]
    current = owner(view_name, groups)
    # aria-current="page" on the group's own page, "true" on the other pages of its group.
    items = [
        {"label": g.label, "url": url, "current": g is current, "page": url == request.path}
        for g in groups
        if (url := _url(g.url_name))
    ]
    sub = []
    if current is not None and current.children:
        here = owner(view_name, current.children)
        sub = [
            {"label": link.label, "url": url, "current": link is here}
            for link in current.children
            if (url := _url(link.url_name))
        ]
    return {
        "items": items[:MAX_ITEMS],
        "group": current.label if current is not None else "",
        "sub": sub,
        "account_current": view_name.startswith("account:") or request.path.startswith("/accounts/"),
    }
