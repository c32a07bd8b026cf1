"""`newslab analyze --field story_body=text`: an unusual input field mapped from the command line."""
from __future__ import annotations

import json

from newslab import cli, stream


def _export(tmp_path):
    rows = [{"uid": "k1", "headline_en": "Tram line opens", "story_body":
             "The new tram line opened on Saturday. \"It cuts my commute in half,\" said rider Ada Novak."},
            {"uid": "k2", "headline_en": "Market hall reopens", "story_body":
             "The market hall reopened after repairs, the city said. Stall holders welcomed the news."}]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_field_maps_an_unusual_text_column(tmp_path, capsys):
    src, out = _export(tmp_path), tmp_path / "out"
    assert cli.main(["analyze", str(src), "--out", str(out), "--quiet", "--no-charts", "--format", "csv",
                     "--field", "story_body=text", "--field", "headline_en=title", "--field", "uid=article_id"]) == 0
    arts = stream.read_table(out, "articles")
    assert arts["title"].tolist() == ["Tram line opens", "Market hall reopens"]
    assert arts["article_id"].tolist() == ["k1", "k2"]
    quotes = stream.read_table(out, "quotes")
    assert "Ada Novak" in quotes["speaker_name"].tolist()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["fields"] == {"story_body": "text", "headline_en": "title", "uid": "article_id"}


def test_without_the_field_the_file_is_skipped_and_a_bad_field_is_a_usage_error(tmp_path, capsys):
    src = _export(tmp_path)
    assert cli.main(["analyze", str(src), "--out", str(tmp_path / "a"), "--quiet", "--no-charts"]) == 1
    assert cli.main(["analyze", str(src), "--out", str(tmp_path / "b"), "--field", "story_body=body"]) == 2
    assert "'body' is not a column of the articles table" in capsys.readouterr().err
