"""Ready-made stance targets: a country gazetteer, and candidate targets found in a corpus.

``countries("Russia", "North Korea")`` gives the ``{name: [aliases]}`` mapping that
``newslab.stance`` expects, from ``newslab/data/countries.tsv`` (all UN member states plus the
Holy See, Palestine, Kosovo and Taiwan: names, short and official forms, capitals and government
seats used as metonyms, demonyms). ``candidates(df)`` lists the most frequent named entities of a
corpus, so a researcher can pick targets of their own.

Matching is case-sensitive, which keeps "turkey" and "china" (the dish) out, but some names stay
ambiguous: "Georgia" (the US state), "Jordan" and "Chad" (first names), "Washington" (the state, the
person), "Paris" (a person). The header of ``countries.tsv`` lists them; drop capitals or demonyms
with ``countries(..., capitals=False, demonyms=False)`` when that matters.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from . import _lexicon
from .speakers import _lex as _speaker_lexicons  # one reading of the title, name and group lists

_NO_PLURAL = ("ese", "sh", "ch", "ss", "man", "men", "woman", "women")


def _plural(demonym: str) -> str | None:
    if demonym.endswith(_NO_PLURAL) or demonym.endswith("s"):
        return None
    return demonym + "s"


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """name -> (aliases, capitals, demonyms incl. plurals), in file order."""
    out = {}
    for row in _lexicon.rows("countries.tsv"):
        row = tuple(row) + ("",) * (4 - len(row))  # trailing empty columns are stripped from the line
        name, aliases, capitals, demonyms = row[:4]
        split = lambda s: tuple(x.strip() for x in s.split("|") if x.strip())
        dem: list[str] = []
        for d in split(demonyms):
            dem.append(d)
            p = _plural(d)
            if p:
                dem.append(p)
        al = split(aliases)
        # "the Netherlands" adds nothing once "Netherlands" is there (and would miss "The Netherlands").
        al = tuple(a for a in al if not (a.startswith("the ") and (a[4:] == name or a[4:] in al)))
        out[name] = (al, split(capitals), tuple(dem))
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """casefolded name or alias -> country name (names win over aliases of other countries)."""
    idx: dict[str, str] = {}
    gaz = _gazetteer()
    for name, (aliases, capitals, demonyms) in gaz.items():
        for a in (*aliases, *capitals, *demonyms):
            idx.setdefault(a.casefold(), name)
    for name in gaz:
        idx[name.casefold()] = name
    return idx


def countries(*names: str, capitals: bool = True, demonyms: bool = True) -> dict[str, list[str]]:
    """Stance targets for countries: ``{name: [name, aliases..., capitals..., demonyms...]}``.

    Names may be given by any alias ("USA", "DPRK", "Kremlin"), case-insensitively; the result
    is keyed by the gazetteer's name. With no names, every country. ``capitals=False`` drops
    capitals and seats of government (Washington, Moscow, Kremlin stays as an alias);
    ``demonyms=False`` drops "Russian(s)" and the like.

    Raises:
        KeyError: an unknown name; the message lists close matches.

    Examples:
        >>> t = countries("Russia", "North Korea", "USA")
        >>> list(t)
        ['Russia', 'North Korea', 'United States']
        >>> t["North Korea"]
        ['North Korea', 'DPRK', 'D.P.R.K.', "Democratic People's Republic of Korea", 'Pyongyang', 'North Korean', 'North Koreans']
        >>> "Washington" in countries("United States", capitals=False)["United States"]
        False
        >>> countries("Rusia")
        Traceback (most recent call last):
        ...
        KeyError: "unknown country 'Rusia'; did you mean: Russia? (newslab.targets.countries() lists all)"
    """
    gaz = _gazetteer()
    idx = _index()
    wanted = names or tuple(gaz)
    out: dict[str, list[str]] = {}
    for n in wanted:
        key = idx.get(str(n).strip().casefold())
        if key is None:
            close = difflib.get_close_matches(str(n).casefold(), list(idx), n=8, cutoff=0.8)
            shown = list(dict.fromkeys(idx[c] for c in close))[:3]  # as country names, best first
            hint = f"; did you mean: {', '.join(shown)}?" if shown else ""
            raise KeyError(f"unknown country {n!r}{hint} (newslab.targets.countries() lists all)")
        aliases, caps, dems = gaz[key]
        forms = [key, *aliases, *(caps if capitals else ()), *(dems if demonyms else ())]
        out[key] = list(dict.fromkeys(forms))
    return out


# --------------------------------------------------------------------------- candidates
# A capitalised word (letters first; inner apostrophes, hyphens, dots: "O'Neil", "Kim Jong-un", "U.S.").
_CAP = re.compile(r"[A-Z][\w]*(?:['\u2019.\-][\w]+)*\.?|\S")
_SENT_END = frozenset({".", "!", "?", '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", ":", "(", "-", "\u2014"})
_CONNECT = frozenset({"of", "de", "al", "bin", "van", "von", "der", "du", "la"})
_MAX_WORDS = 6  # longer capitalised runs are headlines or shouting, not names


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return _lexicon.words("stance_function_words.txt")


_STRIP = "\"'()[]{},;:!?\u201c\u201d\u2018\u2019\u2014"
_ABBREV_RUN = re.compile(r"(?:[A-Z]\.)+")
_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_MAX_CACHED = 200_000  # distinct raw tokens memoised per process


@lru_cache(maxsize=1)
def _token_cache() -> dict[str, tuple[bool, str | None, bool, bool, bool, str]]:
    return {}


def _token(raw: str) -> tuple[bool, str | None, bool, bool, bool, str]:
    """What one whitespace-separated token does to an entity run, from the token alone:
    (breaks before, word to append or None, ends the run after appending, connector, ends after, word).

    Examples:
        >>> _token("\u201cRussia.")
        (True, 'Russia', True, False, True, 'Russia.')
        >>> _token("of")
        (False, None, False, True, False, 'of')
    """
    word = raw.strip(_STRIP)
    lead_break = raw[:1] in "\"'(\u201c\u2018"
    is_cap = bool(word) and word[0].isupper() and any(c.isalpha() for c in word)
    # A capitalised function word ("The", "But") never starts or extends a run, at a sentence start
    # or elsewhere, so whether the token is sentence-initial does not matter here.
    append = word.rstrip(".") if is_cap and word not in _function_words() else None
    closes = append is not None and word.endswith(".") and word.count(".") == 1 and len(word) > 3
    connector = word in _CONNECT and raw == word
    after = False
    if raw != word.rstrip(".") or word.endswith("."):
        # a sentence end (not "U.S.") or a comma-like close ends the run after this token
        after = bool(raw.rstrip("\"'\u201d\u2019)")[-1:] in ".!?:" and not _ABBREV_RUN.fullmatch(word)) \
            or raw[-1:] in ",;)\u201d\"\u2019"
    return lead_break, append, closes, connector, after, word


def _entities(text: str) -> list[str]:
    """Capitalised word sequences in ``text``; sentence-initial function words dropped.

    Each token's part is memoised (news repeats its words), so the loop only keeps the run.

    Examples:
        >>> _entities("The talks in Geneva collapsed. Foreign Minister Sergei Lavrov said Russia's offer stood.")
        ['Geneva', 'Foreign Minister Sergei Lavrov', 'Russia']
    """
    out: list[str] = []
    run: list[str] = []
    cache = _token_cache()
    if len(cache) > _MAX_CACHED:
        cache.clear()

    def flush() -> None:
        while run and run[-1] in _CONNECT:
            run.pop()
        if run and len(run) <= _MAX_WORDS:
            ent = " ".join(run)
            ent = _POSSESSIVE_END.sub("", ent).rstrip(".") if not ent.endswith(("U.S.", ".S.A.")) else ent
            if ent and (len(ent) > 1):
                out.append(ent)
        run.clear()

    for raw in text.split():  # == re.finditer(r"\S+"): str.isspace and re's \s agree on every character
        got = cache.get(raw)
        if got is None:
            got = cache[raw] = _token(raw)
        lead_break, append, closes, connector, after, word = got
        if lead_break and run:
            flush()
        if append is not None:
            run.append(append)
            if closes:
                flush()
        elif run and connector:
            run.append(word)
        elif run:
            flush()
        if after and run:
            flush()
    if run:
        flush()
    return out


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    """(title heads and honorifics, title modifiers), lower-case and without their dot, as the
    speaker resolver reads them."""
    lex = _speaker_lexicons()
    heads = {w.rstrip(".") for w in lex.heads} | {w.rstrip(".") for w in lex.honorifics}
    return frozenset(heads), frozenset(w.rstrip(".") for w in lex.mods)


def _untitled(ent: str, heads: frozenset[str], mods: frozenset[str], groups: frozenset[str],
              given: Mapping[str, Any], alone: Counter[str]) -> str | None:
    """The person a titled entity names ("Foreign Minister Sergei Lavrov" -> "Sergei Lavrov", "Miss
    Universe Alicia Machado" -> "Alicia Machado", "President Trump" -> "Trump" when "Trump" also stands
    alone in the corpus), or None: no title, a group ("Senate Democrats") or no person after it."""
    words = ent.split()
    low = [w.lower().rstrip(".") for w in words]
    cut = max((i + 1 for i, w in enumerate(low[:-1]) if w in heads), default=0)
    rest = words[cut:]
    if not cut or any(w in heads or w in mods for w in low[cut:]) or rest[-1].lower() in groups:
        return None  # "Fellow Republicans", "Senate Democrats": a group keeps its words
    titled = all(w in heads or w in mods for w in low[:cut])
    if len(rest) >= 2 and rest[0].lower() not in given:
        # "Miss Universe Alicia Machado": the name starts at its given name, if it has one
        k = next((k for k, w in enumerate(rest[:-1]) if w.lower() in given), None)
        if k is None and not titled:
            return None
        rest = rest[k or 0:]
    # A title before one word is a title only when that word also stands alone in the corpus:
    # "President Trump" (and "Trump said"), not "General Motors" or "Marine One".
    if len(rest) >= 2 or (titled and alone[rest[0]] >= 2 and rest[0].lower() not in _function_words()):
        return " ".join(rest)
    return None


def _name_parts(people: set[str], idx: dict[str, str]) -> dict[str, set[str]]:
    """First and last word -> the full names of 2 to 4 capitalised words that have it ("Peskov", and
    "Choe": a Korean surname comes first)."""
    by_part: dict[str, set[str]] = {}
    for name in people:
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and name.casefold() not in idx:
            for w in {words[0], words[-1]}:
                by_part.setdefault(w, set()).add(name)
    return by_part


def _person_names(per_row: list[list[str]], idx: dict[str, str], alone: Counter[str]) -> dict[str, str]:
    """Entity -> the person it names, so one person is one candidate: titles come off ("Foreign
    Minister Sergei Lavrov", "President Trump" -> "Sergei Lavrov", "Trump"), and a surname goes to the
    one full name of the corpus that ends with it ("Lavrov" -> "Sergei Lavrov"; with both "Donald
    Trump" and "Melania Trump" in the corpus, "Trump" stays as it is)."""
    heads, mods = _titles()
    lex = _speaker_lexicons()
    groups, given = lex.groups | lex.places, lex.given
    rename: dict[str, str] = {}
    for ent in {e for ents in per_row for e in ents if " " in e and e.casefold() not in idx}:
        person = _untitled(ent, heads, mods, groups, given, alone)
        if person is not None:
            rename[ent] = person
    # Only names that look like a person's take in a lone part: "Oversight Committee Republicans"
    # must not swallow "Republicans", nor "RT America" "RT".
    people = {p for p in set(rename.values()) | {e for ents in per_row for e in ents if e.split()[0].lower() in given}
              if not any(w.lower() in groups for w in p.split())}
    for part, names in _name_parts(people, idx).items():
        if len(names) == 1 and part.casefold() not in idx and part.lower().rstrip(".") not in heads \
                and part.lower() not in _function_words():
            full = next(iter(names))
            rename[part] = full
            rename.update({e: full for e, r in list(rename.items()) if r == part})
    return rename


def _split(ents: list[str], idx: dict[str, str]) -> list[str]:
    """Cut entities at inner possessives and after a leading country form:
    "North Korea's Kim Jong Un" -> "North Korea", "Kim Jong Un"; "Kremlin Spokesperson Dmitry
    Peskov" -> "Kremlin", "Spokesperson Dmitry Peskov"."""
    out: list[str] = []
    for ent in ents:
        for part in re.split(r"['\u2019]s ", ent):
            words = part.split()
            if part.casefold() in idx:
                out.append(part)
                continue
            for k in range(min(len(words) - 1, 5), 0, -1):
                head = " ".join(words[:k])
                if head.casefold() in idx:
                    out.extend([head, " ".join(words[k:])])
                    break
            else:
                if part:
                    out.append(part)
    return out


def candidates(df: pd.DataFrame, column: str = "text", top: int = 20) -> pd.DataFrame:
    """The most frequent named entities of a corpus, as stance target candidates.

    Capitalised word sequences ("Kim Jong Un", "Foreign Ministry") are counted, without
    sentence-initial function words ("The", "But"); every alias of a gazetteer country is counted
    under the country ("Pyongyang", "DPRK" -> North Korea). A person is one candidate: titles come
    off ("Foreign Minister Sergei Lavrov" -> "Sergei Lavrov") and a surname or a lone given name
    counts under the one full name of the corpus it belongs to ("Lavrov"); a surname two people
    share ("Trump" with "Donald Trump" and "Melania Trump") stays on its own. Roles on their own
    ("Foreign Minister") are left out. Columns: ``candidate``, ``count``
    (mentions), ``n_rows`` (rows mentioning it), ``country`` (gazetteer name or NA), ``forms``
    (spellings seen, most frequent first, "|"-joined). Feed a pick to ``stance`` as
    ``{name: forms.split("|")}``, or use ``countries(name)`` for a country.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"text": ["The DPRK and Russia met. Kim Jong Un praised Moscow.",
        ...                             "But Kim Jong Un said Pyongyang would wait."]})
        >>> candidates(df)[["candidate", "count", "n_rows", "country"]].values.tolist()
        [['Kim Jong Un', 2, 2, <NA>], ['North Korea', 2, 2, 'North Korea'], ['Russia', 2, 1, 'Russia']]
    """
    if column not in df.columns:
        raise KeyError(f"candidates() needs a text column {column!r}; the table has {list(df.columns)}")
    count, rows, country, forms = _tally(df[column], with_forms=True)
    ranked = sorted(count, key=lambda c: (-count[c], -rows[c], c))[: max(0, int(top))]
    return pd.DataFrame({
        "candidate": pd.array(ranked, dtype="string"),
        "count": pd.array([count[c] for c in ranked], dtype="int64"),
        "n_rows": pd.array([rows[c] for c in ranked], dtype="int64"),
        "country": pd.array([country.get(c) for c in ranked], dtype="string"),
        "forms": pd.array(["|".join(f for f, _ in forms[c].most_common()) for c in ranked], dtype="string"),
    })


def _tally(texts: Iterable[object], with_forms: bool) -> tuple[Counter[str], Counter[str], dict[str, str],
                                                              dict[str, Counter[str]]]:
    """What :func:`candidates` ranks: (mentions, rows mentioning it, gazetteer country, spellings
    seen; the last left empty without ``with_forms``) of every candidate of ``texts``."""
    idx = _index()
    heads, mods = _titles()
    memo: dict[str, list[str]] = {}  # entity -> its parts: news repeats its names

    def parts(ent: str) -> list[str]:
        got = memo.get(ent)
        if got is None:  # a role on its own ("Foreign Minister", "President") is not a target: its holder is
            got = memo[ent] = [e for e in _split([ent], idx) if not all(w.lower().rstrip(".") in heads or
                                                                        w.lower() in mods for w in e.split())]
        return got

    seen_texts: dict[str, list[str]] = {}  # text -> its parts: a corpus can hold one story many times

    def row(text: object) -> list[str]:
        if not isinstance(text, str):
            return []
        got = seen_texts.get(text)
        if got is None:
            got = seen_texts[text] = [p for ent in _entities(text) for p in parts(ent)]
        return got

    per_row = [row(text) for text in texts]
    alone = Counter(e for ents in per_row for e in ents if " " not in e)
    rename = _person_names(per_row, idx, alone)
    count: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    country: dict[str, str] = {}
    for ents in per_row:
        seen = set()
        for ent in ents:
            key = idx.get(ent.casefold())
            if key is None and ent.startswith("the "):
                key = idx.get(ent[4:].casefold())
            cand = key or rename.get(ent, ent)
            if key:
                country[cand] = key
            count[cand] += 1
            if with_forms:
                got = forms.get(cand)
                if got is None:
                    got = forms[cand] = Counter()
                got[ent] += 1
            seen.add(cand)
        rows.update(seen)
    return count, rows, country, forms


def country_counts(texts: Iterable[object]) -> dict[str, tuple[int, int]]:
    """(mentions, rows mentioning it) of each gazetteer country in ``texts``, as :func:`candidates`
    counts them, most mentioned first (then most rows, then name), without the other candidates' table.

    Examples:
        >>> country_counts(["The DPRK and Russia met in Moscow.", "Pyongyang waited."])
        {'North Korea': (2, 2), 'Russia': (2, 1)}
    """
    count, rows, country, _ = _tally(texts, with_forms=False)
    return {c: (count[c], rows[c]) for c in sorted(country, key=lambda c: (-count[c], -rows[c], c))}
