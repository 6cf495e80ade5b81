"""An image's alt text becomes a caption when it describes the picture and nothing else does."""

from __future__ import annotations

from pathlib import Path

from reader.extract import load
from reader.model import BlockKind

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_alt_text_is_a_caption_only_where_it_describes_an_uncaptioned_picture() -> None:
    article = load(str(FIXTURES / "images-article.html"))
    captions = [block.text for block in article.blocks if block.kind is BlockKind.CAPTION]
    assert captions == [
        "The night train crossing the Kalte Rinne viaduct at dawn",  # alone in its paragraph
        "Six berths, one ladder: the couchette as it is sold today.",  # its own caption only
    ]
    text = article.to_plain_text()
    for said_otherwise in ("IMG_2034", "photo", "gallery", "fare equals", "couchette cabin"):
        assert said_otherwise not in text
    assert text.count("The new platform in Vienna at night") == 1  # the paragraph says it
    assert "a sum the operators say covers the cost" in article.text  # the line is unbroken
    viaduct = next(i for i, b in enumerate(article.blocks) if b.text.startswith("The night"))
    assert article.blocks[viaduct - 1].text.startswith("The sleeper leaves Vienna")
    assert "The night train crossing" not in article.text  # shown, not narrated
