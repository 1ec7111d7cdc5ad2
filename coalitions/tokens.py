"""Signed tokens for the links in coalition e-mails, so people can stop the e-mails without logging in.

The token carries only a membership pk, signed with SECRET_KEY under its own salt (core.tokens); it cannot
be forged or reused for anything else, and it expires after a year (old mails should not act for ever).
Same salt and format as before core.tokens existed: links in mails already sent keep working."""

from core.tokens import ONE_YEAR, SignedToken

UNSUBSCRIBE_SALT = "coalitions.unsubscribe"
UNSUBSCRIBE_MAX_AGE = ONE_YEAR
UNSUBSCRIBE = SignedToken(UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)


def unsubscribe_token(membership) -> str:
    return UNSUBSCRIBE.make(membership.pk)


def membership_pk_from_token(token: str) -> int | None:
    """The membership pk of a valid token; None for a forged, damaged or expired one."""
    return UNSUBSCRIBE.read(token)
