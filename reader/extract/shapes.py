"""What a line of page text looks like: body prose, a heading, a byline, a date, a credit.

These are shape rules (length, punctuation, capitalisation, stopword density, a few
near-universal labels such as "By", "Source:", "Photo:"), shared by the plain-text cleaner
and the HTML post-filter. None of them names a particular site.
"""

from __future__ import annotations

import re
from enum import Enum

from reader.extract.thresholds import PROSE_STOPWORDS
from reader.extract.vocabulary import FOOTER, UNSPACED_LETTERS

_CHARS_PER_WORD_UNSPACED = 2
"""Chinese and Japanese text holds about one word per this many characters."""
_END_CHARS = 12
"""A sentence end is looked for among this many last characters (a paragraph is long)."""
_PROSE_WORDS = 10
"""A paragraph of this many words is long enough to be prose ..."""
_PROSE_CHARS = 70
"""... or of this many characters (text without spaces between words)."""
_UNFINISHED_WORDS = 25
"""A paragraph this long is prose even without a sentence end or when it trails off
("..."); a shorter one is a heading, a label or a teaser cut short."""
_SENTENCE_CASE_CAPITALS = 0.1
"""Sentence case: at most this share of the words after the first are capitalised."""
_JUNK_MIN_CHARS = 20
"""A line this long with many symbols is markup or a tracking string ..."""
_JUNK_SYMBOLS = 0.08
"""... when more than this share of its characters are symbols (`_SYMBOLS`)."""
_FURNITURE_WORDS = 4
"""A furniture label ("Share this article") has at most this many words."""
_HEADING_WORDS = 25
"""A heading has at most this many words (callers ask for fewer where headings are short) ..."""
_HEADING_CHARS = 250
"""... and at most this many characters."""
_BYLINE_WORDS = 10
"""The names in a "By ..." line are at most this many words: more is a sentence."""
_CREDIT_WORDS = 8
"""The agency in a "Source: ..." line is at most this many words."""
_DATE_CHARS = 80
"""A dateline is at most this long."""
_DATE_TOKENS = 0.75
"""A dateline: at least this share of its tokens are date parts (months, days, times)."""
SHAPE_SAMPLE = 65_536
"""Characters of a line looked at for its shape (code, columns, digits): a line of code or
of a table is never longer, and a megabyte-long line without one costs seconds a scan."""
_CODE_STOPWORDS = 0.2
"""A line that looks like code but ends a sentence with more than this share of stopwords
is prose with a parenthesis or a semicolon in it."""

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»)\]]*$""")

# Frequent function words of English and a few other languages written with spaces; the
# density of these tells prose from menus and labels (jusText's idea). Text in a language
# not listed falls back to length and punctuation alone (see `classify`).
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my no nor not now of off on once only or other
    our ours out over own said same she should so some such than that the their them then
    there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your
    der die das und ist nicht ein eine einen dem den des sich mit auf für von zu im auch als
    wie bei nach noch aus wird werden hat sind war wurde oder aber dass er sie es
    le la les et est une un des du de pas que qui dans pour sur au aux avec ce il elle ne se
    plus par son sont été ont mais ou
    el los las y en es por con para una del al lo su se como más pero sus le ya o fue ha
    il di che e è per non della sono gli con una al ma anche
    o os as em um uma do da dos das para com não se por mais foi ao
    het een en van ik te dat is op zijn niet met voor er maar om ook als bij nog wordt
    и в не на что с как по это он она но к из у за от для так же все был
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december"
)
_DATE_PARTS = re.compile(
    rf"""^(?:
        (?:{MONTHS})\.?|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:am|pm)?
        |am|pm|[ap]\.m\.?|gmt|utc|[a-z]{{2,4}}t|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun
        |monday|tuesday|wednesday|thursday|friday|saturday|sunday
        |published|updated|posted|last|on|at|modified|\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:+.z-]+)?
        |\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_READING_TIME = re.compile(r"\b\d{1,3}\s*(?:min|mins|minutes?)\s+read\b", re.I)
