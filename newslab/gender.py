"""Gender as the text states it: ``woman`` / ``man`` / ``unknown`` per speaker, with the evidence.

Never guessed from a name. The evidence is what the articles write about the person:

- a pronoun that the speaker resolver gave to the person ("she said" -> the quote's speaker is
  that woman: the resolver's pronoun walk decided who "she" is);
- an honorific or a gendered title in the speaker mention ("Ms. Lee", "Sir Keir Starmer",
  "Kremlin spokeswoman Maria Zakharova", "Smt. Nirmala Sitharaman");
- with the articles, an honorific before the person's surname anywhere in an article that quotes
  them ("Mrs. Okafor" in a paragraph without a quote).

One kind of evidence -> that gender; none -> ``unknown``; evidence both ways (a pronoun given to
the wrong person, "Mr. and Mrs. Patel") -> ``unknown``, with both shown in ``gender_evidence``
("she (a1:120); Mr. Patel (a2:77)"), so a researcher can see and fix it.

Examples:
    >>> q = pd.DataFrame({"article_id": ["a1", "a1", "a2"], "speaker": ["Ann Lee", "she", "Ms. Lee"],
    ...                   "speaker_start": [0, 40, 0], "speaker_name": ["Ann Lee", "Ann Lee", "Ann Lee"]})
    >>> speaker_gender(q).to_dict("records")
    [{'speaker_id': 'Ann Lee', 'gender': 'woman', 'gender_evidence': 'she (a1:40); Ms. Lee (a2:0)'}]
"""
from __future__ import annotations

import math
import operator
import re
from collections import defaultdict
from collections.abc import Collection, Iterator
from functools import lru_cache
from itertools import accumulate, compress

import pandas as pd

from . import _lexicon

__all__ = ["GenderTally", "speaker_gender"]

GENDERS = {"f": "woman", "m": "man"}
_SHOWN = 4  # evidence items shown per gender; the rest are counted ("+12 more")
_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*\.?")
_TWO = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)  # "Rajamma and her husband": two people in one mention


@lru_cache(maxsize=1)
def _gendered() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(pronouns, honorifics, gendered titles): folded word -> "f" | "m", from the lexicons."""
    pronouns = {k.lower(): v for k, v in _lexicon.table("speaker_pronouns.txt").items() if v in GENDERS}
    honorifics = {k.lower().rstrip("."): v for k, v in _lexicon.table("speaker_honorifics.txt").items()
                  if v in GENDERS}
    titles = {row[0].lower().rstrip("."): row[2] for row in _lexicon.rows("titles.txt")
              if len(row) > 2 and row[1] == "head" and row[2] in GENDERS}
    return pronouns, honorifics, titles


def _mention_evidence(mention: object) -> str | None:
    """"f" / "m" when the speaker mention states a gender: a pronoun, an honorific, a gendered title.

    A mention of two people or more ("Rajamma and her husband", "Mr. and Mrs. Patel") states no
    one gender: its gendered words may belong to the other person.

    Examples:
        >>> [_mention_evidence(m) for m in ["she", "Mr. Ade", "Sir Keir Starmer", "the spokeswoman", "Dr. Lee"]]
        ['f', 'm', 'm', 'f', None]
        >>> _mention_evidence("Rajamma and her husband") is None
        True
    """
    if not isinstance(mention, str) or _TWO.search(mention):
        return None
    pronouns, honorifics, titles = _gendered()
    low = mention.strip().lower()
    if low in pronouns:
        return pronouns[low]
    said = {honorifics.get(w) or titles.get(w) for w in (w.lower().rstrip(".") for w in _WORD.findall(mention))}
    said.discard(None)
    return said.pop() if len(said) == 1 else None


def _surname(name: str) -> str | None:
    words = [w.rstrip(".") for w in _WORD.findall(name)]
    return words[-1] if words and words[-1][:1].isupper() else None


def _text_evidence(quotes: pd.DataFrame, articles: pd.DataFrame, ids: list[object]) -> list[tuple[object, str, str]]:
    """(speaker_id, "f" | "m", evidence) for each honorific + surname (or first name) in an article
    that quotes exactly one person with that name ("Mrs. Okafor" when Ngozi Okafor is quoted,
    "Sir Keir" for Keir Starmer)."""
    _, honorifics, _ = _gendered()
    names = quotes["speaker_name"].tolist()
    owners: dict[object, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
    for aid, name, sid in zip(quotes["article_id"].tolist(), names, ids):
        if isinstance(name, str) and isinstance(sid, str) and not _TWO.search(name):  # (not "Mr and Mrs Okafor")
            sur = _surname(name)
            if sur:
                owners[aid][sur].add(sid)
            words = _WORD.findall(name)
            if len(words) >= 2 and words[0][:1].isupper():
                owners[aid][words[0]].add(sid)  # "Sir Keir", "Smt. Nirmala": the honorific before a first name
    words = "|".join(sorted((re.escape(h) for h in honorifics), key=len, reverse=True))
    pattern = re.compile(r"\b(" + words + r")\.?[ \u00a0]+([A-Z][\w'\u2019\-]*)", re.IGNORECASE)
    out = []
    for aid, text in zip(articles["article_id"].tolist(), articles["text"].tolist()):
        if aid not in owners or not isinstance(text, str):
            continue
        found = []
        for m in _finditer_at_words(pattern, text, honorifics):
            hon, word = m.group(1), m.group(2)
            who = owners[aid].get(word, set())
            if hon[:1].isupper() and len(who) == 1:
                found.append((next(iter(who)), word, honorifics[hon.lower()], f"{m.group(0)} ({aid}:{m.start()})"))
        # "Mr. Patel" and "Mrs. Patel" in one article are two people: neither is evidence
        both = {w for w in {f[1] for f in found} if len({f[2] for f in found if f[1] == w}) > 1}
        out += [(sid, g, ev) for sid, w, g, ev in found if w not in both]
    return out


# The only characters whose lower case has another length ("İ"), or that match a letter of an
# honorific ignoring case without being it in lower case ("ı" ~ "i", "ſ" ~ "s"): tests check this
# against every code point.
_FOLD_ODD = frozenset("\u0130\u0131\u017f")
_WORD_RUNS = re.compile(r"(\w+)")  # split() gives [other, word, other, word, ..., other]


def _finditer_at_words(pattern: re.Pattern[str], text: str, words: Collection[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can match only at the start of a word (``\\b``
    then one of ``words``, case-insensitive, ended by a non-word character): the words are found
    by one C-speed split and the pattern is tried only at those that are one of ``words`` (and at
    any non-ASCII word, whose case-insensitive match the lower case may not show), not at every
    character. The same matches: tried in order, each search resuming at the previous match's end.

    Examples:
        >>> rx = re.compile(r"\\b(mr|mrs)\\.? +([A-Z]\\w*)", re.IGNORECASE)
        >>> text = "Hamr Lee met Mrs. Okafor and MR Ade, mr. Mr. Bo"
        >>> [m.group(0) for m in _finditer_at_words(rx, text, {"mr", "mrs"})] == [m.group(0) for m in rx.finditer(text)]
        True
    """
    pos = 0
    for start in _word_starts(text, words):
        if start < pos:
            continue  # inside the previous match
        m = pattern.match(text, start)
        if m is not None:
            pos = m.end()
            yield m


