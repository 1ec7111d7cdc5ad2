from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Event
from territory.models import Kraj


class EventFilterForm(forms.Form):
    """Filters of the events calendar; a bad value is a form error and the rest still apply."""

    kind = forms.ChoiceField(label=_("Kind of event"), required=False, choices=[("", _("— all —")), *Event.Kind.choices])
    kraj = forms.ModelChoiceField(Kraj.objects.all(), label=_("Kraj"), required=False, empty_label=_("— all —"))
    past = forms.BooleanField(label=_("Show past events too"), required=False)

    def filter(self, events):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("kraj"):
            events = events.filter(kraj=data["kraj"])
        return events
