"""Speakers: resolve speaker mentions to names, and one row per resolved speaker.

Two public functions:

- ``resolve_speakers(text, mentions)`` turns the speaker mentions that ``quotes`` finds
  ("he", "Peskov", "Kremlin Spokesperson Dmitry Peskov", "the minister", "a source") into
  ``(speaker_name, role)`` pairs, using only the article itself and plain-text lexicons
  (titles and roles, given names, honorifics, pronouns, organisation words, places, unnamed-source
  nouns in ``newslab/data``). No model, no download.
- ``speakers(quotes)`` aggregates a quotes table into one row per resolved speaker.

The work is done by small modules, one concern each: ``speaker_lexicon`` (the word lists),
``speaker_tokens`` (the article tokenised once, runs of capitalised names), ``speaker_mentions`` (a
run parsed into role and name, roles before and after a name), ``speaker_article`` (the persons
and groups the article names), ``speaker_walk`` (the reader's state for pronouns and role nouns)
and ``speaker_names`` (the resolution steps, applied in the order of its ``STEPS``).

How a mention is resolved (one pass over the article, linear in its length):

1. The article is tokenised once; runs of capitalised tokens (with name particles such as
   "von der", "da" and "bin" inside) are indexed. A run is split into a role and a name by the
   title lexicon ("Russian Foreign Minister | Sergei Lavrov", "Sen. | Elizabeth Warren"); roles
   are also read from a lower-case title phrase just before the name ("Republican presidential
   nominee Donald Trump") and from an appositive after it ("Choe Son Hui, the North Korean Foreign
   Minister", "Peskov, a Kremlin spokesman,"). A run is a person when it carries a title or an
   honorific, starts with a known given name, has a role appositive, or stands next to
   "said"/"told"; it is an organisation, a country or a group when the lexicons say so. A role
   ends after its object ("Minister for Finance", "Governor of the Central Bank of Nigeria"),
   letters after a name are dropped ("Timothy Spencer KC"), and a peer or monarch with one name
   keeps the title ("Baroness Hallett", "Pope Francis", "King Charles").
2. A surname (or any part of a full name, so "Choe" -> "Choe Son Hui", "Lula" -> "Luiz Inácio Lula
   da Silva", "al-Sharaa" -> "Ahmed al-Sharaa") resolves to the full name seen in the article, even
   one written once without a title; "Mr." / "Ms." pick the right gender ("Mrs Patel" is the wife).
3. Pronouns are resolved while walking the sentences in order: he / she -> the subject of the
   current sentence, else the subject of the last sentence that had one, else the previous quote's
   speaker, else the most recent person, always of a compatible gender (from given names,
   honorifics, gendered titles, or an earlier he / she); they / it -> the previous speaker if it
   is a group, organisation or country, else the most recent one; who / which -> the name just
   before. I / we / you stay unresolved (``None``).
4. A role noun with a definite article ("the spokesperson", "the minister", "the senator",
   "Germany's chancellor", "the Tory leader") -> the person who holds that role in this article
   (the most recent one). A role named before its holder at the top of the article ("The
   Taoiseach has said ... Simon Harris said") is the person named next as a speaker; "the
   34-year-old" is the person the story is about; "the company" is the company just quoted.
5. Organisations, countries and groups keep their name as written ("North Korea", "The US, Japan
   and South Korea", "the White House"), without a trailing possessive.
6. **Unnamed sources stay unnamed but visible**: "a source", "officials", "sources familiar with
   the matter" and role nouns nobody in the article holds resolve to the mention itself, with its
   first letter lower-cased ("sources familiar with the matter"), and role ``None`` (or the role
   phrase, for "a spokesman for the ministry"). They are not merged with anyone ("the official"
   after "a senior U.S. official" is that same source, as first written), and ``speakers`` labels
   them ``kind == "unnamed"`` so analyses can keep or drop them.

Examples:
    >>> text = "Choe Son Hui, the North Korean Foreign Minister, spoke. Choe said the ties would grow."
    >>> resolve_speakers(text, [(56, 60)])
    [('Choe Son Hui', 'North Korean Foreign Minister')]
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, islice

import pandas as pd

from .speaker_article import _Article, _Entity, _Group
from .speaker_lexicon import _CONNECT, _TOKEN, _lex
from .speaker_names import _resolve_mention, finish, named_later
from .speaker_walk import _plural_titles, _Walker

__all__ = ["SpeakerTally", "resolve_speakers", "speaker_kind", "speakers"]

SPEAKER_COLUMNS = ["speaker_name", "n_quotes", "n_direct", "n_indirect", "n_mixed", "n_words", "n_articles",
                   "roles", "kind", "speaker_id", "spellings", "gender", "gender_evidence"]


def _valid_span(m: object, n: int) -> tuple[int, int] | None:
    """``(start, end)`` as ints inside a text of length n, or None (missing, NaN, reversed, outside)."""
    try:
        s, e = int(m[0]), int(m[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (s, e) if 0 <= s < e <= n else None


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Lower-case words the walk must see: he / she, plural unnamed nouns that "they" may mean, and
    document nouns whose author the sentence may name."""
    return frozenset({"he", "she"} | {w for w in _lex().unnamed if w.endswith("s")} | _plural_titles()
                     | _lex().documents)


