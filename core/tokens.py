"""Signed tokens for links that act without logging in (e.g. "stop these e-mails").

A token is `django.core.signing.dumps(value, salt=…)`: the value (a pk, or a list of pks) in JSON, a
timestamp and an HMAC of SECRET_KEY under a salt of its own, so a token made for one purpose is worthless
for any other. It is signed, not encrypted: put in only what may be read (pks). Tokens expire after
`max_age` seconds (old mails should not act for ever); a forged, damaged, expired or wrongly shaped token
reads as None.

    UNSUBSCRIBE = SignedToken("coalitions.unsubscribe")             # one pk
    THREAD = SignedToken("discussions.unsubscribe", shape=pk_list(2))  # [user pk, thread pk]
    token = UNSUBSCRIBE.make(membership.pk)
    UNSUBSCRIBE.read(token)   # → the pk, or None

The format is exactly what the apps wrote by hand before (same salts, same `signing.dumps`), so links in
mails already sent keep working.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing

ONE_YEAR = 60 * 60 * 24 * 365


def is_pk(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def pk_list(length: int) -> Callable[[Any], bool]:
    """A shape: a list of exactly `length` pks."""
    return lambda value: isinstance(value, list) and len(value) == length and all(map(is_pk, value))


@dataclass(frozen=True)
class SignedToken:
    salt: str
    max_age: int = ONE_YEAR
    shape: Callable[[Any], bool] = is_pk  # what a valid value looks like

    def make(self, value) -> str:
        if not self.shape(value):
            raise ValueError(f"{value!r} is not a valid value for tokens of {self.salt!r}")
        return signing.dumps(value, salt=self.salt)

    def read(self, token: str):
        """The value of a valid token; None for a forged, damaged, expired or wrongly shaped one."""
        try:
            value = signing.loads(token, salt=self.salt, max_age=self.max_age)
        except signing.BadSignature:  # SignatureExpired is a BadSignature too
            return None
        return value if self.shape(value) else None
