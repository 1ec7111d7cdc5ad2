from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from services.models import Form, ServiceGroup, ServiceType
from territory.models import Kraj, Okres


def _cached_codelist(key: str, queryset) -> dict:
    """pk → object of a small, rarely changing codelist, cached so filter forms cost no queries."""
    return cache.get_or_set(f"services:codelist:{key}", lambda: {obj.pk: obj for obj in queryset}, timeout=3600)


def service_types() -> dict:
    return _cached_codelist("service-types", ServiceType.objects.filter(known=True).order_by("number"))


def kraje() -> dict:
    return _cached_codelist("kraje", Kraj.objects.all())


class CapacityFilterForm(forms.Form):
    """Filters of the capacity overview; every field is optional and a bad value is a form error."""

    group = forms.ChoiceField(label=_("Group of services"), required=False,
                              choices=[("", _("— all —")), *ServiceGroup.choices])
    type = forms.TypedChoiceField(label=_("Service type"), required=False, coerce=int, empty_value=None,
                                  choices=lambda: [("", _("— all —")), *((pk, t.label) for pk, t in service_types().items())])
    form = forms.ChoiceField(label=_("Form of provision"), required=False, choices=[("", _("— all —")), *Form.choices])
    kraj = forms.TypedChoiceField(label=_("Kraj"), required=False, coerce=int, empty_value=None,
                                  choices=lambda: [("", _("— whole country —")),
                                                   *((pk, k.name) for pk, k in kraje().items())])
    okres = forms.ModelChoiceField(Okres.objects.none(), label=_("Okres"), required=False, empty_label=_("— whole kraj —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kraj = (self.data or {}).get("kraj")
        if kraj and str(kraj).isdigit() and int(kraj) in kraje():
            self.fields["okres"].queryset = Okres.objects.filter(kraj_id=int(kraj))

    def clean(self):
        data = super().clean()
        if data.get("okres") and data.get("kraj") and data["okres"].kraj_id != data["kraj"]:
            self.add_error("okres", _("This okres is not in the chosen kraj."))
        return data

    def filters(self) -> dict:
        """The valid filters only: an invalid field is reported and ignored, the rest still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        kraj = kraje().get(data.get("kraj"))
        service_type = service_types().get(data.get("type"))
        return {
            "kraj": kraj,
            "okres": data.get("okres") if kraj else None,
            "service_types": [service_type] if service_type else None,
            "group": data.get("group") or None,
            "form": data.get("form") or None,
        }