def resolve_speakers(text: str, mentions: Sequence[tuple[int, int]],
                     with_rule: bool = False) -> list[tuple[str | None, ...]]:
    """For each speaker mention ``(start, end)`` in ``text`` return ``(speaker_name, role)``.

    The mentions are those ``quotes`` found (any order; the result follows the input order). The
    whole article is indexed once, so a surname, a pronoun or a role noun resolves to the person
    named elsewhere in it. See the module docstring for the rules. Unnamed sources ("a source",
    "officials") resolve to the mention itself (first letter lower-cased); I / we / you and
    pronouns with no compatible antecedent resolve to ``(None, None)``. Invalid spans (outside
    the text, or empty) give ``(None, None)``.

    With ``with_rule=True`` each item is ``(speaker_name, role, name_rule)``: ``name_rule`` says how
    the name was decided, by the resolution step that decided it (``full_name``, ``surname``,
    ``pronoun``, ``role``, ``unnamed``, ...; see ``newslab.speaker_names``), None for an invalid span.

    Examples:
        >>> text = ("Kremlin Spokesperson Dmitry Peskov spoke on Monday. He said the talks were useful. "
        ...         "Peskov added that a source had lied, the spokesperson said.")
        >>> spans = [(0, 34), (52, 54), (83, 89), (120, 136)]
        >>> [text[s:e] for s, e in spans]
        ['Kremlin Spokesperson Dmitry Peskov', 'He', 'Peskov', 'the spokesperson']
        >>> resolve_speakers(text, spans)  # doctest: +NORMALIZE_WHITESPACE
        [('Dmitry Peskov', 'Kremlin Spokesperson'), ('Dmitry Peskov', 'Kremlin Spokesperson'),
         ('Dmitry Peskov', 'Kremlin Spokesperson'), ('Dmitry Peskov', 'Kremlin Spokesperson')]
        >>> resolve_speakers("Officials said it was over.", [(0, 9)])
        [('officials', None)]
        >>> [rule for _name, _role, rule in resolve_speakers(text, spans, with_rule=True)]
        ['full_name', 'pronoun', 'surname', 'role']
    """
    empty = (None, None, None) if with_rule else (None, None)
    if not isinstance(text, str) or not mentions:
        return [empty] * len(mentions) if mentions else []
    art = _Article(text)
    doc = art.doc
    n = len(doc.starts)
    out: list[tuple[str | None, ...]] = [empty] * len(mentions)
    # Mentions by first token, so the walk meets each one at its place in the text.
    todo: dict[int, list[tuple[int, int, int]]] = {}
    valid = {idx: span for idx, span in enumerate(_valid_span(m, len(text)) for m in mentions) if span}
    for idx in sorted(valid, key=valid.__getitem__):
        s, e = valid[idx]
        t = bisect.bisect_right(doc.ends, s)
        if t < n and doc.starts[t] < e:
            todo.setdefault(t, []).append((idx, s, e))
    walker = _Walker(art)
    refs: dict[int, object] = {}  # mention index -> the person or group it resolved to
    # Only tokens that change the state or carry a mention are visited.
    events = set(todo) | art.person_at.keys() | art.group_at.keys()
    watch = _event_words()
    # Nothing after the last mention can change a result: the walk stops there.
    last = max(todo, default=-1)
    events.update(compress(range(last + 1), map(watch.__contains__, islice(doc.low, last + 1))))
    for tok in sorted(events):
        if tok > last:
            break
        if tok in todo:
            walker._sentence(tok)
            for idx, s, e in todo[tok]:
                u = bisect.bisect_left(doc.starts, e, tok)
                name, role, ref, rule = _resolve_mention(walker, s, e, tok, u)
                out[idx] = (name, role, rule) if with_rule else (name, role)
                if isinstance(ref, (_Entity, _Group)):
                    named_later(walker, ref, rule, tok, out, refs)  # ("A spokeswoman said ... ," said Jane Roe.)
                    refs[idx] = ref
                    walker.last_speaker = ref
                    walker.speaker_at = tok
                    if isinstance(ref, _Group) and ref.canon and ref not in walker.unnamed:
                        walker.unnamed.append(ref)
                        del walker.unnamed[:-8]
                    if isinstance(ref, _Entity):
                        walker._see_person(ref, tok, walker.subject is None and not doc.inq[tok])
                        walker.note_writer(ref, tok, u)
        walker.step(tok)
    finish(text, out, refs, with_rule)  # the full name the article writes (speaker_names.FINISHING)
    return out


