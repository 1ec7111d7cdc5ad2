"""Forms of minutes: the text, status changes, and the decisions and tasks recorded with them."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coalitions.models import Membership, Minutes, Task


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["text"]
        labels = {"text": _("Text of the minutes")}
        help_texts = {"text": _("Markdown: ## for a heading, - for a list item, **bold**. The attendance "
                                "list is added automatically when the minutes are shown.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 20})}


class MinutesStatusForm(forms.Form):
    """A step of the workflow: "comments" and "approved" go forward, "draft" reopens approved minutes (with a
    reason). Which step is possible is decided by the model (Minutes.send_for_comments/approve/reopen)."""

    status = forms.ChoiceField(choices=Minutes.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why are the minutes reopened?"), required=False,
                             max_length=Minutes.REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Kept in the history of versions with your name."))

    def clean(self):
        data = super().clean()
        if data.get("status") == Minutes.Status.DRAFT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the approved minutes are reopened."))
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return person.public_name


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["kind", "text", "owner", "owner_organisation", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}),
                   "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "owner_organisation": forms.TextInput(attrs={"list": "task-organisations"})}
        field_classes = {"owner": PersonChoiceField}
        labels = {"owner": _("Responsible person")}
        help_texts = {"owner": _("A member of the coalition."),
                      "owner_organisation": _("Or an organisation: pick a member organisation or type a "
                                              "name.")}

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(
            pk__in=Membership.objects.current().filter(coalition=coalition).values("person")).order_by(
            "display_name", "last_name", "pk")

    def clean(self):
        data = super().clean()
        if data.get("kind") == Task.Kind.TASK and not (data.get("owner") or data.get("owner_organisation")):
            self.add_error("owner", _("A task needs a responsible person or organisation."))
        return data


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Task.Status.choices)
