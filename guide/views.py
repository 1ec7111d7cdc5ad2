"""The guide's pages: situations by group → a situation (what to do first, the kinds of help that fit) → its
questionnaire → the services near the person with free places first.

Nothing about the visitor is stored: the questionnaire is a GET form whose answers live only in the address,
no session is touched, and the only write is the day's count of a situation's page being opened.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language

from core.markdown import render_markdown
from core.pagecache import cache_public_page
from guide import places, ranking, search
from guide.forms import GuideForm
from guide.models import Situation, SituationGroup, SituationOpened
from services.presenters import json_ld


@cache_public_page("guide")
def index(request):
    """Every published situation by group, and the situations a few typed words match."""
    groups = SituationGroup.objects.prefetch_related(Prefetch(
        "situations", queryset=Situation.objects.published().only(
            "pk", "slug", "group_id", "name_cs", "name_en", "summary_cs", "summary_en", "urgency")))
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:search.MAX_QUERY_LENGTH]
    return render(request, "guide/index.html", {
        "groups": [group for group in groups if group.situations.all()],
        "query": query,
        "matches": search.nearest(query) if query else [],
    })


def situation_detail(request, slug):
    """The situation's page (cached for anonymous visitors); each opening is counted, nothing else kept."""
    response = _situation_page(request, slug)
    if response.status_code == 200 and request.method == "GET":
        entry = search.index().by_slug.get(slug)
        if entry is not None:
            SituationOpened.count_one(entry.pk)
    return response


def _place_from_address(request):
    """The place a search or an earlier answer left in the address (`obec` or `orp` code), else None."""
    codes = {}
    for level in ("obec", "orp"):
        value = request.GET.get(level, "")
        if value.isdigit() and 0 < int(value) < 2**31:
            codes[level] = int(value)
    return places.resolve(**codes) if codes else None


@cache_public_page("guide")
def _situation_page(request, slug):
    situation = get_object_or_404(Situation.objects.published().for_page(), slug=slug)
    form = GuideForm(situation=situation, place=_place_from_address(request))
    return render(request, "guide/situation_detail.html", {
        "situation": situation,
        "form": form,
        "fits": _ordered_fits(situation),
        "json_ld": json_ld(_how_to(request, situation)),
    })


@cache_public_page("guide", "registry", "codelists")
def results(request, slug):
    """The kinds of help that fit, each with the services near the place, free places first."""
    situation = get_object_or_404(Situation.objects.published().for_page(), slug=slug)
    form = GuideForm(request.GET, situation=situation)
    form.is_valid()
    place = form.place
    need = form.cleaned_data.get("need")
    fits = _ordered_fits(situation, need=need)
    nearby = {}
    if place is not None:
        nearby = ranking.nearby_services(situation_pk=situation.pk, place=place,
                                         service_type_ids=[fit.service_type_id for fit in fits],
                                         age_group_ids=form.age_group_ids())
    sections = [{"fit": fit, **nearby.get(fit.service_type_id, {"services": [], "total": 0, "free": 0}),
                 "registry_url": _registry_url([fit.service_type_id], place)} for fit in fits]
    response = render(request, "guide/results.html", {
        "situation": situation,
        "form": form,
        "place": place,
        "who": form.cleaned_data.get("who"),
        "sections": sections,
        "registry_url": _registry_url([fit.service_type_id for fit in fits], place),
        "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS,
    })
    if form.errors:
        response.status_code = 400  # a value that cannot be understood: the page says which
    return response


def _ordered_fits(situation, need=None):
    """First choices, then the others; the answer to "what is most urgent" goes first."""
    fits = sorted(situation.fits.all(), key=lambda fit: (not fit.is_first_choice, fit.order, fit.pk))
    return sorted(fits, key=lambda fit: fit.service_type_id != need) if need else fits


def _registry_url(service_type_ids, place) -> str:
    """The registry search with the same service types and place, free places first (services/filters.py)."""
    query = [("type", pk) for pk in service_type_ids]
    if place is not None:
        query.append((place.level, place.code))
    query.append(("sort", "free"))
    return f"{reverse('services:index')}?{urlencode(query)}"


def _how_to(request, situation) -> dict:
    """schema.org HowTo: the situation's first steps, as plain text."""
    url = f"{settings.SITE_URL}{situation.get_absolute_url()}"
    return {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": situation.name,
        "description": situation.summary,
        "inLanguage": get_language(),
        "url": url,
        "step": [{"@type": "HowToStep", "position": number, "text": strip_tags(render_markdown(step)).strip()}
                 for number, step in enumerate(situation.first_steps, start=1)],
    }