# ------------------------------------------------------------------------------------- speakers table
def speaker_kind(name: object) -> str | None:
    """What a resolved ``speaker_name`` is: ``person``, ``organisation``, ``place``, ``group`` or ``unnamed``.

    Unnamed sources are the lower-case names ``resolve_speakers`` gives them ("a source",
    "officials"); organisations, and countries or capitals speaking for their governments
    (``place``), come from the lexicons; groups are lists of names ("Russia and North Korea") or
    plural groups ("Republicans"); any other capitalised name is a person.

    Examples:
        >>> [speaker_kind(x) for x in ["Dmitry Peskov", "North Korea", "Russia and North Korea", "a source"]]
        ['person', 'place', 'group', 'unnamed']
    """
    if not isinstance(name, str) or not name.strip():
        return None
    lex = _lex()
    words = [w.lower() for w in _TOKEN.findall(name)]
    if not words:
        return None
    if not name[0].isupper() and words[0] not in ("the",):
        return "unnamed"
    body = words[1:] if words[0] == "the" else words
    if not body:
        return "unnamed"
    if "and" in body or "," in name:
        return "group"
    if any(w not in lex.particles and w not in _CONNECT and w[:1].islower()
           for w in _TOKEN.findall(name)[1:]):
        return "unnamed"  # a description, not a name: "Keith Scott's wife", "Americans worried about ..."
    joined = " ".join(body)
    if joined in lex.groups or (len(body) == 1 and body[0].endswith("ans")):
        return "group"
    if joined in lex.places or joined.replace(".", "") in lex.places:
        return "place"
    if joined in lex.org_names or any(w in lex.org_words for w in body):
        return "organisation"
    if words[0] == "the":
        return "organisation"
    return "person"


