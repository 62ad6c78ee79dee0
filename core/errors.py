"""The errors services raise, each with a code the API answers with, and the one way screens
turn a refused access into the 403 page."""

from __future__ import annotations

import contextlib
import functools

from django.core.exceptions import PermissionDenied
from django.db import DataError, IntegrityError, transaction

# The largest id a row can have: PostgreSQL's bigint and SQLite's INTEGER both stop here.
DB_ID_MAX = 2**63 - 1


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


def is_out_of_range(error: BaseException) -> bool:
    """A number no database column holds reached a query: a 400-digit id in an address or a filter.

    SQLite refuses it in Python (``OverflowError``), PostgreSQL in the server
    ("value out of range", raised as ``DataError``). Either way nothing by that id exists.
    """
    if isinstance(error, OverflowError):
        return True
    cause = error.__cause__
    return isinstance(error, DataError) and type(cause).__name__ == "NumericValueOutOfRange"


@contextlib.contextmanager
def unique_or_conflict(message: str):
    """Run the writes inside in their own savepoint; a unique constraint hit raises ``Conflict``.

    The service checked that the code, number or version was free; someone else took it between
    that check and the write (two clicks, two officers at once). The user reads ``message``, the
    API answers 409, and the surrounding transaction can go on.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise Conflict(message) from None
