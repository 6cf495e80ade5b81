"""Bytes -> text: which encoding a source is in, and whether it is text at all.

`binary_kind` names a file that is not text by its first bytes; `decode` finds the
encoding (BOM, declared charset, <meta charset>, UTF-8, detection) and never raises;
`unreadable` says when what came out is noise rather than anything to read.

A UTF-8 text with a few stray bytes of a legacy 8-bit encoding in it ("caf\xe9", a "\x92"
pasted from a word processor) keeps its UTF-8 and reads each stray byte as windows-1252,
the web's default legacy encoding, when it sits against a letter or is one of that
encoding's punctuation marks (0x80-0x9f: quotes, dashes, the ellipsis); other stray bytes
(a damaged pair between spaces) are damage and show as U+FFFD.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections import Counter

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "program",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x1a\x45\xdf\xa3": "video",
    b"7z\xbc\xaf": "7-Zip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"SQLite format 3": "SQLite database",
}
_HEAD_BYTES = 8192
"""Bytes at the start looked at for binary data, UTF-16 and a <meta charset>."""
_CONTROLS_ALLOWED = 8
"""Control bytes (not tab, newline, form feed, escape) a text's head may have ..."""
_CONTROLS_PER_BYTES = 50
"""... or one per this many bytes, whichever is more: more is a binary file."""
_UTF16_NULS = 4
"""BOM-less UTF-16 text has more than one NUL per this many bytes, all on one parity."""
_NUL_PROBE = 4096
"""A declared UTF-16 charset is believed only with a NUL among this many first bytes; as
many odd bytes tell the byte order."""
_DETECT_BYTES = 262_144
"""Bytes looked at to guess an undeclared legacy encoding."""
_FEW_HIGH = 16
"""A text with at most this many bytes above ASCII ..."""
_HIGH_SHARE = 0.1
"""... or under this share of them is mostly ASCII: too little for detection to tell."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_STRAY = "reader-stray-cp1252"
"""The error handler that reads a stray byte in UTF-8 text as windows-1252 (see above)."""
_LEGACY_PUNCTUATION = range(0x80, 0xA0)
"""windows-1252's punctuation bytes (“ ” ‘ ’ – — … • € ™), never valid alone in UTF-8."""


def _stray_cp1252(error: UnicodeError) -> tuple[str, int]:
    """One stray byte against a letter, or a windows-1252 punctuation byte: that character;
    anything else (a cut-off UTF-8 sequence, damage): U+FFFD."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    data, start, end = error.object, error.start, error.end
    if end - start == 1:
        byte = data[start]
        touches_letter = data[start - 1 : start].isalpha() or data[end : end + 1].isalpha()
        if byte in _LEGACY_PUNCTUATION or touches_letter:
            return bytes([byte]).decode("cp1252", errors="replace"), end
    return "\ufffd", end


codecs.register_error(_STRAY, _stray_cp1252)


def binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:_HEAD_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    units: bytes | list[int] = head
    if b"\x00" in head:
        if not looks_utf16(head):
            return "unknown format"
        # UTF-16 without a BOM: its controls are those of its characters, not its NULs.
        order = "utf-16-le" if head[1::2].count(0) else "utf-16-be"
        units = [ord(char) for char in head[: len(head) // 2 * 2].decode(order, "replace")]
    controls = sum(unit < 32 and unit not in (9, 10, 12, 13, 27) for unit in units)
    if controls > max(_CONTROLS_ALLOWED, len(units) // _CONTROLS_PER_BYTES):
        return "unknown format"
    return None


def looks_utf16(head: bytes) -> bool:
    """BOM-less UTF-16 text: NULs on one parity only."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // _UTF16_NULS and min(even, odd) == 0


def decode(data: bytes, charset: str | None = None, *, html: bool = False) -> str:
    """Bytes -> str: BOM, declared charset, <meta charset>, UTF-8, detection; never raises."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    declared = [charset] if charset else []
    # A saved page is often re-encoded to UTF-8 and keeps its old <meta charset>; text in
    # another multibyte encoding is almost never valid UTF-8 by chance.
    meta = _META_CHARSET.search(data[:_HEAD_BYTES]) if html and not charset else None
    if meta and not _valid_utf8(data):
        declared.append(meta.group(1).decode("ascii", "replace"))
    for name in declared:
        codec = _codec(name)
        if codec == "cp1252" and not data.isascii() and _valid_utf8(data):
            continue  # UTF-8 under a latin-1 label: a legacy text is valid UTF-8 only by chance
        if codec and not (codec.startswith("utf-16") and b"\x00" not in data[:_NUL_PROBE]):
            return data.decode(codec, errors=_STRAY if codec == "utf-8" else "replace")
    if looks_utf16(data[:_HEAD_BYTES]):  # before UTF-8, of which its NULs are valid too
        order = "utf-16-le" if data[1::2][:_NUL_PROBE].count(0) else "utf-16-be"
        return data.decode(order, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors=_STRAY)
    sample = data[:_DETECT_BYTES]
    high = sum(byte >= 0x80 for byte in sample)
    if high <= _FEW_HIGH or high < _HIGH_SHARE * len(sample):
        # Mostly ASCII: too little for detection to tell Baltic from Western. Accented
        # letters inside words are legacy 8-bit text (windows-1252 is the web's default);
        # stray high bytes elsewhere are damage, shown as U+FFFD rather than guessed at.
        if not _latin_letters(sample, high):
            return data.decode("utf-8", errors=_STRAY)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    detected = _codec(best.encoding) if best is not None else None
    return data.decode(detected or "utf-8", errors="replace")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    if name in ("utf8", "unicode"):
        name = "utf-8"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # Browsers read latin-1 and ascii labels as windows-1252 (WHATWG Encoding Standard).
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 text with a few stray or damaged bytes: its valid multibyte sequences are at
    least as many as its bad bytes (a legacy 8-bit text makes a valid sequence only by
    chance, and has a bad byte at almost every accented letter)."""
    valid = len(
        re.findall(
            rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data
        )
    )
    bad = len(data.decode("utf-8", errors="replace")) - len(data.decode("utf-8", errors="ignore"))
    return valid >= bad > 0


