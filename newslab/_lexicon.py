"""Plain-text lexicons shipped as package data, loaded once per process.

A lexicon file has one entry per line; ``#`` starts a comment and blank lines are ignored.
Files with a tab on a line are read as ``key<TAB>value`` maps.
"""
from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    path = resources.files("newslab") / "data" / name
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``newslab/data/<name>`` as a frozen set.

    Examples:
        >>> "said" in words("reporting_verbs.txt")
        True
    """
    return frozenset(_lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """``key<TAB>value`` lines of ``newslab/data/<name>`` as a dict (later lines win)."""
    out: dict[str, str] = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated lines of ``newslab/data/<name>`` as tuples of fields."""
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in _lines(name))
