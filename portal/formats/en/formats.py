"""English date style of the portal: British day-month-year ("1 May 2026", short "1 May 2026" as well,
since "5/1/2026" reads differently on each side of the Atlantic) and the 24-hour clock, as Czech
institutions write English. Input keeps Django's English forms (settings.FORMAT_MODULE_PATH)."""

from django.conf.locale.en.formats import *  # noqa: F403 - input formats

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Czechia
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%d. %m. %Y"]
