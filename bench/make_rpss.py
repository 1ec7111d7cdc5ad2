"""Generate a national-scale registry file in the shape of MPSV's rpss.json (for bench/import.py).

    .venv/bin/python bench/make_rpss.py [OUT] [--services 6700] [--seed 1] [--change 0]

≈6,700 services of ≈2,200 invented providers with ≈19,000 facilities in real municipalities
(territory/data/*.csv, weighted by population), ≈100 MB of compact UTF-8 JSON, root {"polozky": [...]}.
The item shape follows ../shared/data/registry_sample/rpss_sample.json: forms with opening hours and
capacities, target and age groups, contacts, repeated facilities (as the real file has them), statutory
bodies (personal data the import must skip) and the document attachments (`doplnkoveUdaje`) that make up
most of the real file's size. `--change N` alters N services (a capacity and a phone) for an update run.
"""

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TERRITORY = ROOT / "territory" / "data"
# druh number → (weight, name, allowed forms, target groups)
TYPES = {
    1: (600, "Odborné sociální poradenství", "amb ter", [19, 4, 6, 24, 23]), 3: (220, "Osobní asistence", "ter",
                                                                             [17, 15, 24, 13]),
    4: (700, "Pečovatelská služba", "ter amb", [24, 17, 11]), 5: (30, "Tísňová péče", "ter", [24, 17]),
    8: (350, "Odlehčovací služby", "ter amb pob", [24, 26, 17, 30]), 10: (280, "Denní stacionář", "amb",
                                                                         [24, 30, 14]),
    12: (200, "Domov pro osoby se zdravotním postižením", "pob", [14, 13, 15]),
    13: (530, "Domov pro seniory", "pob", [24, 11]), 14: (380, "Domov se zvláštním režimem", "pob", [30, 24, 10]),
    15: (230, "Chráněné bydlení", "pob", [14, 10, 13]), 20: (220, "Azylový dům", "pob", [7, 23, 4]),
    23: (50, "Krizová pomoc", "ter amb pob", [19, 4, 6]), 25: (230, "Nízkoprahový klub", "amb ter", [1, 21]),
    28: (450, "Sociálně aktivizační služby pro rodiny s dětmi", "ter amb", [23, 21]),
    29: (250, "Aktivizační centrum pro seniory", "amb ter", [24, 17]),
    30: (110, "Sociálně terapeutická dílna", "amb", [14, 10, 13]), 32: (200, "Terénní program", "ter",
                                                                        [25, 20, 21, 7]),
    33: (420, "Sociální rehabilitace", "ter amb pob", [10, 14, 17]),
}
STREETS = ["Komenského", "Jiráskova", "Tyršova", "Sokolská", "Husova", "Nádražní", "Palackého", "Školní",
           "Masarykova", "Havlíčkova", "Nerudova", "Smetanova", "Žižkova", "Na Výsluní", "U Nemocnice"]
PROVIDERS = ["Charita {town}", "Diakonie – středisko {town}", "Centrum sociálních služeb {town}, p. o.",
             "Domov {town}, poskytovatel sociálních služeb", "Spolek Náruč {town}, z. s.",
             "Most k lidem {town}, o. p. s.", "Senior centrum {town}, z. ú."]
DOCUMENTS = [("realizacePoskytovani", "Popis realizace poskytování sociální služby"),
             ("planyFinancnihoZajisteni", "Plán finančního zajištění sociální služby"),
             ("personalniZajisteni", "Personální zajištění sociální služby")]


def valid_ico(rng) -> str:
    """Eight digits with the mod-11 check digit of services.models.validate_ico (remainder 0 → 1, 1 → 0)."""
    body = f"{rng.randrange(0, 10_000_000):07d}"
    return body + str((11 - sum(int(d) * w for d, w in zip(body, range(8, 1, -1), strict=True)) % 11) % 10)


