"""Template filters for commissioning.formatting: one way to write quantities, dates and times everywhere.
Loaded as a builtin (settings TEMPLATES), so every template, page or pack, has them."""

from django import template

from commissioning import formatting

register = template.Library()

register.filter("quantity", formatting.quantity)
register.filter("long_date", formatting.long_date)
register.filter("month", formatting.month)
register.filter("clock", formatting.clock)
register.filter("date_time", formatting.date_time)
register.filter("weekday_date", formatting.weekday_date)
