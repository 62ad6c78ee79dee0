class ApplicationError(Exception):
    """A business rule refused an action; ``message`` is shown to the user as is."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class AccessDenied(ApplicationError):
    """The acting user may not do this to this object."""
