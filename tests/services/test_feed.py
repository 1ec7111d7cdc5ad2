"""How people and search engines find changes: the Atom feed of changed services and the registry sitemaps."""

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from services.models import Service
from services.sitemaps import ProviderSitemap, ServiceSitemap
from tests.services.factories import ServiceFactory, make_service

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_feed_lists_changed_services_newest_first(client):
    older, newer = ServiceFactory(name="Starší služba"), ServiceFactory(name="Novější služba")
    Service.objects.filter(pk=older.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    response = client.get("/en/services/changes/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Recently changed social services"
    assert "registry" in feed.find(f"{ATOM}subtitle").text
    items = entries(response)
    assert [item.find(f"{ATOM}title").text for item in items] == ["Novější služba", "Starší služba"]
    link = items[0].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/en/services/{newer.pk}-novejsi-sluzba/"
    assert items[0].find(f"{ATOM}summary").text == f"§ 49 homes for the elderly · {newer.provider.name}"
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_feed_is_in_the_language_of_its_address(client):
    ServiceFactory()
    feed = ET.fromstring(client.get("/cs/sluzby/zmeny/").content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cs"
    assert "/cs/sluzby/" in feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert "domovy pro seniory" in feed.find(f"{ATOM}entry/{ATOM}summary").text


def test_feed_marks_ended_services(client):
    make_service(valid_to=timezone.localdate() - dt.timedelta(days=1))
    summary = entries(client.get("/en/services/changes/"))[0].find(f"{ATOM}summary").text
    assert "ended on" in summary


def test_feed_holds_the_50_newest_in_one_query(client, django_assert_num_queries):
    ServiceFactory.create_batch(53)
    client.get("/en/services/changes/")  # warms the cache
    with django_assert_num_queries(1):
        response = client.get("/en/services/changes/")
    assert len(entries(response)) == 50


def test_empty_feed_is_valid(client):
    assert entries(client.get("/en/services/changes/")) == []


# --- Sitemaps (wired into portal/urls.py by the site's owner; called directly here) --------------------

SITE = SimpleNamespace(domain="socialni-sluzby.example.cz", name="portal")


def test_service_sitemap_lists_every_service_in_both_languages():
    active, ended = make_service(name="Domov Slunce"), make_service(
        name="Domov Měsíc", valid_to=timezone.localdate() - dt.timedelta(days=5))
    urls = ServiceSitemap().get_urls(site=SITE, protocol="https")
    locations = {entry["location"] for entry in urls}
    for service in (active, ended):
        for language in ("cs", "en"):
            with translation.override(language):
                assert f"https://socialni-sluzby.example.cz{service.get_absolute_url()}" in locations
    entry = urls[0]
    assert {alternate["lang_code"] for alternate in entry["alternates"]} == {"cs", "en", "x-default"}
    assert entry["lastmod"] is not None


def test_provider_sitemap_lists_every_provider_in_both_languages():
    service = make_service()
    urls = ProviderSitemap().get_urls(site=SITE, protocol="https")
    assert len(urls) == 2
    with translation.override("en"):
        english = f"https://socialni-sluzby.example.cz{service.provider.get_absolute_url()}"
    assert english in {entry["location"] for entry in urls}


def test_a_capacity_report_puts_the_service_on_top_of_the_feed(client):
    """Free places are data too: reporting them counts as a change of the record."""
    from services.models import CapacityReport

    reported, other = make_service(name="Hlásící služba"), ServiceFactory(name="Jiná služba")
    Service.objects.filter(pk=reported.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    assert entries(client.get("/en/services/changes/"))[0].find(f"{ATOM}title").text == other.name
    CapacityReport.record(service=reported, form="pob", unit="luzka", free_places=2)
    assert entries(client.get("/en/services/changes/"))[0].find(f"{ATOM}title").text == "Hlásící služba"


def test_feed_of_one_kraj(client):
    from territory.models import Obec

    make_service(name="Služba v Kladně")
    make_service(name="Služba na Táboře", obec=Obec.objects.get(pk=552496))
    titles = [e.find(f"{ATOM}title").text for e in entries(client.get("/en/services/changes/", {"kraj": 3034}))]
    assert titles == ["Služba na Táboře"]
    assert client.get("/en/services/changes/", {"kraj": "x"}).status_code == 404
    assert client.get("/en/services/changes/", {"kraj": "99"}).status_code == 404
    assert client.get("/en/services/changes/", {"kraj": "9" * 30}).status_code == 404
