# GOV.UK style dates for Django's own rendering (admin, |date without a format): '5 December 2026', never
# the en-GB locale's '5 Dec 2026'. Templates use the filters of commissioning/formatting.py. Input formats
# are left to Django's en-GB locale.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
