"""What anyone, signed in or not, may read on the public site: only what has been published, as it was
published. An agenda is public from the moment democratic services publish it, not when it is drafted; an
exempt item is public by its title and its paragraph of Schedule 12A alone. Everything else answers 404."""

from commissioning.permissions import ALLOW, Decision, deny, signed_in


def can_read_meeting(user, meeting) -> Decision:
    """A meeting is public once its agenda is published (its latest version, `published_version`)."""
    if getattr(meeting, "published_version", None):
        return ALLOW
    return deny("This meeting's agenda is not published yet.")


def can_read_item(user, entry: dict | None) -> Decision:
    """A public item of a published agenda: `entry` is its frozen entry (None when it is not in the agenda as
    published). An exempt item's report is never public."""
    if entry is None:
        return deny("No such item in the agenda as published.")
    if entry["confidential"]:
        return deny("This item is exempt from publication.")
    return ALLOW


def can_manage_own_subscriptions(user, obj=None) -> Decision:
    """A signed-in person chooses their boards from their account; anyone else subscribes by e-mail."""
    return signed_in(user)
