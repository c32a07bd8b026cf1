"""nl.view: one article with each quote's content, cue and speaker marked; safe, offline, exact."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import newslab as nl
from newslab import viewer

TEXT = ('Harbour Commissioner Ines Falk said the dredging contract "will not be extended", '
        'a decision the union called "reckless <and> short-sighted". '
        '"We were never consulted," said Tomas Berg, the union\'s chair.')


class _Marks(HTMLParser):
    """Collects the text inside every <mark>, by (class, quote number), and checks tags balance."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[int] = []
        self.elements: list[list[str]] = []  # [class, quote number, text] per <mark> element
        self.texts: dict[tuple[str, str], str] = {}
        self.all_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.all_tags.append(tag)
        a = dict(attrs)
        if tag == "mark":
            self.stack.append(len(self.elements))
            self.elements.append([a["class"].split()[0], a["data-q"], ""])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for i in self.stack:
            cls, q, _ = self.elements[i]
            self.elements[i][2] += data
            self.texts[cls, q] = self.texts.get((cls, q), "") + data


def _marks(page: str) -> _Marks:
    p = _Marks()
    p.feed(page)
    assert p.stack == []
    return p


@pytest.fixture(scope="module")
def seed():
    arts = nl.load_articles(nl.SEED)
    return arts, nl.quotes(arts)


def test_every_quote_of_the_seed_is_marked_with_its_exact_texts(seed):
    arts, quotes = seed
    v = nl.view(arts, quotes)
    assert v.n_quotes == len(quotes) and v.skipped == []
    m = _marks(v.html)
    text = arts.loc[0, "text"]
    for n, row in enumerate(quotes.sort_values("start").itertuples(), 1):
        content = "".join(text[a:b] for a, b in row.content_spans)
        assert m.texts[("nlv-c", str(n))].startswith(content[:20]), n
        if not pd.isna(row.speaker_start):  # a speaker span (an unnamed "asked" has none)
            assert m.texts[("nlv-s", str(n))] == row.speaker, n
        assert m.texts[("nlv-v", str(n))] == row.cue, n


def test_one_colour_per_resolved_speaker(seed):
    arts, quotes = seed
    page = nl.view(arts, quotes).html
    names = list(dict.fromkeys(quotes.sort_values("start")["speaker_name"].fillna("(unnamed)")))
    for k, name in enumerate(names):
        assert f'<span class="nlv-chip nlv-k{k}">{name}</span>' in page
        assert f".nlv-k{k}{{--c:" in page
    colours = re.findall(r"\.nlv-k\d+\{--c:(#[0-9a-f]{6})", page)
    assert len(colours) == len(names) and len(set(colours)) == len(names)


def _q(**kw):
    base = {"article_id": "p1", "type": "indirect", "confidence": 0.8}
    base.update(kw)
    base["text"] = TEXT[base["start"]:base["end"]]
    for part in ("speaker", "cue"):
        if f"{part}_start" in base:
            base[part] = TEXT[base[f"{part}_start"]:base[f"{part}_end"]]
    return base


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def test_overlapping_and_nested_spans_render_as_valid_nested_marks():
    # quote 0: Falk's indirect quote runs to the end of the first sentence and so contains the union's
    # attribution (speaker "the union", cue "called") of quote 1, whose content is inside it too
    s0 = _span('the dredging contract "will not be extended", a decision the union called "reckless <and> short-sighted"')
    s1 = _span('"reckless <and> short-sighted"')
    sp0, cu0 = _span("Harbour Commissioner Ines Falk"), _span("said")
    sp1, cu1 = _span("the union"), _span("called")
    s2, sp2 = _span('"We were never consulted,"'), _span("Tomas Berg")
    cu2 = (TEXT.index("said", s2[1]), TEXT.index("said", s2[1]) + 4)
    quotes = pd.DataFrame([
        _q(quote_id=0, start=s0[0], end=s0[1], speaker_start=sp0[0], speaker_end=sp0[1], speaker_name="Ines Falk",
           cue_start=cu0[0], cue_end=cu0[1], speaker_role="Harbour Commissioner", rule="said_that"),
        _q(quote_id=1, start=s1[0], end=s1[1], speaker_start=sp1[0], speaker_end=sp1[1], speaker_name="the union",
           cue_start=cu1[0], cue_end=cu1[1]),
        # a speaker span that crosses the end of quote 0's content (not nested): must be split, not broken
        _q(quote_id=2, start=s2[0], end=s2[1], type="direct", speaker_start=sp2[0], speaker_end=sp2[1],
           speaker_name="Tomas Berg", cue_start=cu2[0], cue_end=cu2[1], speaker_id="tomas-berg"),
        _q(quote_id=3, start=s0[1] - 10, end=s0[1] + 3, speaker_name=None),
    ])
    arts = pd.DataFrame({"article_id": ["p1"], "title": ["Dredging <row>"], "text": [TEXT]})
    v = viewer.render(arts, quotes)
    m = _marks(v.html)
    assert m.texts[("nlv-c", "1")] == TEXT[s0[0]:s0[1]].replace("<", "<")
    assert m.texts[("nlv-s", "2")] == "the union" and m.texts[("nlv-v", "2")] == "called"
    assert m.texts[("nlv-c", "2")] == '"reckless <and> short-sighted"'
    assert m.texts[("nlv-c", "3")] == TEXT[s0[1] - 10:s0[1] + 3]   # crosses quote 1's end: split in parts
    assert m.texts[("nlv-s", "4")] == "Tomas Berg"
    assert "&lt;and&gt;" in v.html and "<and>" not in v.html and "Dredging &lt;row&gt;" in v.html
    # hover details: name, role, type, rule and speaker_id when the columns exist, confidence
    title = re.search(r'<mark class="nlv-c nlv-k0" data-q="1" title="([^"]*)"', v.html).group(1)
    for part in ("speaker: Ines Falk", "speaker role: Harbour Commissioner", "rule: said_that", "indirect",
                 "confidence: 0.80"):
        assert part in title, part
    assert "speaker id: tomas-berg" in v.html


def test_stance_toward_targets_with_evidence_in_the_hover_text(seed):
    arts, quotes = seed
    st = nl.stance(quotes, nl.targets.countries("Russia", "North Korea"))
    v = nl.view(arts, quotes, stance=st)
    row = st[st["evidence"].str.len() > 0].iloc[0]
    assert f"stance toward {row.target}: {row.stance}" in v.html
    assert "evidence: " in v.html
    m = _marks(v.html)
    targets = [t for cls, _, t in m.elements if cls == "nlv-t"]
    # a mention is an alias, or a reference the stance step resolved ("its -> North Korea: Pyongyang")
    refs = {r.split(" -> ")[0] for r in st["reference"].dropna()} if "reference" in st else set()
    assert targets and all(t in {"Russia", "North Korea", "Russian Federation", "DPRK", "Pyongyang", "Moscow",
                                 "Kremlin", "Russian", "North Korean"} | refs for t in targets), targets


def test_offline_repr_save_and_errors(seed, tmp_path):
    arts, quotes = seed
    v = nl.view(arts, quotes)
    assert v._repr_html_() == v.html
    page = v.save(tmp_path / "a.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "<script" not in page and "@import" not in page
    with pytest.raises(KeyError, match="not in the articles table"):
        nl.view(arts, quotes, article_id="nope")
    moved = quotes.assign(start=quotes["start"] + 1)  # offsets that no longer match: not drawn, said so
    bad = nl.view(arts, moved)
    assert bad.n_quotes == 0 and len(bad.skipped) == len(quotes) and "not shown" in bad.html
