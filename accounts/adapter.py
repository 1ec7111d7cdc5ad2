from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _("Too many failed login attempts from this place. Try again in a few minutes, "
                                     "or get in at once by setting a new password through the link we e-mail you "
                                     "(Forgot your password?)."),
    }

    def save_user(self, request, user, form, commit=True):
        """New people get the language they signed up in as the language of their e-mails."""
        language = get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins are counted per account *and* address (ACCOUNT_RATE_LIMITS["login_failed"] "…/key"):
        somebody guessing a coordinator's password from elsewhere locks only themselves out, never the owner.
        A successful password reset clears the count of the place it was done from (allauth does that)."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}@{get_ip(request)}"
