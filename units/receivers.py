"""What the units app does when its records change, whoever changed them."""

from .selectors import access_stale


def organisation_changed(sender, **kwargs) -> None:
    """Scopes kept from before this change are stale once it commits (``selectors.access_for``)."""
    access_stale()
