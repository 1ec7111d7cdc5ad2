"""Forms of minitendry: the office's request, a provider's offer, the office's choice or cancellation, the
provider's monthly delivery and closure. The free-text fields carry the personal-data check of the models'
fields; the request form also warns beforehand (personal_data.WARNING)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Category, FrameworkAgreement, Offer, PartialContract, PriceUnit, ServiceRequest
from families.personal_data import reject_personal_data
from territory.models import Obec

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RequestForm(forms.ModelForm):
    """An office's request. The office is chosen among the worker's offices; the municipality must lie in it."""

    class Meta:
        model = ServiceRequest
        fields = ("orp", "category", "case_code", "children_count", "children_ages", "need", "obec", "urgency",
                  "expected_scope", "duration_months", "preferred_start", "offers_due")
        widgets = {  # noqa: RUF012 (Django reads the Meta)
            "category": forms.RadioSelect, "urgency": forms.RadioSelect,
            "need": forms.Textarea(attrs={"rows": 6}),
            "preferred_start": DATE_WIDGET, "offers_due": DATETIME_WIDGET,
        }
        help_texts = {  # noqa: RUF012
            "need": _("What the family needs and what should change: the situation, the children's needs, what has "
                      "been tried. No names, birth numbers, addresses or contacts."),
            "offers_due": _("Providers offer until then; you choose after it. Usually a week, a day or two when "
                            "urgent."),
        }

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orp"].queryset = offices
        self.fields["category"].choices = Category.choices  # radio buttons without an empty "---------" one
        self.fields["orp"].empty_label = None
        self.fields["orp"].error_messages["invalid_choice"] = _("Choose one of your offices.")
        self.fields["obec"].queryset = Obec.objects.filter(orp__in=offices).order_by("name")
        self.fields["obec"].required = False
        self.fields["need"].required = True
        self.fields["children_ages"].required = True
        self.fields["expected_scope"].required = True
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("offers_due", (now + dt.timedelta(days=7)).replace(hour=12, minute=0))
            self.initial.setdefault("preferred_start", now.date() + dt.timedelta(days=14))
            self.initial.setdefault("duration_months", 6)
            self.initial.setdefault("children_count", 1)


class OfferForm(forms.ModelForm):
    """A provider's offer under one of its agreements that answer the request (the view passes them)."""

    agreement = forms.ModelChoiceField(queryset=FrameworkAgreement.objects.none(), empty_label=None,
                                       label=_("Framework agreement"),
                                       error_messages={"invalid_choice": _("Choose one of your agreements.")})

    class Meta:
        model = Offer
        fields = ("agreement", "service", "start_on", "unit", "units", "unit_price", "scope", "approach")
        widgets = {"start_on": DATE_WIDGET, "approach": forms.Textarea(attrs={"rows": 5})}  # noqa: RUF012

    def __init__(self, *args, agreements, request_obj, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreements = {agreement.pk: agreement for agreement in agreements}
        self.fields["agreement"].queryset = FrameworkAgreement.objects.filter(pk__in=self.agreements)
        self.fields["agreement"].label_from_instance = lambda agreement: str(agreement)
        services = [service for agreement in agreements for service in agreement.services.all()]
        self.fields["service"].queryset = self.fields["service"].queryset.filter(pk__in=[s.pk for s in services])
        self.fields["service"].required = bool(services)
        self.fields["service"].empty_label = None  # the first of the agreement's services is chosen already
        if not services:
            self.fields["service"].widget = forms.HiddenInput()
        priced = {unit for agreement in agreements for unit in PriceUnit.values
                  if agreement.price_for(unit) is not None}
        self.fields["unit"].choices = [(value, label) for value, label in PriceUnit.choices if value in priced]
        if not self.is_bound:
            first = agreements[0]
            unit = next(iter(u for u in PriceUnit.values if u in priced), None)
            self.initial.update(agreement=first.pk, unit=unit, unit_price=first.price_for(unit) if unit else None,
                                start_on=max(request_obj.preferred_start, timezone.localdate()))

    def clean_start_on(self):
        start = self.cleaned_data["start_on"]
        if start < timezone.localdate():
            raise forms.ValidationError(_("The start cannot be in the past."))
        return start


class SelectForm(forms.Form):
    offer = forms.ModelChoiceField(queryset=Offer.objects.none(), widget=forms.RadioSelect, empty_label=None,
                                   label=_("Offer to choose"),
                                   error_messages={"invalid_choice": _("Choose one of the offers.")})
    number = forms.CharField(label=_("Contract number (optional)"), max_length=60, required=False,
                             help_text=_("Your office's number of the partial contract; without it the portal "
                                         "numbers it."))

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda offer: _(
            "%(provider)s: %(price)s CZK, from %(start)s") % {
                "provider": offer.provider.name, "price": offer.total_price,
                "start": offer.start_on.isoformat()}

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if number and PartialContract.objects.filter(number=number).exists():
            raise forms.ValidationError(_("A contract with this number already exists."))
        return number


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the request cancelled?"), max_length=500,
                             validators=[reject_personal_data], widget=forms.Textarea(attrs={"rows": 3}))


class DeliveryForm(forms.Form):
    month = forms.TypedChoiceField(label=_("Month"), coerce=dt.date.fromisoformat,
                                   error_messages={"invalid_choice": _("Choose a month from the list.")})
    units = forms.DecimalField(label=_("Units delivered"), min_value=0, max_digits=8, decimal_places=2)
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False,
                           validators=[reject_personal_data])

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].label = _("Units delivered (%(unit)s)") % {"unit": contract.offer.get_unit_display()}
        self.fields["month"].choices = [(month.isoformat(), month.strftime("%m/%Y")) for month in
                                        reporting_months(contract)]


def reporting_months(contract) -> list[dt.date]:
    """The months from the contract's start to this month (or its end), newest first."""
    start = contract.starts_on.replace(day=1)
    last = min(timezone.localdate(), contract.ends_on).replace(day=1)
    months, month = [], start
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return list(reversed(months))


class ClosureForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PartialContract.Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why, briefly"), max_length=2000, validators=[reject_personal_data],
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("What changed for the family, what did not and why. No personal data."))
