"""Flags, hiding and the moderation log, for any model (forum posts, and the offers board's offers).

The contract a moderated model fulfils:

- a boolean field `is_hidden` (and optionally a text field `hidden_reason`), which its pages honour;
- a method `can_be_moderated_by(user) -> bool`, or `moderation_category()` returning the forum
  Category whose moderators decide (discussions.permissions.can_moderate answers then);
- `get_absolute_url()`, where the queue links to;
- optionally `can_be_read_by(user) -> bool`: the flag form answers 404 to people who may not see it;
- optionally `moderation_heading() -> str` (with `moderation_queryset(queryset)` loading what it reads):
  how the queue names the object ("Post by … in the thread …"); without it, the model's name and str();
- one line in `REGISTRY` below (via `register(Model)`), which opens the generic flag form
  (/diskuse/nahlasit/<app_label.model>/<id>/) and the queue to it.

Three pending flags from verified people hide an object until a moderator reviews it. Every decision
is a row in ModerationAction (who, when, what, why).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from discussions.models import Flag, ModerationAction

AUTO_HIDE_FLAGS = 3

# "app_label.model" → model class; only these may be flagged.
REGISTRY: dict[str, type] = {}


def register(model) -> None:
    REGISTRY[model._meta.label_lower] = model


def registered_model(label: str):
    return REGISTRY.get(label)


def can_moderate_object(user, obj) -> bool:
    if hasattr(obj, "can_be_moderated_by"):
        return obj.can_be_moderated_by(user)
    from discussions.permissions import can_moderate

    return can_moderate(user, obj.moderation_category())


def log(obj, *, by, action: str, reason: str = "") -> ModerationAction:
    return ModerationAction.objects.create(content_type=ContentType.objects.get_for_model(obj),
                                           object_id=obj.pk, actor=by, action=action, reason=reason[:300])


def _set_hidden(obj, hidden: bool, reason: str = "") -> None:
    obj.is_hidden = hidden
    fields = ["is_hidden"]
    if hasattr(obj, "hidden_reason"):
        obj.hidden_reason = reason[:300] if hidden else ""
        fields.append("hidden_reason")
    obj.save(update_fields=fields)


def hide(obj, *, by, reason: str, action: str = ModerationAction.Action.HIDE) -> None:
    with transaction.atomic():
        _set_hidden(obj, True, reason)
        log(obj, by=by, action=action, reason=reason)


def unhide(obj, *, by, reason: str = "") -> None:
    with transaction.atomic():
        _set_hidden(obj, False)
        log(obj, by=by, action=ModerationAction.Action.UNHIDE, reason=reason)


def flag(obj, *, by, reason: str, note: str = "") -> tuple[Flag, bool]:
    """Record a report (once per person and object). Returns (flag, created). The third pending flag
    from verified people hides the object until a moderator reviews it."""
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        report, created = Flag.objects.get_or_create(content_type=content_type, object_id=obj.pk, reporter=by,
                                                     defaults={"reason": reason, "note": note[:500]})
        if created and not obj.is_hidden:
            verified = Flag.objects.pending().filter(content_type=content_type, object_id=obj.pk,
                                                     reporter__is_verified=True).count()
            if verified >= AUTO_HIDE_FLAGS:
                hide(obj, by=None, reason="", action=ModerationAction.Action.AUTO_HIDE)
    return report, created


def resolve_flag(report: Flag, *, by, accept: bool, reason: str = "") -> None:
    """Accepting hides the object and closes all its pending flags; rejecting closes them and shows an
    object that the flags alone had hidden."""
    obj = report.content_object
    pending = Flag.objects.pending().filter(content_type=report.content_type, object_id=report.object_id)
    with transaction.atomic():
        status = Flag.Status.ACCEPTED if accept else Flag.Status.REJECTED
        pending.update(status=status, reviewed_by=by, reviewed_at=timezone.now())
        if obj is None:
            return
        if accept:
            log(obj, by=by, action=ModerationAction.Action.ACCEPT_FLAG,
                reason=reason or str(report.get_reason_display()))
            if not obj.is_hidden:
                _set_hidden(obj, True, reason or str(report.get_reason_display()))
        else:
            log(obj, by=by, action=ModerationAction.Action.REJECT_FLAG, reason=reason)
            auto_hidden = ModerationAction.objects.filter(
                content_type=report.content_type, object_id=report.object_id).first()
            if obj.is_hidden and auto_hidden and auto_hidden.action in (ModerationAction.Action.AUTO_HIDE,
                                                                        ModerationAction.Action.REJECT_FLAG):
                _set_hidden(obj, False)


def _visible_by(person):
    """(model, queryset) of what the person wrote and others still see, in every registered model that has an
    `author` (forum posts, offers)."""
    for model in REGISTRY.values():
        if "author" in {field.name for field in model._meta.get_fields()}:
            yield model, model._default_manager.filter(author=person, is_hidden=False)


def spammer_consequences(person) -> list[tuple[str, int]]:
    """What silence_spammer() would hide, for the moderator to confirm: (the model's plural name, count)."""
    return [(str(model._meta.verbose_name_plural), count) for model, objects in _visible_by(person)
            if (count := objects.count())]


def silence_spammer(person, *, by, reason: str, days: int = 3650) -> int:
    """A spam wave in one go: hide everything the person wrote in every registered model that has an
    `author` (forum posts, offers), accept the pending flags on it, close their threads, suspend the
    account. Every hidden object gets its log row. Returns how many objects were hidden."""
    import datetime as dt

    from discussions.models import Suspension, Thread

    hidden = 0
    with transaction.atomic():
        for model, objects in _visible_by(person):
            pks = list(objects.values_list("pk", flat=True))
            if not pks:
                continue
            changes = {"is_hidden": True}
            if "hidden_reason" in {field.name for field in model._meta.get_fields()}:
                changes["hidden_reason"] = reason[:300]
            model._default_manager.filter(pk__in=pks).update(**changes)
            content_type = ContentType.objects.get_for_model(model)
            ModerationAction.objects.bulk_create([
                ModerationAction(content_type=content_type, object_id=pk, actor=by,
                                 action=ModerationAction.Action.HIDE, reason=reason[:300]) for pk in pks])
            Flag.objects.pending().filter(content_type=content_type, object_id__in=pks).update(
                status=Flag.Status.ACCEPTED, reviewed_by=by, reviewed_at=timezone.now())
            hidden += len(pks)
        Thread.objects.filter(author=person).update(is_locked=True)
        Suspension.objects.create(user=person, until=timezone.now() + dt.timedelta(days=days), reason=reason,
                                  by=by)
        log(person, by=by, action=ModerationAction.Action.SUSPEND, reason=reason)
    return hidden


def pending_flag_groups(user) -> list[dict]:
    """The queue: one entry per flagged object the person moderates, with its pending flags.

    Three queries plus one per flagged model kind (posts, offers), however many flags there are."""
    flags = list(Flag.objects.pending().select_related("reporter", "content_type")
                 .order_by("created_at", "pk"))
    by_type: dict[int, dict[int, list[Flag]]] = {}
    for report in flags:
        by_type.setdefault(report.content_type_id, {}).setdefault(report.object_id, []).append(report)
    groups = []
    for content_type_id, objects in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model._meta.label_lower not in REGISTRY:
            continue
        queryset = model._default_manager.all()
        if hasattr(model, "moderation_queryset"):
            queryset = model.moderation_queryset(queryset)
        for obj in queryset.filter(pk__in=list(objects)):
            if can_moderate_object(user, obj):
                heading = obj.moderation_heading() if hasattr(obj, "moderation_heading") \
                    else f"{capfirst(model._meta.verbose_name)}: {obj}"
                groups.append({"object": obj, "flags": objects[obj.pk], "heading": heading,
                               "label": model._meta.label_lower})
    groups.sort(key=lambda group: group["flags"][0].created_at)
    return groups


def registered_label(obj) -> str:
    return obj._meta.label_lower


def model_for_label(label: str):
    try:
        return apps.get_model(label) if label in REGISTRY else None
    except (LookupError, ValueError):
        return None
