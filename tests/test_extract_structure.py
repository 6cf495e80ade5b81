"""Structure a page gives its text, kept: tables read by row, quotes, captions' credits."""

from __future__ import annotations

from lxml import html as lxml_html

from reader.extract.html import parse_html
from reader.extract.tables import table_row
from reader.model import Article, BlockKind

PROSE = "<p>" + "This is the article's own paragraph, written in whole sentences. " * 5 + "</p>"


def page(body: str) -> Article:
    markup = f"<html><head><title>Tables</title></head><body><article>{PROSE}{body}</article>"
    return parse_html(markup + "</body></html>", "x")


def texts(article: Article, kind: BlockKind) -> list[str]:
    return [block.text for block in article.blocks if block.kind is kind]


def test_a_table_row_is_read_with_its_column_names() -> None:
    table = (
        "<table><thead><tr><th>Country</th><th>Score</th><th>Rank</th></tr></thead><tbody>"
        "<tr><td>Finland</td><td>7.8</td><td>1</td></tr>"
        "<tr><td>Denmark</td><td></td><td>2</td></tr></tbody></table>"
    )
    rows = texts(page(table), BlockKind.TABLE)[0].split("\n")
    assert rows == ["Country: Finland; Score: 7.8; Rank: 1", "Country: Denmark; Rank: 2"]


def test_a_row_with_its_own_header_cell_reads_as_a_label() -> None:
    table = (
        "<table><tr><th>Location</th><td>South Karelia, Finland</td></tr>"
        "<tr><th>Area</th><td>4,400 km<sup>2</sup></td></tr></table>"
    )
    rows = texts(page(table), BlockKind.TABLE)[0].split("\n")
    assert rows == ["Location: South Karelia, Finland", "Area: 4,400 km2"]


def test_a_table_without_a_header_row_lists_its_cells() -> None:
    table = lxml_html.fragment_fromstring(
        "<table><tr><td>Tuesday</td><td>rain</td></tr><tr><td>Friday</td><td>sun</td></tr></table>"
    )
    assert [table_row(row) for row in table.iter("tr")] == ["Tuesday, rain", "Friday, sun"]


def test_a_table_nested_in_a_cell_uses_its_own_header() -> None:
    inner = "<table><tr><th>Day</th><th>Sky</th></tr><tr><td>Monday</td><td>grey</td></tr></table>"
    outer = lxml_html.fragment_fromstring(
        f"<table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td>{inner}</td></tr></table>"
    )
    rows = [table_row(row) for row in outer.iter("tr")]
    assert rows[-1] == "Day: Monday; Sky: grey"  # (the walker reads a row holding a table
    # cell by cell, not through table_row)


def test_a_quote_of_several_paragraphs_stays_several_quotes() -> None:
    quote = (
        "<blockquote><p>The first thing she said was that the river had risen.</p>"
        "<p>The second was that nobody had told the town about it.</p></blockquote>"
    )
    assert texts(page(quote), BlockKind.QUOTE) == [
        "The first thing she said was that the river had risen.",
        "The second was that nobody had told the town about it.",
    ]


def test_a_caption_built_of_spans_keeps_its_words_apart_and_says_credit_once() -> None:
    figure = (
        '<figure><img src="a.jpg" alt=""><figcaption><span>A worker repairing cables '
        "under the street. The water had seeped underground.</span><span><span>Credit</span>"
        "<span><span>Credit</span><span>Chang W. Lee/The Daily Times</span></span></span>"
        "</figcaption></figure>"
    )
    captions = texts(page(figure), BlockKind.CAPTION)
    assert captions == [
        "A worker repairing cables under the street. The water had seeped underground. "
        "Credit Chang W. Lee/The Daily Times"
    ]


def test_a_caption_keeps_a_word_split_by_markup_whole() -> None:
    figure = (
        "<figure><img src='a.jpg' alt=''><figcaption>The <b>Mc</b>donald farm and its "
        "<i>bar</i>ns at dawn, seen from the road that leads into the valley.</figcaption>"
        "</figure>"
    )
    assert texts(page(figure), BlockKind.CAPTION) == [
        "The Mcdonald farm and its barns at dawn, seen from the road that leads into the valley."
    ]


def test_a_long_ordered_list_is_numbered_in_order() -> None:
    items = "".join(f"<li>Step number {i} of the long procedure.</li>" for i in range(3000))
    numbered = texts(page(f'<ol start="5">{items}</ol>'), BlockKind.LIST_ITEM)
    assert numbered[0] == "5. Step number 0 of the long procedure."
    assert numbered[-1] == "3004. Step number 2999 of the long procedure."


def test_the_whole_text_of_a_page_has_no_script_or_style() -> None:
    markup = (
        "<html><head><title>T</title><style>.x { color: red }</style></head><body>"
        f"{PROSE}<script>var secret = 1;</script><noscript>Turn on scripts</noscript>"
        "</body></html>"
    )
    whole = parse_html(markup, "x", raw=True).text
    assert "article's own paragraph" in whole
    assert "secret" not in whole
    assert "color" not in whole


def test_a_section_name_before_the_title_is_not_taken_for_it() -> None:
    markup = (
        "<html><head><title>Opinion | Why our cities need more trees - The Daily</title></head>"
        f"<body><article><h2>Opinion</h2><h1>Why our cities need more trees</h1>{PROSE}"
        "</article></body></html>"
    )
    assert parse_html(markup, "x").title != "Opinion"


def test_a_control_character_after_a_line_break_is_dropped_not_fatal() -> None:
    article = page("<p>Before the break.<br>&#27;[31mAfter the break, in red.</p>")
    assert "Before the break.\nAfter the break, in red." in article.text
    assert "\x1b" not in article.text


def test_a_reversed_list_counts_down_and_an_items_value_renumbers_it() -> None:
    items = "".join(f"<li>Entry {name} of the countdown list.</li>" for name in "abc")
    assert texts(page(f"<ol reversed>{items}</ol>"), BlockKind.LIST_ITEM) == [
        "3. Entry a of the countdown list.",
        "2. Entry b of the countdown list.",
        "1. Entry c of the countdown list.",
    ]
    valued = (
        "<ol><li>First step of the procedure.</li><li value='7'>Seventh step of it.</li>"
        "<li>Eighth step of the procedure.</li></ol>"
    )
    assert texts(page(valued), BlockKind.LIST_ITEM) == [
        "1. First step of the procedure.",
        "7. Seventh step of it.",
        "8. Eighth step of the procedure.",
    ]
    counted = "<ol reversed start='10'><li>Ten to go now.</li><li>Nine to go now.</li></ol>"
    assert texts(page(counted), BlockKind.LIST_ITEM) == ["10. Ten to go now.", "9. Nine to go now."]
