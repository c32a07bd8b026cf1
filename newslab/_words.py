"""Small helpers over lists of words shared by the steps that scan them."""
from __future__ import annotations

from collections.abc import Container
from itertools import compress


def positions(words: list[str], found: Container[str]) -> list[int]:
    """The indices of ``words`` holding a word of ``found`` (the words of a text that matter to a
    scan: lexicon words, capitalised tokens), in order.

    One C-speed pass (``map`` and ``compress``) instead of a Python step per word: a loop that acts
    only at these words can jump from one to the next.

    Examples:
        >>> positions(["not", "good", "or", "good"], {"good", "not"})
        [0, 1, 3]
        >>> positions(["a", "b"], set())
        []
    """
    return list(compress(range(len(words)), map(found.__contains__, words)))
