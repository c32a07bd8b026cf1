"""The full name an article gives a person that the resolver only knows by one part of it.

``resolve_speakers`` indexes a capitalised run as a person when something says so (a title, an
honorific, a known given name, "said" beside it). A name the article writes once at the top
without any of these ("Darian Lonechild is new to advocacy work.") is not indexed, and later
"Lonechild said" resolves to "Lonechild". ``full_name_in_text`` finds that full name: the
capitalised words the article writes just before the surname (or just after a first name:
"Jayme" -> "Jayme Closs"), when the article writes exactly one such full name.

Examples:
    >>> text = "Darian Lonechild is new to advocacy work. \\"It was hard,\\" Lonechild said."
    >>> full_name_in_text(text, "Lonechild")
    'Darian Lonechild'
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import _lexicon

__all__ = ["acronym_in_text", "full_name_in_text"]

_PARTICLES = r"(?:al|el|bin|ibn|da|de|del|della|di|dos|du|van|von|der|den|le|la|ter|ten)"
_CAP = r"[A-Z][\w'\u2019\-]*"


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Capitalised words that are not given names: sentence starters, titles, honorifics, roles,
    places, organisation words, groups and unnamed-source nouns, from the speaker lexicons."""
    files = ("speaker_function_words.txt", "speaker_places.txt", "speaker_org_words.txt", "speaker_groups.txt",
             "speaker_unnamed.txt", "speaker_documents.txt", "speaker_company_nouns.txt", "speaker_org_names.txt")
    words = {w.lower() for f in files for w in _lexicon.words(f)}
    words |= {row[0].lower().rstrip(".") for row in _lexicon.rows("titles.txt")}
    words |= {w.lower().rstrip(".") for w in _lexicon.table("speaker_honorifics.txt")}
    return frozenset(words)


# One step of a run of capitalised words before a name: a word not inside another, its spaces, and a
# particle with its spaces ("Abir ", "Ludwig van "). The pattern opens with its capital, so the
# scan jumps from capital to capital; the lookbehind is the word boundary before that capital.
_STEP = re.compile(r"[A-Z](?<![\w'\u2019\-].)[\w'\u2019\-]*[ \u00a0]+(?:" + _PARTICLES + r"[ \u00a0]+)?")
# Up to two capitalised words (with a particle) after a first name: " Closs", " de la Cruz".
_AFTER = re.compile(r"((?:[ \u00a0]+(?:" + _PARTICLES + r"[ \u00a0]+)?" + _CAP + r"){1,2})(?![\w\-])")
_WORD_ON = re.compile(r"[\w\-]")  # a name is whole unless one of these follows it
_WORD_BEFORE = re.compile(r"[\w'\u2019\-.]")  # a first name is whole unless one of these precedes it


@lru_cache(maxsize=4)
def _steps(text: str) -> tuple[dict[int, int], dict[int, int]]:
    """The text's steps (see ``_STEP``) as start -> end and end -> start, found once per article for
    all the names looked up in it (steps never overlap, so both maps are one to one)."""
    ahead = {m.start(): m.end() for m in _STEP.finditer(text)}
    return ahead, {e: s for s, e in ahead.items()}


def _is_whole(text: str, p: int, name: str) -> bool:
    """Does ``name`` occur at ``p`` as a whole name: no word character or hyphen right after it?"""
    return text.startswith(name, p) and not _WORD_ON.match(text, p + len(name))


def _occurrences(text: str, name: str) -> list[int]:
    """Every start of ``name`` in ``text``, in order (overlapping ones included)."""
    out = []
    p = text.find(name)
    while p >= 0:
        out.append(p)
        p = text.find(name, p + 1)
    return out


