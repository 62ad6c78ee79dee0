from django import template

from ..series import unit_satisfaction_series

register = template.Library()


@register.inclusion_tag("surveys/_unit_series.html")
def unit_series(unit):
    """The unit's satisfaction by year (predecessors' figures before a reorganisation, marked)."""
    points = unit_satisfaction_series(unit)
    return {"points": points, "combined": any(point.combined for point in points)}
