"""Speakers: resolve speaker mentions to names, and one row per resolved speaker.

PROVISIONAL: owned by the speakers helper, who replaces this whole file.
"""
from __future__ import annotations

from collections.abc import Sequence


def resolve_speakers(text: str, mentions: Sequence[tuple[int, int]]) -> list[tuple[str | None, str | None]]:
    """For each speaker mention ``(start, end)`` in ``text`` return ``(speaker_name, role)``.

    Examples:
        >>> resolve_speakers("Ann Lee said so.", [(0, 7)])
        [('Ann Lee', None)]
    """
    return [(text[s:e], None) for s, e in mentions]
