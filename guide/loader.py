"""Load the guide's first texts (guide/content.py) into the database.

Creates what is missing and leaves what exists alone: groups and situations are matched by slug, crisis
contacts by phone number, so an editor's change in the admin is never overwritten by a later migrate. Used by
migration 0002 (historical models) and after a flush emptied the tables (guide/apps.py).
"""

import datetime as dt

from guide import content


def _models(apps):
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    return {name: apps.get_model(label, name) for label, name in [
        ("guide", "SituationGroup"), ("guide", "Situation"), ("guide", "CrisisContact"),
        ("guide", "SituationServiceType"), ("services", "ServiceType"), ("services", "TargetGroup"),
        ("services", "AgeGroup")]}


def load_content(apps=None, *, today: dt.date | None = None) -> dict[str, int]:
    """Create the groups, contacts and situations of guide/content.py that do not exist yet."""
    m = _models(apps)
    today = today or dt.date.today()
    review_by = today + dt.timedelta(days=round(content.REVIEW_MONTHS * 30.44))
    created = {"groups": 0, "contacts": 0, "situations": 0}

    groups = {}
    for order, (slug, name_cs, name_en) in enumerate(content.GROUPS, start=1):
        groups[slug], new = m["SituationGroup"].objects.get_or_create(
            slug=slug, defaults={"name_cs": name_cs, "name_en": name_en, "order": order})
        created["groups"] += new

    contacts = {}
    for key, c in content.CONTACTS.items():
        contacts[key], new = m["CrisisContact"].objects.get_or_create(phone=c["phone"], defaults={
            "name_cs": c["name"][0], "name_en": c["name"][1], "hours_cs": c["hours"][0], "hours_en": c["hours"][1],
            "description_cs": c["description"][0], "description_en": c["description"][1],
            "web": c.get("web", ""), "is_emergency": c.get("emergency", False),
            "shown_on_empty_search": c.get("empty_search", False), "order": c["order"]})
        created["contacts"] += new

    types = {t.code: t for t in m["ServiceType"].objects.all()}
    targets = {t.code: t for t in m["TargetGroup"].objects.all()}
    ages = {a.code: a for a in m["AgeGroup"].objects.all()}

    situations, new_ones = {}, []
    for order, s in enumerate(content.SITUATIONS, start=1):
        situation, new = m["Situation"].objects.get_or_create(slug=s["slug"], defaults={
            "group": groups[s["group"]], "order": order, "urgency": s["urgency"],
            "name_cs": s["name"][0], "name_en": s["name"][1],
            "summary_cs": s["summary"][0], "summary_en": s["summary"][1],
            "description_cs": s["description"][0], "description_en": s["description"][1],
            "first_steps_cs": s["steps"][0], "first_steps_en": s["steps"][1],
            "synonyms": s["synonyms"], "sources": s["sources"], "reviewed_on": today, "review_by": review_by})
        situations[s["slug"]] = situation
        if new:
            new_ones.append((situation, s))
            created["situations"] += 1

    for situation, s in new_ones:
        for order, fit in enumerate(s["types"], start=1):
            number, rank, *explanation = fit
            service_type = types.get(f"DruhSocialniSluzby/{number}")
            if service_type is None:
                continue  # a codelist without the type (never in the real one): the fit is left out
            cs, en = explanation[0] if explanation else content.TYPE_EXPLANATIONS[number]
            m["SituationServiceType"].objects.create(situation=situation, service_type=service_type, rank=rank,
                                                     order=order, explanation_cs=cs, explanation_en=en)
        situation.target_groups.set([targets[f"CilovaSkupinaOsoby/{n}"] for n in s["targets"]
                                     if f"CilovaSkupinaOsoby/{n}" in targets])
        situation.age_groups.set([ages[f"VekovaSkupinaOsoby/{n}"] for n in s["ages"]
                                  if f"VekovaSkupinaOsoby/{n}" in ages])
        situation.crisis_contacts.set([contacts[key] for key in s["contacts"]])
        situation.related.set([situations[slug] for slug in s["related"] if slug in situations])
    return created


def ensure_content() -> None:
    """After a flush (transactional tests, `manage.py flush`): the texts are content, load them again."""
    from guide.models import Situation
    from services.models import ServiceType

    if not Situation.objects.exists() and ServiceType.objects.exists():
        load_content()