def _words_before(text: str, name: str) -> list[str]:
    """The runs of one to three capitalised words (each maybe followed by a particle) written right
    before ``name``, as a left-to-right scan for the longest run at the leftmost start finds them,
    the runs not overlapping: "Ghazala Khan and Humayun Khan" -> ["Ghazala ", "Humayun "]. Linear:
    the name's occurrences are found with ``str.find`` and walked back step by step.

    Examples:
        >>> _words_before("Golfer Ian Poulter shot 68. But Poulter said so.", "Poulter")
        ['Golfer Ian ', 'But ']
    """
    ahead, back = _steps(text)
    starts = set()  # steps from which one to three steps reach a whole occurrence of the name
    for p in _occurrences(text, name):
        if _is_whole(text, p, name):
            s = back.get(p)
            for _ in range(3):
                if s is None:
                    break
                starts.add(s)
                s = back.get(s)
    out = []
    pos = 0
    for s in sorted(starts):
        if s < pos:
            continue  # inside the run found before
        ends = [ahead[s]]
        while len(ends) < 3 and ends[-1] in ahead:
            ends.append(ahead[ends[-1]])
        end = next(e for e in reversed(ends) if _is_whole(text, e, name))  # the longest run that reaches it
        out.append(text[s:end])
        pos = end + len(name)
    return out


def _words_after(text: str, name: str) -> list[str]:
    """The runs of one or two capitalised words written right after a whole first name ``name``
    (not after a word character, apostrophe, hyphen or dot), left to right, not overlapping.

    Examples:
        >>> _words_after("Jayme Closs, 13, was found. Jayme told police.", "Jayme")
        [' Closs']
    """
    out = []
    pos = 0
    for p in _occurrences(text, name):
        if p >= pos and not (p and _WORD_BEFORE.match(text, p - 1)):
            m = _AFTER.match(text, p + len(name))
            if m:
                out.append(m.group(1))
                pos = m.end()
    return out


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    return frozenset(k.lower() for k in _lexicon.table("speaker_given_names.txt"))


def _clean(words: list[str]) -> list[str] | None:
    """``words`` without the non-name words in front; None when a non-name word sits inside."""
    bad = _not_names()
    while words and words[0].lower().rstrip(".") in bad:
        words = words[1:]
    if any(w.lower().rstrip(".") in bad for w in words):
        return None
    return words


def _given_part(words: list[str]) -> list[str]:
    """The words of a first name before a surname: the last word, and before it only known given
    names and initials ("Golfer Ian" -> ["Ian"]; "Jake Thomas" -> both)."""
    given = _given()
    if words[-1].lower().endswith("ly") and words[-1].lower() not in given:
        return []  # "Finally Demi", "Eventually Tracy": an adverb opening the sentence (not "Emily")
    keep = len(words) - 1
    while keep > 0 and (words[keep - 1].lower() in given or re.fullmatch(r"[A-Z]\.", words[keep - 1])):
        keep -= 1
    while keep > 0 and words[keep - 1].islower():  # a particle belongs with the word after it
        keep -= 1
    return words[keep:]


def full_name_in_text(text: str, name: str) -> str | None:
    """The one full name ``text`` writes that ends with ``name`` (or starts with it), else None.

    ``name`` is what a mention resolved to: a surname ("Poulter"), a surname with its particle
    ("Al Basha") or a first name ("Jayme"); any other name of two words or more is left alone. Titles, sentence starters and place or organisation words are not
    part of a full name ("Golfer Ian Poulter" -> "Ian Poulter"; "But Poulter" is no full name).
    Two different full names ("Ghazala Khan", "Humayun Khan") give None: the resolver's choice
    stands. Linear in the text: the name's occurrences, each walked back or forward a few words.

    Examples:
        >>> full_name_in_text("Golfer Ian Poulter shot 68. But Poulter said it was hard.", "Poulter")
        'Ian Poulter'
        >>> full_name_in_text("Jayme Closs, 13, was found. Jayme told police.", "Jayme")
        'Jayme Closs'
        >>> full_name_in_text("Ghazala Khan and Humayun Khan. Khan said.", "Khan") is None
        True
    """
    if not isinstance(text, str) or not isinstance(name, str) or not name[:1].isupper() or len(name) < 2:
        return None
    parts = name.split()
    if len(parts) > 2 or (len(parts) == 2 and not re.fullmatch(_PARTICLES, parts[0], re.IGNORECASE)):
        return None  # already a full name; "Al Basha" is a surname with its particle
    found: dict[str, str] = {}
    for run in _words_before(text, name):
        words = _clean(run.split())
        first = _given_part(words) if words and not words[-1].endswith((",", ".")) else []
        if first:
            full = " ".join(first + [name])
            found.setdefault(full.casefold(), full)
    if not found and " " not in name:  # a first name: "Jayme" ... "Jayme Closs"
        for run in _words_after(text, name):
            words = run.split()
            if _clean(list(words)) == words:
                full = " ".join([name] + words)
                found.setdefault(full.casefold(), full)
    return next(iter(found.values())) if len(found) == 1 else None


