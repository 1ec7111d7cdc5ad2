"""The education app's codelists, loaded by its first migration and again after a flush (transactional tests):
the roles of people in social services and the topics of programmes."""

# (code, Czech name, English name, 24 hours a year by law)
ROLES = [
    ("management", "Vedoucí pracovníci", "Management", False),
    ("social-worker", "Sociální pracovníci (§ 109)", "Social workers (§ 109)", True),
    ("care-worker", "Pracovníci v sociálních službách (§ 116)", "Workers in social services (§ 116)", True),
    ("supervisor", "Supervizoři", "Supervisors", False),
    ("planning-coordinator", "Koordinátoři plánování", "Planning coordinators", False),
]
# (code, Czech name, English name)
TOPICS = [
    ("individual-planning", "Individuální plánování", "Individual planning"),
    ("communication", "Komunikace s uživateli", "Communication with users"),
    ("dementia", "Péče o lidi s demencí", "Care of people with dementia"),
    ("rights-ethics", "Práva uživatelů a etika", "Users' rights and ethics"),
    ("law", "Právo sociálních služeb", "Law of social services"),
    ("crisis", "Krizová intervence", "Crisis intervention"),
    ("quality", "Standardy kvality", "Quality standards"),
    ("management", "Řízení a vedení týmu", "Management and team leadership"),
    ("burnout", "Prevence syndromu vyhoření", "Burnout prevention"),
    ("first-aid", "První pomoc", "First aid"),
    ("palliative", "Paliativní péče", "Palliative care"),
    ("families", "Práce s rodinou", "Working with families"),
    ("supervision", "Supervize", "Supervision"),
]


def load_codelists(apps=None) -> None:
    """Create the roles and topics that are missing (idempotent; names edited in the admin are kept)."""
    if apps is None:
        from education.models import Role, Topic
    else:
        Role = apps.get_model("education", "Role")
        Topic = apps.get_model("education", "Topic")
    for order, (code, name_cs, name_en, statutory) in enumerate(ROLES):
        Role.objects.get_or_create(code=code, defaults={"name_cs": name_cs, "name_en": name_en,
                                                        "statutory": statutory, "order": order})
    for order, (code, name_cs, name_en) in enumerate(TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"name_cs": name_cs, "name_en": name_en, "order": order})


def ensure_codelists() -> None:
    from education.models import Role

    if not Role.objects.exists():
        load_codelists()