"""A reading time beside a date ("Oct 18, 2019 · 8 min read"): part of the dateline."""
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m)?", re.I)
_BYLINE = re.compile(r"^(?:by|written by|words by|story by|reporting by)\s+(\S.{0,80})$", re.I)
_BYLINE_DECORATION = "/|*•·—– "
"""Marks a page may set before its byline ("// By ...", "— By ...")."""
_DATE_TAIL = re.compile(
    rf"""\s*[,|·•—–-]?\s*(
        (?:(?:updated|published|posted)\s*:?\s*)?
        (?:(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTHS})\.?\s+\d{{4}}
        |\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}).*
    )$""",
    re.I | re.VERBOSE,
)
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:posted|published|updated|last updated|date)(?:\s+on)?\s*[:：]?\s*)", re.I
)
_CREDIT = re.compile(
    r"^(?:source|sources|credit|credits|via|additional reporting by|with reporting by)\s*[:：]"
    r"\s*(\S.{0,60})$",
    re.I,
)
_CAPTION = re.compile(
    r"""(?:\(\s*(?:photo|image|picture|pictured|video|file\ photo|photograph|illustration)
        (?:\s*[:/]|\s+by\b|\s+credit\b)[^()]*\)
      | \(\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+(?:photo|image|pic)s?\s*/[^()]*\)
    )\s*\.?$""",
    re.VERBOSE | re.IGNORECASE,
)
_MARKUP = re.compile(r"</?(?:div|a|img|span|script|iframe|p)\b[^>]*>|\bhttps?://\S{30,}", re.I)
_TEASER = re.compile(
    r"^(?:related|read more|read next|see also|also read|read also|more|watch|listen"
    r"|recommended|most read)\s*[:：]",
    re.I,
)
_FURNITURE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|ad"
    r"|share(?: this(?: article| story)?)?|related(?: articles| stories| topics)?"
    r"|read more|sign up|subscribe|follow us"
    r"|newsletter|story continues below(?: advertisement)?)\W*$",
    re.I,
)
_SYMBOLS = str.maketrans(dict.fromkeys("<>=/%&{}\\|_#;[]*"))
"""Characters that mark code, URLs or tracking strings (deleted to count them)."""
_CAPTION_START = re.compile(
    r"^(?:(?:photo|image|picture|caption|file photo)\s*[:：]|(?:media caption|caption|credit)\s)",
    re.I,
)


