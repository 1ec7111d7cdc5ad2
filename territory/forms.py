from django import forms
from django.utils.translation import gettext_lazy as _

from territory.models import Kraj, Obec, Okres, Orp


class TerritoryPickerForm(forms.Form):
    """Kraj → okres → ORP → obec, narrowed on the server after each choice, so it works without JavaScript.

    Each level's choices are limited by the level chosen above it; a value that does not belong under the
    chosen parent (a hand-edited URL) is a form error, not a 500.
    """

    kraj = forms.ModelChoiceField(Kraj.objects.all(), required=False, label=_("Kraj"), empty_label=_("— any —"))
    okres = forms.ModelChoiceField(Okres.objects.none(), required=False, label=_("Okres"),
                                   empty_label=_("— any —"))
    orp = forms.ModelChoiceField(Orp.objects.none(), required=False, label=_("ORP"), empty_label=_("— any —"))
    obec = forms.ModelChoiceField(Obec.objects.none(), required=False, label=_("Obec"), empty_label=_("— any —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data or {}
        kraj = self._pick(Kraj.objects.all(), data.get("kraj"))
        if kraj:
            self.fields["okres"].queryset = kraj.okresy.all()
            orps = kraj.orps.all()
            okres = self._pick(kraj.okresy.all(), data.get("okres"))
            if okres:
                orps = orps.filter(okresy=okres)
            self.fields["orp"].queryset = orps
            orp = self._pick(orps, data.get("orp"))
            if orp:
                self.fields["obec"].queryset = orp.obce.all()
            elif okres:
                self.fields["obec"].queryset = okres.obce.all()

    @staticmethod
    def _pick(queryset, value):
        if not value:
            return None
        try:
            return queryset.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            return None

    def selected(self):
        """The most specific unit chosen: (level, object), or (None, None)."""
        if not self.is_valid():
            return None, None
        for level in ("obec", "orp", "okres", "kraj"):
            if self.cleaned_data.get(level):
                return level, self.cleaned_data[level]
        return None, None
