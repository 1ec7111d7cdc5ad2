"""The service search in a real browser: facets, places, the map with Leaflet, keyboard only, axe in cs and en."""

import base64
import re

import pytest
from django.utils import timezone

from services.models import Facility, ServiceType
from territory.models import Kraj, Obec
from tests.browser import assert_no_axe_violations, assert_no_console_problems, check_page
from tests.services.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KLADNO, SLANY, TABOR = 532053, 532819, 552496
ORP_KLADNO = 2109
# A 1×1 transparent PNG served instead of map tiles: the tests run offline.
TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def service(name, *, type_code="DruhSocialniSluzby/13", obec=KLADNO, location=None, **fields):
    created = make_service(name=name, service_type=ServiceType.objects.get(code=type_code),
                           obec=Obec.objects.get(pk=obec), **fields)
    if location:
        Facility.objects.filter(service=created).update(latitude=location[0], longitude=location[1])
    return created


@pytest.fixture
def registry(db):
    today = timezone.localdate()
    return {
        "home": service("Domov pro seniory Kladno", forms=("pob",), target_groups=("CilovaSkupinaOsoby/24",),
                        free_places=2, as_of=today, location=("50.147300", "14.102800")),
        "full": service("Domov U Lípy Kladno", forms=("pob",), free_places=0, as_of=today),
        "shelter": service("Azylový dům Slaný", type_code="DruhSocialniSluzby/20", obec=SLANY,
                           location=("50.230600", "14.086900")),
        "south": service("Domov pro seniory Tábor", obec=TABOR, free_places=4, as_of=today),
    }


def results(page) -> list[str]:
    return page.locator(".service-card__title a").all_inner_texts()


def submit_filters(page):
    page.locator(".search-filters button[type=submit]").click()
    page.wait_for_load_state()


def test_search_with_facets_then_open_a_result(page, live_server, axe_source, registry):
    page.goto(f"{live_server.url}/cs/sluzby/")
    check_page(page, axe_source, h1="Sociální služby")
    assert len(results(page)) == 4

    page.locator("#id_q").fill("kladno")
    page.locator(".search-filters").get_by_label(re.compile(r"^\s*(pobytová|residential)")).check()
    page.locator(".search-box button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=kladno.*form=pob"))
    check_page(page, axe_source)
    assert sorted(results(page)) == ["Domov U Lípy Kladno", "Domov pro seniory Kladno"]
    assert "2" in page.get_by_role("status").inner_text()

    # Narrow by a service type; the state is in the URL, so the back button restores the previous search.
    page.locator(".search-filters").get_by_label(re.compile(r"^\s*domovy pro seniory")).check()
    submit_filters(page)
    assert re.search(r"type=\d+", page.url)
    page.go_back()
    page.wait_for_url(re.compile(r"q=kladno"))
    assert not re.search(r"type=\d+", page.url)
    assert page.locator("#id_q").input_value() == "kladno"

    link = page.get_by_role("link", name="Domov pro seniory Kladno", exact=True)
    assert link.get_attribute("href") == registry["home"].get_absolute_url()

    # Search → service detail → its provider, each page checked.
    link.click()
    page.wait_for_url(re.compile(re.escape(registry["home"].get_absolute_url()) + "$"))
    check_page(page, axe_source, h1="Domov pro seniory Kladno")
    provider = registry["home"].provider
    page.locator("main").get_by_role("link", name=provider.name, exact=True).first.click()
    page.wait_for_url(re.compile(re.escape(provider.get_absolute_url()) + "$"))
    check_page(page, axe_source, h1=re.escape(provider.name))


def test_filter_by_orp_and_free_places_without_javascript_narrowing(page, live_server, axe_source, registry):
    page.goto(f"{live_server.url}/cs/sluzby/")
    page.locator("#id_kraj").select_option(str(Kraj.objects.get(nuts3="CZ020").pk))
    submit_filters(page)
    assert results(page) == ["Azylový dům Slaný", "Domov pro seniory Kladno", "Domov U Lípy Kladno"]  # Czech order
    # The ORP list now offers the ORP of the chosen kraj, each with its count.
    assert re.match(r"Kladno \(2\)", page.locator(f"#id_orp option[value='{ORP_KLADNO}']").inner_text())
    page.locator("#id_orp").select_option(str(ORP_KLADNO))
    page.locator("#id_free").check()
    submit_filters(page)
    assert f"orp={ORP_KLADNO}" in page.url and "free=on" in page.url
    assert results(page) == ["Domov pro seniory Kladno"]
    check_page(page, axe_source)


def test_with_javascript_the_place_narrows_in_place(page, live_server, registry):
    page.goto(f"{live_server.url}/en/services/")
    assert page.locator("#id_orp").count() == 0
    address = page.url
    page.locator("#id_kraj").focus()
    page.locator("#id_kraj").select_option(str(Kraj.objects.get(nuts3="CZ020").pk))
    # The next levels arrive without leaving the page, with their counts; the focus stays where it was.
    page.locator(f"#id_orp option[value='{ORP_KLADNO}']").wait_for(state="attached")
    assert page.url == address
    assert re.match(r"Kladno \(2\)", page.locator(f"#id_orp option[value='{ORP_KLADNO}']").inner_text())
    assert page.evaluate("document.activeElement.id") == "id_kraj"
    page.locator("#id_orp").select_option(str(ORP_KLADNO))
    submit_filters(page)
    assert f"orp={ORP_KLADNO}" in page.url
    assert results(page) == ["Domov pro seniory Kladno", "Domov U Lípy Kladno"]
    assert_no_console_problems(page)


