"""What a thread can be about: a coalition's meeting, agenda item, approved minutes or output.

The "Discuss" links carry the object as "app_label.model:pk" (e.g. "coalitions.meeting:12"); this module
turns that back into the object, only when the person may see it, together with its coalition."""

from dataclasses import dataclass

from django.apps import apps

from coalitions import permissions as coalition_permissions


@dataclass
class About:
    obj: object
    coalition: object


def _coalition_of(obj):
    model = obj._meta.label_lower
    if model == "coalitions.meeting":
        return obj.coalition
    if model == "coalitions.agendaitem":
        return obj.meeting.coalition
    if model == "coalitions.minutes":
        return obj.meeting.coalition
    if model == "coalitions.document":
        return obj.coalition
    return None


def _visible(user, obj) -> bool:
    model = obj._meta.label_lower
    if model == "coalitions.meeting":
        return coalition_permissions.can_see_meeting(user, obj)
    if model == "coalitions.agendaitem":
        return coalition_permissions.can_see_meeting(user, obj.meeting)
    if model == "coalitions.minutes":
        return obj.status == obj.Status.APPROVED and coalition_permissions.can_see_minutes(user, obj)
    if model == "coalitions.document":
        return obj.is_output and coalition_permissions.can_see_document(user, obj)
    return False


ABOUT_MODELS = {"coalitions.meeting", "coalitions.agendaitem", "coalitions.minutes", "coalitions.document"}


def about_param(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def about_from_param(value: str | None, user) -> About | None:
    """The object named by "label:pk" if it is one of ABOUT_MODELS and the person may see it."""
    if not value or ":" not in value:
        return None
    label, _sep, pk = value.partition(":")
    if label not in ABOUT_MODELS or not pk.isdigit():
        return None
    obj = apps.get_model(label)._default_manager.filter(pk=int(pk)).first()
    if obj is None or not _visible(user, obj):
        return None
    return About(obj, _coalition_of(obj))


def about_url(obj) -> str:
    """Where the thread's "about" line links back to."""
    from django.urls import reverse

    model = obj._meta.label_lower
    if model == "coalitions.meeting":
        return obj.get_absolute_url()
    if model == "coalitions.agendaitem":
        return obj.meeting.get_absolute_url() + "#agenda-heading"
    if model == "coalitions.minutes":
        return obj.meeting.get_absolute_url() + "#minutes-heading"
    if model == "coalitions.document":
        return reverse("coalitions:document", args=[obj.pk])
    return ""


def about_label(obj) -> str:
    from django.utils.translation import gettext as _

    model = obj._meta.label_lower
    if model == "coalitions.minutes":
        return _("Minutes: %(meeting)s") % {"meeting": obj.meeting.title}
    return str(obj)
