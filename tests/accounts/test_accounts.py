"""Accounts: sign-up with e-mail confirmation, the profile page, verification of people in the admin,
the role groups, password reset and e-mail management — through the Django test client."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from accounts import roles
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

NEW_PASSWORD = "modry-slon-tancuje-v-desti"


@pytest.fixture(autouse=True)
def _no_allauth_rate_limits(settings):
    # Several tests send confirmation and reset mails to one address within a minute.
    settings.ACCOUNT_RATE_LIMITS = False


def url_in(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_up(client, language="cs", email="nova.osoba@example.cz"):
    return client.post(url_in("account_signup", language), {
        "email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "phone_number": "",
    })


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


class PageStructure(HTMLParser):
    """What the accessibility checks below need from a page: headings, labels, inputs, inline code."""

    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.label_for = set()
        self.label_depth = 0
        self.inputs = []  # (id, type, wrapped in a label, hidden from assistive technology)
        self.hidden_depth = []
        self.inline_styles = 0
        self.scripts_without_nonce = 0
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline_styles += 1
        if tag == "h1":
            self.h1_count += 1
        elif tag == "label":
            self.label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag == "script" and "nonce" not in attrs and "src" not in attrs:
            self.scripts_without_nonce += 1
        elif tag in ("input", "select", "textarea"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            self.inputs.append((attrs.get("id"), kind, self.label_depth > 0, bool(self.hidden_depth)))
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self.stack.append(tag)
            if attrs.get("aria-hidden") == "true" or self.hidden_depth:
                self.hidden_depth.append(tag)

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            if self.hidden_depth:
                self.hidden_depth.pop()

    def unlabelled_inputs(self):
        return [i for i in self.inputs
                if i[1] not in ("hidden", "submit") and not i[3] and not i[2] and i[0] not in self.label_for]


def assert_accessible_page(response):
    """One h1, every visible input labelled, no inline styles, no inline script without the CSP nonce."""
    assert response.status_code == 200
    page = PageStructure()
    page.feed(response.content.decode())
    assert page.h1_count == 1
    assert page.unlabelled_inputs() == []
    assert page.inline_styles == 0
    assert page.scripts_without_nonce == 0
    return page


# --- Sign-up and e-mail confirmation ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "subject"), [
    ("cs", "Potvrďte prosím svou e-mailovou adresu"),
    ("en", "Please Confirm Your Email Address"),
])
def test_signup_creates_unverified_user_and_mails_in_signup_language(client, mailoutbox, language, subject):
    response = sign_up(client, language)

    assert response.status_code == 302
    assert response["Location"] == url_in("account_email_verification_sent", language)
    user = User.objects.get(email="nova.osoba@example.cz")
    assert user.language == language
    assert not user.is_verified  # a coordinator has not vouched for them
    address = EmailAddress.objects.get(user=user)
    assert address.email == user.email and address.primary and not address.verified
    assert logged_in_user_id(client) is None

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert subject in mail.subject
    assert {"cs": "/cs/ucet/", "en": "/en/account/"}[language] + "confirm-email/" in mail.body


@pytest.mark.django_db
def test_signup_page_is_in_portal_layout_and_czech(client):
    response = client.get(url_in("account_signup", "cs"))
    page = assert_accessible_page(response)
    html = response.content.decode()
    assert '<html lang="cs">' in html
    assert 'class="breadcrumbs"' in html and "Zaregistrovat se" in html
    assert 'class="panel"' in html and 'class="form-actions"' in html
    assert 'for="id_email"' in html and 'for="id_password1"' in html and 'for="id_password2"' in html
    # The honeypot stays in the form but out of sight and out of the accessibility tree.
    assert re.search(r'class="field honeypot" aria-hidden="true">\s*<input[^>]+name="phone_number"', html)
    assert ("id_phone_number", "text", False, True) in page.inputs


@pytest.mark.django_db
def test_signup_with_errors_shows_error_summary(client, mailoutbox):
    response = client.post(url_in("account_signup", "cs"), {
        "email": "neplatny-email", "password1": NEW_PASSWORD, "password2": "jine-heslo-nez-prvni",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html
    assert "field--error" in html
    assert not User.objects.filter(email="neplatny-email").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_filled_honeypot_creates_no_account(client, mailoutbox):
    response = client.post(url_in("account_signup", "cs"), {
        "email": "robot@example.cz", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "phone_number": "+420 777 000 000",
    })
    assert response.status_code == 302  # the bot is told it worked
    assert not User.objects.filter(email="robot@example.cz").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_login_is_impossible_before_confirmation(client, mailoutbox):
    sign_up(client)
    client.logout()

    response = client.post(url_in("account_login", "cs"), {"login": "nova.osoba@example.cz",
                                                            "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == url_in("account_email_verification_sent", "cs")
    assert logged_in_user_id(client) is None
    assert client.get(url_in("accounts:profile", "cs")).status_code == 302


@pytest.mark.django_db
def test_confirmation_link_verifies_the_address_and_allows_login(client, mailoutbox):
    sign_up(client)
    link = re.search(r"https?://\S+/cs/ucet/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    confirm_page = client.get(f"/{path}")
    assert_accessible_page(confirm_page)
    assert "nova.osoba@example.cz" in confirm_page.content.decode()
    assert client.post(f"/{path}").status_code == 302
    assert EmailAddress.objects.get(email="nova.osoba@example.cz").verified

    response = client.post(url_in("account_login", "cs"), {"login": "nova.osoba@example.cz",
                                                            "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url_in("accounts:profile", "cs")
    assert logged_in_user_id(client) == str(User.objects.get(email="nova.osoba@example.cz").pk)


# --- Profile ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_requires_login(client):
    profile = url_in("accounts:profile", "cs")
    response = client.get(profile)
    assert response.status_code == 302
    assert response["Location"] == f"{url_in('account_login', 'cs')}?next={profile}"


@pytest.mark.django_db
def test_profile_renders_for_logged_in_user(client, user):
    client.force_login(user)
    response = client.get(url_in("accounts:profile", "cs"))
    assert_accessible_page(response)
    html = response.content.decode()
    assert user.email in html
    assert 'name="display_name"' in html and 'name="organisation"' in html
    assert 'name="role_text"' in html and 'name="language"' in html


@pytest.mark.django_db
def test_profile_saves_and_continues_in_the_chosen_language(client, user):
    client.force_login(user)
    response = client.post(url_in("accounts:profile", "cs"), {
        "display_name": "  Jana   Nováková ", "organisation": "Diakonie Kutná Hora",
        "role_text": "sociální pracovnice", "language": "en",
    })

    assert response.status_code == 302
    assert response["Location"] == url_in("accounts:profile", "en")
    user.refresh_from_db()
    assert user.display_name == "Jana Nováková"
    assert user.organisation == "Diakonie Kutná Hora"
    assert user.role_text == "sociální pracovnice"
    assert user.language == "en"

    page = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in page and "Your profile has been saved." in page


@pytest.mark.django_db
def test_profile_with_invalid_language_is_not_saved(client, user):
    client.force_login(user)
    response = client.post(url_in("accounts:profile", "cs"), {"display_name": "X", "language": "de"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    user.refresh_from_db()
    assert user.language == "cs"


# --- Verification of people in the admin ----------------------------------------------------------


def verify_action(client, *people):
    return client.post(url_in("admin:accounts_user_changelist", "cs"), {
        "action": "mark_verified", "_selected_action": [str(p.pk) for p in people],
    })


@pytest.mark.django_db
@pytest.mark.parametrize("made_by", ["trait", "roles"])
def test_regional_coordinator_verifies_people_in_admin(client, made_by):
    if made_by == "trait":
        coordinator = UserFactory(regional_coordinator=True)
    else:  # the same person, given the group directly
        coordinator = UserFactory(is_staff=True, verified=True, roles=[roles.REGIONAL_COORDINATOR])
    jana, petr = UserFactory(), UserFactory()
    already = UserFactory(verified=True)
    verified_at_before = already.verified_at
    client.force_login(coordinator)

    assert "mark_verified" in client.get(url_in("admin:accounts_user_changelist", "cs")).content.decode()
    response = verify_action(client, jana, petr, already)

    assert response.status_code == 302
    for person in (jana, petr):
        person.refresh_from_db()
        assert person.is_verified
        assert person.verified_by == coordinator
        assert person.verified_at is not None
    already.refresh_from_db()
    assert already.verified_at == verified_at_before and already.verified_by is None  # untouched


@pytest.mark.django_db
def test_plain_staff_user_may_not_verify(client):
    staff = UserFactory(is_staff=True)
    person = UserFactory()
    client.force_login(staff)

    assert client.get(url_in("admin:accounts_user_changelist", "cs")).status_code == 403
    assert verify_action(client, person).status_code == 403
    person.refresh_from_db()
    assert not person.is_verified and person.verified_by is None


@pytest.mark.django_db
def test_staff_who_may_edit_people_but_not_verify_gets_no_verify_action(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts",
                                                          codename__in=["view_user", "change_user"]))
    person = UserFactory()
    client.force_login(staff)

    assert "mark_verified" not in client.get(url_in("admin:accounts_user_changelist", "cs")).content.decode()
    verify_action(client, person)
    person.refresh_from_db()
    assert not person.is_verified


# --- Role groups --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_role_groups_exist_with_their_permissions():
    assert set(roles.role_permissions()) == {roles.REGIONAL_COORDINATOR, roles.COALITION_COORDINATOR,
                                           roles.MODERATOR, roles.PROVIDER_STAFF, roles.PLANNING_COORDINATOR,
                                           roles.QUALITY_METHODOLOGIST, roles.OSPOD_WORKER}
    for name, expected in roles.role_permissions().items():
        group = Group.objects.get(name=name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(expected), name


@pytest.mark.django_db
def test_regional_coordinator_factory_has_the_verify_permission(coordinator):
    assert coordinator.is_regional_coordinator
    assert coordinator.has_perm("accounts.verify_user")
    assert not UserFactory(is_staff=True).has_perm("accounts.verify_user")


# --- Password reset and change ------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_sends_mail_and_key_sets_new_password(client, verified_user, mailoutbox):
    page = client.get(url_in("account_reset_password", "cs"))
    assert_accessible_page(page)

    response = client.post(url_in("account_reset_password", "cs"), {"email": verified_user.email})

    assert response.status_code == 302
    assert response["Location"] == url_in("account_reset_password_done", "cs")
    assert_accessible_page(client.get(response["Location"]))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [verified_user.email]
    assert "E-mail pro reset hesla" in mailoutbox[0].subject

    link = re.search(r"https?://\S+/cs/ucet/password/reset/key/\S+/", mailoutbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    assert_accessible_page(form_page)
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert_accessible_page(client.get(response["Location"]))
    verified_user.refresh_from_db()
    assert verified_user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_password_change_page(client, user):
    client.force_login(user)
    url = url_in("account_change_password", "cs")
    assert_accessible_page(client.get(url))
    response = client.post(url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


# --- E-mail management and logout ------------------------------------------------------------------


@pytest.mark.django_db
def test_email_change_page_renders_for_logged_in_user(client, user):
    client.force_login(user)
    response = client.get(url_in("account_email", "cs"))
    assert_accessible_page(response)
    html = response.content.decode()
    assert user.email in html
    assert 'for="current_email"' in html and 'for="id_email"' in html


@pytest.mark.django_db
def test_email_change_sends_confirmation_to_new_address(client, user, mailoutbox):
    client.force_login(user)
    url = url_in("account_email", "cs")
    response = client.post(url, {"action_add": "", "email": "nova.adresa@example.cz"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["nova.adresa@example.cz"]]
    assert EmailAddress.objects.filter(user=user, email="nova.adresa@example.cz", verified=False).exists()

    # The pending change is shown, with its re-send form hidden by attribute (no inline style).
    page = client.get(url)
    assert_accessible_page(page)
    html = page.content.decode()
    assert "nova.adresa@example.cz" in html
    assert '<form hidden' in html


@pytest.mark.django_db
def test_email_page_requires_login(client):
    response = client.get(url_in("account_email", "cs"))
    assert response.status_code == 302
    assert response["Location"].startswith(url_in("account_login", "cs"))


@pytest.mark.django_db
def test_logout_confirmation_page_and_logout(client, user):
    client.force_login(user)
    assert_accessible_page(client.get(url_in("account_logout", "cs")))
    response = client.post(url_in("account_logout", "cs"))
    assert response.status_code == 302
    assert response["Location"] == url_in("portal:home", "cs")
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password",
                                  "account_email_verification_sent"])
def test_entrance_pages_in_portal_layout(client, name):
    response = client.get(url_in(name, "cs"))
    assert_accessible_page(response)
    html = response.content.decode()
    assert '<html lang="cs">' in html
    assert 'href="#main"' in html
    assert re.search(r'<li aria-current="page">\s*\S', html)  # Home › page title
