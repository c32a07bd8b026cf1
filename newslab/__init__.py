"""newslab: news articles as pandas DataFrames of sentences, quotes, speakers, sentiment and stance.

The public API is small and flat::

    >>> import newslab as nl
    >>> arts = nl.load_articles(nl.SEED)
    >>> sents = nl.sentences(arts)
    >>> list(sents.columns[:6])
    ['article_id', 'sentence_id', 'paragraph_id', 'start', 'end', 'text']

Names are imported lazily, so ``import newslab`` stays fast and a notebook that only loads
articles never pays for matplotlib or the sentiment lexicons.
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

# public name -> module that defines it
_EXPORTS = {
    "load_articles": "articles",
    "sentences": "sentences",
    "quotes": "quotes",
    "speakers": "speakers",
    "evaluate": "evaluate",
    "sentiment": "sentiment",
    "stance": "stance",
    "stance_matrix": "stance",
    "to_csv": "export",
    "to_parquet": "export",
    "read_parquet": "export",
}
_SUBMODULES = {"plots", "targets", "export", "cli"}

__all__ = sorted([*_EXPORTS, *_SUBMODULES, "SEED", "__version__"])

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import plots, targets  # noqa: F401
    from .articles import load_articles  # noqa: F401
    from .evaluate import evaluate  # noqa: F401
    from .quotes import quotes  # noqa: F401
    from .sentences import sentences  # noqa: F401
    from .sentiment import sentiment  # noqa: F401
    from .speakers import speakers  # noqa: F401
    from .stance import stance, stance_matrix  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'newslab' has no attribute {name!r}")
    globals()[name] = value  # cache: the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__
