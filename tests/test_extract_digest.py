"""A text made of several documents (a digest, pages pasted one after another) keeps each
one's prose, under its own title, and drops each one's page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import load
from reader.model import Article, BlockKind

DIGEST = Path(__file__).parent / "fixtures" / "digest"
NAMES = ("harbour.txt", "observatory.txt", "orchard.txt")
SECTIONS = ["Fetching a page", "Checking the archive"]
"""The tutorial's section headings under its first (which opens its body: no heading)."""
TITLES = {
    "harbour.txt": "Harbour town votes to rebuild its storm wall before winter",
    "observatory.txt": "A small observatory finds a comet that the big surveys missed",
    "orchard.txt": "The orchard that came back from a hard frost",
}


def prose(name: str) -> list[str]:
    """The fixture's paragraphs that are the article's writing (long lines)."""
    chunks = (DIGEST / name).read_text().split("\n\n")
    return [chunk for chunk in chunks if len(chunk) > 200]


def digest(tmp_path: Path, names: tuple[str, ...]) -> Article:
    path = tmp_path / "digest.txt"
    path.write_text("\n\n".join((DIGEST / name).read_text() for name in names))
    return load(str(path))


@pytest.mark.parametrize("names", [NAMES, NAMES[::-1], (NAMES[1], NAMES[0], NAMES[2])])
def test_every_document_of_a_digest_keeps_its_prose_under_its_title(
    tmp_path: Path, names: tuple[str, ...]
) -> None:
    article = digest(tmp_path, names)
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == [text for name in names for text in prose(name)]
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    titles = [TITLES[name] for name in names]
    assert article.title in titles  # the main document's, which gives the metadata
    # every document is a section with its title, but the first when it is the main one
    assert headings == (titles[1:] if article.title == titles[0] else titles)


def test_a_digest_drops_each_documents_furniture_and_bylines(tmp_path: Path) -> None:
    article = digest(tmp_path, NAMES)
    texts = [block.text for block in article.blocks]
    for furniture in ("Related", "Most popular", "Comments (14)", "Sign in", "Menu"):
        assert furniture not in texts
    assert not any(text.startswith("By ") for text in texts)
    assert article.byline == "Ellen Marsh"


def test_one_document_alone_is_read_as_before(tmp_path: Path) -> None:
    article = digest(tmp_path, ("orchard.txt",))
    assert article.title == TITLES["orchard.txt"]
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == prose("orchard.txt")
    assert TITLES["orchard.txt"] not in [block.text for block in article.blocks]


def test_a_comment_thread_is_not_taken_for_documents(tmp_path: Path) -> None:
    comment = (
        "I have lived by this harbour for forty years and I have seen the sea come over the "
        "old wall six times, so I do not believe a new wall will be enough unless the council "
        "also clears the drains behind the quay and moves the fish market further up the hill."
    )
    thread = "\n\n".join(
        f"harbour_fan{i}\n\n{i + 2} hours ago\n\n{comment}\n\nReply\n\nLike\n\nReport"
        for i in range(12)
    )
    path = tmp_path / "story.txt"
    path.write_text((DIGEST / "harbour.txt").read_text() + "\n\n48 Comments\n\n" + thread)
    article = load(str(path))
    assert [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH] == prose("harbour.txt")
    assert article.left_out > 0, "the thread is prose left out, and counted"


def test_a_document_after_a_comment_thread_and_a_footer_is_a_document(tmp_path: Path) -> None:
    """The observatory page ends in its comments; the next page has no byline or dateline
    to say an article starts, but the page before it has ended (its copyright footer, then
    the next page's menus): the guide is a document, not more comments."""
    said = (
        "What a find, and with such an old telescope too!",
        "I was at the open evening last month and the queue for the telescope was long.",
        "Well done to the club, the second dome is a fine idea.",
    )
    comments = "\n\n".join(
        f"skywatcher{i}\n\n{i + 1} days ago\n\n{text}\n\nReply" for i, text in enumerate(said)
    )
    path = tmp_path / "digest.txt"
    path.write_text(
        "\n\n".join(
            [
                (DIGEST / "observatory.txt").read_text(),
                comments,
                "© 2026 The Valley Star. All rights reserved.",
                (DIGEST / "tutorial.txt").read_text(),
            ]
        )
    )
    article = load(str(path))
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    for text in prose("observatory.txt") + prose("tutorial.txt"):
        assert text in paragraphs
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    # its title, and its sections' headings though its contents list repeats them
    assert headings == ["Keeping a small archive of web pages", *SECTIONS]
    assert "Edit this page" not in [block.text for block in article.blocks]


def test_a_document_in_another_language_keeps_its_prose(tmp_path: Path) -> None:
    """A Czech article between English ones: the stopwords of the English around it must not
    make its prose look like labels."""
    names = ("harbour.txt", "pekarna.txt", "orchard.txt")
    article = digest(tmp_path, names)
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == [text for name in names for text in prose(name)]
    assert "Malá pekárna na náměstí slaví padesát let" in [b.text for b in article.blocks]


def test_a_decorated_byline_with_a_reading_time_is_the_byline(tmp_path: Path) -> None:
    text = (DIGEST / "orchard.txt").read_text()
    path = tmp_path / "orchard.txt"
    path.write_text(
        text.replace(
            "By Tomas Lind\nUpdated 3 April 2026", "// By Tomas Lind • 3 April 2026 · 5 min read"
        )
    )
    article = load(str(path))
    assert (article.byline, article.published) == ("Tomas Lind", "3 April 2026")
    assert [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH] == prose("orchard.txt")


def test_a_reading_time_dateline_opens_the_next_document(tmp_path: Path) -> None:
    """A comments count atop a page ("6 Comments") does not make its article a comment:
    the headline and its dateline ("Apr 3, 2026 · 5 min read") open a document."""
    orchard = (DIGEST / "orchard.txt").read_text()
    orchard = orchard.replace("Gardening\n", "Gardening\n6 Comments\n").replace(
        "By Tomas Lind\nUpdated 3 April 2026", "Apr 3, 2026 · 5 min read"
    )
    path = tmp_path / "digest.txt"
    harbour = (DIGEST / "harbour.txt").read_text().replace("© 2026 The Coast Courier.", "")
    harbour = harbour.replace("All rights reserved.", "")  # no footer ends its page
    path.write_text(harbour + "\n\n" + orchard)
    article = load(str(path))
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == prose("harbour.txt") + prose("orchard.txt")
