"""What readability leaves out around an article: its lead, captions between its
paragraphs, and sentences whose words are mostly links."""

from __future__ import annotations

from reader.extract.html import parse_html
from reader.model import Article, BlockKind

SENTENCES = (
    "The harbour board met on Monday and agreed that the channel will be dredged in spring",
    "Fishing crews had asked for the work for years, since the silt grounded two boats",
    "The engineers expect the dredging to take six weeks and to cost less than the repairs",
    "Residents near the quay will be told about the noise before the machines arrive there",
    "A second meeting in the summer will decide what is done with the silt that comes out",
    "The board thanked the crews for their patience and promised a report every month",
)


def prose(n: int) -> str:
    """A paragraph of two sentences, different for each `n`."""
    first, second = SENTENCES[n % len(SENTENCES)], SENTENCES[(n + 1) % len(SENTENCES)]
    return f"{first}, said the report numbered {n}. {second}, it added."


def article(body: str) -> Article:
    return parse_html(
        f"<html><head><title>Dredging</title></head><body>{body}</body></html>", "page.html"
    )


def texts(found: Article, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in found.blocks if kind is None or block.kind is kind]


def test_the_lead_outside_a_read_more_container_is_kept_before_the_rest() -> None:
    rest = "".join(f"<p>{prose(n)}</p>" for n in range(2, 10))
    found = article(
        '<div class="story"><div class="intro"><p><strong>'
        + prose(0)
        + "</strong></p></div><p>"
        + prose(1)
        + '</p><div class="more"><div class="more-link"><a href="#">Read more</a></div>'
        + f'<div class="more-content">{rest}</div></div></div>'
    )
    kept = texts(found)
    assert kept[:3] == [prose(0), prose(1), prose(2)]
    assert len(kept) == 10
    assert "Read more" not in found.text


def test_prose_above_a_heading_before_the_article_is_not_its_lead() -> None:
    rest = "".join(f"<p>{prose(n)}</p>" for n in range(2, 10))
    found = article(
        f'<div class="story"><div class="intro"><p>{prose(0)}</p></div>'
        "<h2>Elsewhere in the paper</h2>"
        '<div class="more"><div class="more-link"><a href="#">Read more</a></div>'
        f'<div class="more-content">{rest}</div></div></div>'
    )
    assert texts(found)[0] == prose(2)
    assert prose(0) not in found.text


def test_captions_between_the_articles_paragraphs_are_kept_but_not_those_after_it() -> None:
    steps = "".join(
        f'<div class="step"><div class="content"><p>{prose(n)}</p></div>'
        f"<figure><img src='{n}.jpg' alt=''><figcaption>The quay in picture {n}."
        "</figcaption></figure></div>"
        for n in range(6)
    )
    teaser = (
        "<div class='related'><figure><img src='t.jpg' alt=''>"
        "<figcaption>A teaser for another story.</figcaption></figure></div>"
    )
    found = article(f"<div class='steps'>{steps}</div>{teaser}")
    captions = texts(found, BlockKind.CAPTION)
    assert [f"The quay in picture {n}." for n in range(5)] == captions[:5]
    assert "A teaser for another story." not in found.text


def test_a_sentence_with_links_in_it_is_kept_and_a_lone_link_is_not() -> None:
    changes = (
        "Neil has patches up to <a href='/1'>improve the behaviour of the tab "
        "unloader</a>, and <a href='/2'>show UI when subframes crash</a>"
    )
    found = article(
        "<article>"
        + "".join(f"<p>{prose(n)}</p>" for n in range(4))
        + f"<p>{changes}</p><p><a href='/more'>Learn more about the dredging works</a></p>"
        + "".join(f"<p>{prose(n)}</p>" for n in range(4, 6))
        + "</article>"
    )
    assert (
        "Neil has patches up to improve the behaviour of the tab unloader, and show UI when "
        "subframes crash"
    ) in texts(found)
    assert "Learn more about the dredging works" not in found.text


