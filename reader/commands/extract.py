"""`reader extract`: the clean article as text, Markdown or JSON, for each SOURCE."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.commands.common import EXIT_USAGE, print_json, say

if TYPE_CHECKING:
    import argparse


def extract(args: argparse.Namespace) -> int:
    from reader.extract import ExtractionError, load
    from reader.extract.notice import worth_telling

    failed = False
    for source in args.sources:
        try:
            article = load(source, raw=args.raw)
        except ExtractionError as error:
            failed = True
            if args.format == "json":
                print_json({"source": source, "error": str(error)})
            else:
                say(str(error))
            continue
        if worth_telling(article):
            say(
                f"cleaning left out {article.left_out:,} characters of text that reads like "
                f"prose from {source}: --raw keeps the whole text"
            )
        if args.format == "json":
            print_json(article.to_dict())
        elif args.format == "markdown":
            print(article.to_markdown())
        else:
            print(article.to_plain_text())
    return EXIT_USAGE if failed else 0
