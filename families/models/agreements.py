"""Framework agreements (rámcové smlouvy) of a kraj with providers, one per category: the territory covered, the
agreed unit prices and the ceiling. Only providers with an agreement in force for a request's category and ORP
see the request and may offer, at most at the agreed price."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from families.personal_data import reject_personal_data

from .categories import Category, PriceUnit


def _price(label):
    return models.DecimalField(label, max_digits=9, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(0)])


class FrameworkAgreementQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)

    def in_force(self, on=None):
        """Valid on the day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def covering(self, category, orp):
        """Agreements of the category whose territory includes the ORP (`orp` may be an OuterRef)."""
        return self.filter(category=category, orps=orp)

    def of_providers(self, providers):
        return self.filter(provider__in=providers)


class FrameworkAgreement(models.Model):
    """A kraj's framework agreement with a provider in one category."""

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    number = models.CharField(_("agreement number"), max_length=60,
                              help_text=_("The number under which the kraj keeps the agreement."))
    category = models.CharField(_("category"), max_length=40, choices=Category.choices)
    provider = models.ForeignKey("services.Provider", on_delete=models.PROTECT, related_name="framework_agreements",
                                 verbose_name=_("provider"))
    services = models.ManyToManyField("services.Service", blank=True, related_name="framework_agreements",
                                      verbose_name=_("services delivering it"),
                                      help_text=_("The provider's registered services that deliver the category. "
                                                  "Leave empty for services outside the registry (e.g. a person "
                                                  "entrusted with social and legal protection of children)."))
    orps = models.ManyToManyField("territory.Orp", related_name="+", verbose_name=_("territory covered (ORPs)"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    price_per_hour = _price(_("price per hour (CZK)"))
    price_per_day = _price(_("price per day (CZK)"))
    price_per_intervention = _price(_("price per intervention (CZK)"))
    ceiling = models.DecimalField(_("ceiling (CZK)"), max_digits=12, decimal_places=0, null=True, blank=True,
                                  validators=[MinValueValidator(0)],
                                  help_text=_("The most the partial contracts under the agreement may add up to. "
                                              "Empty: no ceiling."))
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[reject_personal_data])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FrameworkAgreementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("framework agreement")
        verbose_name_plural = _("framework agreements")
        ordering = ("kraj__name", "category", "provider__name", "pk")
        constraints = (
            models.UniqueConstraint(fields=["kraj", "number"], name="families_agreement_unique_number"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                   name="families_agreement_validity"),
            models.CheckConstraint(condition=Q(ceiling__isnull=True) | Q(ceiling__gte=0),
                                   name="families_agreement_ceiling"),
        )

    def __str__(self) -> str:
        return f"{self.number} – {self.provider} ({self.get_category_display()})"

    def clean(self):
        if not any(getattr(self, f"price_per_{unit}") is not None for unit in PriceUnit.values):
            raise ValidationError(_("Agree at least one unit price (per hour, per day or per intervention)."))

    def is_in_force(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)

    def price_for(self, unit: str) -> Decimal | None:
        return getattr(self, f"price_per_{unit}", None)

    @property
    def prices(self) -> list[tuple[str, Decimal]]:
        """(unit label, price) of the units the agreement prices."""
        return [(label, price) for value, label in PriceUnit.choices
                if (price := self.price_for(value)) is not None]

    def contracted(self, *, excluding=None) -> Decimal:
        """What the partial contracts under the agreement add up to."""
        contracts = self.contracts.all()
        if excluding is not None:
            contracts = contracts.exclude(pk=excluding.pk)
        return contracts.aggregate(total=Sum("value"))["total"] or Decimal(0)

    def remaining(self) -> Decimal | None:
        """What is left under the ceiling (None: no ceiling)."""
        if self.ceiling is None:
            return None
        return max(Decimal(0), self.ceiling - self.contracted())