def test_one_credit_under_several_pictures_is_a_caption_each_time() -> None:
    pictures = "".join(
        f"<p>{prose(n)}</p><figure><img src='quay-{n}.jpg' alt=''>"
        "<figcaption>Photo by Ann Lind</figcaption></figure>"
        for n in range(4)
    )
    found = article(f"<article>{pictures}<p>{prose(4)}</p></article>")
    assert texts(found, BlockKind.CAPTION) == ["Photo by Ann Lind"] * 4


def test_a_picture_drawn_twice_for_two_screen_sizes_is_captioned_once() -> None:
    def drawn(size: str, n: int) -> str:
        return (
            f"<div class='{size}'><figure><img src='https://cdn.example/{size}/dredger-{n}.jpg'"
            f" alt='The dredger'><figcaption>The dredger at work.</figcaption></figure></div>"
        )

    lead = drawn("small", 1) + drawn("large", 1)
    found = article(
        f"<div class='story'><div class='lede'>{lead}</div><div class='body'>"
        + "".join(f"<p>{prose(n)}</p>" for n in range(6))
        + "</div></div>"
    )
    assert texts(found, BlockKind.CAPTION).count("The dredger at work.") == 1


def test_the_summary_under_the_headline_leads_the_article_and_a_dateline_does_not() -> None:
    body = "<div class='body'>" + "".join(f"<p>{prose(n)}</p>" for n in range(6)) + "</div>"
    summary = "Fishing crews asked for years; the board now says the work is worth its cost"
    found = article(
        f"<div class='story'><header><h1>Dredging</h1><p>{summary}</p></header>{body}</div>"
    )
    assert texts(found)[:2] == [summary, prose(0)]
    dateline = (
        "<div><a href='/ann'>Ann Lind</a> <span>Harbour desk</span> <time>4 May 2015</time>"
        " <span>Updated at noon today</span></div>"
    )
    found = article(f"<div class='story'><header><h1>Dredging</h1>{dateline}</header>{body}</div>")
    assert texts(found)[0] == prose(0)
    assert "Harbour desk" not in found.text


def test_a_caption_written_as_a_list_item_under_its_picture_is_a_caption() -> None:
    pictures = "".join(
        f"<p>{prose(n)}</p><figure><img src='{n}.jpg' alt=''></figure>"
        f"<ul><li><p>The dredger at work on the quay, day {n}</p></li></ul>"
        for n in range(4)
    )
    listed = (
        "<figure><img src='l.jpg' alt=''></figure>"
        "<ul><li>Dredger</li><li>Barge</li><li>Tug</li></ul>"
    )
    found = article(f"<article>{pictures}{listed}<p>{prose(5)}</p></article>")
    assert [f"The dredger at work on the quay, day {n}" for n in range(4)] == texts(
        found, BlockKind.CAPTION
    )
    assert [prose(n) for n in (0, 1, 2, 3, 5)] == texts(found, BlockKind.PARAGRAPH)


def test_the_footnotes_box_after_the_article_is_kept_as_its_notes() -> None:
    sections = "".join(
        f"<section><h2>Part {n}</h2><p>{prose(n)}<sup><a href='#n{n}'>{n}</a></sup></p>"
        f"<p>{prose(n + 1)}</p></section>"
        for n in range(1, 4)
    )
    notes = "".join(
        f"<p data-type='footnote' id='n{n}'><sup><a href='#m{n}'>{n}</a></sup>"
        f"The figures for part {n} come from the harbour board's own survey.</p>"
        for n in range(1, 4)
    )
    found = article(
        f"<div class='chapter'>{sections}<div class='footnotes'>{notes}</div></div>"
        "<div class='sidebar'><p>Other books in this series.</p></div>"
    )
    captions = texts(found, BlockKind.CAPTION)
    assert len(captions) == 3
    assert captions[0].endswith("The figures for part 1 come from the harbour board's own survey.")
    assert "Other books" not in found.text
