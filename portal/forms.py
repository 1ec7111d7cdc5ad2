from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin


class ContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("We reply to this address."))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
