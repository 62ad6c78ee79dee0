"""Form widgets for long choice lists.

Django's ``Select`` renders one template per option: a province's thousand units cost the plan
page tens of milliseconds in template rendering alone. ``PlainSelect`` writes the same HTML in one
pass (values and labels escaped, the chosen option marked).
"""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A ``Select`` without a template per option; same markup, same submitted values."""

    def render(self, name, value, attrs=None, renderer=None):
        self._chosen, self._marked = set(self.format_value(value)), False
        attrs = self.build_attrs(self.attrs, attrs)
        options = "".join(self._group(choice, label) for choice, label in self.choices)
        # Every value and label is escaped by _option and _group; flatatt escapes the attributes.
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{options}</select>')  # noqa: S308

    def _group(self, value, label) -> str:
        if isinstance(label, (list, tuple)):
            inner = "".join(self._option(v, text) for v, text in label)
            return f'<optgroup label="{escape(str(value))}">{inner}</optgroup>'
        return self._option(value, label)

    def _option(self, value, label) -> str:
        value = "" if value is None else str(value)
        # As Django's widget: a single select marks only the first matching option.
        selected = value in self._chosen and (self.allow_multiple_selected or not self._marked)
        self._marked = self._marked or selected
        return (
            f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(str(label))}</option>'
        )


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read by one ordinary query. Django's iterator calls ``.iterator()``, which on
    PostgreSQL opens a server-side cursor (``DECLARE … WITH HOLD``): 12 ms for a list's 50 plans."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose choices come from ``ListedChoiceIterator``."""

    iterator = ListedChoiceIterator


class PlainInput:
    """An ``<input>`` written in one pass, as Django's ``input.html`` writes it (a filter form has a
    dozen: a template each is a few milliseconds of every list page). Mix in before the widget."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = widget["value"]
        value_attr = "" if shown is None else f' value="{escape(str(shown))}"'
        # flatatt escapes the attributes; the name and the value are escaped here.
        head = f'<input type="{escape(widget["type"])}" name="{escape(name)}"'
        return mark_safe(f"{head}{value_attr}{flatatt(widget['attrs'])}>")  # noqa: S308


class PlainTextInput(PlainInput, forms.TextInput):
    pass


class PlainHiddenInput(PlainInput, forms.HiddenInput):
    pass


class PlainDateInput(PlainInput, forms.DateInput):
    pass


class PlainCheckboxInput(PlainInput, forms.CheckboxInput):
    pass
