from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "organisation", "role_text", "language"]

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form without the inline style on its honeypot (our CSP forbids inline styles;
    the field is hidden by the `.honeypot` class of the form template instead)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("style", None)
