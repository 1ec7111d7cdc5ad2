"""The network's part of a service's public page (services/views/detail.py gathers it through
core.contributions, so the registry never imports this app): its place in a kraj's network, the figures the
kraj made public, and the last check the kraj marked public. Three queries."""

from django.db.models import OuterRef, Subquery

from network.models import AnnualFigures, Audit, DisclosureSettings, NetworkMembership

DISCLOSED = ("clients", "occupancy", "staff", "money")


def service_detail_sections(service) -> list[dict]:
    lines = list(NetworkMembership.objects.filter(service=service).select_related("kraj")
                 .order_by("-year", "kraj__name", "form", "unit"))
    latest_year = lines[0].year if lines else None
    lines = [line for line in lines if line.year == latest_year]
    settings = DisclosureSettings.objects.filter(kraj__orps=OuterRef("service__orp"))
    figures = (AnnualFigures.objects.with_indicators().filter(service=service)
               .annotate(**{f"disclose_{name}": Subquery(settings.values(f"public_{name}")[:1]) for name in DISCLOSED})
               .order_by("-year").first())
    show = {}
    if figures is not None:
        defaults = DisclosureSettings()
        show = {name: (value if (value := getattr(figures, f"disclose_{name}")) is not None
                       else getattr(defaults, f"public_{name}")) for name in DISCLOSED}
    audit = Audit.objects.public().filter(service=service).order_by("-carried_out_on", "-pk").first()
    return [{"template": "network/service_detail/section.html", "lines": lines, "figures": figures if any(
        show.values()) else None, "show": show, "audit": audit}]
