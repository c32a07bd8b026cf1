"""The ``newslab`` command line: ``newslab analyze PATH... --out DIR``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newslab`` console script.

    Examples:
        >>> import tempfile, newslab
        >>> with tempfile.TemporaryDirectory() as d:
        ...     main(["analyze", str(newslab.SEED), "--out", d, "--quiet"])
        0
    """
    parser = argparse.ArgumentParser(prog="newslab", description="Turn news articles into research tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyze", help="load articles, split sentences, write the tables")
    an.add_argument("paths", nargs="+", help="files, folders or globs of articles")
    an.add_argument("--out", required=True, type=Path, help="output folder")
    an.add_argument("--quiet", action="store_true", help="print only errors")
    args = parser.parse_args(argv)

    from .articles import load_articles
    from .sentences import sentences

    arts = load_articles(args.paths)
    sents = sentences(arts)
    args.out.mkdir(parents=True, exist_ok=True)
    arts.to_csv(args.out / "articles.csv", index=False)
    sents.to_csv(args.out / "sentences.csv", index=False)
    if not args.quiet:
        print(f"{len(arts)} articles, {len(sents)} sentences -> {args.out.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
