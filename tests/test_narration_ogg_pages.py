"""Ogg pages made and read back: their checksum, and packets laid out over pages."""

from __future__ import annotations

import io

from reader.narration.ogg_pages import NO_GRANULE, crc, paginate, read_page


def test_the_checksum_is_oggs_crc() -> None:
    # CRC-32 of polynomial 0x04C11DB7, not reflected, starting at 0 and not inverted:
    # the POSIX cksum's check value without its final inversion.
    assert crc(b"123456789") == 0x765E7680 ^ 0xFFFFFFFF
    assert crc(b"") == 0


def test_packets_laid_out_on_pages_read_back_whole_and_checksummed() -> None:
    packets = [b"b" * 255 * 300, b"a" * 100, b""]
    pages = paginate(packets, serial=7, sequence=3)
    assert len(pages) == 2, "255 segments at most a page"
    source = io.BytesIO(b"".join(pages))
    read: list[bytes] = []
    partial = b""
    numbers = []
    while (page := read_page(source)) is not None:
        numbers.append((page.sequence, page.serial, page.granule))
        checked = page.raw[:22] + b"\0\0\0\0" + page.raw[26:]
        assert int.from_bytes(page.raw[22:26], "little") == crc(checked)
        for piece, ends in page.packets():
            partial += piece
            if ends:
                read.append(partial)
                partial = b""
    assert read == packets
    assert numbers == [(3, 7, NO_GRANULE), (4, 7, 0)], "no packet ends on the first page"
