from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def indicator(value, percent=False):
    """An indicator as the language writes it: a percentage, or a number with at most one decimal."""
    if value is None:
        return "–"
    if percent:
        return f"{number_format(value * 100, decimal_pos=0)} %"
    if abs(value) >= 100:
        return number_format(round(value), force_grouping=True)
    return number_format(value, decimal_pos=1)


@register.filter
def amount(value):
    """A whole number with the language's digit grouping (1 234 567)."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=0, force_grouping=True)
