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


def body(*paragraphs: str) -> str:
    return "".join(paragraphs) + "".join(f"<p>{prose(n)}</p>" for n in range(4))


def test_a_byline_paragraph_leaves_the_body_and_names_the_author() -> None:
    found = page(
        "<article><h1>The lock keeper</h1>"
        + body('<p class="byline">By Ann Whitfield</p>', '<p class="dateline">May 4, 2024</p>')
        + "</article>"
    )
    assert found.byline == "Ann Whitfield"
    assert found.published == "May 4, 2024"
    assert texts(found)[0] == prose(0)


def test_a_marked_author_line_goes_even_when_the_page_names_the_author_already() -> None:
    head = '<title>The lock keeper</title><meta name="author" content="Ann Whitfield">'
    line = '<div class="post-author">Ann Whitfield, canal correspondent</div>'
    found = page(f"<article>{body(line)}</article>", head)
    assert found.byline == "Ann Whitfield"
    assert "Ann Whitfield" not in found.text


def test_a_dateline_inside_a_sentence_and_a_quotes_author_stay() -> None:
    dateline = (
        '<p><span class="dateline">GLOUCESTER —</span> The lock keeper opened the gates at '
        "dawn on Monday, as he has done every day for thirty years.</p>"
    )
    quote = (
        "<blockquote><p>A canal is a road that carries its own weather.</p>"
        '<p class="author">Ellen Marsh</p></blockquote>'
    )
    found = page(f"<article>{body(dateline)}{quote}</article>")
    assert texts(found)[0].startswith("GLOUCESTER — The lock keeper")
    assert "Ellen Marsh" in texts(found, BlockKind.QUOTE)


def test_a_second_articles_byline_further_down_stays() -> None:
    second = '<h2>The mill</h2><p class="byline">By Tom Reed</p>' + "".join(
        f"<p>{prose(n)}</p>" for n in range(4, 7)
    )
    found = page(f"<article>{body('<p class=byline>By Ann Whitfield</p>')}{second}</article>")
    assert found.byline == "Ann Whitfield"
    assert "By Tom Reed" in texts(found)
    assert "By Ann Whitfield" not in texts(found)


def test_a_linked_item_of_a_list_of_sentences_stays_and_a_list_of_links_goes() -> None:
    news = (
        "<ul><li><a href='/review'>Here is our year in review!</a></li>"
        "<li>We have just landed a fix that stops an update while another copy is running, "
        "the cause of the restart page some of you have seen.</li>"
        "<li>Thanks to a volunteer, logins can now be imported from two more password "
        "managers, with their folders kept.</li></ul>"
    )
    related = (
        "<ul><li><a href='/a'>Ten canals to walk this summer</a></li>"
        "<li><a href='/b'>The last boat builder of the valley</a></li>"
        "<li><a href='/c'>Why the mill pond froze</a></li></ul>"
    )
    found = page(f"<article>{body(news)}{related}</article>")
    items = texts(found, BlockKind.LIST_ITEM)
    assert items[0] == "Here is our year in review!"
    assert len(items) == 3
    assert "Why the mill pond froze" not in found.text


def test_a_paragraph_that_opens_with_a_link_between_two_of_the_articles_stays() -> None:
    opening = (
        "<p>The lock keeper had worked the gates since the spring of 1994, first with his "
        "father and then alone, through floods and two dry summers.</p>"
        '<p><a href="https://example.org/canal">The canal trust</a> reports that traffic on '
        "this stretch has doubled in ten years, and that the old gates now open more than "
        "forty times on a summer day.</p>"
        '<p><a href="/mill">The mill that became a museum</a></p>'
        "<p>Each opening takes him four minutes, he says, and he has timed it more than once, "
        "with the same watch his father carried on the towpath.</p>"
    )
    rest = "".join(f"<p>{prose(n)}</p>" for n in range(8))
    found = page(f'<div class="story">{opening}<div class="story-body">{rest}</div></div>')
    shown = texts(found)
    assert shown[1].startswith("The canal trust reports that traffic")
    assert shown[0].startswith("The lock keeper had worked")
    assert shown[2].startswith("Each")
    assert "museum" not in found.text  # a link alone there is a teaser, as readability has it


def test_a_video_frame_in_the_article_adds_no_words() -> None:
    player = (
        '<p>Watch the gates open:</p><iframe src="https://www.youtube.com/embed/abc123">'
        "</iframe><video src='/gates.mp4'>Your browser cannot play this video.</video>"
    )
    found = page(f"<article>{body(player)}</article>")
    assert "VIDEO" not in found.text
    assert "browser" not in found.text
    assert texts(found)[0] == "Watch the gates open:"


def test_related_posts_and_asides_named_as_such_stay_out_of_the_article() -> None:
    related = (
        '<div id="related-posts" class="related-posts"><h3>Related</h3>'
        '<div class="related-post"><p>The canal trust published the results of its survey '
        "of boat traffic this week, with counts from every lock on the river.</p></div>"
        '<div class="related-post"><p>Volunteers cleared two miles of towpath on Saturday, '
        "and the trust says the rest will be done before the summer.</p></div></div>"
    )
    aside = (
        '<div role="complementary"><p>Our newsletter brings the week on the water to your '
        "inbox every Friday, with the lock timetable and the river levels.</p></div>"
    )
    hidden = '<p aria-hidden="true">The lock keeper opened the upper gates at dawn.</p>'
    found = page(f"<article>{body(hidden)}{related}{aside}</article>")
    assert texts(found) == [prose(n) for n in range(4)]


