"""The guide's questionnaire: four optional questions, sent as a plain GET form (the answers stay in the
address and are stored nowhere)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_search_text
from guide import places
from services import search as registry_search
from services.models import AgeGroup

# answer → age groups of the registry's codelist (numbers); "all ages" (12) fits everyone.
AGES = {
    "child": (_("a child (up to 15)"), [1, 2, 3, 4, 5, 6]),
    "young": (_("a young person (16–26)"), [7, 8]),
    "adult": (_("an adult (27–64)"), [9]),
    "senior": (_("a senior (65–80)"), [10]),
    "old": (_("a senior over 80"), [11]),
}
ALL_AGES = 12
WHO = [("me", _("myself")), ("relative", _("a relative or someone close")), ("child", _("a child"))]


class CodeField(forms.IntegerField):
    widget = forms.HiddenInput
    default_error_messages = {"invalid": _("Choose a place from the list."),
                              "min_value": _("Choose a place from the list."),
                              "max_value": _("Choose a place from the list.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=2**31 - 1, **kwargs)


class GuideForm(forms.Form):
    who = forms.ChoiceField(label=_("Who needs the help?"), required=False, choices=WHO, widget=forms.RadioSelect)
    age = forms.ChoiceField(label=_("How old is the person?"), required=False,
                            choices=[("", _("— not saying —")), *((key, label) for key, (label, _n) in AGES.items())])
    place = forms.CharField(label=_("Where does the person live?"), required=False, max_length=100,
                            help_text=_("The name of the obec or town (or its ORP). Diacritics do not matter."))
    obec = CodeField()
    orp = CodeField()
    need = forms.TypedChoiceField(label=_("What is most urgent?"), required=False, coerce=int, empty_value=None,
                                  widget=forms.RadioSelect)

    def __init__(self, *args, situation, place=None, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.situation = situation
        fits = sorted(situation.fits.all(), key=lambda fit: (not fit.is_first_choice, fit.order, fit.pk))
        self.fields["need"].choices = [(fit.service_type_id, fit.service_type.name) for fit in fits]
        self.place = place
        self.ambiguous: list[places.Candidate] = []
        if place is not None and not self.is_bound:
            self.initial.update({"place": place.name, place.level: place.code})

    def clean_place(self):
        return " ".join(self.cleaned_data["place"].replace("\x00", "").split())

    def clean(self):
        data = super().clean()
        text = data.get("place", "")
        coded = places.resolve(obec=data.get("obec"), orp=data.get("orp")) if (data.get("obec") or data.get("orp")) \
            else None
        if (data.get("obec") or data.get("orp")) and coded is None and not text:
            self.add_error("place", _("There is no such place; type the name of the obec."))
        if text and (coded is None or normalize_search_text(text) != normalize_search_text(coded.name)):
            # The person typed (or changed) the name: it wins over a code carried in the address.
            found = places.candidates(text)
            if len(found) == 1:
                coded = places.resolve(**{found[0].level: found[0].code})
            elif found:
                self.ambiguous, coded = found, None
            else:
                coded = None
                self.add_error("place", _("We do not know a place called “%(name)s”. Type the name of the obec "
                                          "or town as it is written, e.g. Kladno.") % {"name": text[:100]})
        self.place = coded
        if coded is not None:
            # Shown again as understood: the place's name in the text field, its code in the hidden one.
            self.data = self.data.copy()
            self.data["place"] = coded.name
            self.data["obec"] = str(coded.code) if coded.level == "obec" else ""
            self.data["orp"] = str(coded.code) if coded.level == "orp" else ""
        return data

    def age_group_ids(self) -> list[int] | None:
        """The registry ids of the person's age groups (plus "all ages"), or None when not said."""
        answer = self.cleaned_data.get("age") if self.is_valid() else None
        if not answer and self.cleaned_data.get("who") == "child":
            answer = "child"
        if not answer:
            return None
        numbers = {*AGES[answer][1], ALL_AGES}
        return [item["pk"] for item in registry_search.codelist(AgeGroup)
                if item["code"] in {f"VekovaSkupinaOsoby/{n}" for n in numbers}]