def load_obce():
    population = {r["obec_kod"]: int(r["obyvatel"] or 0)
                  for r in csv.DictReader(open(TERRITORY / "obyvatele.csv", encoding="utf-8"))}
    kraje = {r["nuts3"]: r["ruian_vusc_kod"]
             for r in csv.DictReader(open(TERRITORY / "kraje.csv", encoding="utf-8"))}
    obce = list(csv.DictReader(open(TERRITORY / "obce.csv", encoding="utf-8")))
    for obec in obce:
        obec["kraj_ruian"] = kraje[obec["kraj_nuts3"]]
    weights = [max(population.get(o["obec_kod"], 0), 50) ** 1.15 for o in obce]
    return obce, weights


def address(rng, obec, code: int) -> dict:
    praha = obec["kraj_nuts3"] == "CZ010"
    return {
        "cisloDomovni": rng.randint(1, 3000),
        "cisloOrientacni": str(rng.randint(1, 80)) if rng.random() < .6 else None,
        "dodatekAdresy": None, "kodAdresnihoMista": code, "psc": f"{rng.randint(100, 799)}{rng.randint(0, 99):02d}",
        "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"}, "kraj": {"id": f"Kraj/{obec['kraj_ruian']}"},
        "okres": None if praha else {"id": f"Okres/{obec['okres_ruian_kod']}"},
        "obec": {"id": f"Obec/{obec['obec_kod']}"},
        "castObce": {"id": f"CastObce/{400000 + code % 99999}"}, "mestskyObvodMestskaCast": None,
        "mestskyObvodVPraze": None, "ulice": {"nazev": rng.choice(STREETS)},
    }


