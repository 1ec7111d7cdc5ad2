from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from services.models import RecordCorrection, SavedSearch


class CorrectionForm(HoneypotMixin, forms.ModelForm):
    """"Report an error in this record": anyone may send it; name and e-mail only if they want a reply."""

    class Meta:
        model = RecordCorrection
        fields = ["message", "name", "email"]
        labels = {
            "message": _("What is wrong in this record"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail (optional)"),
        }
        help_texts = {
            "message": _("For example a changed phone number, a closed facility or wrong opening hours. "
                         "Please do not write personal data of clients."),
            "email": _("Only if you want us to reply. We do not publish it."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}



class CapacityLineForm(forms.Form):
    """Free places and waiting list of one registered capacity line (service × form × unit)."""

    free_places = forms.IntegerField(label=_("Free places"), min_value=0, max_value=100_000)
    waiting_list = forms.IntegerField(label=_("People on the waiting list"), min_value=0, max_value=100_000)

    def __init__(self, *args, line, **kwargs):
        self.line = line
        initial = {}
        if line.reported_at is not None:
            initial = {"free_places": line.free_places, "waiting_list": line.waiting_list}
        super().__init__(*args, initial=initial, prefix=f"line-{line.pk}", **kwargs)
        self.fields["free_places"].help_text = _("Registered maximum: %(maximum)s.") % {"maximum": line.maximum}

    def clean_free_places(self):
        value = self.cleaned_data["free_places"]
        if value > self.line.maximum:
            raise forms.ValidationError(
                _("There cannot be more free places than the registered maximum (%(maximum)s)."),
                code="over_maximum", params={"maximum": self.line.maximum})
        return value


class CapacityReportForms:
    """One CapacityLineForm per registered capacity of a service, submitted together. Prefixed by the line's
    pk instead of a management form's count, so a tampered POST cannot add or drop lines."""

    def __init__(self, lines, data=None):
        self.forms = [CapacityLineForm(data, line=line) for line in lines]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])  # a list: every form shows its errors

    @property
    def errors(self) -> bool:
        return any(form.errors for form in self.forms)


class SavedSearchForm(forms.ModelForm):
    """Name a registry search and choose e-mails; the query comes from the search page as it was settled."""

    class Meta:
        model = SavedSearch
        fields = ["name", "alerts", "query"]
        labels = {"name": _("Name of the search"), "alerts": _("E-mail me when places free up")}
        help_texts = {"alerts": _("At most one e-mail a day, listing the services of this search that newly "
                                  "have free places.")}
        widgets = {"query": forms.HiddenInput}

    def clean_query(self):
        return (self.cleaned_data.get("query") or "")[:2000]
