"""Signed tokens for the links in coalition e-mails, so people can stop the e-mails without logging in.

The token carries only a membership pk, signed with SECRET_KEY under its own salt; it cannot be forged
or reused for anything else, and it expires after a year (old mails should not act for ever)."""

from django.core import signing

UNSUBSCRIBE_SALT = "coalitions.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365


def unsubscribe_token(membership) -> str:
    return signing.dumps(membership.pk, salt=UNSUBSCRIBE_SALT)


def membership_pk_from_token(token: str) -> int | None:
    """The membership pk of a valid token; None for a forged, damaged or expired one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return value if isinstance(value, int) else None
