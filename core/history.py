"""A first history version ("+", created) for every tracked record that has none.

simple-history writes a version from the model signals, so rows made by `bulk_create` (demo data, imports),
by `QuerySet.update()`-only paths or before a model was tracked have no version: the first edit in the admin
would then have nothing to revert to. `add_initial_versions()` snapshots such rows into the historical table
with one `INSERT … SELECT … WHERE NOT EXISTS` per chunk of primary keys: no row is read into Python, so it
works for the national data set (hundreds of thousands of capacity reports) in seconds and little memory,
and running it again adds nothing (idempotent). It takes the models as arguments, so a data migration can
pass the historical models of its `apps`.
"""

from django.apps import apps as global_apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, router, transaction
from django.utils import timezone

# Fields simple-history adds to a historical model (not copied from the tracked row).
HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user",
                  "history_relation"}
CHUNK_SIZE = 50_000


def tracked_models(apps=None) -> list[tuple[type[models.Model], type[models.Model]]]:
    """(model, historical model) of every model with HistoricalRecords, from the app registry or from a
    migration's `apps` (where the historical models are plain models named Historical<Model>)."""
    apps = apps or global_apps
    pairs = []
    for historical in apps.get_models():
        name = historical._meta.object_name
        if not name.startswith("Historical") or not _has_field(historical, "history_id"):
            continue
        try:
            model = apps.get_model(historical._meta.app_label, name.removeprefix("Historical"))
        except LookupError:
            continue
        pairs.append((model, historical))
    return sorted(pairs, key=lambda pair: pair[0]._meta.label)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def add_initial_versions(model, historical=None, *, using=None, chunk_size=CHUNK_SIZE, when=None) -> int:
    """Add a "+" version, a copy of the row as it is now, for every row of `model` without any version.

    The version is dated when the row was last changed (`updated_at`) or created (`created_at`) when the model
    has such a column, else `when` (default: now); it has no author. Returns the number of versions added."""
    historical = historical or model.history.model
    using = using or router.db_for_write(model)
    connection = connections[using]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    columns, sources = [], []
    for field in historical._meta.concrete_fields:
        if field.name in HISTORY_FIELDS:
            continue
        columns.append(quote(field.column))
        sources.append("b." + quote(model._meta.get_field(field.name).column))
    now = connection.ops.adapt_datetimefield_value(when or timezone.now())
    dated = [f for f in ("updated_at", "created_at") if _has_field(model, f)
             and isinstance(model._meta.get_field(f), models.DateTimeField)]
    date_sql = f"COALESCE(b.{quote(model._meta.get_field(dated[0]).column)}, %s)" if dated else "%s"
    history_table, table = quote(historical._meta.db_table), quote(model._meta.db_table)
    history_pk = quote(historical._meta.get_field(pk.name).column)
    sql = (f"INSERT INTO {history_table} ({', '.join(columns)}, {quote('history_date')}, "
           f"{quote('history_type')}) "
           f"SELECT {', '.join(sources)}, {date_sql}, '+' FROM {table} b "
           f"WHERE NOT EXISTS (SELECT 1 FROM {history_table} h WHERE h.{history_pk} = b.{quote(pk.column)})")
    added = 0
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if not isinstance(pk, (models.AutoField, models.BigAutoField, models.IntegerField)):
            cursor.execute(sql, [now])
            return max(cursor.rowcount, 0)
        bounds = model._base_manager.using(using).aggregate(low=models.Min("pk"), high=models.Max("pk"))
        if bounds["low"] is None:
            return 0
        low = bounds["low"]
        while low <= bounds["high"]:
            cursor.execute(f"{sql} AND b.{quote(pk.column)} >= %s AND b.{quote(pk.column)} < %s",
                           [now, low, low + chunk_size])
            added += max(cursor.rowcount, 0)
            low += chunk_size
    return added


def add_all_initial_versions(apps=None, *, using=None, **kwargs) -> dict[str, int]:
    """add_initial_versions() for every tracked model; {model label: versions added}."""
    return {model._meta.label: add_initial_versions(model, historical, using=using, **kwargs)
            for model, historical in tracked_models(apps)}
