"""A person's own data: everything the portal stores about them, as a download, and deleting the account.

The export walks every relation that points at the user model (forum posts, memberships, registrations,
saved searches, reports …), so a model added later is included without touching this module. Secrets
(the password hash, tokens) are left out. Deleting an account removes the person and what only concerns
them (memberships, registrations, watches, saved searches, their offers); what they wrote for others
(forum posts, threads, capacity reports, minutes) stays, with the author removed (`on_delete=SET_NULL`),
so discussions keep making sense and the records of the region stay complete.
"""

import datetime as dt
import decimal
import uuid

from django.db import models, transaction
from django.utils import timezone

SECRET_FIELDS = {"password", "token", "key", "secret"}
SKIP_MODELS = {"sessions.session", "admin.logentry"}


def _value(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def _row(obj) -> dict:
    return {field.attname: _value(getattr(obj, field.attname)) for field in obj._meta.concrete_fields
            if field.name not in SECRET_FIELDS}


def personal_data(user) -> dict:
    """Everything stored about `user`, as JSON-ready data: the account and every row linked to it."""
    data = {"exported_at": timezone.now().isoformat(), "account": _row(user),
            "groups": [group.name for group in user.groups.all()],
            "coordinated_kraje": [kraj.name for kraj in user.coordinated_kraje.all()]}
    linked = {}
    # include_hidden: relations with related_name="+" (e.g. who reported a capacity) count as well.
    relations = [field for field in user._meta.get_fields(include_hidden=True)
                 if field.auto_created and not field.concrete]
    for relation in relations:
        model = relation.related_model
        label = model._meta.label_lower
        if label in SKIP_MODELS or relation.many_to_many:
            continue
        rows = model._default_manager.filter(**{relation.field.name: user}).order_by("pk")
        exported = [_row(obj) for obj in rows.iterator(chunk_size=500)]
        if exported:
            linked.setdefault(label, []).extend(exported)
    for relation in relations:
        if relation.many_to_many and relation.related_model._meta.label_lower not in SKIP_MODELS:
            accessor = relation.get_accessor_name()
            through = getattr(user, accessor, None) if accessor and not relation.hidden else None
            if through is not None:
                names = [str(obj) for obj in through.all()]
                if names:
                    linked[f"{relation.related_model._meta.label_lower} ({relation.field.name})"] = names
    data["linked_records"] = linked
    return data


def delete_account(user) -> None:
    """Delete the person; their posts and records for others stay without an author (see the docstring)."""
    with transaction.atomic():
        user.delete()
