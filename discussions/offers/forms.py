import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discussions import permissions as forum_permissions
from discussions.forms import check_link_limit
from discussions.offers.models import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, Offer
from core.forms import HoneypotMixin
from services.models import ServiceType
from territory.models import Orp, home_kraj



def orp_choices():
    """ORPs grouped by kraj, for a select people can scan (206 options); also the board's filter
    (discussions/offers/filters.py)."""
    groups = {}
    for orp in Orp.objects.select_related("kraj").order_by("kraj__name", "name"):
        groups.setdefault(orp.kraj.name, []).append((orp.pk, orp.name))
    return [("", _("— whole kraj —")), *groups.items()]


class OfferForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["kind", "topic", "service_type", "title", "text", "kraj", "orp", "organisation", "valid_until"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 8}),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = Offer.Kind.choices  # radio buttons: no "---------" choice
        self.fields["service_type"].queryset = ServiceType.objects.filter(known=True).order_by("number")
        self.fields["service_type"].label_from_instance = lambda service_type: service_type.label
        self.fields["orp"].choices = orp_choices()
        self.fields["valid_until"].help_text = _("At most a year ahead. After this day the item leaves the board.")
        if not self.instance.pk:
            self.initial.setdefault("valid_until", timezone.localdate() + dt.timedelta(days=DEFAULT_VALIDITY_DAYS))
            self.initial.setdefault("organisation", user.organisation)
            self.initial.setdefault("kraj", home_kraj())

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The date is in the past."))
        if value > today + dt.timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(_("An item may be valid for at most a year."))
        return value

    def clean_text(self):
        text = self.cleaned_data["text"]
        check_link_limit(text, forum_permissions.link_limit(self.user))
        return text


class OfferContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("The author replies to this address. "
                                                                 "Their own address stays hidden from you."))
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
