"""Filters of the network pages and the annual figures form of provider staff."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import AnnualFigures
from services.filters import capacity_kraje, capacity_service_types


def current_year() -> int:
    return timezone.localdate().year


def portal_kraj():
    """The installation's kraj (settings.PORTAL_REGION) from the cached codelist (no query)."""
    return next((k for k in capacity_kraje().values() if k.nuts3 == settings.PORTAL_REGION), None)


class NetworkFilterForm(forms.Form):
    """Kraj and year of a network page; a bad value is a form error and the default applies."""

    kraj = forms.TypedChoiceField(label=_("Kraj"), coerce=int, required=False, empty_value=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, whole_country: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        first = [("", _("— whole country —"))] if whole_country else [("", _("— the portal's kraj —"))]
        self.fields["kraj"].choices = [*first, *((pk, k.name) for pk, k in capacity_kraje().items())]

    def chosen(self, default_kraj):
        data = self.cleaned_data if self.is_valid() else {}
        kraj = capacity_kraje().get(data.get("kraj")) or default_kraj
        return kraj, data.get("year") or current_year()


class GapFilterForm(NetworkFilterForm):
    SORTS = [("gap", _("largest gap first")), ("coverage", _("lowest coverage first")), ("orp", _("by ORP"))]

    type = forms.TypedChoiceField(label=_("Service type"), coerce=int, required=False, empty_value=None)
    sort = forms.ChoiceField(label=_("Order"), choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, whole_country=True, **kwargs)
        self.fields["type"].choices = [("", _("— all —")),
                                       *((pk, t.label) for pk, t in capacity_service_types().items())]

    def chosen_gaps(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {"kraj": capacity_kraje().get(data.get("kraj")), "year": data.get("year") or current_year(),
                "service_type": capacity_service_types().get(data.get("type")), "sort": data.get("sort") or "gap"}


class AnnualFiguresForm(forms.ModelForm):
    """A service's figures for a year; the unit must fit the service type (AnnualFigures.clean)."""

    confirm_jumps = forms.BooleanField(
        label=_("I have checked the figures that changed by more than half, and they are right"), required=False)

    class Meta:
        model = AnnualFigures
        fields = ["clients", "unit_kind", "units_available", "units_delivered", "fte_social_workers",
                  "fte_care_workers", "fte_other", "costs_total", "revenue_subsidy", "revenue_kraj",
                  "revenue_obce", "revenue_users", "revenue_insurance", "revenue_other"]

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.jumps = []
        for field in self.fields.values():
            if isinstance(field, (forms.IntegerField, forms.DecimalField)):
                field.widget.attrs["min"] = 0

    def clean(self):
        from network.efficiency import implausible_jumps

        data = super().clean()
        if self.errors:
            return data
        candidate = AnnualFigures(**{name: data.get(name) for name in self._meta.fields})
        self.jumps = implausible_jumps(candidate, self.previous)
        if self.jumps and not data.get("confirm_jumps"):
            raise forms.ValidationError(
                _("These figures changed by more than half against %(year)s: %(fields)s. Check them, then tick the "
                  "box to confirm they are right.") % {"year": self.previous.year, "fields": ", ".join(self.jumps)})
        return data
