"""Helpers of the guide's tests. The situations themselves are the real texts loaded by migration 0002."""

from guide.models import Situation
from services.models import ServiceType
from territory.models import Obec
from tests.services.factories import make_service

KLADNO, BUSTEHRAD, SLANY, VLASIM, TABOR = 532053, 532169, 532819, 530883, 552496
PARENT_ALONE = "rodic-uz-nezvlada-byt-sam-doma"
HOME_CARE, PERSONAL_ASSISTANCE, CARE_HOME = "DruhSocialniSluzby/4", "DruhSocialniSluzby/3", "DruhSocialniSluzby/13"


def situation(slug=PARENT_ALONE) -> Situation:
    return Situation.objects.get(slug=slug)


def service(name, *, type_code=HOME_CARE, obec=KLADNO, **fields):
    return make_service(name=name, service_type=ServiceType.objects.get(code=type_code),
                        obec=Obec.objects.get(pk=obec), **fields)