_SMALL = r"(?:of|and|for|the|on|de|du|des|la|le|&)"
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "&"})


def acronym_in_text(text: str, acronym: str) -> str | None:
    """The name an acronym abbreviates, as the article spells it out: "Parliamentary Budget Officer
    (PBO)" makes "the PBO" the Parliamentary Budget Officer. The capitalised words just before
    "(PBO)" whose initials spell it (small words such as "of" and "and" may sit between them).

    Examples:
        >>> acronym_in_text("She met the Assembly of First Nations (AFN) on Monday. The AFN said no.", "AFN")
        'Assembly of First Nations'
        >>> acronym_in_text("The AFN said no.", "AFN") is None
        True
    """
    if not isinstance(text, str) or not isinstance(acronym, str) or not re.fullmatch(r"[A-Z]{2,8}", acronym):
        return None
    if "(" + acronym + ")" in text:  # (a pattern per acronym, compiled only when the article brackets it)
        pattern = re.compile(r"((?:" + _CAP + r",?[ \u00a0]+(?:" + _SMALL + r"[ \u00a0]+){0,2}){2,8})\(" + acronym
                             + r"\)")
        for m in pattern.finditer(text):
            words = m.group(1).split()
            for k in range(len(words)):  # the shortest tail of the run whose initials spell it
                tail = words[k:]
                if tail[0][:1].isupper() and tail[0].lower() not in _ACRONYM_SKIP and \
                        "".join(w[0] for w in tail if w.lower() not in _ACRONYM_SKIP).upper() == acronym:
                    return " ".join(tail).rstrip(",")
    return _spelled_out(text, acronym) if len(acronym) >= 3 else None


# (the capital first and the word boundary before it as a lookbehind: the scan jumps between capitals)
_NAME_RUN = re.compile(r"[A-Z](?<![\w'\u2019\-].)[\w'\u2019\-]*(?:[ \u00a0]+(?:" + _SMALL + r"[ \u00a0]+){0,2}" + _CAP
                       + r"){1,7}(?![\w'\u2019\-])")


def _spelled_out(text: str, acronym: str) -> str | None:
    """The one whole run of capitalised words whose initials spell ``acronym`` when the article never
    writes "(PBO)": "The Parliamentary Budget Officer released ... the PBO added". A run is taken
    whole (less a leading "The"), not a tail of a longer name; two different runs give None.

    Examples:
        >>> _spelled_out("The Parliamentary Budget Officer spoke. The PBO said so.", "PBO")
        'Parliamentary Budget Officer'
        >>> _spelled_out("The Office of the Parliamentary Budget Officer spoke.", "PBO") is None
        True
    """
    found: set[str] = set()
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        if words[0] == "The":
            words = words[1:]
        if len(words) >= 2 and words[0].lower() not in _ACRONYM_SKIP and \
                "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP) == acronym:
            found.add(" ".join(words))
    return found.pop() if len(found) == 1 else None
