"""Minitendr in a real browser with three roles, without JavaScript needs, axe 0 on every page: the OSPOD worker
posts a request (the personal-data check answers first), the provider offers, the office chooses after the
deadline, the provider reports delivery and closure, the office confirms; the kraj's coordinator reads the
request, the statistics, the minimal network and the typology."""

import re

import pytest
from django.utils import timezone

from families.models import PartialContract, ServiceRequest
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import check_page, log_in
from tests.families.factories import make_request, ospod_worker, pass_deadline, provider_with_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _switch_to(page, live_server, person):
    page.context.clear_cookies()
    log_in(page, live_server, person.email, PASSWORD)


def test_a_minitendr_from_request_to_closure_with_three_roles(page, live_server, axe_source):
    worker = ospod_worker(display_name="Jana Sociální")
    staff, provider, _agreement = provider_with_agreement()
    coordinator = UserFactory(regional_coordinator=True)
    from territory.models import home_kraj

    coordinator.coordinated_kraje.add(home_kraj())
    today = timezone.localdate()

    # The OSPOD worker posts a request; a birth number in the text is refused with a clear message first.
    _switch_to(page, live_server, worker)
    page.goto(f"{live_server.url}/cs/rodiny/")
    check_page(page, axe_source, h1="Služby pro ohrožené rodiny")
    page.get_by_role("link", name="Zveřejnit novou poptávku").click()
    check_page(page, axe_source, h1="Nová poptávka služby pro rodinu")
    assert "Bez osobních údajů" in page.locator("#personal-data-warning").inner_text()
    page.check("input[name=category][value=rodiny-terenni-ambulantni]")
    page.fill("#id_case_code", "SPOD-2026/0117")
    page.fill("#id_children_count", "2")
    page.fill("#id_children_ages", "4, 9")
    page.fill("#id_need", "Matka, r. č. 855612/1234, potřebuje podporu v péči o domácnost.")
    page.fill("#id_expected_scope", "dvě návštěvy týdně po dvou hodinách")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "rodné číslo" in page.locator(".error-summary").inner_text()
    check_page(page, axe_source, h1="Nová poptávka služby pro rodinu")
    page.fill("#id_need", "Podpora matky v péči o domácnost a při pravidelné docházce dětí do školy.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cs/rodiny/poptavky/\d+/$"))
    check_page(page, axe_source, h1=re.compile(r"Poptávka \d{4}/\d+"))
    request = ServiceRequest.objects.get()

    # The provider with an agreement finds it among the requests open to it and offers.
    _switch_to(page, live_server, staff)
    page.goto(f"{live_server.url}/cs/rodiny/otevrene-poptavky/")
    check_page(page, axe_source, h1="Poptávky otevřené mé organizaci")
    page.get_by_role("link", name=f"Nabídka na {request.reference}").click()
    check_page(page, axe_source, h1=f"Nabídka na poptávku {request.reference}")
    page.fill("#id_units", "40")
    page.fill("#id_unit_price", "480")
    page.fill("#id_scope", "dvakrát týdně dvě hodiny po šest měsíců")
    page.fill("#id_approach", "Klíčová pracovnice, individuální plán s rodinou, spolupráce se školou.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/cs/rodiny/poptavky/{request.pk}/$"))
    check_page(page, axe_source)
    assert "Vaše nabídka je podána" in page.locator(".messages").inner_text()
    page.goto(f"{live_server.url}/cs/rodiny/moje-nabidky/")
    check_page(page, axe_source, h1="Naše nabídky a smlouvy")
    assert page.get_by_role("link", name=request.reference).count() == 1

    # After the deadline the office chooses the offer: the partial contract is concluded.
    pass_deadline(request)
    _switch_to(page, live_server, worker)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    check_page(page, axe_source)
    page.check("input[name=offer]")
    page.get_by_role("button", name="Uzavřít dílčí smlouvu").click()
    page.wait_for_load_state()
    check_page(page, axe_source)
    contract = PartialContract.objects.get()
    assert contract.provider == provider and f"Dílčí smlouva {contract.number}" in page.content()
    PartialContract.objects.filter(pk=contract.pk).update(starts_on=today.replace(day=1))

    # The provider reports this month's delivery and the closure.
    _switch_to(page, live_server, staff)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.fill("#id_units", "8")
    page.get_by_role("button", name="Vykázat plnění").click()
    page.wait_for_load_state()
    check_page(page, axe_source)
    page.check("input[name=outcome][value=reached]")
    page.fill("#id_reason", "Rodina zvládá péči o domácnost, děti chodí pravidelně do školy.")
    page.locator("form[action$='/ukonceni/'] button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page, axe_source)

    # The office confirms the closure; the request is closed.
    _switch_to(page, live_server, worker)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.get_by_role("button", name="Potvrdit ukončení").click()
    page.wait_for_load_state()
    check_page(page, axe_source)
    request.refresh_from_db()
    assert request.state == "closed"

    # The kraj's coordinator reads the request (read-only) and the kraj's figures.
    _switch_to(page, live_server, coordinator)
    page.goto(f"{live_server.url}/cs/rodiny/poptavky/")
    check_page(page, axe_source, h1="Poptávky služeb pro rodiny")
    page.get_by_role("link", name=request.reference).click()
    check_page(page, axe_source)
    assert page.get_by_role("button", name="Potvrdit ukončení").count() == 0
    assert "Kdo poptávku otevřel" in page.content()
    for path, h1 in (("/cs/rodiny/statistika/", "Statistika minitendrů pro rodiny"),
                     ("/en/families/minimal-network/", "Minimal network for families"),
                     ("/cs/rodiny/typologie/", "Typologie služeb pro rodiny s dětmi")):
        page.goto(f"{live_server.url}{path}")
        check_page(page, axe_source, h1=h1)
    assert provider.name in page.content()  # the typology suggests the provider's registered service


def test_the_public_pages_work_without_javascript(browser, live_server, axe_source, page):
    make_request(ospod_worker())
    provider_with_agreement()
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{live_server.url}/cs/rodiny/statistika/")
        plain.select_option("#id_kraj", label="Středočeský kraj")
        plain.locator("main form button[type=submit]").click()
        assert "kraj=3026" in plain.url and plain.locator("h1").inner_text().startswith("Statistika")
    finally:
        context.close()
    for path in ("/en/families/", "/en/families/statistics/", "/cs/rodiny/minimalni-sit/"):
        page.goto(f"{live_server.url}{path}")
        check_page(page, axe_source)


def test_the_casework_pages_in_english_and_on_a_phone(page, live_server, axe_source):
    """The office's and the provider's pages pass the checks in English, and fit a 375 px screen in both
    languages: no sideways scrolling, the heading in the first screen, axe again on the phone's markup."""
    from tests.browser import PHONE, phone_layout_problems

    worker = ospod_worker()
    staff, _provider, _agreement = provider_with_agreement()
    request = make_request(worker)
    pages = {worker: ["/en/families/requests/", "/en/families/requests/new/", f"/en/families/requests/{request.pk}/",
                      f"/cs/rodiny/poptavky/{request.pk}/"],
             staff: ["/en/families/open-requests/", f"/en/families/requests/{request.pk}/offer/",
                     "/en/families/my-offers/", "/cs/rodiny/otevrene-poptavky/"]}
    problems = []
    for person, paths in pages.items():
        _switch_to(page, live_server, person)
        for path in paths:
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(f"{live_server.url}{path}")
            check_page(page, axe_source)
            assert page.locator("html").get_attribute("lang") == path[1:3]
            page.set_viewport_size(PHONE)
            page.goto(f"{live_server.url}{path}")
            problems += [f"{path}: {problem}" for problem in phone_layout_problems(page)]
            check_page(page, axe_source)
    assert problems == [], "pages that do not fit a phone:\n" + "\n".join(problems)
