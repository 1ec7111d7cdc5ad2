from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def czk(value):
    """An amount of money as the language writes it: "15 000 000 Kč", "CZK 15,000,000"."""
    if value is None or value == "":
        return "–"
    return _("%(amount)s CZK") % {"amount": number_format(value, decimal_pos=0, force_grouping=True)}


@register.filter
def price(value):
    """A unit price with its decimals only when it has them (450, 512.50)."""
    if value is None:
        return "–"
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def one_decimal(value):
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1)
