import datetime as dt
import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.mail import send_templated_later
from core.ratelimit import is_rate_limited
from portal.forms import ContactForm
from portal.models import ContactMessage


def home(request):
    """What the portal offers, a registry search box, upcoming meetings and the newest discussions."""
    from coalitions.models import Event, Meeting
    from discussions.models import Thread

    upcoming = [*Event.objects.published().upcoming().order_by("starts_at")[:5],
                *Meeting.objects.published().upcoming().select_related("coalition").order_by("starts_at")[:5]]
    upcoming.sort(key=lambda item: item.starts_at)
    # The threads anyone may read, most recently active first (the page is the same for every visitor).
    newest_threads = list(Thread.objects.public().select_related("category")
                          .order_by("-last_post_at", "-pk")[:5])
    return render(request, "portal/home.html", {"upcoming_events": upcoming[:6], "newest_threads": newest_threads})


def about(request):
    return render(request, "portal/about.html")


# When the accessibility statement was written and last reviewed (zákon 99/2019 Sb. asks for both).
ACCESSIBILITY_STATEMENT_DATE = dt.date(2026, 11, 26)
ACCESSIBILITY_REVIEW_DATE = dt.date(2026, 11, 26)


def accessibility(request):
    """Prohlášení o přístupnosti, required of public-sector sites by zákon 99/2019 Sb."""
    return render(request, "portal/accessibility.html", {
        "statement_date": ACCESSIBILITY_STATEMENT_DATE, "review_date": ACCESSIBILITY_REVIEW_DATE,
        "contact_email": settings.CONTACT_EMAIL,
    })


def privacy(request):
    """How personal data are processed (GDPR information), with the way to one's own data."""
    return render(request, "portal/privacy.html")


def contact(request):
    """Contact details and a form; the message is stored first, so a failing mail server loses nothing."""
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if is_rate_limited(request, "contact", limit=5, period=3600):
            messages.error(request, _("Too many messages from your address. Please try again in an hour."))
            return render(request, "portal/contact.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_spam():
                data = {k: form.cleaned_data[k] for k in ("name", "email", "subject", "message")}
                stored = ContactMessage.objects.create(language=get_language(), **data)
                # Mailed after commit by a background task, in the team's language; if the mail server
                # fails, the message is stored and the team sees it in the admin.
                send_templated_later("portal/emails/contact", {"message": {**data, "language": stored.language}},
                                     [settings.CONTACT_EMAIL], language=settings.LANGUAGE_CODE,
                                     what=f"contact message {stored.pk}")
            messages.success(request, _("Thank you, your message has been sent. We will reply by e-mail."))
            return redirect("portal:contact")
    return render(request, "portal/contact.html", {"form": form, "contact_email": settings.CONTACT_EMAIL})


@require_GET
def robots_txt(request):
    accounts = []
    for code, _name in settings.LANGUAGES:  # the account pages, under each language's path
        with translation.override(code):
            path = pgettext("URL", "account/")
        accounts.append(f"Disallow: /{code}/{path}")
    lines = ["User-agent: *", "Disallow: /admin/", *accounts, f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not. Never touches the session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """500, or 503 with Retry-After while the database is unreachable (a restart, a failover).

    Rendered without context processors or the session: both could need the database that just failed.
    Persistent connections are health-checked (CONN_HEALTH_CHECKS), so the next request after the
    database is back reconnects by itself.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
