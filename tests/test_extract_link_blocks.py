"""Links to elsewhere among the article's blocks: which go, and which are the article's."""

from __future__ import annotations

from reader.extract.html import parse_html
from reader.model import Article, BlockKind

RIVER = (
    "The ferry crossed the estuary twelve times a day, whatever the weather did.",
    "Its skipper knew every sandbank by the colour of the water above it.",
    "In winter the crossing took twice as long, and the passengers stayed below.",
    "The council has promised a bridge for forty years, and built none of it.",
    "Until a bridge comes, the ferry remains the only way across for cars.",
    "Its timetable is pinned in the window of every shop on the quay.",
)


def prose(n: int) -> str:
    """A paragraph of three sentences, different for each `n`."""
    return f"{RIVER[n % len(RIVER)]} {RIVER[(n + 1) % len(RIVER)]} So it went on day {n}."


def paragraphs(*numbers: int) -> str:
    return "".join(f"<p>{prose(n)}</p>" for n in numbers)


def page(body: str) -> Article:
    markup = f"<html><head><title>The ferry</title></head><body>{body}</body></html>"
    return parse_html(markup, "page.html")


def texts(found: Article, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in found.blocks if kind is None or block.kind is kind]


def test_a_cue_and_links_to_other_pages_go_and_a_cued_sentence_stays() -> None:
    found = page(
        "<article>"
        + paragraphs(0, 1)
        + "<h2>The crossing</h2>"
        + '<div role="note">Main article: <a href="/wiki/Estuary_ferry">Estuary ferry</a></div>'
        + paragraphs(2)
        + '<p>See also: <a href="/wiki/Chain_ferry">Chain ferry</a> and '
        + '<a href="/wiki/Cable_ferry">Cable ferry</a></p>'
        + paragraphs(3)
        + '<p>Read more: the skipper kept a log of every crossing for <a href="/log">thirty'
        + " years</a>, and it is now in the town's museum.</p>"
        + paragraphs(4, 5)
        + "</article>"
    )
    assert "Main article" not in found.text
    assert "Chain ferry" not in found.text
    assert [prose(n) for n in range(6)] == [
        text for text in texts(found, BlockKind.PARAGRAPH) if text.startswith(RIVER)
    ]
    assert any(text.startswith("Read more: the skipper kept a log") for text in texts(found))


def test_a_list_naming_each_item_by_a_link_keeps_its_headings_and_teasers_lose_theirs() -> None:
    items = "".join(
        f'<h3><a href="https://shop.example/ferry-{n}">The {name} ferry</a></h3>'
        '<div class="player"><iframe src="https://video.example/embed/1"></iframe></div>'
        f"<p>{prose(n)} {prose(n + 2)}</p>"
        for n, name in enumerate(("harbour", "island", "river", "night"))
    )
    teasers = "".join(
        f'<h3><a href="/story-{n}">Another story about boats, number {n}</a></h3>'
        f"<p>The harbour master said the boats would be late again, because… "
        f'<a href="/story-{n}">Read more</a></p>'
        for n in range(3)
    )
    found = page(f"<article><p>{prose(4)}</p><p>{prose(5)}</p>{items}{teasers}</article>")
    headings = texts(found, BlockKind.HEADING)
    assert headings == [f"The {name} ferry" for name in ("harbour", "island", "river", "night")]
    assert "Another story" not in found.text
