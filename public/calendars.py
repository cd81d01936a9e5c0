"""iCalendar feeds (RFC 5545) of published meetings, built with the `icalendar` package: one VEVENT per
meeting, with its venue, its public page as URL and description, and a UID that stays the same across
supplements (so a calendar that subscribed updates the event rather than adding another)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

MEETING_LENGTH = timedelta(hours=2)  # an agenda gives no end time: two hours is what calendars show


def feed(meetings, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COUNCIL_NAME}//{settings.APP_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    domain = settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "localhost"
    stamp = timezone.now()
    for meeting in meetings:
        page = settings.SITE_URL + reverse("public:meeting", args=[meeting.pk])
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", f"{meeting.board}")
        event.add("location", meeting.venue)
        event.add("url", page)
        event.add("description", f"Agenda and reports: {page}")
        event.add("sequence", max(0, (getattr(meeting, "published_version", 1) or 1) - 1))
        calendar.add_component(event)
    return calendar.to_ical()
