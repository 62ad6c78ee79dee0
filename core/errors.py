"""The errors services raise, each with a code the API answers with, and the one way screens
turn a refused access into the 403 page."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A refusal whose ``message`` is shown to the user as is; ``code`` names it for the API."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, problems: list[str] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        if code:
            self.code = code


class ApplicationError(DomainError):
    """A business rule refused an action; nothing changed."""


class Conflict(ApplicationError):
    """Someone else changed the record first (optimistic lock); reload and try again."""

    code = "conflict"
    status = 409


class AccessDenied(DomainError):
    """The acting user may not do this to this object.

    Not an ``ApplicationError``: a view that shows refusals as messages lets this one
    through, and ``denied_as_403`` turns it into the 403 page.
    """

    code = "permission_denied"
    status = 403


def denied_as_403(view):
    """Show ``AccessDenied`` raised anywhere in the view as the 403 page, with its message."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied as error:
            raise PermissionDenied(error.message) from None

    return wrapper
