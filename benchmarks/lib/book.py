"""A generated plain-text novel for the book benchmarks: chapters, hard-wrapped prose.

Deterministic (seeded), shaped like a Project Gutenberg text: a title block, "CHAPTER I."
headings with a title line, paragraphs wrapped at 70 columns and separated by blank lines.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

WORDS = (
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "was",
    "he",
    "it",
    "his",
    "with",
    "as",
    "had",
    "for",
    "her",
    "she",
    "you",
    "on",
    "not",
    "be",
    "at",
    "by",
    "which",
    "but",
    "all",
    "from",
    "they",
    "were",
    "this",
    "this",
    "one",
    "have",
    "an",
    "or",
    "said",
    "there",
    "so",
    "would",
    "their",
    "morning",
    "river",
    "letter",
    "garden",
    "silence",
    "window",
    "captain",
    "journey",
    "lantern",
    "harbour",
    "evening",
    "remembered",
    "whispered",
    "answered",
    "walked",
    "carried",
    "opened",
    "considered",
    "believed",
    "returned",
    "quietly",
    "slowly",
    "suddenly",
    "perhaps",
    "certainly",
    "never",
    "always",
    "again",
    "before",
    "after",
    "beneath",
)


def roman(number: int) -> str:
    values = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V")]
    values += [(4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 24))]
    if rng.random() < 0.3:
        words[rng.randint(1, len(words) - 1)] += ","
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


def book_text(megabytes: float = 5.0, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["THE GENERATED NOVEL", "", "by A. Benchmark", "", ""]
    size, chapter = 0, 0
    while size < megabytes * 1_000_000:
        chapter += 1
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).title()
        parts += [f"CHAPTER {roman(chapter)}.", "", title, ""]
        for _ in range(rng.randint(20, 60)):
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 9)))
            wrapped = textwrap.fill(paragraph, 70)
            parts += [wrapped, ""]
            size += len(wrapped) + 2
    return "\n".join(parts) + "\n"


def write_book(path: Path, megabytes: float = 5.0) -> Path:
    path.write_text(book_text(megabytes), encoding="utf-8")
    return path
