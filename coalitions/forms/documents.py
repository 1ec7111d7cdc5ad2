"""Uploading a document or output of a coalition, and a photo of a meeting or an event.

The forms check and prepare the file (coalitions.uploads); the views save, record who uploaded and
redirect. A form never decides who may upload: the views ask coalitions.permissions.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import uploads
from coalitions.models import Document, Photo

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


def meeting_label(meeting) -> str:
    return f"{meeting.title} ({date_format(timezone.localtime(meeting.starts_at), 'SHORT_DATE_FORMAT')})"


def _accept_documents() -> str:
    extensions = sorted({f".{file_type.extension}" for file_type in uploads.FILE_TYPES.values()} | {".jpeg"})
    return ",".join(extensions)


class DocumentForm(forms.ModelForm):
    """A document or an output of one coalition; the meeting, if any, must be one of its meetings."""

    class Meta:
        model = Document
        fields = ["kind", "title", "description", "file", "version", "public", "meeting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        self.file_type = None
        self.fields["file"] = forms.FileField(
            label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": _accept_documents()}),
            help_text=_("At most %(size)s. Allowed formats: %(types)s. The format is recognised from the "
                        "content of the file, not from its name.") % {
                "size": filesizeformat(settings.MAX_UPLOAD_BYTES),
                "types": uploads.allowed_types_label()})
        self.fields["kind"].help_text = _("Methodologies, capacity analyses, good practice and project plans "
                                          "appear in the outputs library.")
        self.fields["meeting"].queryset = coalition.meetings.order_by("-starts_at")
        self.fields["meeting"].empty_label = _("not related to a meeting")
        self.fields["meeting"].label_from_instance = meeting_label
        self.fields["version"].help_text = _("For example 1.0 or “draft”.")
        self.fields["public"].label = _("Public document")
        self.fields["public"].help_text = _("Anyone may download it. Untick it for material meant for the "
                                            "coalition's members only.")
        if not self.is_bound and "public" not in self.initial:
            self.initial["public"] = coalition.material_is_public

    def clean_file(self):
        file = self.cleaned_data["file"]
        self.file_type = uploads.validate_document(file)
        if self.file_type.content_type.startswith("image/"):
            # Pictures uploaded as documents lose their metadata (and the camera's location) too.
            try:
                name = uploads.stored_name(file.name, self.file_type)
                return uploads.strip_metadata(file, self.file_type, name)
            except (OSError, ValueError, SyntaxError) as error:
                raise ValidationError(_("The image could not be read."), code="broken") from error
        file.name = uploads.stored_name(file.name, self.file_type, fallback="dokument")
        return file


class PhotoForm(forms.ModelForm):
    """A photo with a required text alternative; of a meeting of the coalition, or of a given event."""

    class Meta:
        model = Photo
        fields = ["meeting", "image", "alt_text", "caption"]

    def __init__(self, *args, coalition, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.processed = None
        self.fields["image"] = forms.FileField(
            label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
            help_text=_("PNG, JPEG or WebP, at most %(size)s. Location and other data the camera stored in "
                        "the file are removed.") % {
                "size": filesizeformat(settings.MAX_UPLOAD_BYTES)})
        self.fields["alt_text"].help_text = _("What the photo shows, for people who cannot see it, "
                                              "e.g. “Participants of the meeting discuss in small groups”.")
        if event is not None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].required = True
            self.fields["meeting"].queryset = coalition.meetings.order_by("-starts_at")
            self.fields["meeting"].label_from_instance = meeting_label

    def clean_alt_text(self):
        alt_text = " ".join(self.cleaned_data["alt_text"].split())
        if not alt_text:
            raise ValidationError(_("Describe what the photo shows."), code="required")
        return alt_text

    def clean_image(self):
        file = self.cleaned_data["image"]
        file_type = uploads.validate_image(file)
        try:
            self.processed = uploads.process_photo(file, file_type)
        except (OSError, ValueError, SyntaxError) as error:
            raise ValidationError(_("The image could not be read."), code="broken") from error
        return self.processed.image

    def save(self, commit=True):
        photo = super().save(commit=False)
        if self.event is not None:
            photo.event = self.event
        photo.thumbnail = self.processed.thumbnail
        if commit:
            photo.save()
        return photo
