"""What the units app does when its records change, whoever changed them."""

from core.stamps import stamp_renew

from .selectors import ORG_STAMP


def organisation_changed(sender, **kwargs) -> None:
    """Scopes kept from before this change are stale once it commits (``selectors.access_for``)."""
    stamp_renew(ORG_STAMP)
