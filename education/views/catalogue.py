"""The catalogue: programmes with filters and the "weakest standards of the kraj" box, a programme with its terms,
a term with registration (core.registrations: waiting list, promotion), the organisers' attendance that issues
certificates, the certificate page and its public verification, iCalendar and the Atom feed of terms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.markdown import render_markdown
from core.pagecache import cache_public_page, invalidates
from core.pagination import paginate
from core.registrations import RegistrationStatus
from education import aggregates, emails, ics, permissions
from education.filters import ProgrammeFilter
from education.forms import AttendanceForm, RevokeForm, TermRegistrationForm
from education.models import Certificate, Programme, Term
from education.tokens import certificate_pk_from_code
from territory.models import home_kraj

SECTIONS = ("education", "codelists")
PAGE_SIZE = 15
FEED_SIZE = 50


def _upcoming_terms():
    return Term.objects.upcoming().select_related("obec").order_by("starts_at", "pk")


def catalogue_programmes():
    return (Programme.objects.published().prefetch_related(
        "topics", "target_roles", Prefetch("terms", queryset=_upcoming_terms(), to_attr="upcoming_terms"))
        .order_by("title", "pk"))


@cache_public_page(*SECTIONS)
@require_safe
def index(request):
    """Programmes of continuing education, filtered by topic, role, standard, month and place of a term and
    accreditation; above them, the programmes that support the standards the kraj's providers fulfil least."""
    kraj = home_kraj()
    filterset = ProgrammeFilter(request.GET or None, queryset=catalogue_programmes(), kraj=kraj)
    page, pagination = paginate(request, filterset.qs, per_page=PAGE_SIZE)
    weakest = aggregates.weakest_standards(kraj) if kraj else []
    supporting = (list(Programme.objects.published().with_upcoming_terms().supporting(weakest)
                       .prefetch_related("standards").order_by("title", "pk")[:6]) if weakest else [])
    return render(request, "education/catalogue.html", {
        **pagination, "form": filterset.form, "programmes": list(page), "kraj": kraj, "weakest": weakest,
        "supporting": supporting, "query": request.GET.urlencode(),
    }, status=400 if filterset.form.errors else 200)


@cache_public_page(*SECTIONS)
@require_safe
def programme_detail(request, pk):
    programme = get_object_or_404(Programme.objects.published().select_related("kraj", "provider")
                                  .prefetch_related("topics", "target_roles", "standards"), pk=pk)
    terms = list(programme.terms.filter(status=Term.Status.PLANNED).select_related("obec").order_by("starts_at"))
    now = timezone.now()
    return render(request, "education/programme_detail.html", {
        "programme": programme, "description": render_markdown(programme.description),
        "upcoming": [t for t in terms if t.ends_at >= now], "past": [t for t in terms if t.ends_at < now][-10:],
        "can_manage": permissions.can_manage_programme(request.user, programme),
    })


def _term_or_404(pk, queryset=None):
    queryset = queryset if queryset is not None else Term.objects.select_related("programme", "obec")
    return get_object_or_404(queryset.published(), pk=pk)


@cache_public_page(*SECTIONS)
@require_safe
def term_detail(request, pk):
    term = _term_or_404(pk)
    user = request.user
    seats = term.seat_counts()
    registration = term.registrations.filter(person=user).first() if user.is_authenticated else None
    can_manage = permissions.can_manage_programme(user, term.programme)
    return render(request, "education/term_detail.html", {
        "term": term, "programme": term.programme, "seats": seats,
        "is_full": term.is_full(seats_taken=seats["registered"]), "registration": registration,
        "waiting_position": registration.waiting_position() if registration else None,
        "can_register": permissions.can_register(user, term), "can_manage": can_manage,
        "certificate": getattr(registration, "certificate", None) if registration and registration.attended else None,
    })


@require_POST
@login_required
def term_register(request, pk):
    """Register or cancel. A full term puts the person on its waiting list; cancelling a seat hands it to the first
    person waiting, who is told by e-mail. Pressing a button twice changes nothing the second time."""
    term = _term_or_404(pk)
    if not permissions.can_register(request.user, term):
        raise PermissionDenied
    form = TermRegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose register or cancel."))
        return redirect(term)
    person = request.user
    if form.cleaned_data["action"] == TermRegistrationForm.REGISTER:
        registration = term.register(person)
        if registration.newly_signed_up:
            emails.queue_registration_notice(registration)
        if registration.is_waiting:
            messages.warning(request, _("The term is full. You are on the waiting list; we will e-mail you if a "
                                        "seat becomes free."))
        else:
            messages.success(request, _("You are registered. The confirmation is on its way to your e-mail."))
        return redirect(term)
    promoted = term.cancel_registration(person)
    if promoted is not None:
        emails.queue_registration_notice(promoted, promoted=True)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(term)


def _term_to_manage(request, pk):
    term = _term_or_404(pk)
    if not permissions.can_manage_programme(request.user, term.programme):
        raise PermissionDenied
    return term


