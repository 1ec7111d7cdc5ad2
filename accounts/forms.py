from django import forms

from accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "organisation", "role_text", "language"]

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())
