"""Rules of the HTML cleaner found on real pages: each with a page of its own shape."""

from __future__ import annotations

from reader.extract.html import parse_html
from reader.model import Article, BlockKind

STORY = (
    "The lock keeper opened the upper gates at dawn, as he had done for thirty years.",
    "Barges waited in a line that reached back past the mill and the old boat yard.",
    "By noon the water had dropped a metre, and the first boats were through the lock.",
    "The canal trust says the gates will be replaced next winter, when traffic is low.",
    "Until then the keeper greases the hinges by hand every week, in rain or sun.",
    "He says the new gates will be quicker, but that he will miss the sound of the old.",
)


def prose(n: int) -> str:
    """A paragraph of two sentences, different for each `n`."""
    return f"{STORY[n % len(STORY)]} {STORY[(n + 1) % len(STORY)]} It was day {n}."


def page(body: str, head: str = "<title>The lock keeper</title>") -> Article:
    return parse_html(f"<html><head>{head}</head><body>{body}</body></html>", "page.html")


def texts(found: Article, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in found.blocks if kind is None or block.kind is kind]


def test_a_link_of_an_unlikely_class_keeps_its_words_in_the_sentence() -> None:
    annotated = (
        '<p>I am a <a href="javascript:void(0)" class="popup">rather elderly</a> man, and the '
        '<a href="/notes/2" class="tweet-this">nature of my work</a> has brought me into '
        "contact with an interesting and somewhat singular set of men.</p>"
    )
    found = page(f"<article>{annotated}{''.join(f'<p>{prose(n)}</p>' for n in range(4))}</article>")
    assert texts(found)[0] == (
        "I am a rather elderly man, and the nature of my work has brought me into contact "
        "with an interesting and somewhat singular set of men."
    )
