"""`newslab analyze`: every output file, a manifest that tells the story, clear errors, a report that stands alone."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab import cli, stream

TABLES = ["articles", "sentences", "quotes", "speakers", "sentence_sentiment", "quote_sentiment", "stance",
          "stance_matrix"]
CHARTS = ["quotes_per_speaker", "sentiment_arc", "lexicon_scatter", "stance_heatmap", "timeline"]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    # the seed file itself: data/ also holds the Wikinews corpus (data/wikinews/), analysed on its own
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet"]) == 0
    return out


def test_analyze_writes_every_file(seed_run):
    for name in TABLES:
        assert [p.name for p in stream.table_parts(seed_run, name)] == ["part-00000.parquet"], name
    for name in CHARTS:
        png = seed_run / "charts" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
    assert (seed_run / "report.html").is_file() and (seed_run / "manifest.json").is_file()


def test_manifest_records_inputs_options_versions_counts_and_timings(seed_run):
    m = json.loads((seed_run / "manifest.json").read_text(encoding="utf-8"))
    for lib in ("newslab", "nltk", "textblob", "vaderSentiment", "pandas", "python"):
        assert m["versions"][lib], lib
    assert m["inputs"] and m["options"]["format"] == "parquet" and m["options"]["jobs"] == 1
    assert m["options"]["targets"], "default targets: the corpus's top country candidates"
    for name in TABLES:  # the counts are the real row counts of the files written
        assert m["counts"][name] == len(stream.read_table(seed_run, name)), name
    assert m["counts"]["articles"] == 1 and m["counts"]["quotes"] > 0 and m["counts"]["stance"] > 0
    assert m["skipped"] == [] and m["charts_failed"] == {}
    assert {"load_articles", "sentences", "quotes", "sentiment", "stance", "report"} <= set(m["timings"])


def test_report_is_self_contained_and_shows_every_chart(seed_run):
    page = (seed_run / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == len(CHARTS)
    # no external resource of any kind: nothing is fetched when the file is opened
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page, re.IGNORECASE)
    assert "<link" not in page and "@import" not in page and "<script" not in page.lower()
    assert "Content-Security-Policy" in page
    for name in TABLES:
        assert f'id="{name}"' in page


def test_report_escapes_article_text(tmp_path):
    art = tmp_path / "evil.txt"
    art.write_text('Officials said <script>alert("x")</script> was found. "It is <b>bad</b>," he said.\n',
                   encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(art), "--out", str(out), "--quiet", "--no-charts",
                     "--countries", "Russia"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "&lt;script&gt;" in page and "<b>bad" not in page


def test_csv_format_and_countries(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet", "--format", "csv",
                     "--countries", "Russia", "North Korea", "--no-charts"]) == 0
    for name in TABLES:
        assert [p.name for p in stream.table_parts(out, name)] == ["part-00000.csv"], name
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(m["options"]["targets"]) == ["Russia", "North Korea"]
    assert m["options"]["targets_from"] == "--countries"
    stance = stream.read_table(out, "stance")
    assert set(stance["target"]) <= {"Russia", "North Korea"} and len(stance)
    arts = stream.read_table(out, "articles")
    assert isinstance(arts["authors"][0], list)  # list columns come back as lists


def test_targets_file(tmp_path):
    targets = tmp_path / "t.json"
    targets.write_text(json.dumps({"Kremlin": ["Kremlin", "Peskov"], "Seoul": "South Korea"}), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet", "--targets", str(targets),
                     "--no-charts"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["options"]["targets"] == {"Kremlin": ["Kremlin", "Peskov"], "Seoul": ["South Korea"]}
    assert set(stream.read_table(out, "stance")["target"]) == {"Kremlin", "Seoul"}


@pytest.mark.parametrize("content", ["[1, 2]", "{not json", '{"A": [3]}'])
def test_bad_targets_file_is_a_clear_error(tmp_path, capsys, content):
    targets = tmp_path / "t.json"
    targets.write_text(content, encoding="utf-8")
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(tmp_path / "o"), "--targets", str(targets)]) == 2
    err = capsys.readouterr().err
    assert "newslab: error:" in err and "Traceback" not in err


def test_missing_path_exits_2_with_a_message_not_a_traceback(tmp_path, capsys):
    code = cli.main(["analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "no such file or folder" in err and str(tmp_path / "nope") in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_missing_path_from_the_console_script(tmp_path):
    exe = Path(sys.executable).with_name("newslab")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "newslab.cli"]
    res = subprocess.run([*cmd, "analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=600, check=False)
    assert res.returncode == 2 and "no such file" in res.stderr and "Traceback" not in res.stderr


def test_glob_paths_and_output_location_is_printed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(newslab.SEED, folder / "a.txt")
    (folder / "b.txt").write_text("Talks resumed on Monday, officials said.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(folder / "*.txt"), "--out", str(out), "--no-charts",
                     "--countries", "Russia"]) == 0
    printed = capsys.readouterr().out
    assert str(out.resolve()) in printed  # `make run` relies on this line
    assert len(stream.read_table(out, "articles")) == 2


def test_help_explains_everything(capsys):
    with pytest.raises(SystemExit) as top:
        cli.main(["--help"])
    assert top.value.code == 0 and "analyze" in capsys.readouterr().out
    with pytest.raises(SystemExit) as sub:
        cli.main(["analyze", "--help"])
    text = capsys.readouterr().out
    assert sub.value.code == 0
    for word in ("--out", "--format", "--targets", "--countries", "--jobs", "--quiet", "--notebooks",
                 "report.html", "manifest.json", "parquet", "csv", "exit status", "--resume", "--scheduler",
                 "--batch-size", "tables/NAME/part-NNNNN.parquet", "Dask"):
        assert word in text, word


@pytest.mark.parametrize("bad", [["--batch-size", "0"], ["--jobs", "0"]])
def test_bad_numbers_exit_2_before_anything_is_written(tmp_path, capsys, bad):
    out = tmp_path / "out"
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet", *bad]) == 2
    assert bad[0] in capsys.readouterr().err and not (out / "tables").exists()


def test_batches_and_progress_bar_give_the_same_tables(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(newslab.SEED.read_text(encoding="utf-8").replace("Peskov", f"Peskov{i}"),
                                          encoding="utf-8")
    whole = tmp_path / "whole"
    assert cli.main(["analyze", str(folder), "--out", str(whole), "--quiet", "--no-charts",
                     "--countries", "Russia"]) == 0
    monkeypatch.setattr(cli, "BATCH_SIZE", 2)
    batched = tmp_path / "batched"
    assert cli.main(["analyze", str(folder), "--out", str(batched), "--no-charts", "--countries", "Russia",
                     "--jobs", "2"]) == 0
    assert "article" in capsys.readouterr().err  # the tqdm bar (stderr)
    for name in TABLES:
        pd.testing.assert_frame_equal(stream.read_table(batched, name), stream.read_table(whole, name), obj=name)
    assert len(stream.table_parts(batched, "sentences")) == 3 and len(stream.table_parts(whole, "sentences")) == 1


def test_only_bad_inputs_exit_1_with_the_reasons_in_the_manifest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(folder), "--out", str(out), "--quiet", "--countries", "Russia"]) == 1
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(s["path"]).name for s in m["skipped"]] == ["empty.txt"] and m["skipped"][0]["reason"]


def test_notebooks_are_executed_listed_and_linked(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    cells = [nbformat.v4.new_code_cell("corpus = '../data'", metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("import pathlib\nprint('corpus exists:', pathlib.Path(corpus).exists())")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), nb_dir / "01_check.ipynb")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet", "--no-charts",
                     "--countries", "Russia", "--notebooks", "--notebook-dir", str(nb_dir)]) == 0
    page = (out / "notebooks" / "01_check.html").read_text(encoding="utf-8")
    assert "corpus exists: True" in page  # the notebook ran on the corpus given to the command
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["notebooks"] == ["notebooks/01_check.html"] and not m["notebook_error"]
    assert 'href="notebooks/01_check.html"' in (out / "report.html").read_text(encoding="utf-8")


def test_charts_drawn_by_several_processes_are_the_charts_of_one(tmp_path):
    import newslab
    from newslab import cli

    inputs = cli.chart_inputs(cli.analyze_tables(newslab.load_articles(newslab.SEED), {"Russia": ["Russia"]}))
    one, many = cli.draw_charts(inputs), cli.draw_charts(inputs, jobs=2)
    assert list(one[0]) == list(many[0]) == list(cli.CHARTS) and one == many
    broken = {**inputs, "scatter": "not a table"}  # one chart fails, in a worker: named, the rest drawn
    pngs, failed = cli.draw_charts(broken, jobs=2)
    assert list(failed) == ["lexicon_scatter"] and len(pngs) == len(cli.CHARTS) - 1


def test_charts_drawn_in_workers_when_the_cli_runs_under_a_profiler(tmp_path):
    # under `python -m cProfile -m newslab.cli` the module runs as __main__ in a namespace that is
    # not importable by that name: a chart task pickled as __main__._draw failed the whole run
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(tmp_path / "prof"), "-m", "newslab.cli",
                           "analyze", str(newslab.SEED), "--out", str(out), "--jobs", "2", "--quiet",
                           "--countries", "Russia"], capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.stem for p in (out / "charts").glob("*.png")) == sorted(cli.CHARTS)