def _word_starts(text: str, words: Collection[str]) -> list[int]:
    """Where one of ``words`` (lower case) may start in ``text``, case-insensitively, in order: every
    place the text's lower case holds one (a few C-speed finds per word), or in a text with one of
    ``_FOLD_ODD`` the start of every word that is one of them or not ASCII (one C-speed split)."""
    if _FOLD_ODD.isdisjoint(text):  # the lower case has the same offsets and shows every match
        low, found = text.lower(), set()
        for w in words:
            i = low.find(w)
            while i >= 0:
                found.add(i)
                i = low.find(w, i + 1)
        return sorted(found)
    parts = _WORD_RUNS.split(text)
    starts = list(accumulate(map(len, parts), initial=0))
    runs = parts[1::2]
    maybe = map(operator.or_, map(words.__contains__, map(str.lower, runs)), map(operator.not_, map(str.isascii, runs)))
    return [starts[i] for i in compress(range(1, len(parts), 2), maybe)]  # (all at C speed)


class _Evidence:
    """One speaker's evidence for one gender: how many items, and the distinct ones in order, of the
    mentions first, then of the texts (the first ``_SHOWN`` kept, the rest counted)."""

    __slots__ = ("distinct", "n", "shown")

    def __init__(self) -> None:
        self.n = 0
        self.shown: list[list[str]] = [[], []]  # mentions, texts
        self.distinct = [0, 0]


