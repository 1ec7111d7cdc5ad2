"""Czech date style of the portal: "1. května 2026" in text, "1. 5. 2026" where space is short (Czech
typography writes spaces after the dots; Django's own "01.05.2026" is the bureaucratic form). Input keeps
every form Django's Czech locale accepts (settings.FORMAT_MODULE_PATH)."""

from django.conf.locale.cs.formats import *  # noqa: F403 - input formats and the first day of the week

DATE_FORMAT = "j. E Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j. E Y, G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. E"
SHORT_DATE_FORMAT = "j. n. Y"
SHORT_DATETIME_FORMAT = "j. n. Y, G:i"