def test_a_page_whose_only_text_sits_in_a_box_named_comments_still_has_it() -> None:
    thread = "".join(f'<div class="comment-body"><p>{prose(n)}</p></div>' for n in range(3))
    found = page(f'<div id="comments" class="comments">{thread}</div>')
    assert texts(found) == [prose(n) for n in range(3)]


def test_a_lone_linked_line_stays_and_promoted_or_listed_links_go() -> None:
    credit = '<p>(Artist: <a href="https://example.org/ann">Annabel Whitfield-Ross</a>)</p>'
    promoted = (
        '<p>Related: <a href="/mill">The mill that became a museum</a></p>'
        '<p>[<a href="/weir">Read: Why the weir was rebuilt</a>]</p>'
        '<p><a href="/older">← Older post</a></p>'
    )
    listed = (
        '<p><a href="/a">Ten canals to walk</a></p><p><a href="/b">The last boat builder</a></p>'
    )
    found = page(
        "<article>"
        + "".join(f"<p>{prose(n)}</p>" for n in range(2))
        + credit
        + "".join(f"<p>{prose(n)}</p>" for n in range(2, 4))
        + promoted.replace("</p><p>[", f"</p><p>{prose(4)}</p><p>[", 1)
        + f"<p>{prose(5)}</p>{listed}</article>"
    )
    assert "(Artist: Annabel Whitfield-Ross)" in texts(found)
    for gone in ("museum", "weir was rebuilt", "Older post", "Ten canals", "boat builder"):
        assert gone not in found.text


def test_another_storys_excerpt_with_its_read_more_link_goes() -> None:
    teaser = (
        "<p>When you walk into almost any boat yard, you are met with the smell of tar and "
        'the sound of… <a href="/yard">Read more</a></p>'
    )
    cut = "<p>He says the old gates creak like a ship at sea... and that is all he says.</p>"
    found = page(f"<article>{body(teaser, cut)}</article>")
    assert "Read more" not in found.text
    assert texts(found)[0].startswith("He says the old gates creak")


def test_a_heading_whose_anchor_id_holds_an_unlikely_word_stays() -> None:
    section = '<h2 id="1-the-toolchain-sidebar-question">1. The toolchain question</h2>'
    found = page(f"<article>{body()}{section}{body()}</article>")
    assert "1. The toolchain question" in texts(found, BlockKind.HEADING)


def test_a_part_of_the_article_between_two_of_its_paragraphs_is_found_unless_set_apart() -> None:
    from lxml import html as lxml_html

    from reader.extract import around

    def gap(middle: str) -> list[str]:
        root = lxml_html.document_fromstring(
            f"<html><body><article><section><p id='a'>{prose(0)}</p></section>{middle}"
            f"<section><p id='b'>{prose(1)}</p></section></article></body></html>"
        )
        elements = list(root.iter())
        before, after = (elements.index(root.get_element_by_id(name)) for name in "ab")
        found = around.gap(elements, before, after, {"x"})
        return [" ".join(paragraph.text_content().split()) for paragraph in found]

    part = f"<p>{prose(2)}</p><p>{prose(3)}</p>"
    assert gap(f"<section>{part}</section>") == [prose(2), prose(3)]
    assert gap(f"<section><p>{prose(2)}</p></section>") == []  # one paragraph: not a part
    assert gap(f"<aside>{part}</aside>") == []
    assert gap(f'<div class="related-stories">{part}</div>') == []


def test_what_a_screen_reader_is_told_to_skip_stays_out_of_a_short_page() -> None:
    hidden = '<span aria-hidden="true">Decorative arrow icon</span>'
    found = page(f"<article><p>{hidden}{prose(0)}</p><p>{prose(1)}</p></article>")
    assert texts(found) == [prose(0), prose(1)]


def test_one_artists_credit_beside_each_of_their_pictures_stays_each_time() -> None:
    credit = '<p>(<a href="https://example.org/ann">Artist: Ann Lind</a>)</p>'
    pictures = "".join(
        f"<p>{prose(n)}</p><figure><img src='lock-{n}.jpg' alt=''></figure>{credit}"
        for n in range(3)
    )
    found = page(f"<article>{pictures}<p>{prose(3)}</p></article>")
    assert texts(found).count("(Artist: Ann Lind)") == 3


def test_a_repeated_lead_in_to_a_quotation_stays_and_a_repeated_label_goes() -> None:
    share = (
        '<p>Share:</p><ul><li><a href="/s/f">Facebook</a></li><li><a href="/s/m">Mail</a></li></ul>'
    )
    body = "".join(f"<p>{prose(n)}</p>" for n in range(3))
    found = page(
        f"<article>{share}{body}<p>The keeper was quoted here:</p>"
        "<blockquote>The gates are older than the mill, and they will outlast it.</blockquote>"
        "<p>and here:</p><blockquote>Nobody else knows how the upper gate sticks.</blockquote>"
        "<p>and here:</p><blockquote>I will miss the sound of the old ones.</blockquote>"
        f"<p>{prose(4)}</p>{share}</article>"
    )
    assert texts(found).count("and here:") == 2
    assert "I will miss the sound of the old ones." in texts(found, BlockKind.QUOTE)
    assert "Share" not in found.text
