"""Ogg pages read, made and laid out: the framing under a stream's packets, checksummed."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_UNSET = 0xFFFFFFFF
NO_GRANULE = 0xFFFFFFFFFFFFFFFF
"""The granule position of a page on which no packet ends."""
_BIT_REVERSED = bytes(int(f"{i:08b}"[::-1], 2) for i in range(256))


@dataclass(slots=True)
class Page:
    """A page as read: its header's fields, its lacing values and data, and its bytes."""

    flags: int
    granule: int
    serial: int
    sequence: int
    lacing: bytes
    data: bytes
    raw: bytes

    def packets(self) -> Iterator[tuple[bytes, bool]]:
        """(bytes, whether the packet ends on this page) for each piece on the page."""
        at = start = 0
        for value in self.lacing:
            at += value
            if value < 255:
                yield self.data[start:at], True
                start = at
        if start < at:
            yield self.data[start:at], False


def read_page(source: BinaryIO) -> Page | None:
    """The page at the position of `source`; None at its end, or where no page starts."""
    head = source.read(27)
    if len(head) < 27 or head[:5] != b"OggS\x00":
        return None
    flags, granule, serial, sequence, _checksum, count = struct.unpack("<BQIIIB", head[5:27])
    lacing = source.read(count)
    data = source.read(sum(lacing))
    return Page(flags, granule, serial, sequence, lacing, data, head + lacing + data)


def make_page(fields: tuple[int, int, int, int], lacing: bytes, data: bytes) -> bytes:
    """A page of (flags, granule, serial, sequence) with its checksum."""
    head = b"OggS\x00" + struct.pack("<BQIIIB", *fields, 0, len(lacing))
    page = head + lacing + data
    return page[:22] + struct.pack("<I", crc(page)) + page[26:]


def crc(data: bytes) -> int:
    """Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, no inversion), through zlib's
    reflected one on the bit-reversed bytes."""
    reflected = zlib.crc32(data.translate(_BIT_REVERSED), _UNSET) ^ _UNSET
    return int(f"{reflected:032b}"[::-1], 2)


def paginate(packets: list[bytes], serial: int, sequence: int) -> list[bytes]:
    """Header packets laid out on pages of at most 255 segments, the last ending the page."""
    segments: list[tuple[int, bool]] = []  # (length, whether a packet ends with it)
    for packet in packets:
        full, rest = divmod(len(packet), 255)
        segments += [(255, False)] * full + [(rest, True)]
    data = b"".join(packets)
    pages: list[bytes] = []
    at = 0
    continued = False
    for start in range(0, len(segments), 255):
        chunk = segments[start : start + 255]
        size = sum(length for length, _ in chunk)
        granule = 0 if any(ends for _, ends in chunk) else NO_GRANULE
        lacing = bytes(length for length, _ in chunk)
        flags = 0x01 if continued else 0
        pages.append(
            make_page((flags, granule, serial, sequence + len(pages)), lacing, data[at : at + size])
        )
        at += size
        continued = not chunk[-1][1]
    return pages