def speakers(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per resolved speaker: who gets to speak, how often, and how.

    Columns: ``speaker_name``, ``n_quotes``, ``n_direct``, ``n_indirect``, ``n_mixed``, ``n_words``
    (words of quoted content), ``n_articles``, ``roles`` (the distinct roles seen, from the quotes'
    ``speaker_role`` column when present, in order of first appearance), and ``kind`` (``person`` |
    ``organisation`` | ``place`` | ``group`` | ``unnamed``, see ``speaker_kind``). Sorted by ``n_quotes``
    descending, ties by name. Quotes whose speaker did not resolve (missing ``speaker_name``) are
    left out and counted in ``df.attrs["n_unresolved"]``; unnamed sources ("a source", "officials") keep their own rows, one per wording,
    marked ``kind == "unnamed"``, so ``df[df.kind != "unnamed"]`` lists the named speakers.
    One row per identity across the corpus (``newslab.speaker_ids``): "Donald J. Trump", "Donald
    Trump" and "Mr. Trump" share a row; ``speaker_id`` is its canonical name (also in
    ``speaker_name``), ``spellings`` the spellings it joined, most used first. ``gender`` (woman /
    man / unknown) and ``gender_evidence`` say what the text states (``newslab.speaker_gender``);
    ``articles`` (``article_id``, ``text``), when given, lend both more evidence.

    Not a corpus step: it aggregates, so run it on the whole quotes table.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "a", "b"], "type": ["direct", "indirect", "direct"],
        ...                   "text": ["We will win.", "that it was fine", "No comment."],
        ...                   "speaker_name": ["Ann Lee", "Ann Lee", "a source"],
        ...                   "speaker_role": ["Mayor", None, None]})
        >>> speakers(q)[["speaker_name", "n_quotes", "n_direct", "n_words", "roles", "kind"]]
          speaker_name  n_quotes  n_direct  n_words    roles     kind
        0      Ann Lee         2         1        7  [Mayor]   person
        1     a source         1         1        2       []  unnamed
        >>> q["speaker_name"] = ["Ann Lee", "Ann Lee", "Ms. Lee"]
        >>> q["speaker"] = ["Ann Lee", "she", "Ms. Lee"]
        >>> speakers(q)[["speaker_id", "n_quotes", "spellings", "gender"]]
          speaker_id  n_quotes           spellings gender
        0    Ann Lee         3  [Ann Lee, Ms. Lee]  woman
    """
    if "speaker_name" not in quotes.columns:
        raise ValueError("speakers() needs a quotes table with a 'speaker_name' column, "
                         "as newslab.quotes(articles) returns")
    from .identity import speaker_ids

    if "speaker_id" not in quotes.columns:
        quotes = speaker_ids(quotes, articles)
    tally = SpeakerTally()
    tally.add(quotes, articles)
    return tally.table()


class SpeakerTally:
    """``speakers`` of a corpus given a part at a time (every quote of an article in one part, with
    ``speaker_id`` given over the whole corpus): memory per speaker, not per quote, so a streamed
    ``newslab analyze`` builds the table of one whole-corpus call from its written parts.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "b"], "type": ["direct", "direct"], "text": ["Yes.", "No."],
        ...                   "speaker_name": ["Ann Lee", "Ms. Lee"], "speaker_id": ["Ann Lee", "Ann Lee"]})
        >>> t = SpeakerTally()
        >>> t.add(q.iloc[:1]); t.add(q.iloc[1:])
        >>> t.table().equals(speakers(q)), t.table()["n_articles"].tolist()
        (True, [2])
    """

    def __init__(self) -> None:
        from .gender import GenderTally

        self.rows: dict[str, dict] = {}
        self.unresolved = 0
        self.gender = GenderTally()
        self.with_gender = False

    def add(self, quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> None:
        """Count one part's quotes (``speaker_name``, ``speaker_id``, ``type``, ``text``, ``article_id``,
        ``speaker_role``; ``speaker`` for gender) and read its articles' texts for gender evidence."""
        names = quotes["speaker_name"].tolist()
        ids = quotes["speaker_id"].tolist()
        n = len(quotes)
        types = quotes["type"].tolist() if "type" in quotes.columns else [None] * n
        texts = quotes["text"].tolist() if "text" in quotes.columns else [None] * n
        arts = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * n
        roles = quotes["speaker_role"].tolist() if "speaker_role" in quotes.columns else [None] * n
        here: dict[str, set] = {}  # articles are whole in a part: their counts add up over parts
        for name, typ, txt, aid, role, key in zip(names, types, texts, arts, roles, ids):
            if not isinstance(name, str) or not name.strip() or not isinstance(key, str):
                self.unresolved += 1
                continue
            name = name.strip()
            r = self.rows.get(key)
            if r is None:
                r = self.rows[key] = {"spellings": {}, "n_quotes": 0, "n_direct": 0, "n_indirect": 0, "n_mixed": 0,
                                      "n_words": 0, "n_articles": 0, "roles": []}
            r["spellings"][name] = r["spellings"].get(name, 0) + 1
            r["n_quotes"] += 1
            if typ in ("direct", "indirect", "mixed"):
                r[f"n_{typ}"] += 1
            if isinstance(txt, str):
                r["n_words"] += len(_TOKEN.findall(txt))
            here.setdefault(key, set()).add(aid)
            if isinstance(role, str) and role.strip() and role.strip() not in r["roles"]:
                r["roles"].append(role.strip())
        for key, seen in here.items():
            self.rows[key]["n_articles"] += len(seen)
        if "speaker" in quotes.columns:
            self.with_gender = True
            self.gender.add(quotes, articles, ids)

    def table(self) -> pd.DataFrame:
        """The speakers table of every part added (see :func:`speakers`)."""
        gender = self.gender.table().set_index("speaker_id").to_dict("index") if self.with_gender else {}
        out = []
        for key, r in self.rows.items():
            spellings = sorted(r["spellings"], key=lambda s: (-r["spellings"][s], s))
            g = gender.get(key, {})
            out.append({"speaker_name": key, "n_quotes": r["n_quotes"], "n_direct": r["n_direct"],
                        "n_indirect": r["n_indirect"], "n_mixed": r["n_mixed"], "n_words": r["n_words"],
                        "n_articles": r["n_articles"], "roles": list(r["roles"]), "kind": speaker_kind(key),
                        "speaker_id": key, "spellings": spellings, "gender": g.get("gender", "unknown"),
                        "gender_evidence": g.get("gender_evidence", "")})
        df = pd.DataFrame(out, columns=SPEAKER_COLUMNS)
        if len(df):
            df = df.sort_values(["n_quotes", "speaker_name"], ascending=[False, True], kind="stable")
        for c in ("n_quotes", "n_direct", "n_indirect", "n_mixed", "n_words", "n_articles"):
            df[c] = df[c].astype("int64")
        df = df.reset_index(drop=True)
        df.attrs["n_unresolved"] = self.unresolved  # quotes left out: visible, not silently lost
        return df