def contacts(rng, slug: str, kind: str) -> dict:
    return {"emaily": [{"email": f"{kind}@{slug}.example", "poznamka": None}],
            "telefony": [{"telefon": f"{rng.randint(200, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                          "poznamka": None}],
            "weby": [{"web": f"www.{slug}.example/{kind}", "poznamka": None}]}


def make_providers(rng, obce, weights, count: int) -> list:
    providers, icos = [], set()
    while len(providers) < count:
        obec = rng.choices(obce, weights)[0]
        ico = valid_ico(rng)
        if ico in icos:
            continue
        icos.add(ico)
        slug = f"poskytovatel-{len(providers)}"
        providers.append({
            "ico": ico, "nazev": rng.choice(PROVIDERS).format(town=obec["nazev"]), "dic": f"CZ{ico}",
            "adresa": address(rng, obec, 10_000_000 + len(providers)), **contacts(rng, slug, "info"),
            "statutarniOrgany": [{"titulPredJmenem": rng.choice([None, "Mgr.", "Ing."]), "jmeno": "Jana",
                                  "prijmeni": f"Vzorová {len(providers)}", "titulZaJmenem": None}],
            "_obec": obec,
        })
    return providers


def make_item(rng, index: int, providers, obce, weights, change: bool) -> dict:
    number = rng.choices(list(TYPES), [t[0] for t in TYPES.values()])[0]
    _weight, type_name, allowed, targets = TYPES[number]
    provider = rng.choice(providers)
    home = provider["_obec"] if rng.random() < 0.7 else rng.choices(obce, weights)[0]
    forms = sorted(rng.sample(allowed.split(), k=rng.randint(1, len(allowed.split()))))
    ended = rng.random() < 0.08
    start = f"{rng.randint(2007, 2024)}-{rng.randint(1, 12):02d}-01"
    end = f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-28" if ended else None
    if end and end < start:
        start = "2007-01-01"
    facility_count = max(1, min(8, round(rng.gauss(2.85, 1.4))))
    facilities = []
    for position in range(facility_count):
        place = home if position == 0 or rng.random() < 0.6 else rng.choices(obce, weights)[0]
        name = f"{type_name} {place['nazev']}" + ("" if position == 0 else f" – pracoviště {position}")
        facility = {"portalId": None, "id": None, "identifikator": None, "nazev": name,
                    "adresa": address(rng, place, 20_000_000 + index * 10 + position), "poskytujeOd": start,
                    "poskytujeDo": end, "utajenaAdresa": False}
        facilities.append(facility)
        if rng.random() < 0.15:  # the real file repeats facilities
            facilities.append(dict(facility))
    formy = []
    for form in forms:
        unit = "luzka" if form == "pob" else ("interv" if number in (1, 23) else "klient")
        maximum = rng.randint(5, 120) + (7 if change else 0)
        formy.append({
            "forma": {"id": f"FormaSocialniSluzby/{form}"}, "nepretrzitePoskytovani": form == "pob",
            "casoveRozsahy": None if form == "pob" else [
                {"denVTydnu": {"id": f"DenVTydnu/{day}"}, "od": "08:00", "do": "16:30"} for day in range(1, 6)],
            "kapacity": [{"pocet": maximum, "popis": f"Maximální kapacita {maximum} s účinností od 01.01.2024.",
                          "typ": {"id": f"TypKapacitySocialniSluzby/{unit}"}}]})
    slug = f"sluzba-{index}"
    service_contacts = contacts(rng, slug, "kontakt")
    if change:
        service_contacts["telefony"] = [{"telefon": "999 000 000", "poznamka": None}]
    documents = {key: [{"nazev": f"{label} {year}", "platnostOd": f"{year}-01-01", "platnostDo": f"{year}-12-31",
                        "priloha": {"nazev": f"{key}-{index}-{year}.pdf", "velikost": rng.randint(40_000, 900_000),
                                    "typ": "application/pdf",
                                    "url": f"https://www.mpsv.cz/documents/20142/rpss/{key}/{index}/{year}.pdf"}}
                       for year in range(2010, 2010 + rng.randint(8, 16))] for key, label in DOCUMENTS}
    seat = {key: value for key, value in provider.items() if key != "_obec"}
    return {
        "portalId": 100_000 + index, "id": 500_000 + index, "identifikator": f"{1_000_000 + index * 7}",
        "datumPoskytovaniOd": start, "datumPoskytovaniDo": end,
        "kontaktniAdresy": [{"adresa": facilities[0]["adresa"]}],
        "druhSocialniSluzby": {"id": f"DruhSocialniSluzby/{number}"}, "zarizeni": facilities, "poskytovatel": seat,
        **service_contacts, "faxy": [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": f"CilovaSkupinaOsoby/{t}"}, "doplnujiciInformace": None}
                          for t in rng.sample(targets, k=rng.randint(1, len(targets)))],
        "vekoveSkupiny": [{"vekovaSkupina": {"id": f"VekovaSkupinaOsoby/{a}"}} for a in (8, 9, 10, 11)],
        "doplnujiciInformaceVekoveSkupiny": None, "formy": formy,
        "rozsirenePusobnostiVKraji": [{"kraj": {"id": f"Kraj/{home['kraj_ruian']}"}}] if rng.random() < 0.1 else [],
        "doplnkoveUdaje": documents,
    }


def generate(out: Path, *, services: int = 6700, providers: int = 2200, seed: int = 1, change: int = 0) -> dict:
    rng = random.Random(seed)
    obce, weights = load_obce()
    people = make_providers(rng, obce, weights, providers)
    facilities = 0
    with open(out, "w", encoding="utf-8") as handle:
        handle.write('{"polozky":[')
        for index in range(services):
            item = make_item(rng, index, people, obce, weights, change=index < change)
            facilities += len(item["zarizeni"])
            handle.write(("," if index else "") + json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        handle.write("]}")
    return {"services": services, "facilities": facilities, "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="/tmp/rpss_national.json", type=Path)
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--change", type=int, default=0, help="services whose data differ (for an update run)")
    options = parser.parse_args()
    stats = generate(options.out, services=options.services, seed=options.seed, change=options.change)
    print(f"{options.out}: {stats['services']} services, {stats['facilities']} facilities (with repeats), "
          f"{stats['bytes'] / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
