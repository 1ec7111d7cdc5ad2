"""Load the territorial codelists (territory/data/*.csv) into the database.

Idempotent: rows are upserted by their ČSÚ code, so running it again after a codelist update changes
only what changed. Used by migration 0002 (with the historical models) and `manage.py load_territory`.
"""

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str, data_dir: Path):
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _czech_date(value: str) -> dt.date | None:
    return dt.datetime.strptime(value, "%d.%m.%Y").date() if value else None


def load_territory(*, models=None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Upsert kraje, okresy, ORP and obce (with population when `obyvatele.csv` is present)."""
    if models is None:
        from territory.models import Kraj, Obec, Okres, Orp
    else:
        Kraj, Okres, Orp, Obec = models

    kraje = [
        Kraj(code=int(r["csu_kod"]), nuts3=r["nuts3"], iso_code=r["iso_3166_2"],
             ruian_code=int(r["ruian_vusc_kod"]), abbreviation=r["zkratka"], name=r["nazev"])
        for r in _rows("kraje.csv", data_dir)
    ]
    kraj_by_nuts = {k.nuts3: k.code for k in kraje}
    okresy = [
        Okres(code=int(r["csu_kod"]), lau1=r["lau1"], ruian_code=int(r["ruian_okres_kod"]), name=r["nazev"],
              kraj_id=int(r["kraj_csu_kod"]))
        for r in _rows("okresy.csv", data_dir)
    ]
    okres_by_lau = {o.lau1: o.code for o in okresy}
    orp_rows = list(_rows("orp.csv", data_dir))
    orps = [
        Orp(code=int(r["csu_kod"]), ruian_code=int(r["ruian_orp_kod"]), name=r["nazev"],
            short_name=r["nazev_zkraceny"], kraj_id=kraj_by_nuts[r["kraj_nuts3"]])
        for r in orp_rows
    ]
    population = {}
    if (data_dir / "obyvatele.csv").exists():
        population = {
            int(r["obec_kod"]): (int(r["obyvatel"]), dt.date.fromisoformat(r["k_datu"]))
            for r in _rows("obyvatele.csv", data_dir)
        }
    obce = []
    for r in _rows("obce.csv", data_dir):
        code = int(r["obec_kod"])
        people, as_of = population.get(code, (None, None))
        obce.append(
            Obec(code=code, name=r["nazev"], pou_code=int(r["pou_kod"]), pou_name=r["pou_nazev"],
                 orp_id=int(r["orp_kod"]), okres_id=okres_by_lau[r["okres_lau1"]],
                 valid_from=_czech_date(r["platnost_od"]), population=people, population_date=as_of)
        )

    def upsert(model, objs, fields):
        model.objects.bulk_create(objs, batch_size=1000, update_conflicts=True, unique_fields=["code"],
                                  update_fields=fields)

    with transaction.atomic():
        upsert(Kraj, kraje, ["nuts3", "iso_code", "ruian_code", "abbreviation", "name"])
        upsert(Okres, okresy, ["lau1", "ruian_code", "name", "kraj"])
        upsert(Orp, orps, ["ruian_code", "name", "short_name", "kraj"])
        Through = Orp.okresy.through
        Through.objects.all().delete()
        Through.objects.bulk_create(
            [Through(orp_id=int(r["csu_kod"]), okres_id=okres_by_lau[lau])
             for r in orp_rows for lau in r["okresy_lau1"].split(";") if lau]
        )
        upsert(Obec, obce, ["name", "pou_code", "pou_name", "orp", "okres", "valid_from", "population",
                            "population_date"])
    return {"kraje": len(kraje), "okresy": len(okresy), "orp": len(orps), "obce": len(obce),
            "population": len(population)}


def ensure_territory() -> None:
    """Load the codelists if the tables are empty (after a test flushed them, for instance)."""
    from territory.models import Obec

    if not Obec.objects.exists():
        load_territory()