def test_without_javascript_the_place_narrows_after_show_results(browser, live_server, registry, settings):
    settings.STORAGES = {**settings.STORAGES,  # as the page fixture: the CSS by its source name
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/services/")
    page.locator("#id_kraj").select_option(str(Kraj.objects.get(nuts3="CZ020").pk))
    page.wait_for_timeout(300)
    assert page.locator("#id_orp").count() == 0  # nothing happens until the form is sent
    submit_filters(page)
    assert page.locator(f"#id_orp option[value='{ORP_KLADNO}']").count() == 1
    context.close()


def test_map_view_draws_markers_with_leaflet(page, live_server, axe_source, registry):
    page.context.route(re.compile(r"^https://tile\.openstreetmap\.org/"),
                       lambda route: route.fulfill(status=200, content_type="image/png", body=TILE))
    page.goto(f"{live_server.url}/cs/sluzby/")
    page.get_by_role("link", name=re.compile(r"^(Mapa|Map)$")).click()
    page.wait_for_url(re.compile(r"view=map"))
    page.locator("#service-map.leaflet-container").wait_for()
    markers = page.locator("#service-map .leaflet-marker-icon")
    assert markers.count() == 2
    assert sorted(markers.evaluate_all("icons => icons.map(i => i.alt)")) == ["Azylový dům Slaný",
                                                                                "Domov pro seniory Kladno"]
    # Two of the four services have no coordinates: the page says so and lists them.
    unlocated = page.locator(".map-unlocated li").all_inner_texts()
    assert sorted(unlocated) == ["Domov U Lípy Kladno", "Domov pro seniory Tábor"]
    assert_no_console_problems(page)
    check_page(page, axe_source)

    # The markers and the zoom buttons work from the keyboard, with a visible focus.
    marker = page.get_by_role("button", name="Domov pro seniory Kladno")
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.get_attribute("href").endswith(registry["home"].get_absolute_url())
    for control in [marker, page.locator(".leaflet-control-zoom-in")]:
        control.focus()
        assert control.evaluate("el => getComputedStyle(el).outlineStyle !== 'none' || "
                                "getComputedStyle(el).boxShadow !== 'none'")
    assert_no_axe_violations(page, axe_source)  # with the popup open
    assert_no_console_problems(page)

    # When no result has a location there is no empty map, only the lists.
    page.goto(f"{live_server.url}/cs/sluzby/?q=tabor&view=map")
    assert page.locator(".map-unlocated li").all_inner_texts() == ["Domov pro seniory Tábor"]
    assert page.locator("#service-map").is_hidden()
    assert_no_console_problems(page)


def test_the_whole_search_form_works_from_the_keyboard(page, live_server, registry):
    page.goto(f"{live_server.url}/cs/sluzby/?kraj=3026")
    controls = page.evaluate("""() => {
        const form = document.querySelector('form.service-search');
        const names = new Set();
        for (const el of form.querySelectorAll('input, select, button')) {
            if (el.type !== 'hidden') names.add(el.type === 'radio' ? 'radio:' + el.name : el.id || el.textContent.trim());
        }
        return [...names];
    }""")
    reached, invisible = set(), []
    page.locator("#id_q").focus()
    reached.add("id_q")
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el.closest('form.service-search')) return {outside: true};
            const style = getComputedStyle(el);
            return {
                name: el.type === 'radio' ? 'radio:' + el.name : el.id || el.textContent.trim(),
                visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
            };
        }""")
        if info.get("outside") and len(reached) > 1:
            break
        if "name" in info:
            reached.add(info["name"])
            if not info["visible"]:
                invisible.append(info["name"])
    assert set(controls) - reached == set(), "not reachable with Tab"
    assert invisible == [], f"no visible focus on {invisible}"

    # Keyboard only: tick a checkbox with Space, send the form with Enter.
    page.locator("#id_free").focus()
    page.keyboard.press("Space")
    page.locator("#id_q").focus()
    page.keyboard.type("domov")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"free=on"))
    assert results(page) == ["Domov pro seniory Kladno"]


@pytest.mark.parametrize("path", [
    "/cs/sluzby/",
    "/en/services/",
    "/en/services/?kraj=3026&orp=2109&obec=532053&sort=free",
    "/cs/sluzby/?kraj=999&type=nonsense&q=%27%22%3E",
    "/cs/sluzby/?kraj=999&q=%00",  # the 400 page of an address with a NUL byte
    "/en/services/?view=map&ended=on",
])
def test_search_pages_pass_axe(page, live_server, axe_source, registry, path):
    page.context.route(re.compile(r"^https://tile\.openstreetmap\.org/"),
                       lambda route: route.fulfill(status=200, content_type="image/png", body=TILE))
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == (400 if "%00" in path else 200)
    assert page.locator("html").get_attribute("lang") == path[1:3]
    check_page(page, axe_source)
