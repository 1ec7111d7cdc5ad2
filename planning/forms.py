from django import forms
from django.utils.translation import gettext_lazy as _

from planning.models import Comment, Plan


class CommentForm(forms.Form):
    """A comment of the consultation: on a measure of the plan, or on a chapter."""

    target = forms.ChoiceField(label=_("What the comment is about"))
    organisation = forms.CharField(label=_("On behalf of (organisation, optional)"), max_length=200, required=False)
    text = forms.CharField(label=_("Your comment"), max_length=Comment.MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Say what you propose to change and why. The planners answer every comment "
                                       "in the settlement table."))

    def __init__(self, *args, plan, measures, initial_measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = {str(m.pk): m for m in measures}
        sections = [(f"section:{value}", label) for value, label in Comment.Section.choices
                    if value != Comment.Section.MEASURES]
        self.fields["target"].choices = [
            (_("Chapters"), sections),
            (_("Measures"), [(f"measure:{m.pk}", f"{m.code} {m.title}") for m in measures]),
        ]
        if initial_measure is not None:
            self.fields["target"].initial = f"measure:{initial_measure.pk}"

    def clean_target(self):
        kind, _sep, value = self.cleaned_data["target"].partition(":")
        if kind == "measure" and value in self.measures:
            return {"measure": self.measures[value]}
        return {"section": value}


class SettleForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Settlement"), widget=forms.RadioSelect, choices=[
        choice for choice in Comment.Outcome.choices if choice[0] != Comment.Outcome.PENDING])
    justification = forms.CharField(label=_("Justification"), required=False, max_length=3000,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text=_("Needed unless the comment is accepted in full."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") and cleaned["outcome"] != Comment.Outcome.ACCEPTED \
                and not (cleaned.get("justification") or "").strip():
            self.add_error("justification", _("A comment not accepted in full needs a justification."))
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StepForm(forms.Form):
    """The next step of a plan, with the data the step needs."""

    to_state = forms.ChoiceField(choices=Plan.State.choices, widget=forms.HiddenInput)
    starts = forms.DateField(label=_("Consultation starts"), required=False, widget=DateInput())
    ends = forms.DateField(label=_("Consultation ends"), required=False, widget=DateInput())
    body = forms.CharField(label=_("Adopted by"), max_length=200, required=False)
    number = forms.CharField(label=_("Resolution number"), max_length=100, required=False)
    date = forms.DateField(label=_("Resolution date"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def step_data(self) -> dict:
        data = self.cleaned_data
        state = data["to_state"]
        if state == Plan.State.CONSULTATION:
            return {"starts": data.get("starts"), "ends": data.get("ends")}
        if state == Plan.State.ADOPTED:
            return {"body": data.get("body", "").strip(), "number": data.get("number", "").strip(),
                    "date": data.get("date")}
        if state == Plan.State.EVALUATED:
            return {"note": data.get("note", "")}
        return {}
