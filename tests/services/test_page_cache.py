"""Public registry pages are cached for anonymous visitors and invalidated by any change of the data."""

import re

import pytest
from django.test import Client

from services.models import CapacityReport
from tests.i18n import english
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


@pytest.mark.parametrize("path", ["/cs/sluzby/", "/cs/kapacity/", "/cs/kapacity/orp/2109-kladno/",
                                  "/cs/sluzby/zmeny/"])
def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries, path):
    make_service(name="Domov Alfa", free_places=2)
    first = client.get(path)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second.headers


def test_a_new_capacity_report_invalidates_cached_pages(client):
    service = make_service(name="Domov Alfa", free_places=2)
    assert "Domov Alfa" in client.get("/en/services/", {"free": "on"}).content.decode()
    client.get(service.get_absolute_url())
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=0)
    fresh = client.get("/en/services/", {"free": "on"})
    assert fresh["X-Page-Cache"] == "miss" and "Domov Alfa" not in fresh.content.decode()
    assert client.get(service.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_forum_thread_about_the_service_type_reaches_the_cached_service_page(client):
    """The service page lists the public threads about its service type (discussions' related_threads)."""
    from tests.discussions.factories import ThreadFactory

    service = make_service(name="Domov Alfa")
    url = english(service.get_absolute_url())
    assert "Related discussions" not in client.get(url).content.decode()
    ThreadFactory(title="Zkušenosti s domovy pro seniory", service_type=service.service_type)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Zkušenosti s domovy pro seniory" in response.content.decode()


def test_signed_in_people_always_get_a_fresh_page(client, user):
    make_service(name="Domov Alfa")
    client.get("/cs/sluzby/")
    client.force_login(user)
    response = client.get("/cs/sluzby/")
    assert "X-Page-Cache" not in response.headers
    assert user.public_name in response.content.decode()


def test_each_visitor_gets_a_working_csrf_token_from_a_cached_page():
    service = make_service(name="Domov Alfa")
    first_visitor = Client(enforce_csrf_checks=True)
    first_visitor.get(service.get_absolute_url())
    second_visitor = Client(enforce_csrf_checks=True)
    page = second_visitor.get(service.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = second_visitor.post(f"/cs/sluzby/{service.pk}/oprava/", {
        "csrfmiddlewaretoken": token, "message": "Telefon už neplatí.", "name": "", "email": "", "website": ""})
    assert response.status_code == 302
    assert service.corrections.count() == 1
