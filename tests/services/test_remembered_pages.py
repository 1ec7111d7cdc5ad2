"""What a service page and the capacity overview show of the data is read once per generation and kept in
memory (core.pagecache.remember), so signed-in people, whose pages are never cached whole, get them without
most of the queries; and the next response after a change shows the change."""

import pytest
from django.urls import reverse
from django.utils import translation

from services.models import CapacityReport
from tests.network.factories import make_membership
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


def capacity_url(**query):
    with translation.override("en"):
        return reverse("services:capacity") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query
                                               else "")


def test_a_signed_in_person_gets_the_service_page_from_memory(client, verified_user, django_assert_num_queries):
    home = make_service(name="Domov Alfa", free_places=3)
    client.force_login(verified_user)
    client.get(home.get_absolute_url())  # reads the record; warms the region name and demo marker
    # The session (from the database in the tests; production reads it through the cache); the person is
    # remembered (accounts/backends.py), the forum threads about the service type too (discussions' template tag).
    with django_assert_num_queries(1):
        response = client.get(home.get_absolute_url())
    assert response.status_code == 200 and "Domov Alfa" in response.content.decode()


def test_the_kept_correction_form_is_in_the_page_language_and_an_invalid_one_is_the_senders_own(client):
    home = make_service(name="Domov Alfa")
    with translation.override("en"):
        english, correction = home.get_absolute_url(), reverse("services:correction", args=[home.pk])
    with translation.override("cs"):
        czech = home.get_absolute_url()
    for _round in range(2):  # the second round reads the kept forms
        assert "What is wrong in this record" in client.get(english).content.decode()
        assert "Co je v záznamu špatně" in client.get(czech).content.decode()
    response = client.post(correction, {"message": "", "name": "Jana <b>"})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="Jana &lt;b&gt;"' in page
    assert 'value="Jana' not in client.get(english).content.decode()  # nobody else gets the sender's form


def test_a_new_thread_about_the_service_type_shows_on_the_next_service_page(client, verified_user):
    from tests.discussions.factories import ThreadFactory

    home = make_service(name="Domov Alfa")
    with translation.override("en"):
        address = home.get_absolute_url()
    client.force_login(verified_user)
    assert "Related discussions" not in client.get(address).content.decode()
    ThreadFactory(title="Zkušenosti s odlehčovací službou", service_type=home.service_type)
    page = client.get(address).content.decode()
    assert "Related discussions" in page and "Zkušenosti s odlehčovací službou" in page


def test_a_capacity_report_shows_on_the_next_service_page(client, verified_user):
    home = make_service(name="Domov Alfa", free_places=3)
    client.force_login(verified_user)
    with translation.override("en"):
        address = home.get_absolute_url()
    before = client.get(address).content.decode()
    CapacityReport.record(service=home, form="pob", unit="luzka", free_places=7)
    after = client.get(address)
    assert after.context["service"].current_free_places == 7
    assert after.content.decode() != before  # the drawn record too (services/_service_record.html)


def test_a_network_line_shows_on_the_next_service_page(client, verified_user):
    home = make_service(name="Domov Alfa")
    client.force_login(verified_user)
    client.get(home.get_absolute_url())
    make_membership(home, capacity=12)
    sections = client.get(home.get_absolute_url()).context["contributed_sections"]
    assert [line.capacity for line in sections[0]["lines"]] == [12]


def test_a_signed_in_person_gets_the_capacity_tables_from_memory(client, verified_user, django_assert_num_queries):
    make_service(name="Domov Alfa", free_places=3)
    client.force_login(verified_user)
    client.get(capacity_url(kraj=3026))  # counts the tables; warms the codelists, region name, demo marker
    # The session (from the database in the tests); the person is remembered, the filter form is drawn with the
    # tables (its okresy are not asked for again).
    with django_assert_num_queries(1):
        response = client.get(capacity_url(kraj=3026))
    assert response.context["territory"].total.services == 1


def test_a_capacity_report_shows_in_the_next_capacity_tables(client, verified_user):
    home = make_service(name="Domov Alfa", free_places=3, as_of=None)
    client.force_login(verified_user)
    before = client.get(capacity_url(kraj=3026)).content.decode()
    CapacityReport.record(service=home, form="pob", unit="luzka", free_places=9)
    after = client.get(capacity_url(kraj=3026)).content.decode()
    assert before != after


def test_a_kept_filter_form_still_reports_a_bad_okres_each_time(client, verified_user):
    """The bound filter form is kept per query: the same bad query gets its error every time, a good one after
    it gets none, and the tables of the kraj still count."""
    make_service(name="Domov Alfa", free_places=3)
    client.force_login(verified_user)
    for _round in range(2):
        response = client.get(capacity_url(kraj=3026, okres=40703))  # an okres of another kraj
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
        assert response.context["territory"].total.services == 1
    good = client.get(capacity_url(kraj=3026))
    assert 'class="error-summary"' not in good.content.decode()
