"""Forms of the forum: a new thread, a reply, an edit, a flag and moderation decisions (the search is a
FilterSet in discussions/filters.py)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from discussions.models import Category, Flag, clean_title
from core.forms import HoneypotMixin
from services.models import ServiceType

# A post of this length is a long article already; anything longer (e.g. a 1 MB paste) is refused.
MAX_POST_LENGTH = 20_000
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def check_link_limit(text: str, limit: int | None) -> None:
    """New accounts may put only a few links into what they write (spam); `limit` None means no limit
    (see discussions.permissions.link_limit). Used by forum posts and offers alike."""
    if limit is not None and len(LINK.findall(text)) > limit:
        raise forms.ValidationError(ngettext(
            "New accounts may include at most %(limit)d link.",
            "New accounts may include at most %(limit)d links.", limit) % {"limit": limit})


class PostBodyMixin(forms.Form):
    body = forms.CharField(label=_("Text"), max_length=MAX_POST_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Markdown: **bold**, *italics*, > quote, - list, [link](https://…)."),
                           error_messages={"max_length": _("The post is too long: at most %(limit_value)d "
                                                           "characters (it has %(show_value)d).")})

    def __init__(self, *args, link_limit: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.link_limit = link_limit

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\x00", "")
        if not body.strip():
            raise forms.ValidationError(_("Write something."))
        check_link_limit(body, self.link_limit)
        return body


class ThreadForm(HoneypotMixin, PostBodyMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    service_type = forms.ModelChoiceField(
        label=_("Service type (optional)"), queryset=ServiceType.objects.none(), required=False,
        empty_label=_("None in particular"),
        help_text=_("The thread is then listed on the pages of such services."))
    field_order = ["title", "service_type", "body", "website"]

    def __init__(self, *args, with_service_type: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_service_type:
            self.fields["service_type"].queryset = ServiceType.objects.all()
            self.fields["service_type"].label_from_instance = lambda service_type: service_type.label
        else:  # coalition boards are about the coalition's work
            del self.fields["service_type"]

    def clean_title(self):
        title = clean_title(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the thread a title."))
        return title


class ReplyForm(HoneypotMixin, PostBodyMixin, forms.Form):
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["body", "quote", "website"]


class EditForm(PostBodyMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False,
                             help_text=_("Shown in the edit history."))

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Flag.Reason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note for the moderators"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=Category.objects.none())

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class SuspendForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=3650, initial=7)
    reason = forms.CharField(label=_("Reason"), max_length=300)

