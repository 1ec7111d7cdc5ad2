"""Site-wide pages, language switch, security headers, robots, sitemap, healthz and error pages."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from portal.models import ContactMessage, DemoDataset

SITE_PAGES = [
    "portal:home", "portal:about", "portal:accessibility", "portal:contact",
    "services:index", "services:capacity", "coalitions:index", "coalitions:events", "discussions:index",
    "territory:index", "account_login", "account_signup", "account_reset_password",
]


def url_in(name, language):
    with translation.override(language):
        return reverse(name)


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["cs", "en"])
@pytest.mark.parametrize("name", SITE_PAGES)
def test_every_site_page_renders_in_both_languages(client, name, language):
    url = url_in(name, language)
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert h1_count(html) == 1
    assert 'href="#main"' in html  # skip link
    assert 'class="language-switch"' in html


@pytest.mark.django_db
def test_czech_is_the_default_and_pages_are_translated(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/cs/"
    html = client.get("/cs/").content.decode()
    assert "Služby" in html and "Kapacity" in html and "Koalice" in html and "Akce" in html and "Diskuse" in html
    assert "Přeskočit na hlavní obsah" in html
    english = client.get("/en/").content.decode()
    assert "Services" in english and "Skip to main content" in english


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/cs/o-portalu/").content.decode()
    assert 'href="/en/about/" hreflang="en"' in html
    assert 'hreflang="en" href="http' in html  # <link rel="alternate">
    english = client.get("/en/about/").content.decode()
    assert 'href="/cs/o-portalu/" hreflang="cs"' in english


@pytest.mark.django_db
def test_language_switch_keeps_the_query_string(client):
    html = client.get("/cs/sluzby/?q=azylov%C3%BD+d%C5%AFm").content.decode()
    assert 'href="/en/services/?q=azylov%C3%BD+d%C5%AFm"' in html


@pytest.mark.django_db
def test_navigation_marks_the_current_section(client):
    html = client.get("/cs/koalice/").content.decode()
    assert re.search(r'<a href="/cs/koalice/" aria-current="page">Koalice</a>', html)
    assert 'href="/cs/diskuse/" aria-current' not in html


@pytest.mark.django_db
def test_the_navigation_drawn_once_per_process_follows_the_page_and_the_language(client):
    """The main navigation is drawn once per language and section and kept (portal.templatetags.portal): the
    kept copy must still mark each page's own section, in the page's language, in both header copies."""
    for _round in range(2):  # the second round is served from the kept copies
        czech = client.get("/cs/diskuse/").content.decode()
        english = client.get("/en/forum/").content.decode()
        home = client.get("/en/").content.decode()
        assert czech.count('<a href="/cs/diskuse/" aria-current="page">Diskuse</a>') == 2
        assert 'href="/cs/koalice/" aria-current' not in czech
        assert english.count('<a href="/en/forum/" aria-current="page">Discussions</a>') == 2
        assert '<a href="/en/services/">Services</a>' in english
        assert 'aria-current="page">' not in home.split("<main")[0]  # no section is the home page's


@pytest.mark.django_db
def test_the_header_tools_drawn_once_per_request_are_each_persons_own(client):
    from tests.accounts.factories import UserFactory

    for name in ("Alena První", "Bohdan Druhý"):
        client.force_login(UserFactory(display_name=name))
        header = client.get("/cs/o-portalu/").content.decode().split("<main")[0]
        assert header.count(name) == 2  # the desktop bar and the phone menu
        assert header.count('name="csrfmiddlewaretoken"') == 2
    client.logout()
    header = client.get("/cs/o-portalu/").content.decode().split("<main")[0]
    assert "Bohdan Druhý" not in header and header.count("Přihlásit") >= 2


@pytest.mark.django_db
def test_home_search_box_goes_to_the_registry(client):
    html = client.get("/cs/").content.decode()
    assert 'action="/cs/sluzby/"' in html and 'name="q"' in html
    response = client.get("/cs/sluzby/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_home_sections_say_nothing_yet_when_empty(client):
    html = client.get("/cs/").content.decode()
    assert "Zatím nejsou naplánována žádná setkání ani akce." in html
    assert "Zatím nezačala žádná diskuse." in html


@pytest.mark.django_db
def test_home_shows_the_newest_public_threads_and_not_members_only_ones(client):
    from tests.discussions.factories import BoardFactory, ThreadFactory

    ThreadFactory(title="Jak na odlehčovací služby o prázdninách")
    private_board = BoardFactory(coalition__visibility="members")
    ThreadFactory(title="Interní věc koalice", category=private_board)
    html = client.get("/cs/").content.decode()
    assert "Jak na odlehčovací služby o prázdninách" in html
    assert "Interní věc koalice" not in html
    assert "Zatím nezačala žádná diskuse." not in html


@pytest.mark.django_db
def test_security_headers_on_every_response(client):
    for url in ["/cs/", "/en/contact/", "/cs/neexistuje/", "/healthz"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_no_inline_styles_or_scripts_in_pages(client):
    html = client.get("/cs/").content.decode()
    assert "style=" not in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_static_files_have_hashed_names(client):
    html = client.get("/cs/").content.decode()
    assert re.search(r'/static/css/portal\.[0-9a-f]{12}\.css', html)


@pytest.mark.django_db
@pytest.mark.parametrize("language,text", [("cs", "Stránka nenalezena"), ("en", "Page not found")])
def test_unknown_page_renders_the_friendly_404(client, language, text):
    response = client.get(f"/{language}/tohle-neexistuje/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'class="site-header"' in html and h1_count(html) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/en/services/?q=a%00b", "/en/services/?kraj%00=1", "/en/forum/?x=%00",
                                     "/en/admin/services/service/?status=%00"])
def test_a_nul_byte_in_the_address_is_a_400_page_with_a_message(admin_client, address):
    response = admin_client.get(address)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The request could not be read" in html and "Nothing was saved" in html
    assert h1_count(html) == 1


@pytest.mark.django_db
def test_server_error_page_is_bilingual_and_standalone(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "na serveru nastala chyba" in html and "something went wrong" in html


@pytest.mark.django_db
def test_healthz_reports_the_database_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in response.cookies
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_returns_503_when_the_database_fails(client):
    with mock.patch("portal.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://socialni-sluzby.example.cz"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://socialni-sluzby.example.cz/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_pages_in_both_languages_and_orps(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "/cs/prohlaseni-o-pristupnosti/" in xml and "/en/accessibility-statement/" in xml
    assert 'hreflang="en"' in xml
    assert "/cs/uzemi/orp/2101-benesov/" in xml


@pytest.mark.django_db
def test_accessibility_statement_names_the_law_and_the_dates(client):
    html = client.get("/cs/prohlaseni-o-pristupnosti/").content.decode()
    assert "99/2019 Sb." in html
    assert "WCAG 2.1" in html
    assert "26. listopadu 2026" in html


@pytest.mark.django_db
def test_demo_banner_only_when_demo_data_is_loaded(client):
    assert "demo-banner" not in client.get("/cs/").content.decode()
    DemoDataset.objects.create(scale="demo", seed=1)
    from django.core.cache import cache

    cache.clear()
    html = client.get("/cs/").content.decode()
    assert "demo-banner" in html and "Ukázková data" in html


@pytest.mark.django_db
def test_contact_form_stores_and_mails_the_message(client, settings, django_capture_on_commit_callbacks):
    settings.CONTACT_EMAIL = "kraj@example.cz"
    data = {"name": "Jana Nováková", "email": "jana@example.cz", "subject": "Oprava kapacity",
            "message": "Azylový dům má od ledna 30 lůžek.", "website": ""}
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit, from a task
        response = client.post("/cs/kontakt/", data, follow=True)
    assert response.status_code == 200
    assert "Děkujeme" in response.content.decode()
    stored = ContactMessage.objects.get()
    assert stored.subject == "Oprava kapacity" and stored.language == "cs"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kraj@example.cz"]
    assert "30 lůžek" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Kontaktní formulář: Oprava kapacity"


@pytest.mark.django_db
def test_contact_form_errors_are_summarised(client):
    response = client.post("/cs/kontakt/", {"name": "", "email": "not-an-email", "subject": "", "message": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html
    assert ContactMessage.objects.count() == 0


@pytest.mark.django_db
def test_contact_honeypot_silently_drops_spam(client, django_capture_on_commit_callbacks):
    data = {"name": "Bot", "email": "bot@example.cz", "subject": "Win", "message": "Spam", "website": "x"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cs/kontakt/", data)
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0 and len(mail.outbox) == 0


@pytest.mark.django_db
def test_contact_form_is_rate_limited(client):
    data = {"name": "Jana", "email": "jana@example.cz", "subject": "S", "message": "M", "website": ""}
    for _ in range(5):
        assert client.post("/cs/kontakt/", data).status_code == 302
    response = client.post("/cs/kontakt/", data)
    assert response.status_code == 429
    assert ContactMessage.objects.count() == 5


@pytest.mark.django_db
def test_contact_message_is_kept_when_mail_fails(client, django_capture_on_commit_callbacks):
    data = {"name": "Jana", "email": "jana@example.cz", "subject": "S", "message": "M", "website": ""}
    with (mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                     side_effect=OSError("SMTP down")) as send,
          django_capture_on_commit_callbacks(execute=True)):
        response = client.post("/cs/kontakt/", data)
    assert response.status_code == 302 and send.called
    assert ContactMessage.objects.count() == 1


@pytest.mark.django_db
def test_no_model_changes_without_a_migration():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero on pending changes
    assert "No changes detected" in out.getvalue()
