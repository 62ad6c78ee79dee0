from django import template
from django.utils.safestring import mark_safe

from core.jinja import render_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, name, **values):
    """``{% jinja "tasks/rows/queue.jinja" items=deliverables today=today %}``: a list's rows drawn by
    Jinja2 (core/jinja.py). Only the values named are passed, with the request and its CSRF token."""
    return mark_safe(render_rows(name, values, context.get("request")))  # noqa: S308 — autoescaped by Jinja2
