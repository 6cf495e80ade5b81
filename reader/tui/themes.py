"""A warm, low-contrast theme for long reading, beside Textual's own."""

from textual.theme import Theme

SEPIA = Theme(
    name="sepia",
    primary="#8B5E34",
    secondary="#A0522D",
    accent="#B5651D",
    foreground="#433422",
    background="#F4ECD8",
    surface="#EFE4CC",
    panel="#E6D8B8",
    warning="#B8860B",
    error="#A52A2A",
    success="#556B2F",
    dark=False,
)
