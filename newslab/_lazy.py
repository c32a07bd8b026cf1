"""``lazy``: ``functools.cached_property`` without its lock, shared by the quote and speaker rules.

Before Python 3.12 ``cached_property`` takes a lock on every first read, which cost 20% of the
quotes step at one cue object per cue; the rules read each property once per object, on one thread.

Examples:
    >>> class Cue:
    ...     calls = 0
    ...     @lazy
    ...     def words(self) -> list[str]:
    ...         Cue.calls += 1
    ...         return ["said"]
    >>> c = Cue()
    >>> c.words, c.words, Cue.calls
    (['said'], ['said'], 1)
"""
from __future__ import annotations

from typing import Any

__all__ = ["lazy"]


class lazy:  # (lower case: a decorator, as functools.cached_property)
    """Computed on first read, then a plain attribute of the instance (the descriptor has no
    ``__set__``, so the instance's ``__dict__`` wins from the second read on)."""

    def __init__(self, func: Any) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value
