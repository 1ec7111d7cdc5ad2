"""The check that keeps families' personal data out of the portal's free text.

Requests are written for providers who must not learn who the family is: the office describes the situation,
never the people. Forms warn beforehand (names, birth numbers, addresses); this check rejects what can be
recognised for certain in text, with a message that says what was found (never echoing it back):

- a birth number (rodné číslo): six digits that read as a date (YYMMDD, women's months +50, the extra +20 and
  +70 months of numbers issued since 2004), then an optional slash and four digits (three for people born
  before 1954);
- an e-mail address;
- a phone number: a Czech nine-digit number (first digit 2–9, in groups of three or not), with or without
  +420 / 00420, or any number written with an international prefix (+ and 9 to 14 digits).

Names and street addresses cannot be told from ordinary words by a pattern; the forms warn about them and
the office answers for them. The validator is a field validator of every free-text field of the families'
models (so the admin, imports and `full_clean()` apply it too) and of the forms.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGIT_BEFORE = r"(?<![\d/])"
_DIGIT_AFTER = r"(?![\d/])"
# YYMMDD: month 01–12, +20 (21–32), +50 (51–62) or +70 (71–82); day 01–31. Since 1954 four digits follow;
# before it three (so a nine-digit number starting 54–99 is not a birth number: it is a phone number).
_MONTH_DAY = r"(?:0[1-9]|1[0-2]|2[1-9]|3[0-2]|5[1-9]|6[0-2]|7[1-9]|8[0-2])(?:0[1-9]|[12]\d|3[01])"
BIRTH_NUMBER = re.compile(
    _DIGIT_BEFORE + r"(?:\d\d" + _MONTH_DAY + r"\s?/?\s?\d{4}|(?:[0-4]\d|5[0-3])" + _MONTH_DAY + r"\s?/?\s?\d{3})"
    + _DIGIT_AFTER)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(
    r"(?:(?<![\w+])(?:\+|00)\s?420[\s.-]?)?(?<![\d])[2-9]\d{2}[\s.-]?\d{3}[\s.-]?\d{3}(?![\d])"
    r"|(?<![\w+])\+\d[\d\s.-]{8,16}\d(?![\d])")

FOUND = [
    ("birth_number", BIRTH_NUMBER, _("a birth number")),
    ("email", EMAIL, _("an e-mail address")),
    ("phone", PHONE, _("a phone number")),
]

WARNING = _("Describe the situation without personal data: no names, birth numbers, addresses, e-mails or phone "
            "numbers of the family. Use your office's own case code; the provider learns who the family is from "
            "you after the contract, not from the portal.")


def personal_data_found(text: str) -> list[str]:
    """The codes of the kinds of personal data found in `text` ("birth_number", "email", "phone")."""
    text = text or ""
    return [code for code, pattern, _label in FOUND if pattern.search(text)]


def reject_personal_data(value: str) -> None:
    """Field validator: a clear error naming what was found, so the worker knows what to remove."""
    found = personal_data_found(value)
    if found:
        labels = {code: label for code, _pattern, label in FOUND}
        raise ValidationError(
            _("The text seems to contain %(what)s. Remove it: requests and offers must not carry personal data "
              "of the family."),
            code="personal_data", params={"what": ", ".join(str(labels[code]) for code in found)})
