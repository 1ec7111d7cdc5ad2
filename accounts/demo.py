"""Demo people: one login per role, then ordinary members of the public and professionals."""

import unicodedata

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import User
from territory.models import Kraj, home_kraj

ORGANISATIONS = ["Městský úřad Kladno, odbor sociálních věcí", "Charita Kutná Hora", "Diakonie ČCE – středisko Praha",
                 "Domov seniorů Mělník", "Centrum pro zdravotně postižené Středočeského kraje",
                 "Azylový dům Beroun", "Městský úřad Benešov", "Krajský úřad Středočeského kraje",
                 "Spolek rodičů a přátel dětí s postižením", "Poradna pro rodinu Příbram"]
POSITIONS = ["sociální pracovnice", "vedoucí služby", "metodik sociální práce", "koordinátorka komunitního plánování",
             "ředitel organizace", "pracovník v sociálních službách", "zástupce uživatelů", "vedoucí odboru"]


# (e-mail, role groups, staff, superuser, description printed by seed_demo)
DEMO_LOGINS = [
    ("admin@demo.invalid", [], True, True, _("superuser (whole portal)")),
    ("koordinator@demo.invalid", [roles.REGIONAL_COORDINATOR], True, False,
     _("regional coordinator of the home region")),
    ("koordinator-jinde@demo.invalid", [roles.REGIONAL_COORDINATOR], True, False,
     _("regional coordinator of another region")),
    ("koalice@demo.invalid", [roles.COALITION_COORDINATOR], True, False, _("coalition coordinator")),
    ("moderator@demo.invalid", [roles.MODERATOR], False, False, _("forum moderator")),
    ("poskytovatel@demo.invalid", [roles.PROVIDER_STAFF], False, False, _("provider staff")),
    ("overeny@demo.invalid", [], False, False, _("verified professional")),
    ("verejnost@demo.invalid", [], False, False, _("member of the public (not verified)")),
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def seed(ctx) -> None:
    home = home_kraj()
    other = Kraj.objects.exclude(pk=home.pk).order_by("code").first() if home else None
    now = timezone.now()
    people, emails = [], []

    def person(email, *, staff=False, superuser=False, verified=True, organisation="", position="",
               name=None):
        first, last = name or ctx.person_name()
        user = User(username=email.split("@")[0][:150], email=email, first_name=first, last_name=last,
                    display_name=f"{first} {last}", organisation=organisation, role_text=position,
                    is_staff=staff, is_superuser=superuser, is_verified=verified,
                    verified_at=now if verified else None, password=ctx.password_hash)
        people.append(user)
        emails.append(email)
        return user

    groups_of = {}
    for email, role_names, staff, superuser, description in DEMO_LOGINS:
        verified = email != "verejnost@demo.invalid"
        person(email, staff=staff, superuser=superuser, verified=verified,
               organisation=ctx.rng.choice(ORGANISATIONS) if verified else "",
               position=ctx.rng.choice(POSITIONS) if verified else "")
        groups_of[email] = role_names

    for number in range(ctx.sizes["people"]):
        first, last = ctx.person_name()
        email = f"{_ascii(first)}.{_ascii(last)}.{number}@demo.invalid"
        verified = ctx.rng.random() < 0.6
        person(email, verified=verified, name=(first, last),
               organisation=ctx.rng.choice(ORGANISATIONS) if verified else "",
               position=ctx.rng.choice(POSITIONS) if verified else "")

    User.objects.bulk_create(people, batch_size=1000)
    saved = {u.email: u for u in User.objects.filter(email__in=emails)}
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=saved[e], email=e, primary=True, verified=True) for e in emails], batch_size=1000)
    groups = {g.name: g for g in Group.objects.all()}
    for email, role_names in groups_of.items():
        if role_names:
            saved[email].groups.add(*(groups[name] for name in role_names))
    if home:
        saved["koordinator@demo.invalid"].coordinated_kraje.add(home)
    if other:
        saved["koordinator-jinde@demo.invalid"].coordinated_kraje.add(other)
    admin = saved["admin@demo.invalid"]
    for email in emails:
        if saved[email].is_verified and email != "admin@demo.invalid":
            saved[email].verified_by = admin
    User.objects.bulk_update(saved.values(), ["verified_by"], batch_size=1000)
    ctx.data["people"] = list(saved.values())
