"""Outputs library, documents and photos: listing, permission-checked downloads and uploads."""

import datetime as dt
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from coalitions import permissions
from core import uploads
from coalitions.forms.documents import DocumentForm, PhotoForm
from coalitions.models import Coalition, Document, Event, Photo
from coalitions.filters import OutputFilter
from core.pagecache import cache_public_page
from core.pagination import paginate

DUPLICATE_WINDOW = dt.timedelta(minutes=1)


def outputs_visible_to(user):
    """Outputs of all coalitions the person may see, filtered in SQL (members-only ones for members)."""
    return (Document.objects.filter(permissions.visible_documents_q(user), kind__in=Document.OUTPUT_KINDS)
            .distinct().select_related("coalition"))


@cache_public_page("coalitions")
def output_library(request):
    """The outputs of all coalitions that one may see: methodologies, analyses, good practice, plans."""
    filterset = OutputFilter(request.GET, queryset=outputs_visible_to(request.user))
    page, pagination = paginate(request, filterset.qs, query=filterset.query_without_page())
    return render(request, "coalitions/output_library.html", {
        **pagination, "form": filterset.form, "documents": list(page),
    })


def _file_response(field_file, *, content_type: str, public: bool, **kwargs) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None  # the record outlived its file
    response = FileResponse(handle, content_type=content_type, **kwargs)
    response["X-Content-Type-Options"] = "nosniff"
    # Members-only files must not stay in shared caches.
    response["Cache-Control"] = "public, max-age=600" if public else "private, no-store"
    return response


def document_download(request, pk):
    """A document as an attachment, with the Content-Type of the type its content was recognised as."""
    document = get_object_or_404(Document.objects.select_related("coalition"), pk=pk)
    if not permissions.can_see_document(request.user, document):
        # A members-only document: say so (a bare 404 reads as a broken link) and how to get in, without
        # telling what the document is.
        return render(request, "coalitions/members_only.html", {"coalition": document.coalition}, status=403)
    file_type = uploads.FILE_TYPES.get(document.file_type)
    if file_type is None:  # e.g. added in the admin: sent as bytes, never sniffed
        extension = PurePath(document.file.name).suffix.lstrip(".") or "bin"
    else:
        extension = file_type.extension
    return _file_response(document.file, public=document.public, as_attachment=True,
                          filename=f"{get_valid_filename(document.title)[:100] or 'dokument'}.{extension}",
                          content_type=file_type.content_type if file_type else "application/octet-stream")


def photo_file(request, pk):
    """A photo (`?size=thumb`: its thumbnail), seen by those who may see its meeting's internal material."""
    photo = get_object_or_404(Photo.objects.select_related("meeting__coalition", "event"), pk=pk)
    if not permissions.can_see_photo(request.user, photo):
        raise Http404
    field = photo.thumbnail if request.GET.get("size") == "thumb" and photo.thumbnail else photo.image
    public = photo.meeting is None or photo.meeting.coalition.material_is_public
    return _file_response(field, public=public,
                          content_type=uploads.content_type_of(field.name) or "application/octet-stream")


def _get_coalition_to_manage(request, slug) -> Coalition:
    coalition = get_object_or_404(Coalition.objects.select_related("kraj"), slug=slug)
    if not permissions.can_manage(request.user, coalition):
        raise PermissionDenied  # the page is public; adding to it is not
    return coalition


def _meeting_in_query(request, coalition):
    """The meeting named by ?meeting=<pk>, which must be one of the coalition's, or None."""
    value = request.GET.get("meeting", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(coalition.meetings, pk=int(value))


def _event_in_query(request):
    """The event named by ?event=<pk>, or None."""
    value = request.GET.get("event", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(Event, pk=int(value))


def _recent_duplicate(coalition, title: str, file) -> Document | None:
    """The same file under the same title, saved for this coalition within the last minute (a double submit).

    Document has no creation time, but its history does: the "+" record written when it was created.
    """
    since = timezone.now() - DUPLICATE_WINDOW
    created = Document.history.filter(history_type="+", history_date__gte=since, coalition_id=coalition.pk,
                                      title=title, file_size=file.size).values("id")
    candidates = Document.objects.filter(pk__in=created)
    if not candidates:
        return None
    digest = uploads.content_hash(file)
    for candidate in candidates:
        try:
            with candidate.file.open("rb") as stored:
                if uploads.content_hash(stored) == digest:
                    return candidate
        except FileNotFoundError:
            continue
    return None


def _save_document(form, coalition, uploader) -> tuple[Document, bool]:
    """Save the upload once: a second submission of the same form returns the first document."""
    with transaction.atomic():
        # Uploads to one coalition take turns, so two submissions cannot both miss each other.
        Coalition.objects.select_for_update().get(pk=coalition.pk)
        duplicate = _recent_duplicate(coalition, form.cleaned_data["title"], form.cleaned_data["file"])
        if duplicate is not None:
            return duplicate, False
        document = form.save(commit=False)
        document.coalition = coalition
        document.uploaded_by = uploader
        document.file_type = form.file_type.code
        document.file_size = form.cleaned_data["file"].size
        document.save()
        return document, True


def _after_upload(coalition, meeting) -> str:
    if meeting is not None:
        return meeting.get_absolute_url()
    return coalition.get_absolute_url()


@login_required
@uploads.size_limited_upload
def document_upload(request, slug):
    """Upload a document or an output of a coalition (its coordinators and the regional coordinators)."""
    coalition = _get_coalition_to_manage(request, slug)
    meeting = _meeting_in_query(request, coalition)
    form = DocumentForm(request.POST or None, request.FILES or None, coalition=coalition,
                        initial={"meeting": meeting} if meeting else None)
    if form.is_valid():
        document, created = _save_document(form, coalition, request.user)
        if created:
            messages.success(request, _("The document “%(title)s” was uploaded.") % {"title": document.title})
        else:
            messages.info(request, _("The document “%(title)s” had already been uploaded; it was not saved "
                                     "twice.") % {"title": document.title})
        return redirect(_after_upload(coalition, document.meeting))
    return render(request, "coalitions/document_form.html", {"coalition": coalition, "form": form},
                  status=400 if form.errors else 200)


@login_required
@uploads.size_limited_upload
def photo_upload(request, slug):
    """Upload a photo of one of the coalition's meetings (?meeting=<pk>) or of an event (?event=<pk>)."""
    coalition = get_object_or_404(Coalition.objects.select_related("kraj"), slug=slug)
    event, meeting = _event_in_query(request), None
    if event is not None:
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
    else:
        if not permissions.can_manage(request.user, coalition):
            raise PermissionDenied
        meeting = _meeting_in_query(request, coalition)
    form = PhotoForm(request.POST or None, request.FILES or None, coalition=coalition, event=event,
                     initial={"meeting": meeting} if meeting else None)
    if form.is_valid():
        photo = form.save(commit=False)
        photo.uploaded_by = request.user
        photo.save()
        messages.success(request, _("The photo was uploaded."))
        return redirect(event.get_absolute_url() if event else _after_upload(coalition, photo.meeting))
    return render(request, "coalitions/photo_form.html",
                  {"coalition": coalition, "event": event, "form": form}, status=400 if form.errors else 200)
