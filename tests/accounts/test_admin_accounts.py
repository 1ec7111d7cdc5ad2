"""People's accounts in the admin (trust issue, part 1): no role can take over an account or raise rights.

The scope, as the README's roles table says: a regional coordinator sees ordinary accounts (no staff status, no
role but provider staff) and may only verify or suspend them; their own account and their kraj's coordinators
read-only; never superusers, moderators, coalition coordinators or the coordinators of other kraje. E-mail,
username, password, names, staff status and roles are a superuser's.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from accounts.models import User
from territory.models import home_kraj
from tests.accounts.factories import PASSWORD, UserFactory
from tests.services.factories import make_provider_staff

pytestmark = pytest.mark.django_db


def _change(person):
    return reverse("admin:accounts_user_change", args=[person.pk])


def _form(person, **changes):
    data = {"email": person.email, "username": person.username, "display_name": person.display_name,
            "first_name": "", "last_name": "", "organisation": "", "role_text": "", "language": "cs",
            "is_verified": "on" if person.is_verified else "", "is_active": "on" if person.is_active else "",
            "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _row(person):
    return User.objects.filter(pk=person.pk).values().get()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, email="root@example.cz")


@pytest.fixture
def colleague(db):
    """Another regional coordinator of the home kraj."""
    person = UserFactory(regional_coordinator=True)
    person.coordinated_kraje.add(home_kraj())
    return person


def test_the_coordinator_of_another_kraj_cannot_see_or_change_staff_accounts(
        client, other_region_coordinator, coordinator, superuser):
    """The reported takeover: the coordinator of another kraj changed the superuser's and the home kraj
    coordinator's e-mail, then asked for a password reset."""
    client.force_login(other_region_coordinator)
    listing = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert coordinator.email not in listing and superuser.email not in listing
    for victim in (superuser, coordinator):
        before = _row(victim)
        assert client.get(_change(victim)).status_code == 404
        response = client.post(_change(victim), _form(victim, email="attacker@example.cz", is_active=""))
        assert response.status_code == 404
        assert client.post(reverse("admin:auth_user_password_change", args=[victim.pk]),
                           {"password1": "Uplne-nove-2026!", "password2": "Uplne-nove-2026!"}).status_code == 403
        assert _row(victim) == before


def test_staff_accounts_of_the_own_kraj_are_read_only(client, coordinator, colleague):
    client.force_login(coordinator)
    assert colleague.email in client.get(reverse("admin:accounts_user_changelist")).content.decode()
    page = client.get(_change(colleague))
    assert page.status_code == 200 and 'name="email"' not in page.content.decode()
    before = _row(colleague)
    assert client.post(_change(colleague), _form(colleague, email="attacker@example.cz",
                                                 is_active="")).status_code == 403
    assert _row(colleague) == before


def test_nobody_raises_their_own_rights(client, coordinator):
    client.force_login(coordinator)
    before = _row(coordinator)
    groups_before = set(coordinator.groups.values_list("pk", flat=True))
    response = client.post(_change(coordinator), _form(coordinator, is_superuser="on", email="me@example.cz",
                                                      groups=[g.pk for g in Group.objects.all()]))
    assert response.status_code == 403
    assert _row(coordinator) == before
    assert set(coordinator.groups.values_list("pk", flat=True)) == groups_before


@pytest.mark.parametrize("role", [roles.MODERATOR, roles.COALITION_COORDINATOR])
def test_role_holders_are_not_the_coordinators_to_change(client, coordinator, role):
    holder = UserFactory(verified=True, roles=[role], is_staff=role == roles.COALITION_COORDINATOR)
    client.force_login(coordinator)
    before = _row(holder)
    assert client.post(_change(holder), _form(holder, is_active="", is_verified="")).status_code == 404
    response = client.post(reverse("admin:accounts_user_changelist"),
                           {"action": "mark_unverified", "_selected_action": [holder.pk]})
    assert response.status_code == 404
    assert _row(holder) == before


