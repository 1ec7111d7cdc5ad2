"""Every kind of guide page, and the registry search with its situation hints, in both languages: axe 0, one
h1, visible focus, no console problems, links that work."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.browser import check_page
from tests.guide.factories import KLADNO, SLANY, service
from tests.i18n import localized
from tests.test_crawler import check_crawl, crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SITUATION = "/{lang}/zivotni-situace/rodic-uz-nezvlada-byt-sam-doma/"
PAGES = [
    "/{lang}/zivotni-situace/",
    "/{lang}/zivotni-situace/?q=exekuce",
    SITUATION,
    "/{lang}/zivotni-situace/domaci-nasili/",
    SITUATION + "pomoc-v-okoli/",
    SITUATION + f"pomoc-v-okoli/?who=relative&age=old&obec={KLADNO}",
    SITUATION + "pomoc-v-okoli/?place=Lhota",
    SITUATION + "pomoc-v-okoli/?place=Atlantida",
    "/{lang}/zivotni-situace/domaci-nasili/pomoc-v-okoli/?obec=532053",
    "/{lang}/sluzby/?q=pece+o+seniora+doma",
    "/{lang}/sluzby/?q=exekuce",
]


def test_the_guide_pages_pass_the_checks(page, live_server, axe_source):
    today = timezone.localdate()
    service("Pečovatelská služba Slaný", obec=SLANY, free_places=2, as_of=today,
            description="Péče o seniora doma.")
    service("Pečovatelská služba Kladno", obec=KLADNO, free_places=1, as_of=today - dt.timedelta(days=90))
    results, broken = crawl(Client(), ["/cs/zivotni-situace/", "/en/life-situations/"], per_pattern=3)
    guide_pages = [path for path in results if "/zivotni-situace/" in path or "/life-situations/" in path]
    assert len(guide_pages) >= 8  # the index, situations and results pages in both languages
    check_crawl({path: results[path] for path in guide_pages}, broken)
    for lang in ("cs", "en"):
        for path in PAGES:
            page.goto(live_server.url + localized(path.format(lang="cs"), lang))
            check_page(page, axe_source)
