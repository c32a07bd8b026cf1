"""The package as a whole: public API, bundled data, offline behaviour, repository hygiene."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

import newslab

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEED = ROOT.parent / "shared" / "seed"


def test_public_api_is_small_and_resolves():
    for name in newslab.__all__:
        assert getattr(newslab, name) is not None, name
    with pytest.raises(AttributeError):
        newslab.no_such_thing  # noqa: B018


def test_public_functions_have_docstring_examples():
    for name in ["load_articles", "sentences", "quotes", "speakers", "evaluate", "sentiment", "stance",
                 "stance_matrix"]:
        doc = getattr(newslab, name).__doc__ or ""
        assert ">>>" in doc, f"newslab.{name} needs a runnable example in its docstring"


def test_seed_is_bundled_byte_for_byte():
    data_copy = ROOT / "data" / "2023-12-05_wions_north-korea-russia-ties.txt"
    package_copy = ROOT / "newslab" / "data" / "seed_article.txt"
    assert data_copy.read_bytes() == package_copy.read_bytes()
    if SHARED_SEED.exists():
        assert data_copy.read_bytes() == (SHARED_SEED / data_copy.name).read_bytes()


def test_no_eval_data_in_repository():
    # The annotated eval sets are third-party news: they must never be copied into the project.
    eval_dir = ROOT.parent / "shared" / "eval"
    if not eval_dir.exists():
        pytest.skip("../shared/eval not present")
    probes = []
    for f in sorted(eval_dir.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            import json
            rec = json.loads(fh.readline())
        probes.append(rec["text"][:60])
    for path in ROOT.rglob("*"):
        if not path.is_file() or any(p in {".venv", ".git", "out", ".hypothesis"} for p in path.parts):
            continue
        if path.stat().st_size > 50_000_000:
            continue
        content = path.read_bytes().decode("utf-8", "ignore")
        for probe in probes:
            assert probe not in content, f"{path} contains text from ../shared/eval"


def test_pipeline_runs_offline(monkeypatch):
    """Nothing may reach the network: NLTK data and TextBlob corpora cannot be fetched."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    arts = newslab.load_articles(newslab.SEED)
    sents = newslab.sentiment(newslab.sentences(arts))
    q = newslab.quotes(arts)
    newslab.speakers(q)
    newslab.stance(sents, targets=newslab.targets.countries("Russia", "North Korea", "United States"))
    assert len(sents) and len(q)
