"""Saved searches and the daily e-mail when their services free up places (services/views/alerts.py,
services/emails.py, manage.py send_free_place_alerts)."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from services import emails
from services.models import CapacityReport, SavedSearch, ServiceType
from tests.i18n import english
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

SHELTER, HOME_FOR_ELDERLY = "DruhSocialniSluzby/20", "DruhSocialniSluzby/13"
ORP_KLADNO = 2109


def shelter(name, **fields):
    return make_service(name=name, service_type=ServiceType.objects.get(code=SHELTER), **fields)


def report(service, free):
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=free)


@pytest.fixture
def search(client, verified_user):
    """The person saves "shelters in ORP Kladno" from the search page (shelter A is free already)."""
    shelter("Azylový dům A", free_places=2)
    client.force_login(verified_user)
    response = client.post("/en/saved-searches/", {"name": "Azylové domy Kladno", "alerts": "on",
                                                   "query": f"type={SHELTER}&orp={ORP_KLADNO}"})
    assert response.status_code == 302
    return SavedSearch.objects.get()


def run(**kwargs):
    return emails.send_free_place_alerts(**kwargs)


def test_saving_a_search_from_the_search_page(client, verified_user):
    client.force_login(verified_user)
    html = client.get("/en/services/", {"type": SHELTER}).content.decode()
    assert 'action="/en/saved-searches/"' in html and "E-mail me when places free up" in html
    assert re.search(r'name="query" value="type=\d+"', html)


def test_anonymous_visitors_are_invited_to_log_in(client):
    html = client.get("/en/services/", {"type": SHELTER}).content.decode()
    assert "Log in to save this search" in html and 'action="/en/saved-searches/"' not in html
    assert client.post("/en/saved-searches/", {"name": "x", "query": ""}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_search_without_a_name_is_not_saved(client, verified_user):
    client.force_login(verified_user)
    response = client.post("/en/saved-searches/", {"name": "", "query": "type=1"})
    assert response.status_code == 400 and not SavedSearch.objects.exists()


def test_one_mail_lists_the_services_that_newly_have_places(search, mailoutbox, verified_user):
    b, c = shelter("Azylový dům B"), shelter("Azylový dům C")
    make_service(name="Domov pro seniory", free_places=5)  # another type: not in the search
    report(b, 1)
    report(c, 4)
    assert run() == (1, 1)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [verified_user.email]
    assert "Azylové domy Kladno" in mail.subject
    assert "Azylový dům B" in mail.body and "Azylový dům C" in mail.body
    assert "Azylový dům A" not in mail.body  # it had free places when the search was saved
    assert "Domov pro seniory" not in mail.body
    assert "/ulozena-hledani/odhlasit/" in mail.body and mail.extra_headers["List-Unsubscribe"]


def test_nothing_new_means_no_mail(search, mailoutbox):
    assert run() == (1, 0)
    assert mailoutbox == []


def test_running_twice_a_day_mails_once(search, mailoutbox):
    report(shelter("Azylový dům B"), 1)
    assert run() == (1, 1)
    assert run() == (0, 0)
    call_command("send_free_place_alerts")
    assert len(mailoutbox) == 1


def test_next_day_only_services_that_freed_up_since(search, mailoutbox):
    b = shelter("Azylový dům B")
    report(b, 1)
    run()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert run(today=tomorrow) == (1, 0)  # B still free: not news
    report(b, 0)
    run(today=tomorrow + dt.timedelta(days=1))  # B full
    report(b, 2)
    assert run(today=tomorrow + dt.timedelta(days=2)) == (1, 1)  # B free again: news
    assert len(mailoutbox) == 2 and "Azylový dům B" in mailoutbox[1].body


def test_searches_without_alerts_are_not_checked(search, mailoutbox):
    SavedSearch.objects.update(alerts=False)
    report(shelter("Azylový dům B"), 1)
    assert run() == (0, 0)


def test_the_mail_is_in_the_persons_language(search, mailoutbox, verified_user):
    verified_user.language = "en"
    verified_user.save()
    report(shelter("Azylový dům B"), 1)
    run()
    assert "Free places: Azylové domy Kladno" == mailoutbox[0].subject
    assert "/en/saved-searches/unsubscribe/" in mailoutbox[0].body


def test_unsubscribe_works_without_logging_in(client, search, mailoutbox):
    report(shelter("Azylový dům B"), 1)
    run()
    link = re.search(r"https?://\S+/ulozena-hledani/odhlasit/\S+/", mailoutbox[0].body).group(0)
    path = english(link[link.index("/", 8):])
    client.logout()
    response = client.get(path)
    assert response.status_code == 200 and "Stop these e-mails" in response.content.decode()
    search.refresh_from_db()
    assert search.alerts  # a GET (a link scanner) changes nothing
    assert client.post(path).status_code == 302
    search.refresh_from_db()
    assert not search.alerts


@pytest.mark.parametrize("token", ["nonsense", "1:abc:def"])
def test_a_bad_unsubscribe_link_says_so(client, token):
    response = client.get(f"/en/saved-searches/unsubscribe/{token}/")
    assert response.status_code == 400 and "This link is not valid" in response.content.decode()


def test_saved_searches_are_listed_switched_and_removed(client, search, verified_user, user):
    html = client.get("/en/saved-searches/").content.decode()
    assert "Azylové domy Kladno" in html
    assert search.get_search_url() in html.replace("&amp;", "&")
    client.post(f"/en/saved-searches/{search.pk}/notifications/", {"alerts": "off"})
    search.refresh_from_db()
    assert not search.alerts
    client.force_login(user)  # someone else cannot remove it
    assert client.post(f"/en/saved-searches/{search.pk}/delete/").status_code == 404
    client.force_login(verified_user)
    assert client.post(f"/en/saved-searches/{search.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_profile_links_saved_searches(client, verified_user):
    client.force_login(verified_user)
    assert 'href="/en/saved-searches/"' in client.get("/en/account/profile/").content.decode()


def test_the_saved_searches_page_runs_fixed_queries(client, verified_user, django_assert_num_queries):
    client.force_login(verified_user)
    for number in range(10):
        SavedSearch.objects.create(user=verified_user, name=f"Hledání {number}", query="free=on")
    client.get("/en/saved-searches/")
    with django_assert_num_queries(3):  # session, user, searches
        client.get("/en/saved-searches/")


def test_a_person_keeps_at_most_50_searches(client, verified_user):
    SavedSearch.objects.bulk_create([SavedSearch(user=verified_user, name=f"H{n}") for n in range(50)])
    client.force_login(verified_user)
    response = client.post("/en/saved-searches/", {"name": "One more", "query": ""})
    assert response.status_code == 400 and "at most 50 saved searches" in response.content.decode()
    assert SavedSearch.objects.count() == 50
