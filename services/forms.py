from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotMixin
from services.models import RecordCorrection


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

