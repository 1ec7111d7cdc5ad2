"""A person's education record: hours per calendar year against the statutory 24, their certificates, education
recorded from elsewhere with a proof (uploaded here, downloaded through a permission check), the invitations of
providers to link the record, and where to get the hours still missing."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core import uploads
from core.registrations import RegistrationStatus
from education import hours, permissions
from education.forms import OwnRecordForm
from education.models import Certificate, OwnRecord, ProviderWorker, Term, TermRegistration

SUGGESTIONS = 5


def suggested_terms(person, roles):
    """Upcoming terms with free registration, of programmes for the person's roles (all when none is known),
    that the person has not signed up for."""
    mine = TermRegistration.objects.filter(term=OuterRef("pk"), person=person,
                                           status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING])
    terms = (Term.objects.upcoming().filter(registration_open=True, starts_at__gt=timezone.now())
             .exclude(Exists(mine)).select_related("programme", "obec"))
    if roles:
        terms = terms.filter(programme__target_roles__in=roles).distinct()
    return list(terms.order_by("starts_at", "pk")[:SUGGESTIONS])


@login_required
@require_safe
def my_record(request):
    person = request.user
    years = hours.hours_by_year(person)
    this_year = next(iter(years.values()))
    links = list(ProviderWorker.objects.filter(person=person, ended_on__isnull=True)
                 .select_related("provider", "role").order_by("provider__name", "pk"))
    current = [link for link in links if link.is_current]
    return render(request, "education/my_record.html", {
        "years": list(years.values()), "this_year": this_year, "minimum": hours.STATUTORY_MINIMUM,
        "certificates": list(Certificate.objects.filter(person=person).order_by("-completed_on", "-pk")),
        "own_records": list(OwnRecord.objects.filter(person=person).order_by("-completed_on", "-pk")),
        "registrations": list(TermRegistration.objects.filter(
            person=person, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
            term__ends_at__gte=timezone.now()).select_related("term__programme").order_by("term__starts_at")),
        "invitations": [link for link in links if link.is_pending], "links": current,
        "suggestions": suggested_terms(person, {link.role_id for link in current}) if not this_year.is_met else [],
    })


@login_required
@uploads.size_limited_upload
def own_record_add(request):
    """Education from elsewhere with its proof; a file too large or of a type that is not allowed is a form error
    (400) that says why, and nothing is stored."""
    form = OwnRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.person = request.user
        record.save()
        messages.success(request, _("“%(title)s” is recorded: %(hours)s hours.") % {"title": record.title,
                                                                                     "hours": record.hours})
        return redirect("education:my-record")
    return render(request, "education/own_record_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_safe
def proof_download(request, pk):
    """The proof of a recorded education: its owner and the education managers of the providers the owner works
    for. Anyone else gets "not found"."""
    record = get_object_or_404(OwnRecord, pk=pk)
    if not permissions.can_see_proof(request.user, record):
        raise Http404
    file_type = uploads.FILE_TYPES.get(record.proof_type)
    extension = file_type.extension if file_type else (PurePath(record.proof.name).suffix.lstrip(".") or "bin")
    try:
        handle = record.proof.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=f"doklad-{record.pk}.{extension}",
                            content_type=file_type.content_type if file_type else "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def own_record_delete(request, pk):
    record = get_object_or_404(OwnRecord, pk=pk, person=request.user)
    title = record.title
    record.proof.delete(save=False)
    record.delete()
    messages.success(request, _("“%(title)s” is deleted from your record.") % {"title": title})
    return redirect("education:my-record")


@require_POST
@login_required
def invitation_answer(request, pk):
    """Accept or decline a provider's invitation to link one's record; only the invited person answers."""
    link = get_object_or_404(ProviderWorker.objects.select_related("provider"), pk=pk, person=request.user)
    if not link.is_pending:
        messages.info(request, _("This invitation has been answered already."))
        return redirect("education:my-record")
    if request.POST.get("answer") == "accept":
        link.accept()
        messages.success(request, _("Your record is linked to %(provider)s.") % {"provider": link.provider.name})
    elif request.POST.get("answer") == "decline":
        link.end()
        messages.success(request, _("You declined the invitation of %(provider)s.") % {"provider": link.provider.name})
    else:
        messages.error(request, _("Accept or decline the invitation."))
    return redirect("education:my-record")

