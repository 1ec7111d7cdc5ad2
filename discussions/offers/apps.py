from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """The board of offers and requests (nabídka a poptávka), a part of the discussions section."""

    name = "discussions.offers"
    label = "offers"
    verbose_name = _("Offers and requests")

    def ready(self):
        from discussions import moderation

        moderation.register(self.get_model("Offer"))  # flags, hiding and the moderation queue of the forum
