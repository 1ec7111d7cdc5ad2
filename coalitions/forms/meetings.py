"""Forms of meetings: the meeting with its agenda (an inline formset), registration and attendance."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from coalitions.models import AgendaItem, Meeting
from territory.models import Obec

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ObecChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obec):
        return f"{obec.name} ({obec.okres.name})"  # several obce share a name; the okres tells them apart


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "number", "series_total", "starts_at", "ends_at", "place_kind", "address", "obec",
                  "online_url", "capacity", "registration_open", "status", "cancel_reason"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}
        field_classes = {"obec": ObecChoiceField}

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the coalition's territory: its ORPs, or its whole kraj when it works for all of it.
        obce = Obec.objects.select_related("okres").order_by("name", "code")
        orps = list(coalition.orps.values_list("pk", flat=True))
        self.fields["obec"].queryset = obce.filter(orp__in=orps) if orps else obce.in_kraj(coalition.kraj)

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        number, total = data.get("number"), data.get("series_total")
        if number and total and number > total:
            self.add_error("number", _("The number cannot be higher than the number of meetings in the "
                                       "series."))
        place_kind = data.get("place_kind")
        if place_kind in (Meeting.PlaceKind.IN_PERSON, Meeting.PlaceKind.HYBRID) and not (
                data.get("address") or data.get("obec")):
            self.add_error("address", _("Say where the meeting takes place: an address or a municipality."))
        if place_kind in (Meeting.PlaceKind.ONLINE, Meeting.PlaceKind.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", _("An online or hybrid meeting needs the link to join it."))
        if data.get("status") == Meeting.Status.CANCELLED and not data.get("cancel_reason", "").strip():
            self.add_error("cancel_reason", _("Tell the members why the meeting is cancelled."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "speaker", "starts_at", "ends_at", "description"]
        widgets = {"starts_at": TIME_WIDGET, "ends_at": TIME_WIDGET,
                   "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The item must end after it starts."))
        return data


# absolute_max: a forged TOTAL_FORMS of thousands builds no more than 60 forms (Django's default allows 1,060).
AgendaFormSet = inlineformset_factory(Meeting, AgendaItem, form=AgendaItemForm, extra=2, can_delete=True,
                                      max_num=60, validate_max=True, absolute_max=60)


class RegistrationForm(forms.Form):
    """The register / apologise / cancel buttons of the meeting page."""

    REGISTER, APOLOGISE, CANCEL = "register", "apologise", "cancel"
    action = forms.ChoiceField(choices=[(REGISTER, _("Register")), (APOLOGISE, _("Apologise")),
                                        (CANCEL, _("Cancel registration"))])


class AttendanceForm(forms.Form):
    """Who came: a checkbox per registered person and per member."""

    present = forms.TypedMultipleChoiceField(label=_("Present"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(row.person.pk, row.label) for row in people]
