"""The families' part of an ORP's profile page (services.views.capacity.orp_profile gathers it): a link to the
minimal network for families of the ORP's kraj. Only a link, no figures: the ORP page is cached by the registry's
sections, which do not follow the families' records."""


def orp_profile_sections(orp) -> list[dict]:
    return [{"template": "families/orp_profile/section.html", "orp": orp}]
