"""Codelists loaded by data migrations: the 15 quality standards with their criteria codes (Decree 505/2006 Sb.,
Annex 2) and the ministry's three categories of services for families with children."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# The ministry's categories of services for families at risk (project of the minimal network per ORP). Which
# registry types fall into each is the portal's default reading of the categories; coordinators adjust it in the
# admin. Service type numbers are the registry's DruhSocialniSluzby codes.
FAMILY_GROUPS = [
    ("rodiny-pobytove", "Pobytové služby pro rodiny s dětmi", "Residential services for families with children",
     [20]),  # azylové domy (§ 57)
    ("rodiny-poradenstvi", "Odborné poradenství a diagnostika", "Specialised counselling and diagnostics",
     [1]),  # odborné sociální poradenství (§ 37)
    ("rodiny-terenni-ambulantni", "Terénní a ambulantní služby pro rodiny a děti",
     "Field and outpatient services for families and children", [17, 28]),  # raná péče (§ 54), SAS pro rodiny s dětmi (§ 65)
]


def load_quality_standards(apps=None) -> None:
    """Create the standards and criteria codes that are missing (idempotent; wording is left as edited)."""
    if apps is None:
        from network.models import QualityCriterion, QualityStandard
    else:
        QualityStandard = apps.get_model("network", "QualityStandard")
        QualityCriterion = apps.get_model("network", "QualityCriterion")
    with open(DATA_DIR / "quality_standards.csv", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            standard, _created = QualityStandard.objects.update_or_create(
                number=int(row["number"]), defaults={"title_cs": row["title_cs"], "title_en": row["title_en"]})
            for order, letter in enumerate(row["criteria"].split()):
                QualityCriterion.objects.get_or_create(code=f"{standard.number}{letter}",
                                                       defaults={"standard": standard, "order": order})


def load_family_groups(apps=None) -> None:
    if apps is None:
        from network.models import ServiceTypeGroup
        from services.models import ServiceType
    else:
        ServiceTypeGroup = apps.get_model("network", "ServiceTypeGroup")
        ServiceType = apps.get_model("services", "ServiceType")
    for code, name_cs, name_en, numbers in FAMILY_GROUPS:
        group, created = ServiceTypeGroup.objects.get_or_create(code=code, defaults={"name_cs": name_cs,
                                                                                     "name_en": name_en})
        if created:
            group.service_types.set(ServiceType.objects.filter(code__in=[f"DruhSocialniSluzby/{n}" for n in numbers]))


def ensure_codelists() -> None:
    """After a flush (transactional tests): the standards and groups again."""
    from network.models import QualityStandard

    if not QualityStandard.objects.exists():
        load_quality_standards()
        load_family_groups()