def _latin_letters(data: bytes, high: int) -> bool:
    """Most high bytes touch an ASCII letter, as the é in "café" does."""
    touching = len(re.findall(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])", data))
    return 2 * touching >= high


NOISE_SAMPLE = 65_536
"""Characters of a decoded text looked at to tell text from noise."""
MAX_NOISE_SHARE = 0.2
"""Above this share of replacement, control, format, unassigned or private-use characters
among the visible ones, the bytes were not text in any encoding tried."""
MIN_LETTER_SHARE = 0.1
"""Below this share of letters among the visible characters there is nothing to read
(braille from bytes taken for UTF-16, symbols, digits alone)."""
MAX_SCRIPT_CHANGES = 0.4
"""Above this share of neighbouring letters written in different scripts, the letters are
bytes read in the wrong encoding: random bytes taken for UTF-16 land anywhere in Unicode
(Han, Hangul, Yi, Latin, Arabic, ... one letter each), while a text in any language, or in
two, changes script only between words."""
_SCRIPT_SAMPLE = 4096
"""Letters looked at for how often the script changes."""
_LETTER = re.compile(r"[^\W\d_]")
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}
"""Writing systems that one language mixes inside its words (Japanese)."""
_ALPHABETS = (
    (0x0000, 0x0530),  # Latin, IPA, modifier letters, Greek, Cyrillic
    (0x1D00, 0x1DC0),  # phonetic extensions
    (0x1E00, 0x2000),  # Latin and Greek extended
    (0x2070, 0x20A0),  # superscripts and subscripts
    (0x2100, 0x2150),  # letterlike symbols
    (0x2C60, 0x2C80),  # Latin extended-C
    (0xA720, 0xA800),  # Latin extended-D
    (0xAB30, 0xAB70),  # Latin extended-E
    (0xFB00, 0xFB07),  # Latin ligatures
)
_RARE_HAN = ((0x3400, 0x4DC0), (0xF900, 0xFB00))
"""Han characters of rare and historic use (extension A, compatibility ideographs): a
quarter of the Han that random bytes make, hardly any of a Chinese or Japanese text's."""
_NOISE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII = [chr(code) for code in range(128)]
_ASCII_SPACES = "".join(char for char in _ASCII if char.isspace()).encode()
_ASCII_LETTERS = "".join(char for char in _ASCII if char.isalpha()).encode()
_ASCII_NOISE = "".join(
    char
    for char in _ASCII
    if not char.isspace() and unicodedata.category(char) in _NOISE_CATEGORIES
).encode()


def unreadable(text: str) -> bool:
    """Decoding gave mostly replacement or control characters, or no letters."""
    sample = text[:NOISE_SAMPLE]
    # The ASCII characters are counted by bytes.translate and the others once per distinct
    # character: a loop over every character costs milliseconds a page.
    ascii_part = _NOT_ASCII.sub("", sample).encode("ascii")
    visible = len(ascii_part.translate(None, _ASCII_SPACES))
    letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    noise = len(ascii_part) - len(ascii_part.translate(None, _ASCII_NOISE))
    for char, count in Counter("".join(_NOT_ASCII.findall(sample))).items():
        if char.isspace():
            continue
        visible += count
        if char.isalpha():
            letters += count
        elif char == "\ufffd" or unicodedata.category(char) in _NOISE_CATEGORIES:
            noise += count
    if visible == 0:
        return False  # blank: the caller says "empty"
    if noise > MAX_NOISE_SHARE * visible or letters < MIN_LETTER_SHARE * visible:
        return True
    return not sample.isascii() and _jumbled_scripts(sample)


def _jumbled_scripts(sample: str) -> bool:
    """The script changes from one letter to the next more often than words allow."""
    letters = _LETTER.findall(sample, 0, _SCRIPT_SAMPLE * 2)[:_SCRIPT_SAMPLE]
    if len(letters) < 2:
        return False
    scripts = {char: _script(char) for char in set(letters)}
    changes = sum(scripts[a] != scripts[b] for a, b in itertools.pairwise(letters))
    return changes > MAX_SCRIPT_CHANGES * (len(letters) - 1)


def _script(letter: str) -> str:
    """The writing system of `letter`, as the first word of its Unicode name says; Latin,
    Greek and Cyrillic are one (a formula's α and β, phonetic signs, ligatures)."""
    code = ord(letter)
    if any(start <= code < end for start, end in _ALPHABETS):
        return "LATIN"
    if any(start <= code < end for start, end in _RARE_HAN):
        return "RARE HAN"
    word = unicodedata.name(letter, "").partition(" ")[0]
    return _SAME_SCRIPT.get(word, word)