class Kind(Enum):
    """jusText-style classes: prose, short (context decides), bad (boilerplate)."""

    GOOD = "good"
    SHORT = "short"
    BAD = "bad"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words, with Chinese and Japanese (written without spaces) at two characters a word."""
    unspaced = len(UNSPACED_LETTERS.findall(text))
    if not unspaced:
        return len(words(text))
    return len(words(UNSPACED_LETTERS.sub(" ", text))) + unspaced // _CHARS_PER_WORD_UNSPACED


def stopword_density(text: str) -> float:
    tokens = words(text)
    if not tokens:
        return 0.0
    return sum(map(STOPWORDS.__contains__, map(str.lower, tokens))) / len(tokens)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()[-_END_CHARS:]))


def classify(text: str, *, use_stopwords: bool) -> Kind:
    """Prose of some length is good; a line with no letters is bad; the rest is short."""
    if not any(ch.isalpha() for ch in text) or is_junk(text):
        return Kind.BAD
    size = word_count(text)
    long_enough = size >= _PROSE_WORDS or len(text) >= _PROSE_CHARS
    if not long_enough or (not ends_sentence(text) and size < _UNFINISHED_WORDS):
        return Kind.SHORT
    if size < _UNFINISHED_WORDS and text.rstrip().endswith(("...", "…")):
        return Kind.SHORT  # a teaser cut short
    if use_stopwords and stopword_density(text) < PROSE_STOPWORDS:
        return Kind.SHORT
    return Kind.GOOD


def is_sentence_case(text: str, *, min_words: int) -> bool:
    """At least `min_words` words, hardly any capitalised after the first: a list item
    written as prose ("Added a new player model"), not a headline or a menu."""
    tokens = [token for token in words(text)[1:] if token[:1].isalpha()]
    if len(tokens) < min_words - 1:
        return False
    return sum(token[:1].isupper() for token in tokens) <= _SENTENCE_CASE_CAPITALS * len(tokens)


def is_junk(text: str) -> bool:
    """Markup, URLs or tracking strings that a renderer let through."""
    if ("<" in text or "://" in text) and _MARKUP.search(text):  # `in` first: it is fast
        return True
    if (
        "©" in text or "(" in text or "ESERVED" in text.upper() or "icen" in text or "page" in text
    ) and FOOTER.search(text):
        return True
    if _TEASER.match(text):
        return True
    symbols = len(text) - len(text.translate(_SYMBOLS))
    return len(text) >= _JUNK_MIN_CHARS and symbols > _JUNK_SYMBOLS * len(text)


def is_furniture(text: str) -> bool:
    """A page label that is never article text: "Advertisement", "Share this", "Related"."""
    return (
        len(words(text)) <= _FURNITURE_WORDS
        and not ends_sentence(text)
        and bool(_FURNITURE.search(text))
    )


def is_heading_like(text: str, *, max_words: int = _HEADING_WORDS) -> bool:
    """A title or section heading: a few words, capitalised, not a finished sentence."""
    tokens = words(text)
    if not 1 <= len(tokens) <= max_words or len(text) > _HEADING_CHARS:
        return False
    first = text.lstrip("\"'“‘«([")[:1]
    if first and first.isalpha() and first.islower():
        return False
    return not text.rstrip().endswith((".", ",", ";", ":")) or text.rstrip().endswith("...")


def byline(text: str) -> str | None:
    """The name(s) in a "By X" line, or None."""
    match = _BYLINE.match(text.strip())
    if not match or len(words(match.group(1))) > _BYLINE_WORDS:
        return None
    return match.group(1).strip().rstrip(".")


def byline_and_date(text: str) -> tuple[str | None, str | None]:
    """("Jane Doe", "Jan. 13, 2017") from "By Jane Doe Jan. 13, 2017" or "1/13/2017 by Jane"
    (after any decoration before it: "// By Jane Doe • Jan. 13, 2017")."""
    text = text.strip().lstrip(_BYLINE_DECORATION)
    dated = re.match(r"^(.*?)\s+by\s+(.+)$", text, re.I)
    if dated and is_date(dated.group(1)):
        return byline(f"By {dated.group(2)}"), dated.group(1).strip()
    name = byline(text)
    if not name:
        return None, None
    tail = _DATE_TAIL.search(name)
    if tail and is_date(tail.group(1)):
        return name[: tail.start()].strip(" ,|·—–-") or None, tail.group(1).strip()
    return name, None


def credit(text: str) -> str | None:
    """The agency in a short "Source: X" / "Credit: X" line, or None."""
    match = _CREDIT.match(text.strip())
    if not match or len(words(match.group(1))) > _CREDIT_WORDS:
        return None
    return match.group(1).strip()


def is_caption(text: str) -> bool:
    """A photo caption: ends in a parenthesised photo credit, or starts "Photo:"."""
    text = text.strip()
    return bool(_CAPTION.search(text) or _CAPTION_START.match(text))


def clean_date(text: str) -> str:
    """ "Posted on 4 March 2024" -> "4 March 2024" (and "4 March 2024 · 6 min read" too)."""
    text = _READING_TIME.sub("", text).strip(" ·•|,–—-")
    return _DATE_LABEL.sub("", text).strip() or text.strip()


def is_date(text: str) -> bool:
    """A dateline such as "26 Nov 2025 09:14PM" or "Published: 2025-11-26"."""
    text = text.strip()
    if len(text) > _DATE_CHARS or not _YEAR_OR_TIME.search(text):
        return False
    tokens = re.findall(r"[^\s,()|·•–—]+", _READING_TIME.sub(" ", text))
    if not tokens:
        return False
    known = sum(bool(_DATE_PARTS.match(token.rstrip(":"))) for token in tokens)
    return known / len(tokens) >= _DATE_TOKENS


def normal(text: str) -> str:
    """A comparison key: case-folded words only."""
    return " ".join(words(text.casefold()))


_CODE = re.compile(r"[{};=]|\w\(|\)$|^\W*</?\w+|^\s*(?://|#|/\*|\*)")


def is_code(text: str) -> bool:
    """A line of a code sample: braces, semicolons, calls, tags, comments; not a sentence."""
    return bool(_CODE.search(text[:SHAPE_SAMPLE])) and not (
        ends_sentence(text) and stopword_density(text) > _CODE_STOPWORDS
    )


_TABULAR = re.compile(r"[^\s\[\]](?: {2,}|\t|\s*[│┃|]\s*)[^\s\[\]]|[─━┼]|^\s*[$#>]\s")
"""Table cells in columns, box-drawing rules, a shell prompt (not a form's "[   ]" field)."""


def is_data(text: str) -> bool:
    """A line of a code sample, a table or a chart: code, columns, or mostly digits (not a
    time or a date, which head a page's teasers and live updates as often)."""
    text = text[:SHAPE_SAMPLE]
    if is_code(text) or _TABULAR.search(text):
        return True
    digits = sum(map(str.isdigit, text))
    return digits > sum(map(str.isalpha, text)) and not is_date(text)
