"""End-to-end journeys in Debian's Chromium: sign-up, account pages and the site pages, each page checked
with axe-core, for one h1, visible focus and no CSP errors (the checks live in tests/browser.py).

Run only these: `pytest -m browser`; leave them out: `pytest -m "not browser"`.
"""

import re

import pytest

from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import NEW_PASSWORD, check_page, link_in_mail, log_in, path_of, submit

# transaction=True: the live server answers from another thread, so data must really be committed.
# serialized_rollback: the flush after each test would otherwise wipe the territory codelists and role
# groups that migrations load, and later tests (the territory picker) need them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

def test_signup_confirm_login_switch_language_logout(page, live_server, mailoutbox, axe_source):
    email = "jana.novakova@example.cz"

    page.goto(f"{live_server.url}/cs/")
    assert page.locator("html").get_attribute("lang") == "cs"
    check_page(page, axe_source)

    # Sign up from the header link.
    page.locator(".account-nav:visible").get_by_role("link", name=re.compile(r"^(Registrovat|Sign up)")).click()
    page.wait_for_url(re.compile(r"/cs/ucet/signup/$"))
    check_page(page, axe_source)
    page.get_by_label(re.compile(r"^E-mail")).fill(email)
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    submit(page)

    # "Verify your e-mail address" and the mail, in Czech.
    page.wait_for_url(re.compile(r"/cs/ucet/confirm-email/$"))
    check_page(page, axe_source)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [email]
    assert "Potvrďte" in mailoutbox[0].subject

    # The confirmation link asks to press a button (no confirmation on GET).
    page.goto(link_in_mail(mailoutbox[0], "/cs/ucet/confirm-email/", live_server))
    check_page(page, axe_source)
    assert email in page.locator("main").inner_text()
    submit(page)

    # Confirmed: log in and land on the profile.
    page.wait_for_url(re.compile(r"/cs/ucet/login/$"))
    check_page(page, axe_source)
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(NEW_PASSWORD)
    submit(page)
    page.wait_for_url(re.compile(r"/cs/ucet/profil/$"))
    check_page(page, axe_source)
    assert email in page.locator("main").inner_text()

    # English through the header switch: the same page, in English.
    page.locator(".language-switch:visible").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/account/profile/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    check_page(page, axe_source, h1=r"^Your profile$")
    assert page.get_by_role("button", name="Save profile").is_visible()

    # Log out with the header button.
    page.locator(".account-nav:visible").get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/en/$"))
    check_page(page, axe_source)
    assert page.locator(".account-nav a[href='/en/account/login/']:visible").is_visible()
    assert page.locator(".account-nav form").count() == 0
    page.goto(f"{live_server.url}/en/account/profile/")
    assert path_of(page.url) == "/en/account/login/"


def test_account_pages(page, live_server, mailoutbox, axe_source):
    """The allauth pages the journey above does not pass through."""
    user = UserFactory(email="petr.svoboda@example.cz")

    page.goto(f"{live_server.url}/cs/ucet/login/")
    check_page(page, axe_source)
    page.locator("main a[href='/cs/ucet/password/reset/']").click()
    page.wait_for_url(re.compile(r"/cs/ucet/password/reset/$"))
    check_page(page, axe_source)

    # A failed submission: the error summary must pass too.
    submit(page)
    assert page.locator(".error-summary").is_visible()
    check_page(page, axe_source)

    page.locator("#id_email").fill(user.email)
    submit(page)
    page.wait_for_url(re.compile(r"/cs/ucet/password/reset/done/$"))
    check_page(page, axe_source)
    assert len(mailoutbox) == 1

    page.goto(link_in_mail(mailoutbox[0], "/cs/ucet/password/reset/key/", live_server))
    check_page(page, axe_source)  # the "set a new password" form
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    submit(page)
    page.wait_for_url(re.compile(r"/cs/ucet/password/reset/key/done/$"))
    check_page(page, axe_source)

    log_in(page, live_server, user.email, NEW_PASSWORD)

    page.goto(f"{live_server.url}/cs/ucet/email/")
    check_page(page, axe_source)
    page.locator("#id_email").fill("petr.svoboda@example.org")
    page.locator("main button[name='action_add']").click()
    page.wait_for_load_state()
    check_page(page, axe_source)  # with the pending change and its hidden re-send form
    assert page.locator("#current_email").input_value() == user.email
    assert page.locator("#new_email").input_value() == "petr.svoboda@example.org"

    page.goto(f"{live_server.url}/cs/ucet/password/change/")
    check_page(page, axe_source)
    page.locator("#id_oldpassword").fill(NEW_PASSWORD)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    page.wait_for_load_state()
    check_page(page, axe_source)
    assert page.locator(".message--success").count() == 1
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    page.goto(f"{live_server.url}/cs/ucet/logout/")
    check_page(page, axe_source)
    submit(page)
    page.wait_for_url(re.compile(r"/cs/$"))
    assert page.locator(".account-nav a[href='/cs/ucet/login/']:visible").is_visible()


@pytest.mark.parametrize("path", [
    "/cs/",
    "/cs/o-portalu/",
    "/cs/prohlaseni-o-pristupnosti/",
    "/cs/kontakt/",
    "/cs/uzemi/?kraj=3026",
    "/cs/tato-stranka-neexistuje/",
])
def test_site_pages_pass_axe(page, live_server, axe_source, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == (404 if "neexistuje" in path else 200)
    assert page.locator("html").get_attribute("lang") == "cs"
    check_page(page, axe_source)
