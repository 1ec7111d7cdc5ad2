"""Forms of education, supervision and self-assessment. A ModelForm edits a record, a small Form drives an action;
forms never send e-mail (the views do)."""

import datetime as dt

from django import forms
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core import uploads
from education.models import (
    Consultation,
    CriterionRating,
    DevelopmentAction,
    OwnRecord,
    PlannedEducation,
    Programme,
    ProviderWorker,
    Role,
    SupervisionSession,
    Supervisor,
)
from services.models import Service, ServiceType, TargetGroup
from territory.models import Kraj, Orp

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
EARLIEST_YEAR = 2000


def current_year() -> int:
    return timezone.localdate().year


class YearForm(forms.Form):
    """The calendar year of a page (this year by default); a bad value is a form error and this year applies."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = years or range(current_year(), current_year() - 6, -1)
        self.fields["year"].choices = [(year, year) for year in years]

    def chosen(self) -> int:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or current_year()


class KrajYearForm(YearForm):
    kraj = forms.TypedChoiceField(label=_("Kraj"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, kraje, **kwargs):
        super().__init__(*args, **kwargs)
        self.kraje = {kraj.pk: kraj for kraj in kraje}
        self.fields["kraj"].choices = [(pk, kraj.name) for pk, kraj in self.kraje.items()]

    def chosen_kraj(self, default):
        data = self.cleaned_data if self.is_valid() else {}
        return self.kraje.get(data.get("kraj")) or default


# --- Registration, attendance, certificates ---------------------------------------------------------------------


class TermRegistrationForm(forms.Form):
    REGISTER, CANCEL = "register", "cancel"
    action = forms.ChoiceField(choices=[(REGISTER, _("Register")), (CANCEL, _("Cancel registration"))])


class AttendanceForm(forms.Form):
    """Who came: a box per registered or waiting person."""

    present = forms.TypedMultipleChoiceField(label=_("Attended"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (r.person_id, f"{r.person.public_name} ({r.get_status_display()})") for r in registrations]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why is the certificate revoked?"), max_length=300)


# --- A person's own records -------------------------------------------------------------------------------------


class OwnRecordForm(forms.ModelForm):
    """Education from elsewhere with its proof: a PDF, an image or an office document, checked by its content
    (core.uploads) and at most settings.MAX_UPLOAD_BYTES."""

    class Meta:
        model = OwnRecord
        fields = ["title", "kind", "organiser", "accreditation_number", "hours", "completed_on", "proof"]
        widgets = {"completed_on": DATE_WIDGET}
        help_texts = {"proof": _("A certificate or confirmation of attendance: PDF, an image (PNG, JPEG, WebP) or "
                                 "an office document.")}

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Record education you have completed (the date is in the future)."))
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(_("Enter a year from %(year)s on.") % {"year": EARLIEST_YEAR})
        return day

    def clean_proof(self):
        proof = self.cleaned_data["proof"]
        file_type = uploads.validate_document(proof)
        proof.name = uploads.stored_name(proof.name, file_type, fallback="doklad")
        self.proof_type, self.proof_size = file_type.code, proof.size
        return proof

    def save(self, commit=True):
        record = super().save(commit=False)
        record.proof_type, record.proof_size = self.proof_type, self.proof_size
        if commit:
            record.save()
        return record


# --- The organisation's education ------------------------------------------------------------------------------


def provider_services(provider):
    return Service.objects.active().filter(provider=provider).order_by("name", "pk")


class InviteWorkerForm(forms.Form):
    """Invite a portal account to link its education record to the provider (the person accepts)."""

    email = forms.EmailField(label=_("E-mail of the person's portal account"))
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.all(), empty_label=None)
    service = forms.ModelChoiceField(label=_("Works mainly in the service"), queryset=Service.objects.none(),
                                     required=False, empty_label=_("— none in particular —"))

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider = provider
        self.fields["service"].queryset = provider_services(provider)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No portal account uses this address. Ask the person to create an "
                                          "account first, then invite them."))
        if ProviderWorker.objects.filter(provider=self.provider, person=person, ended_on__isnull=True).exists():
            raise forms.ValidationError(_("This person is linked or invited already."))
        self.person = person
        return email


class WorkerForm(forms.ModelForm):
    """A worker's role, service and (for the provider's main contact) the education-manager permission."""

    end = forms.BooleanField(label=_("The person no longer works here (end the link)"), required=False)

    class Meta:
        model = ProviderWorker
        fields = ["role", "service", "is_education_manager"]

    def __init__(self, *args, may_grant: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].empty_label = None
        self.fields["service"].queryset = provider_services(self.instance.provider)
        self.fields["service"].empty_label = _("— none in particular —")
        if not may_grant:
            del self.fields["is_education_manager"]


class PlannedEducationForm(forms.ModelForm):
    class Meta:
        model = PlannedEducation
        fields = ["worker", "year", "programme", "title", "hours", "note"]

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (ProviderWorker.objects.current().filter(provider=provider)
                                          .select_related("person").order_by("person__display_name", "pk"))
        self.fields["worker"].label_from_instance = lambda worker: worker.person.public_name
        self.fields["worker"].empty_label = None
        self.fields["programme"].queryset = Programme.objects.published().order_by("title", "pk")
        self.fields["programme"].empty_label = _("— not from the catalogue —")
        self.fields["year"] = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[
            (year, year) for year in (current_year(), current_year() + 1)], initial=current_year())

    def clean(self):
        data = super().clean()
        if not data.get("programme") and not (data.get("title") or "").strip():
            self.add_error("title", _("Choose a programme from the catalogue or name the other education."))
        return data


class SupervisionSessionForm(forms.ModelForm):
    class Meta:
        model = SupervisionSession
        fields = ["service", "held_on", "kind", "hours", "supervisor", "supervisor_name"]
        widgets = {"held_on": DATE_WIDGET}

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = provider_services(provider)
        self.fields["service"].empty_label = None
        self.fields["supervisor"].queryset = Supervisor.objects.approved().order_by("name", "pk")
        self.fields["supervisor"].empty_label = _("— not in the register —")

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Record supervision that took place (the date is in the future)."))
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(_("Enter a year from %(year)s on.") % {"year": EARLIEST_YEAR})
        return day

    def clean(self):
        data = super().clean()
        if not data.get("supervisor") and not (data.get("supervisor_name") or "").strip():
            self.add_error("supervisor_name", _("Choose the supervisor from the register or write their name."))
        return data


# --- Supervisors -------------------------------------------------------------------------------------------------


class SupervisorForm(forms.ModelForm):
    class Meta:
        model = Supervisor
        fields = ["name", "qualification", "does_case", "does_team", "does_management", "service_types",
                  "target_groups", "kraje", "orps", "email", "phone", "web"]
        widgets = {"service_types": forms.CheckboxSelectMultiple, "target_groups": forms.CheckboxSelectMultiple,
                   "kraje": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_types"].queryset = ServiceType.objects.filter(known=True).order_by("number", "code")
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(known=True).order_by("number", "code")
        self.fields["kraje"].queryset = Kraj.objects.order_by("name")
        self.fields["orps"].queryset = Orp.objects.select_related("kraj").order_by("name")

    def clean(self):
        data = super().clean()
        if not (data.get("does_case") or data.get("does_team") or data.get("does_management")):
            self.add_error("does_case", _("Tick at least one kind of supervision."))
        kraje, orps = data.get("kraje"), data.get("orps")
        if kraje is not None and orps and orps.exclude(kraj__in=kraje).exists():
            self.add_error("orps", _("Choose ORPs of the kraje you work in."))
        return data


# --- Self-assessment ---------------------------------------------------------------------------------------------


class StartRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    services = forms.ModelMultipleChoiceField(label=_("Services assessed"), queryset=Service.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = provider_services(provider)
        self.fields["title"].initial = _("Self-assessment %(year)s") % {"year": current_year()}


class RatingForm(forms.ModelForm):
    class Meta:
        model = CriterionRating
        fields = ["rating", "evidence", "note"]
        widgets = {"rating": forms.RadioSelect, "evidence": forms.Textarea(attrs={"rows": 3}),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [choice for choice in self.fields["rating"].choices if choice[0]]
        self.fields["rating"].required = False


class CommentForm(forms.ModelForm):
    class Meta:
        model = CriterionRating
        fields = ["comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


def rating_formset(form):
    """Ratings (or the methodologist's comments) of one standard's criteria: rows are only edited, never added or
    deleted, whatever the management form claims."""
    return modelformset_factory(CriterionRating, form=form, extra=0, can_delete=False, edit_only=True, max_num=20,
                                validate_max=True, absolute_max=20)


class DevelopmentActionForm(forms.ModelForm):
    class Meta:
        model = DevelopmentAction
        fields = ["description", "owner", "deadline", "state", "done_on", "progress_note", "criteria", "programmes"]
        widgets = {"deadline": DATE_WIDGET, "done_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3}),
                   "progress_note": forms.Textarea(attrs={"rows": 3}), "criteria": forms.CheckboxSelectMultiple}

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        from network.models import QualityCriterion

        self.fields["criteria"].queryset = QualityCriterion.objects.select_related("standard").order_by(
            "standard__number", "order", "code")
        self.fields["criteria"].label_from_instance = lambda c: f"{c.code} ({c.standard.title})"
        self.fields["programmes"].queryset = Programme.objects.published().order_by("title", "pk")
        self.fields["programmes"].required = False
        self.fields["criteria"].required = False

    def clean(self):
        data = super().clean()
        state, done_on = data.get("state"), data.get("done_on")
        if state == DevelopmentAction.State.DONE and done_on is None:
            data["done_on"] = timezone.localdate()
        elif state and state != DevelopmentAction.State.DONE:
            data["done_on"] = None
        if data.get("done_on") and data["done_on"] > timezone.localdate():
            self.add_error("done_on", _("An action cannot be done in the future."))
        deadline = data.get("deadline")
        if deadline and deadline.year < EARLIEST_YEAR:
            self.add_error("deadline", _("Enter a year from %(year)s on.") % {"year": EARLIEST_YEAR})
        return data

    def _post_clean(self):
        super()._post_clean()
        self.instance.done_on = self.cleaned_data.get("done_on")


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["starts_at", "ends_at", "place", "online_url", "status", "conclusions"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
                   "conclusions": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The consultation must end after it starts."))
        if starts_at and not dt.date(EARLIEST_YEAR, 1, 1) <= starts_at.date() <= dt.date(2100, 12, 31):
            self.add_error("starts_at", _("Enter a date between %(first)s and %(last)s.") % {
                "first": EARLIEST_YEAR, "last": 2100})
        if not (data.get("place") or "").strip() and not data.get("online_url"):
            self.add_error("place", _("Say where the consultation takes place, or give the online link."))
        return data

