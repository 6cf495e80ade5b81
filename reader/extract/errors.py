"""The one error extraction raises: its message is a single line a user can act on."""


class ExtractionError(Exception):
    """Raised for any source that cannot become an article (missing, binary, empty, ...)."""


BLANK_SOURCE = "the source is blank: give a file, a web address, or - for standard input"
"""What an empty name (`reader ""`, a variable that was never set) is told."""
