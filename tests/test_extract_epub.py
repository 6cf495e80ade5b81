"""EPUB books (2 and 3) -> Article: spine order, chapter titles from the navigation
document, metadata from the package file, alt text, footnotes kept apart."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.extract import load
from reader.model import Article, BlockKind
from tests.epub_support import TITLES, Book, Chapter, chapter_document, epub_files, write_epub


def book(tmp_path: Path, version: int = 3, **changes: object) -> Article:
    files = epub_files(Book(version=version, **changes))  # type: ignore[arg-type]
    return load(str(write_epub(tmp_path / "keeper.epub", files)))


def headings(article: Article) -> list[str]:
    return [block.text for block in article.blocks if block.kind is BlockKind.HEADING]


@pytest.mark.parametrize("version", [3, 2])
def test_the_spine_in_order_with_the_outline_titles_as_headings(
    tmp_path: Path, version: int
) -> None:
    article = book(tmp_path, version)
    assert headings(article) == TITLES, "each title once, from the navigation document"
    text = article.text
    places = [text.index(words) for words in ("Ada Marsh came", "The storm came", "In spring")]
    assert places == sorted(places)
    assert article.blocks[0].kind is BlockKind.HEADING
    assert article.title == "The Keeper of Gull Rock"
    assert article.byline == "Mary Example", "the author, not the illustrator"
    assert (article.lang, article.site, article.published) == ("en", "Harbour Press", "1911-05-02")


def test_short_paragraphs_and_the_epigraph_are_kept(tmp_path: Path) -> None:
    article = book(tmp_path)
    texts = [block.text for block in article.blocks]
    assert "“Well,” she said." in texts
    assert "“Well?” said the boatman." in texts
    quote = next(block for block in article.blocks if block.kind is BlockKind.QUOTE)
    assert quote.text == "Keep the lamp, and the lamp keeps you."
    assert "It was still there." in article.text


def test_a_footnote_ends_its_chapter_as_a_caption_and_its_marker_stays(tmp_path: Path) -> None:
    article = book(tmp_path)
    kinds = [block.kind for block in article.blocks]
    note = next(i for i, b in enumerate(article.blocks) if b.text.startswith("The steps were"))
    assert kinds[note] is BlockKind.CAPTION, "shown, not narrated"
    assert kinds[note + 1] is BlockKind.HEADING, "at the end of its chapter"
    assert "The steps were counted" not in article.text
    assert "to light the lamp.[1] The sea below was never still." in article.text


def test_meaningful_alt_text_is_a_caption_and_a_bare_image_label_is_not(tmp_path: Path) -> None:
    article = book(tmp_path)
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert "The lighthouse on its rock at dusk" in captions
    assert all(block.text != "image" for block in article.blocks)


def test_a_chapter_heading_that_says_more_than_the_outline_stays(tmp_path: Path) -> None:
    chapters = (
        Chapter(
            "I",
            "<p>The first chapter's only paragraph, which has a few words.</p>",
            heading="I. The Crossing",
        ),
        Chapter(
            "II", "<p>The second chapter's only paragraph, also of a few words.</p>", heading=""
        ),
    )
    article = book(tmp_path, chapters=chapters)
    assert headings(article) == ["I. The Crossing", "II"]


def test_sections_named_by_fragment_become_headings_under_their_chapter(tmp_path: Path) -> None:
    body = (
        "<p>Opening words of the chapter, before its first section begins.</p>"
        '<h2 id="s1">The Harbour</h2><p>Boats came and went all day long in summer.</p>'
        '<p id="s2">The quay was quiet at night, when only the gulls were awake.</p>'
    )
    files = epub_files(Book(chapters=(Chapter("Places", body),)))
    nav = (
        files["OEBPS/nav.xhtml"]
        .decode()
        .replace(
            "Places</a></li>",
            'Places</a><ol><li><a href="text/chapter1.xhtml#s1">The Harbour</a></li>'
            '<li><a href="text/chapter1.xhtml#s2">At Night</a></li></ol></li>',
        )
    )
    files["OEBPS/nav.xhtml"] = nav.encode()
    article = load(str(write_epub(tmp_path / "places.epub", files)))
    found = [(b.text, b.level) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert found == [("Places", 1), ("The Harbour", 2), ("At Night", 2)]
    at_night = next(i for i, b in enumerate(article.blocks) if b.text == "At Night")
    assert article.blocks[at_night + 1].text.startswith("The quay was quiet")


def test_epub2_endnotes_pointed_to_by_markers_are_kept_apart(tmp_path: Path) -> None:
    body = (
        '<p>The keeper wrote it down.<a href="#fn1" id="ref1"><sup>1</sup></a> '
        "Then she slept until the morning came over the water.</p>"
        "<p>The log book survives in the county archive to this day, much read.</p>"
        '<p id="fn1"><a href="#ref1">1</a> In a hand as small as print.</p>'
    )
    article = book(tmp_path, 2, chapters=(Chapter("Notes", body),))
    assert article.blocks[-1].kind is BlockKind.CAPTION
    assert "In a hand as small as print." in article.blocks[-1].text
    assert "The keeper wrote it down.[1] Then she slept" in article.text
    assert "small as print" not in article.text


def test_a_chapter_that_is_not_well_formed_xml_is_read_as_html(tmp_path: Path) -> None:
    files = epub_files()
    broken = chapter_document(Chapter("Chapter Two: The Storm", "<p>Storm&nbsp;words <br>here."))
    files["OEBPS/text/chapter2.xhtml"] = broken.encode()
    article = load(str(write_epub(tmp_path / "broken.epub", files)))
    assert "Storm words\nhere." in article.text  # the <br> kept as a line break
    assert headings(article) == TITLES


def test_an_epub_is_recognised_by_its_signature_whatever_its_name(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "download.bin")
    assert headings(load(str(path))) == TITLES
    assert headings(load("-", stdin=io.BytesIO(path.read_bytes()))) == TITLES


def test_extract_json_through_the_command_line(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "keeper.epub")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "extract", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "The Keeper of Gull Rock"
    assert data["byline"] == "Mary Example"
    assert data["lang"] == "en"
    assert [b["text"] for b in data["blocks"] if b["kind"] == "heading"] == TITLES
    assert "The steps were counted" not in data["text"]


def test_a_long_book_is_previewed_by_its_first_chapters(tmp_path: Path) -> None:
    paragraph = "<p>" + "The lamp was lit at dusk and put out at dawn, every day. " * 20 + "</p>"
    chapters = tuple(Chapter(f"Chapter {n}", paragraph * 20) for n in range(1, 31))
    path = write_epub(tmp_path / "long.epub", epub_files(Book(chapters=chapters)))
    previews: list[Article] = []
    whole = load(str(path), preview=previews.append)
    assert len(previews) == 1
    beginning = previews[0]
    assert 0 < len(beginning.blocks) < len(whole.blocks)
    assert beginning.blocks == whole.blocks[: len(beginning.blocks)]
    assert (beginning.title, beginning.byline) == (whole.title, whole.byline)
    assert headings(whole) == [f"Chapter {n}" for n in range(1, 31)]


def test_a_short_book_is_not_previewed(tmp_path: Path) -> None:
    previews: list[Article] = []
    load(str(write_epub(tmp_path / "keeper.epub")), preview=previews.append)
    assert previews == []


def nested_book() -> dict[str, bytes]:
    """Parts holding chapters in the outline, headings in an hgroup, a title set as two
    paragraphs, a page-break marker, and endnotes in a non-linear notes document."""
    part = Chapter("Part One: Arrival", "<p class='part'>PART ONE</p>", heading="")
    boat = Chapter(
        "1. The Boat",
        '<section epub:type="chapter"><hgroup><h2>Chapter 1</h2><h3>The Boat</h3></hgroup>'
        '<p>She came by boat.<a epub:type="noteref" href="notes.xhtml#e1">1</a> It rained.</p>'
        '<p><span epub:type="pagebreak" id="p2" title="2"/>The rain went on all day.</p>'
        '<figure><img src="a.png" alt="A boat"/><figcaption>The boat, 1911.</figcaption>'
        "</figure></section>",
        heading="",
    )
    tower = Chapter(
        "2. The Tower",
        '<div class="title"><p class="cn">2</p><p class="ct">The Tower</p></div>'
        "<p>The tower was tall.</p>",
        heading="",
    )
    files = epub_files(Book(chapters=(part, boat, tower)))
    files["OEBPS/text/notes.xhtml"] = chapter_document(
        Chapter(
            "Notes",
            '<section epub:type="endnotes"><h2>Notes</h2><ol><li id="e1" epub:type="endnote">'
            '<p>It was a small boat. <a epub:type="backlink" href="chapter2.xhtml">↩</a></p>'
            "</li></ol></section>",
        )
    ).encode()
    opf = files["OEBPS/content.opf"].decode()
    opf = opf.replace(
        "</manifest>",
        '<item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/></manifest>',
    ).replace("</spine>", '<itemref idref="notes" linear="no"/></spine>')
    files["OEBPS/content.opf"] = opf.encode()
    chapters = (
        '<li><a href="text/chapter2.xhtml">1. The Boat</a></li>'
        '<li><a href="text/chapter3.xhtml">2. The Tower</a></li>'
    )
    nav = files["OEBPS/nav.xhtml"].decode().replace(chapters, "")
    nav = nav.replace(
        "Part One: Arrival</a></li>", f"Part One: Arrival</a><ol>{chapters}</ol></li>"
    )
    files["OEBPS/nav.xhtml"] = nav.encode()
    return files


def test_parts_hgroups_title_lines_and_an_endnotes_document(tmp_path: Path) -> None:
    article = load(str(write_epub(tmp_path / "nested.epub", nested_book())))
    found = [(b.text, b.level) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert found == [
        ("Part One: Arrival", 1),
        ("Chapter 1. The Boat", 2),
        ("2. The Tower", 2),
        ("Notes", 1),
    ]
    assert "PART ONE" not in article.text
    assert "She came by boat.[1] It rained." in article.text
    assert "The rain went on all day." in article.text
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["The boat, 1911.", "1. It was a small boat."], "each once, no ↩"
    assert article.blocks[-1].kind is BlockKind.CAPTION, "the notes document comes last"


def test_a_poem_keeps_its_lines(tmp_path: Path) -> None:
    poem = (
        '<div class="poem"><p class="stanza">The lamp was lit at seven,<br/>\n'
        "    the keeper climbed the stair,<br/>and every ship that passed that night<br/>\n"
        "    saw Ada standing there.</p></div>"
        "<p>The book goes on in prose, as books do, with a sentence or two.</p>"
    )
    article = book(tmp_path, chapters=(Chapter("Verse", poem),))
    stanza = next(block for block in article.blocks if block.text.startswith("The lamp"))
    assert stanza.text.split("\n") == [
        "The lamp was lit at seven,",
        "the keeper climbed the stair,",
        "and every ship that passed that night",
        "saw Ada standing there.",
    ]
