from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if mapping else key


@register.filter
def capacity_cells(row, units):
    """(registered, free, per 1,000, target, coverage) per unit of a capacity row."""
    return row.cells(units)


@register.filter
def capacity_gap(row, unit):
    """Missing capacity to the target (0 when met or no target)."""
    return row.gap(unit)
