"""Sentences with exact character offsets.

PROVISIONAL: owned by the sentences helper, who replaces this whole file. The interface other
modules rely on: ``sentence_spans(text) -> list[(start, end, paragraph_id)]`` and ``sentences(articles)``.
"""
from __future__ import annotations

import re

import pandas as pd

from ._parallel import corpus_step

_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]*[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Sentence ``(start, end, paragraph_id)`` spans of ``text``; each line is a paragraph.

    Examples:
        >>> sentence_spans("One. Two.\\nThree.")
        [(0, 4, 0), (5, 9, 0), (10, 16, 1)]
    """
    out: list[tuple[int, int, int]] = []
    pid = 0
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            for m in _END.finditer(line):
                out.append((start, pos + m.end(), pid))
                start = pos + m.end() + len(line[m.end():]) - len(line[m.end():].lstrip())
            end = pos + len(line.rstrip())
            if end > start:
                out.append((start, end, pid))
            pid += 1
        pos += len(line) + 1
    return out


@corpus_step
def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id, paragraph_id, start, end, text.

    Examples:
        >>> sentences(pd.DataFrame({"article_id": ["a"], "text": ["One. Two."]}))["text"].tolist()
        ['One.', 'Two.']
    """
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        text = text if isinstance(text, str) else ""
        for i, (s, e, p) in enumerate(sentence_spans(text)):
            rows.append((aid, i, p, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
