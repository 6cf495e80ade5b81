"""What narration says where it passes over blocks it does not read: "Code block skipped.",
"Table skipped." — each once per article, after the last sentence before the first block of
its kind left out, so the listener knows something was there without hearing it at every one.
A skip forward (Next) that jumps over such a block says it before the sentence it lands on.

The live session (`render_ahead`) and the export ask the same questions here, so a file
sounds like listening. The notice is spoken in the narration's language (a German voice
saying an English sentence sounds wrong); a language without its phrase hears English.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from reader.model import Article, Block, BlockKind
from reader.narration.engine import DEFAULT_LANGUAGE
from reader.narration.language import article_language, is_language
from reader.narration.options import reads
from reader.narration_options import NarrationOptions

NOTICES: dict[BlockKind, dict[str, str]] = {
    BlockKind.CODE: {
        "en": "Code block skipped.",
        "de": "Codeblock übersprungen.",
        "fr": "Bloc de code ignoré.",
        "es": "Bloque de código omitido.",
        "it": "Blocco di codice saltato.",
        "pt": "Bloco de código ignorado.",
    },
    BlockKind.TABLE: {
        "en": "Table skipped.",
        "de": "Tabelle übersprungen.",
        "fr": "Tableau ignoré.",
        "es": "Tabla omitida.",
        "it": "Tabella saltata.",
        "pt": "Tabela ignorada.",
    },
}
"""Block kind -> language -> what is said the first time narration passes over one. Kinds
not here (captions) are left out silently: they are asides, not part of the text."""
_SUBTAG = re.compile(r"[-_]")


def passed_over(
    blocks: Iterable[Block], options: NarrationOptions, told: Collection[BlockKind]
) -> list[BlockKind]:
    """The kinds to announce among `blocks` (those between one block read and the next),
    in the order they come: announced kinds that `options` leave out and that were not
    `told` yet in this article."""
    kinds: list[BlockKind] = []
    for block in blocks:
        kind = block.kind
        if kind in NOTICES and kind not in told and kind not in kinds and not reads(options, block):
            kinds.append(kind)
    return kinds


def notice(kind: BlockKind, language: str) -> str:
    """The notice for `kind` in `language` ("de", "pt-BR"), English when it has none."""
    phrases = NOTICES[kind]
    return phrases.get(primary(language), phrases[DEFAULT_LANGUAGE])


def notice_language(options: NarrationOptions, article: Article) -> str:
    """The language the narration speaks: the chosen voice's where its identifier names
    one ("piper:de_DE-thorsten-medium", "gmw/de"), else the article's, else English. A
    voice chosen by its name ("German", "english-us") names no language code: the
    article's is the better guess than reading the name as one."""
    voice = primary(options.voice)
    if not is_language(voice):
        voice = ""
    return voice or primary(article_language(article)) or DEFAULT_LANGUAGE


def primary(voice: str) -> str:
    """The primary language subtag of a language tag or a voice identifier: "pt-BR" ->
    "pt", "gmw/de" -> "de", "piper:de_DE-thorsten-medium" -> "de"; "" for ""."""
    tag = voice.split(":", 1)[-1].rsplit("/", 1)[-1]
    return _SUBTAG.split(tag, maxsplit=1)[0].lower()
