"""Load the registry's codelists (services/data/*.csv): service types, target groups, age groups.

Idempotent upsert by code, so a corrected codelist only renames. Used by migration 0002 (historical
models) and `manage.py load_codelists`.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _int(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


def load_codelists(*, models=None) -> dict[str, int]:
    if models is None:
        from services.models import AgeGroup, ServiceType, TargetGroup
    else:
        ServiceType, TargetGroup, AgeGroup = models
    types = [ServiceType(code=r["code"], number=_int(r["number"]), paragraph=r["paragraph"], group=r["group"],
                         name_cs=r["name_cs"], name_en=r["name_en"], forms=r["forms"], known=True)
             for r in _rows("service_types.csv")]
    targets = [TargetGroup(code=r["code"], number=_int(r["number"]), name_cs=r["name_cs"], name_en=r["name_en"],
                           known=True) for r in _rows("target_groups.csv")]
    ages = [AgeGroup(code=r["code"], number=_int(r["number"]), name_cs=r["name_cs"], name_en=r["name_en"],
                     min_age=_int(r["min_age"]), max_age=_int(r["max_age"]), known=True)
            for r in _rows("age_groups.csv")]
    common = ["number", "name_cs", "name_en", "known"]
    ServiceType.objects.bulk_create(types, update_conflicts=True, unique_fields=["code"],
                                    update_fields=[*common, "paragraph", "group", "forms"])
    TargetGroup.objects.bulk_create(targets, update_conflicts=True, unique_fields=["code"], update_fields=common)
    AgeGroup.objects.bulk_create(ages, update_conflicts=True, unique_fields=["code"],
                                 update_fields=[*common, "min_age", "max_age"])
    return {"service_types": len(types), "target_groups": len(targets), "age_groups": len(ages)}


def ensure_codelists() -> None:
    from services.models import ServiceType

    if not ServiceType.objects.exists():
        load_codelists()
