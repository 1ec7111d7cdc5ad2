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
                 "Azylový dům Beroun", "Městský úřad Benešov", "Spolek rodičů a přátel dětí s postižením",
                 "Poradna pro rodinu Příbram"]
# (masculine, feminine): the position agrees with the person's name.
POSITIONS = [("sociální pracovník", "sociální pracovnice"), ("vedoucí služby", "vedoucí služby"),
             ("metodik sociální práce", "metodička sociální práce"),
             ("koordinátor komunitního plánování", "koordinátorka komunitního plánování"),
             ("ředitel organizace", "ředitelka organizace"),
             ("pracovník v sociálních službách", "pracovnice v sociálních službách"),
             ("zástupce uživatelů", "zástupkyně uživatelů")]
# What each demo login does, so that a regional coordinator works for the regional authority, not for a Charita:
# e-mail → (organisation, or None for one of ORGANISATIONS; position as (masculine, feminine)).
LOGIN_JOBS = {
    "koordinator@demo.invalid": ("{authority}", ("koordinátor sociálních služeb", "koordinátorka sociálních služeb")),
    "koordinator-jinde@demo.invalid": ("{other_authority}", ("koordinátor sociálních služeb",
                                                             "koordinátorka sociálních služeb")),
    "koalice@demo.invalid": ("Městský úřad Kladno, odbor sociálních věcí",
                             ("koordinátor komunitního plánování", "koordinátorka komunitního plánování")),
    "moderator@demo.invalid": ("{authority}", ("metodik sociální práce", "metodička sociální práce")),
    "poskytovatel@demo.invalid": (None, ("vedoucí služby", "vedoucí služby")),  # the provider's name, set later
    "overeny@demo.invalid": (None, ("sociální pracovník", "sociální pracovnice")),
}


def regional_authority(kraj) -> str:
    """The office of a kraj as it names itself: "Krajský úřad Středočeského kraje", "Magistrát hlavního města
    Prahy", "Krajský úřad Kraje Vysočina"."""
    if kraj is None:
        return "Krajský úřad"
    if kraj.name.startswith("Hlavní město"):
        return "Magistrát hlavního města Prahy"
    if kraj.name.endswith("ský kraj"):
        return f"Krajský úřad {kraj.name[:-len('ský kraj')]}ského kraje"
    return f"Krajský úřad {kraj.name.replace('Kraj ', 'Kraje ', 1)}"


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

    def person(email, *, staff=False, superuser=False, verified=True, organisation="", position=None,
               name=None):
        first, last = name or ctx.person_name()
        feminine = last.endswith(("ová", "á"))
        position = (position or ("", ""))[1 if feminine else 0]
        user = User(username=email.split("@")[0][:150], email=email, first_name=first, last_name=last,
                    display_name=f"{first} {last}", organisation=organisation, role_text=position,
                    is_staff=staff, is_superuser=superuser, is_verified=verified,
                    verified_at=now if verified else None, password=ctx.password_hash)
        people.append(user)
        emails.append(email)
        return user

    groups_of = {}
    authorities = {"{authority}": regional_authority(home), "{other_authority}": regional_authority(other)}
    for email, role_names, staff, superuser, description in DEMO_LOGINS:
        verified = email != "verejnost@demo.invalid"
        organisation, position = LOGIN_JOBS.get(email, ("", None))
        if verified and organisation is None:
            organisation = ctx.rng.choice(ORGANISATIONS)
        person(email, staff=staff, superuser=superuser, verified=verified,
               organisation=authorities.get(organisation, organisation) if verified else "",
               position=position if verified else None)
        groups_of[email] = role_names

    for number in range(ctx.sizes["people"]):
        first, last = ctx.person_name()
        email = f"{_ascii(first)}.{_ascii(last)}.{number}@demo.invalid"
        verified = ctx.rng.random() < 0.6
        person(email, verified=verified, name=(first, last),
               organisation=ctx.rng.choice(ORGANISATIONS) if verified else "",
               position=ctx.rng.choice(POSITIONS) if verified else None)

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
