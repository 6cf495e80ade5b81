"""The one error extraction raises: its message is a single line a user can act on."""


class ExtractionError(Exception):
    """Raised for any source that cannot become an article (missing, binary, empty, ...)."""