class GenderTally:
    """The evidence of ``speaker_gender`` gathered a part of a corpus at a time (every quote of an
    article in one part): memory per speaker, not per quote.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a1", "a2"], "speaker": ["she", "Ms. Lee"], "speaker_start": [40, 0],
        ...                   "speaker_name": ["Ann Lee", "Ann Lee"], "speaker_id": ["Ann Lee", "Ann Lee"]})
        >>> t = GenderTally()
        >>> t.add(q.iloc[:1]); t.add(q.iloc[1:])
        >>> t.table().equals(speaker_gender(q))
        True
    """

    def __init__(self) -> None:
        self.found: dict[object, dict[str, _Evidence]] = {}

    def add(self, quotes: pd.DataFrame, articles: pd.DataFrame | None = None, ids: list[object] | None = None) -> None:
        """Read one part's quotes (``speaker``, ``speaker_start``, ``article_id``; ``ids`` their
        ``speaker_id``) and, given, the texts of its articles."""
        if ids is None:
            ids = quotes["speaker_id"].tolist()
        n = len(quotes)
        arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * n
        starts = quotes["speaker_start"].tolist() if "speaker_start" in quotes.columns else [None] * n
        items: dict[object, list[tuple[str, str]]] = {sid: [] for sid in ids if isinstance(sid, str)}
        for sid, mention, aid, start in zip(ids, quotes["speaker"].tolist(), arts, starts):
            g = _mention_evidence(mention) if isinstance(sid, str) else None
            if g:
                where = f"{aid}:{int(start)}" if isinstance(start, (int, float)) and not math.isnan(start) else f"{aid}"
                items[sid].append((g, f"{str(mention).strip()} ({where})"))
        text: dict[object, list[tuple[str, str]]] = defaultdict(list)
        if articles is not None and n and {"article_id", "text"} <= set(articles.columns) \
                and "article_id" in quotes.columns:
            for sid, g, ev in _text_evidence(quotes, articles, ids):
                text[sid].append((g, ev))
        for sid, said in items.items():  # evidence names its article: distinct in a part is distinct overall
            mine = self.found.setdefault(sid, {"f": _Evidence(), "m": _Evidence()})
            seen: set[str] = set()
            for k, got in enumerate((said, text.get(sid, []))):
                for g, ev in got:
                    mine[g].n += 1
                    if ev not in seen:
                        seen.add(ev)
                        mine[g].distinct[k] += 1
                        if len(mine[g].shown[k]) < _SHOWN:
                            mine[g].shown[k].append(ev)

    def table(self, min_share: float = 1.0) -> pd.DataFrame:
        """One row per ``speaker_id``: ``gender`` and ``gender_evidence``, sorted by ``speaker_id``."""
        rows = [{"speaker_id": sid, **dict(zip(("gender", "gender_evidence"), _decide(ev, min_share)))}
                for sid, ev in sorted(self.found.items())]
        return pd.DataFrame(rows, columns=["speaker_id", "gender", "gender_evidence"])


def _decide(found: dict[str, _Evidence], min_share: float = 1.0) -> tuple[str, str]:
    """The gender and the evidence text from a speaker's evidence: the gender that has at least
    ``min_share`` of the items (all of them by default: any conflict -> unknown)."""
    shown: list[str] = []
    for g in ("f", "m"):
        ev = found[g]
        shown += (ev.shown[0] + ev.shown[1])[:_SHOWN]
        if sum(ev.distinct) > _SHOWN:
            shown.append(f"+{sum(ev.distinct) - _SHOWN} more")
    total = found["f"].n + found["m"].n
    for g in ("f", "m"):
        if found[g].n and found[g].n >= min_share * total:
            return GENDERS[g], "; ".join(shown)
    return "unknown", "; ".join(shown)


def speaker_gender(quotes: pd.DataFrame, articles: pd.DataFrame | None = None,
                   min_share: float = 1.0) -> pd.DataFrame:
    """One row per ``speaker_id``: ``gender`` (woman / man / unknown) and ``gender_evidence``.

    Reads only what the articles state (see the module docstring): the pronouns resolved to the
    speaker and the honorifics or gendered titles in the mentions, plus, given ``articles``
    (``article_id``, ``text``), honorifics before the speaker's surname elsewhere in an article
    that quotes them. The quotes need ``speaker_name`` and ``speaker``; ``speaker_id`` is computed
    when absent. Sorted by ``speaker_id``. Any conflict gives ``unknown`` (both sides shown); a
    corpus where the resolver misplaces the odd pronoun can pass ``min_share=0.9`` to accept a
    gender stated at least 9 times in 10.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a"] * 3, "speaker": ["Kofi Mensah", "he", "Ama Owusu"],
        ...                   "speaker_start": [0, 30, 60], "speaker_name": ["Kofi Mensah"] * 2 + ["Ama Owusu"]})
        >>> speaker_gender(q)[["speaker_id", "gender"]].values.tolist()  # Ama: no pronoun, no honorific
        [['Ama Owusu', 'unknown'], ['Kofi Mensah', 'man']]
        >>> q.loc[2, ["speaker", "speaker_name"]] = ["she", "Kofi Mensah"]  # a conflict: unknown, both shown
        >>> speaker_gender(q).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
        [{'speaker_id': 'Kofi Mensah', 'gender': 'unknown', 'gender_evidence': 'she (a:60); he (a:30)'}]
    """
    for col in ("speaker_name", "speaker"):
        if col not in quotes.columns:
            raise ValueError(f"speaker_gender() needs a quotes table with a {col!r} column, "
                             "as newslab.quotes(articles) returns")
    if "speaker_id" in quotes.columns:
        ids = quotes["speaker_id"].tolist()
    else:
        from .identity import speaker_ids
        ids = speaker_ids(quotes, articles)["speaker_id"].tolist()
    tally = GenderTally()
    tally.add(quotes, articles, ids)
    return tally.table(min_share)
