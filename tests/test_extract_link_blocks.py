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


def test_a_list_of_news_items_each_linking_its_source_stays_and_a_list_of_links_goes() -> None:
    news = (
        '<li>Ann <a href="/bug/1">fixed the ticket machine</a> on the quay before the rush</li>'
        '<li>Ben has <a href="/bug/2">a patch</a> to light the landing stage at night</li>'
        '<li>The crew <a href="/bug/3">repainted the hull</a> in the old colours'
        "<ul><li>Thanks to the harbour master for lending the scaffolding!</li></ul></li>"
    )
    related = "".join(
        f'<li><a href="/story/{n}">Another ferry story number {n}</a></li>' for n in range(4)
    )
    found = page(
        '<div class="post">'
        + paragraphs(0, 1)
        + f"<h2>This week</h2><ul>{news}</ul>"
        + paragraphs(2, 3)
        + f"<ul>{related}</ul>"
        + "</div>"
    )
    items = texts(found, BlockKind.LIST_ITEM)
    assert "Ann fixed the ticket machine on the quay before the rush" in items
    assert "Ben has a patch to light the landing stage at night" in items
    assert "Thanks to the harbour master for lending the scaffolding!" in items
    assert "Another ferry story" not in found.text


def test_a_hatnote_about_the_page_goes_and_a_note_of_the_article_stays() -> None:
    found = page(
        '<div id="content"><h1>The ferry</h1>'
        '<div role="note" class="hatnote">This article is about the estuary ferry. For other '
        'uses, see <a href="/wiki/Ferry_(disambiguation)">Ferry (disambiguation)</a>.</div>'
        + paragraphs(0, 1)
        + '<div role="note">The timetable changes in winter, when the crossing takes twice as'
        " long and the first sailing leaves an hour later.</div>" + paragraphs(2, 3) + "</div>"
    )
    assert "other uses" not in found.text
    assert "The timetable changes in winter" in found.text
    assert [prose(n) for n in range(4)] == [
        text for text in texts(found, BlockKind.PARAGRAPH) if text.startswith(RIVER)
    ]