@invalidates("education")  # attendance is written in bulk (core.registrations)
@login_required
@require_http_methods(["GET", "POST"])
def term_attendance(request, pk):
    """The organiser ticks who came; the attended get their certificates, a withdrawn attendance revokes one."""
    term = _term_to_manage(request, pk)
    expected = Q(status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]) | Q(attended=True)
    registrations = sorted(term.registrations.filter(expected).select_related("person", "certificate"),
                           key=lambda r: (r.person.public_name.casefold(), r.pk))
    form = AttendanceForm(request.POST if request.method == "POST" else None, registrations=registrations,
                          initial={"present": [r.person_id for r in registrations if r.attended]})
    if request.method == "POST" and not term.has_started:
        messages.error(request, _("Attendance is confirmed once the term has begun."))
        return redirect("education:term-attendance", pk=term.pk)
    if form.is_valid():
        change = term.record_attendance(set(form.cleaned_data["present"]), {r.person_id for r in registrations},
                                        by=request.user)
        issued = term.issue_certificates(by=request.user)
        revoked = term.revoke_certificates_of(change.withdrawn, by=request.user,
                                              reason=_("The organiser withdrew the attendance."))
        messages.success(request, _("The attendance is saved: %(issued)s certificates issued, %(revoked)s revoked.")
                         % {"issued": issued, "revoked": revoked})
        return redirect("education:term-attendance", pk=term.pk)
    return render(request, "education/term_attendance.html", {
        "term": term, "programme": term.programme, "form": form, "registrations": registrations,
    }, status=400 if form.errors else 200)


@cache_public_page("education")
@require_safe
def term_ics(request, pk):
    term = _term_or_404(pk)
    return ics.ics_response(term.programme.title, [ics.term_entry(term)], f"termin-{term.pk}.ics")


@cache_public_page("education")
@require_safe
def catalogue_ics(request):
    terms = Term.objects.upcoming().select_related("programme", "obec").order_by("starts_at", "pk")
    return ics.ics_response(_("Terms of continuing education"), [ics.term_entry(t) for t in terms],
                            "vzdelavani.ics")


@method_decorator(cache_public_page("education"), name="__call__")
class NewTermsFeed(Feed):
    """The FEED_SIZE newest upcoming terms of the catalogue (Atom)."""

    feed_type = Atom1Feed
    title = gettext_lazy("New terms of continuing education")
    subtitle = description = gettext_lazy("Terms of education programmes in the catalogue, newest first.")

    def link(self):
        return reverse("education:index")

    def items(self):
        return (Term.objects.upcoming().select_related("programme", "obec")
                .order_by("-created_at", "-pk")[:FEED_SIZE])

    def item_title(self, term):
        return term.programme.title

    def item_description(self, term):
        when = date_format(timezone.localtime(term.starts_at), "DATETIME_FORMAT")
        return " · ".join(part for part in (when, term.place, term.programme.organiser) if part)

    def item_pubdate(self, term):
        return term.created_at

    def item_author_name(self, term):
        return term.programme.organiser


# --- Certificates ---------------------------------------------------------------------------------------------


def _certificate_for_user(request, pk) -> Certificate:
    certificate = get_object_or_404(Certificate.objects.select_related(
        "person", "registration__term__programme", "revoked_by"), pk=pk)
    if not permissions.can_see_certificate(request.user, certificate):
        raise Http404  # another person's certificate does not exist for you
    return certificate


@login_required
@require_safe
def certificate_detail(request, pk):
    """The certificate, printable (education.css: @media print), with its public verification address."""
    certificate = _certificate_for_user(request, pk)
    verify_url = request.build_absolute_uri(reverse("education:verify", args=[certificate.verification_code]))
    return render(request, "education/certificate_detail.html", {
        "certificate": certificate, "verify_url": verify_url, "revoke_form": RevokeForm(),
        "can_revoke": not certificate.is_revoked and permissions.can_revoke_certificate(request.user, certificate),
    })


@require_POST
@login_required
def certificate_revoke(request, pk):
    certificate = _certificate_for_user(request, pk)
    if not permissions.can_revoke_certificate(request.user, certificate):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if certificate.is_revoked:
        messages.info(request, _("The certificate is revoked already."))
    elif form.is_valid():
        certificate.revoke(by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The certificate is revoked; its verification says so."))
    else:
        messages.error(request, _("Say why the certificate is revoked (at most 300 characters)."))
    return redirect(certificate)


@require_safe
def certificate_verify(request, code):
    """Public: is this certificate genuine? A forged or damaged code is "not found" (404), a revoked certificate
    says it was revoked and when."""
    pk = certificate_pk_from_code(code)
    certificate = (Certificate.objects.select_related("person").filter(pk=pk).first() if pk is not None else None)
    if certificate is None:
        return render(request, "education/certificate_verify.html", {"certificate": None}, status=404)
    return render(request, "education/certificate_verify.html", {"certificate": certificate})
