"""Shell sessions in a text, by their prompts: "$ make", "user@host:~$ ls".

A line that opens with a prompt and a command (a lower-case word, a path) is code however
many words it has ("$ echo the build is done"): prose never opens that way. A price does
not ("$5 is the price", "$ 5"): a prompt is followed by a space and a command. A prompt line
is a sample on its own, and the lines after it, up to a blank line, are what the command
printed, unless they are sentences: the text going on.
"""

from __future__ import annotations

import re

from reader.extract import shapes

PROMPT = re.compile(r"^(?:\$ |[\w.-]+@[\w.-]+(?::\S*?)?[$#] |\([\w.-]+\) \$ )(?=[a-z./~_])")
"""A shell's prompt, then a command: "$ ", "user@host:~/src$ ", "(venv) $ ". Not "% "
nor "# ", nor Python's ">>> ": a line of French prose may open with "% des", a Markdown
heading or a comment with "# ", a mail's quote of a quote of a quote with ">>> "."""


def is_prompt(text: str) -> bool:
    """`text` (a line, its indentation taken off) opens with a prompt and a command."""
    return PROMPT.match(text) is not None


def is_output(line: str, indent: int) -> bool:
    """A line under a prompt that a command may have printed, at the sample's `indent` or
    deeper: not a sentence of the text ("The build takes a minute."), which opens with a
    capital and ends a sentence."""
    text = line.lstrip()
    if len(line) - len(text) < indent:
        return False
    return not (text[:1].isupper() and shapes.ends_sentence(text) and len(shapes.words(text)) > 2)
