"""newslab: news articles as pandas DataFrames of sentences, quotes, speakers, sentiment and stance.

The public API is small and flat::

    >>> import newslab as nl
    >>> arts = nl.load_articles(nl.SEED)
    >>> sents = nl.sentences(arts)
    >>> list(sents.columns[:6])
    ['article_id', 'sentence_id', 'paragraph_id', 'start', 'end', 'text']

The pipeline steps are imported with the package; charts, exports and the command line load on
first use, so ``import newslab`` never pays for matplotlib or pyarrow.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The bundled seed article (a WION report), the first thing every notebook shows.
SEED: Path = Path(__file__).resolve().parent.parent / "data" / "2023-12-05_wions_north-korea-russia-ties.txt"
if not SEED.exists():  # installed as a wheel: the seed ships as package data too
    SEED = Path(__file__).resolve().parent / "data" / "seed_article.txt"

# The pipeline steps share their names with their modules (newslab.quotes is both a function and
# the module newslab/quotes.py). Importing them here, before anything else can import the
# submodules, binds the package attribute to the function for good: Python sets the parent's
# attribute to a submodule only when that submodule is first loaded.
from .articles import load_articles
from .evaluate import evaluate
from .gender import speaker_gender
from .identity import count_speakers, speaker_ids
from .quotes import quotes
from .sentences import sentences
from .sentiment import sentiment
from .speakers import speakers
from .stance import stance, stance_matrix

# Heavier or rarely needed parts load on first use: plots (matplotlib), exports (pyarrow), the CLI.
_LAZY_EXPORTS = {"to_csv": "export", "to_parquet": "export", "read_parquet": "export", "read_csv": "export",
                 "view": "viewer"}
_SUBMODULES = {"plots", "targets", "export", "cli", "notebooks", "viewer"}

__all__ = [
    "SEED",
    "__version__",
    "cli",
    "count_speakers",
    "evaluate",
    "export",
    "load_articles",
    "notebooks",
    "plots",
    "quotes",
    "read_csv",
    "read_parquet",
    "sentences",
    "sentiment",
    "speaker_gender",
    "speaker_ids",
    "speakers",
    "stance",
    "stance_matrix",
    "targets",
    "to_csv",
    "to_parquet",
    "view",
    "viewer",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import cli, export, notebooks, plots, targets, viewer
    from .export import read_csv, read_parquet, to_csv, to_parquet
    from .viewer import view


def __getattr__(name: str) -> Any:
    if name in _LAZY_EXPORTS:
        value = getattr(importlib.import_module(f".{_LAZY_EXPORTS[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'newslab' has no attribute {name!r}")
    globals()[name] = value  # cache: the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__
