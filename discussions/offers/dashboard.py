"""The offers board's part of the coordinators' dashboard: its offers, flagged, count in the forum's
moderation number (discussions/dashboard.py gathers `moderated_in_kraje`)."""

from discussions.offers.models import Offer


def moderated_in_kraje(kraje: list) -> list:
    """Offers belong to their own kraj."""
    return [Offer.objects.filter(kraj__in=kraje)]
