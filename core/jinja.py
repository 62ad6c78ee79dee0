"""Jinja2 for the rows of the long lists: the same table in the Django template language costs about
ten times as much (performance.md: 7.4 ms against 0.6 ms for 50 rows), most of a page at a province's
size. Pages stay Django templates; their row tables and SVG charts (a bar, a link and a tooltip per
unit or month) are ``.jinja`` partials under ``templates/``,
included with ``{% jinja "tasks/rows/....jinja" key=value %}`` (``core/templatetags/jinja_rows.py``).

Strings in a partial are written ``{{ _("…") }}`` only (no ``{% trans %}`` block), so that
``makemessages -e html,txt,py,jinja`` finds them as it finds ``{{ _("…") }}`` in a Django template.
Each app may add helpers in a module ``<app>/jinja_helpers.py`` with ``GLOBALS`` and ``FILTERS``
dicts: the app keeps its own vocabulary (badges, addresses) and core does not import it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import lru_cache

from django.apps import apps
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.text import Truncator
from jinja2 import Environment


def dmy(value) -> str:
    """dd/mm/yyyy, a datetime in local time; empty for None (as ``|date:"d/m/Y"``)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def dmy_hm(value) -> str:
    """dd/mm/yyyy HH:MM in local time (as ``|date:"d/m/Y H:i"``)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year} {value.hour:02d}:{value.minute:02d}"


def truncatechars(value, length: int) -> str:
    """As Django's ``truncatechars``, without building a Truncator for the rows that fit."""
    text = "" if value is None else str(value)
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)


@lru_cache(maxsize=8)
def _decimal_separator(language: str) -> str:
    return get_format("DECIMAL_SEPARATOR", language)


def decimal(value, empty: str = "—") -> str:
    """A number as the Django template prints it in the active language ("87,5" in Vietnamese);
    ``empty`` for None (as ``|default_if_none:"—"``)."""
    if value is None:
        return empty
    return str(value).replace(".", _decimal_separator(translation.get_language() or "vi"))


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


CORE_GLOBALS = {"url": url, "static": static}
CORE_FILTERS = {"dmy": dmy, "dmy_hm": dmy_hm, "truncatechars": truncatechars, "decimal": decimal}


def _app_helpers() -> tuple[dict, dict]:
    globals_, filters = {}, {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.jinja_helpers")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.jinja_helpers":
                raise
            continue
        globals_.update(getattr(module, "GLOBALS", {}))
        filters.update(getattr(module, "FILTERS", {}))
    return globals_, filters


def environment(**options) -> Environment:
    """The environment of the ``jinja2`` backend in settings.TEMPLATES."""
    options["autoescape"] = True
    env = Environment(extensions=["jinja2.ext.i18n"], **options)  # noqa: S701 — autoescape is set above
    # The active language is Django's, per request.
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    app_globals, app_filters = _app_helpers()
    env.globals.update(CORE_GLOBALS | app_globals)
    env.filters.update(CORE_FILTERS | app_filters)
    return env


@lru_cache(maxsize=1)
def engine():
    from django.template import engines

    return engines["jinja2"]


def render_rows(name: str, context: dict, request=None) -> str:
    """A partial rendered to HTML (marked safe by the caller's template tag).

    The backend's own ``render`` passes ``csrf_input`` as a lazy value built anew at every use: a
    review page with a form per row made 100 tokens. Here it is built once per partial."""
    template = engine().get_template(name).template
    if request is not None:
        token = get_token(request)
        context = {
            "request": request,
            "csrf_token": token,
            "csrf_input": format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token),
            **context,
        }
    return template.render(context)
