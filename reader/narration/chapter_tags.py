"""Chapters inside the audio file, where its format has a place for them, so a player shows
them without the podcast's JSON chapters.

- Ogg Vorbis and Ogg Opus: `CHAPTER001=00:01:02.345` and `CHAPTER001NAME=Title` in the
  comment header (the Vorbis comment chapter convention). The header pages are laid out
  anew and the pages after them renumbered, each with its checksum made again (`ogg_pages`).
- MP3: an ID3v2.4 tag in front of the audio, a table of contents (CTOC) listing one CHAP
  frame per chapter (start and end in milliseconds, the title as its TIT2).
- FLAC: the same comments as Ogg, in a VORBIS_COMMENT metadata block.

The file is copied to `target` page by page (block by block), never held whole in memory.
A file laid out in a way this does not expect (several streams, audio on a header page) is
copied unchanged: chapters are a help, not a reason to fail an export.
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Sequence
from typing import BinaryIO

from reader.narration.chapters import Chapter
from reader.narration.ogg_pages import make_page, paginate, read_page

OGG_COMMENT = {"VORBIS": b"\x03vorbis", "OPUS": b"OpusTags"}
"""libsndfile subtype -> how its comment packet begins."""
HEADER_PACKETS = {"VORBIS": 3, "OPUS": 2}
MP3 = "MPEG_LAYER_III"
FLAC = "FLAC"
CHAPTER_KEY = "CHAPTER"
MAX_CHILDREN = 255
"""Entries one ID3 table of contents can list; more chapters go in nested tables."""
_UNSET = 0xFFFFFFFF


def embeds(format_name: str, subtype: str) -> bool:
    """Whether chapters can be written into files of this libsndfile format."""
    return subtype in OGG_COMMENT or subtype == MP3 or format_name == FLAC


def embed(
    source: BinaryIO,
    target: BinaryIO,
    marks: Sequence[Chapter],
    seconds: float,
    *,
    format: tuple[str, str],
) -> None:
    """Copy the audio file `source` (from its start) to `target` with `marks` in it;
    `seconds` is the audio's length (where the last chapter ends), `format` libsndfile's
    (format, subtype)."""
    format_name, subtype = format
    source.seek(0)
    if subtype in OGG_COMMENT:
        try:
            if _ogg(source, target, marks, subtype):
                return
        except (ValueError, struct.error):
            pass  # not the comment header expected: the file as it is
        source.seek(0)
        target.seek(0)
        target.truncate()
    elif subtype == MP3:
        target.write(id3_tag(marks, seconds))
    elif format_name == FLAC:
        _flac(source, target, marks)
        return
    shutil.copyfileobj(source, target)


def comments(marks: Sequence[Chapter]) -> list[str]:
    """The Vorbis comments of the chapter convention."""
    lines: list[str] = []
    for number, mark in enumerate(marks, 1):
        key = f"{CHAPTER_KEY}{number:03d}"
        lines += [f"{key}={_clock(mark.start)}", f"{key}NAME={mark.title}"]
    return lines


def _clock(seconds: float) -> str:
    ms = round(seconds * 1000)
    minutes, ms = divmod(ms, 60_000)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{ms // 1000:02d}.{ms % 1000:03d}"


# Ogg ------------------------------------------------------------------------------------


def _ogg(source: BinaryIO, target: BinaryIO, marks: Sequence[Chapter], subtype: str) -> bool:
    """Copy an Ogg stream with the chapters added to its comments; False (having written
    something unusable to `target`) when the stream is not laid out as expected."""
    first = read_page(source)
    if first is None or len(first.lacing) != 1 or first.lacing[0] == 255:
        return False
    target.write(first.raw)
    packets: list[bytes] = []
    partial = b""
    sequence = first.sequence
    while len(packets) < HEADER_PACKETS[subtype] - 1:
        page = read_page(source)
        if page is None or page.serial != first.serial:
            return False
        sequence = page.sequence
        for piece, ends in page.packets():
            if not ends:
                partial += piece
            elif len(packets) == HEADER_PACKETS[subtype] - 1:
                return False  # audio on a header page
            else:
                packets.append(partial + piece)
                partial = b""
    if partial:
        return False
    packets[0] = _with_chapters(packets[0], marks, subtype)
    pages = paginate(packets, first.serial, first.sequence + 1)
    for page_bytes in pages:
        target.write(page_bytes)
    shift = first.sequence + len(pages) - sequence
    while (page := read_page(source)) is not None:
        if page.serial != first.serial:
            return False
        if shift:
            sequence = page.sequence + shift
            target.write(
                make_page((page.flags, page.granule, page.serial, sequence), page.lacing, page.data)
            )
        else:
            target.write(page.raw)
    return not source.read(1)


def _with_chapters(packet: bytes, marks: Sequence[Chapter], subtype: str) -> bytes:
    """The comment packet with the chapters instead of any it had."""
    magic = OGG_COMMENT[subtype]
    if not packet.startswith(magic):
        raise ValueError("not a comment header")
    at = len(magic)
    (vendor_length,) = struct.unpack_from("<I", packet, at)
    vendor = packet[at + 4 : at + 4 + vendor_length]
    at += 4 + vendor_length
    (count,) = struct.unpack_from("<I", packet, at)
    at += 4
    kept: list[bytes] = []
    for _ in range(count):
        (length,) = struct.unpack_from("<I", packet, at)
        entry = packet[at + 4 : at + 4 + length]
        at += 4 + length
        if not entry.upper().startswith(CHAPTER_KEY.encode()):
            kept.append(entry)
    entries = kept + [line.encode("utf-8") for line in comments(marks)]
    body = b"".join(struct.pack("<I", len(entry)) + entry for entry in entries)
    framing = b"\x01" if subtype == "VORBIS" else b""
    return (
        b"".join(
            [magic, struct.pack("<I", len(vendor)), vendor, struct.pack("<I", len(entries)), body]
        )
        + framing
    )


# ID3 ------------------------------------------------------------------------------------


def id3_tag(marks: Sequence[Chapter], seconds: float) -> bytes:
    """An ID3v2.4 tag: a top-level table of contents and one CHAP frame per chapter."""
    ends = [mark.start for mark in marks[1:]] + [seconds]
    frames = [
        _frame(
            "CHAP",
            f"chp{number}".encode()
            + b"\x00"
            + struct.pack(">IIII", _ms(mark.start), _ms(end), _UNSET, _UNSET)
            + _frame("TIT2", b"\x03" + mark.title.encode("utf-8")),
        )
        for number, (mark, end) in enumerate(zip(marks, ends, strict=True), 1)
    ]
    ids = [f"chp{number}" for number in range(1, len(marks) + 1)]
    if len(ids) <= MAX_CHILDREN:
        tables = [_toc("toc", ids, top=True)]
    else:
        groups = [ids[i : i + MAX_CHILDREN] for i in range(0, len(ids), MAX_CHILDREN)]
        names = [f"toc{number}" for number in range(1, len(groups) + 1)]
        tables = [_toc("toc", names, top=True)]
        tables += [_toc(name, group, top=False) for name, group in zip(names, groups, strict=True)]
    body = b"".join(tables + frames)
    return b"ID3\x04\x00\x00" + _synchsafe(len(body)) + body


def _toc(name: str, children: list[str], *, top: bool) -> bytes:
    flags = 0x03 if top else 0x01  # top level, ordered
    listed = b"".join(child.encode() + b"\x00" for child in children)
    return _frame("CTOC", name.encode() + b"\x00" + bytes([flags, len(children)]) + listed)


def _frame(name: str, data: bytes) -> bytes:
    return name.encode() + _synchsafe(len(data)) + b"\x00\x00" + data


def _synchsafe(size: int) -> bytes:
    return bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


# FLAC -----------------------------------------------------------------------------------


def _flac(source: BinaryIO, target: BinaryIO, marks: Sequence[Chapter]) -> None:
    """Copy a FLAC file with a VORBIS_COMMENT block of the chapters (replacing any)."""
    if source.read(4) != b"fLaC":
        source.seek(0)
        shutil.copyfileobj(source, target)
        return
    blocks: list[tuple[int, bytes]] = []
    last = False
    while not last:
        head = source.read(4)
        last, kind = bool(head[0] & 0x80), head[0] & 0x7F
        data = source.read(int.from_bytes(head[1:], "big"))
        if kind != 4:
            blocks.append((kind, data))
    entries = [b"reader"] + [line.encode("utf-8") for line in comments(marks)]
    vendor, *lines = entries
    comment = struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(lines))
    comment += b"".join(struct.pack("<I", len(line)) + line for line in lines)
    blocks.insert(1, (4, comment))
    target.write(b"fLaC")
    for index, (kind, data) in enumerate(blocks):
        flag = 0x80 if index == len(blocks) - 1 else 0
        target.write(bytes([flag | kind]) + len(data).to_bytes(3, "big") + data)
    shutil.copyfileobj(source, target)