def test_coordinator_verifies_and_suspends_ordinary_accounts_and_provider_staff(client, coordinator, user):
    staff_member = make_provider_staff()
    client.force_login(coordinator)
    for person in (user, staff_member):
        response = client.post(_change(person), _form(person, is_verified="on", is_active="",
                                                       email="attacker@example.cz"))
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.is_verified and person.verified_by == coordinator and not person.is_active
        assert person.email != "attacker@example.cz"
    # A suspended person's session ends: they can no longer log in.
    assert not client.login(email=user.email, password=PASSWORD)


def test_only_a_superuser_changes_e_mail_and_password(client, coordinator, user, superuser):
    client.force_login(coordinator)
    assert client.get(reverse("admin:auth_user_password_change", args=[user.pk])).status_code == 403
    assert "password/" not in client.get(_change(user)).content.decode()  # no "reset password" link
    client.force_login(superuser)
    response = client.post(_change(user), _form(user, email="nova@example.cz"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "nova@example.cz"
    assert client.get(reverse("admin:auth_user_password_change", args=[user.pk])).status_code == 200


def test_visible_and_manageable_accounts_are_rules_of_the_queryset(coordinator, colleague, user, superuser,
                                                                   other_region_coordinator):
    moderator = UserFactory(roles=[roles.MODERATOR])
    provider_staff = make_provider_staff()
    visible = set(User.objects.visible_to(coordinator))
    assert {user, provider_staff, coordinator, colleague} <= visible
    assert not {superuser, other_region_coordinator, moderator} & visible
    manageable = set(User.objects.manageable_by(coordinator))
    assert {user, provider_staff} <= manageable
    assert not {coordinator, colleague, superuser, moderator} & manageable
    assert set(User.objects.manageable_by(superuser)) == set(User.objects.exclude(pk=superuser.pk))
    assert not User.objects.manageable_by(moderator).exists()
    assert list(User.objects.visible_to(user)) == [user]


def test_verify_action_skips_accounts_out_of_scope_even_when_forged(client, coordinator, colleague):
    colleague.unverify()
    client.force_login(coordinator)
    response = client.post(reverse("admin:accounts_user_changelist"),
                           {"action": "mark_verified", "_selected_action": [colleague.pk]})
    assert response.status_code == 302  # "0 people verified": a colleague's account is read-only
    colleague.refresh_from_db()
    assert not colleague.is_verified


# --- One login path with limits that cannot keep the owner out ------------------------------------------------


def _login(client, email, password, ip):
    return client.post("/en/account/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_guessing_a_coordinators_password_is_limited_and_the_owner_still_gets_in(client, coordinator):
    """20 wrong passwords from one place: that place is stopped after 5; the owner elsewhere logs in."""
    stopped = 0
    for n in range(20):
        response = _login(client, coordinator.email, f"spatne-{n}", "203.0.113.9")
        stopped += "Too many failed login attempts from this place" in response.content.decode()
    assert stopped >= 15
    response = _login(client, coordinator.email, PASSWORD, "203.0.113.9")
    assert "_auth_user_id" not in client.session  # the right password waits at the guessing place
    owner = type(client)()
    _login(owner, coordinator.email, PASSWORD, "198.51.100.7")
    assert owner.session.get("_auth_user_id") == str(coordinator.pk)


def test_a_password_reset_by_e_mail_lets_the_locked_out_owner_in(client, coordinator, mailoutbox):
    import re

    for n in range(6):
        _login(client, coordinator.email, f"spatne-{n}", "198.51.100.7")
    _login(client, coordinator.email, PASSWORD, "198.51.100.7")
    assert "_auth_user_id" not in client.session  # locked out at this place, even with the right password
    client.post(reverse("account_reset_password"), {"email": coordinator.email}, REMOTE_ADDR="198.51.100.7")
    link = re.search(r"https?://[^/\s]+(/\S+/(?:ucet|account)/password/reset/key/\S+)", mailoutbox[-1].body).group(1)
    form = client.get(link, follow=True, REMOTE_ADDR="198.51.100.7")
    client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                {"password1": "Nove-heslo-koordinatora-2026", "password2": "Nove-heslo-koordinatora-2026"},
                REMOTE_ADDR="198.51.100.7")
    client.logout()
    _login(client, coordinator.email, "Nove-heslo-koordinatora-2026", "198.51.100.7")
    assert client.session.get("_auth_user_id") == str(coordinator.pk)
