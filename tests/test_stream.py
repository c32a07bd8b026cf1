"""Streaming `newslab analyze`: lazy batches equal one load, streamed tables equal in-memory ones,
an interrupted run resumes to the same tables, and the Dask path gives the local tables."""
from __future__ import annotations

import importlib
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab import cli, stream
from newslab.articles import load_articles

# Short news texts of our own, in the manner of several newsrooms (wire, regional, business, sport).
TEXTS = {
    "port-strike.txt": (
        "Dock workers in Rotterdam walked out on Monday, halting container traffic at Europe's busiest port.\n\n"
        "\"We have waited eleven months for an offer,\" union spokesperson Marieke de Vries told reporters. "
        "The port authority said talks would resume on Thursday.\n\n"
        "Germany and France warned that supply chains could be hit within days."),
    "council-vote.txt": (
        "The city council voted 7-2 to fund a new bus line, Mayor Alan Brooks said on Tuesday.\n\n"
        "\"This is the biggest transit investment in a generation,\" Brooks said. Councillor Ruth Okafor, "
        "who voted against, said the plan ignored rural districts.\n\n"
        "According to the transport office, the first buses will run in March."),
    "chip-earnings.txt": (
        "Shares of the chipmaker fell 4% after it cut its forecast, citing weak demand from China.\n\n"
        "\"Customers are working through inventory,\" chief executive Lena Park said on a call with analysts. "
        "She said Japan and South Korea remained strong markets.\n\n"
        "Analysts said the outlook was worse than expected."),
    "cup-final.txt": (
        "Brazil beat Argentina 2-1 in the final on Sunday, with a late header settling the match.\n\n"
        "\"We never stopped believing,\" coach Marta Silva said after the whistle. Argentina's captain said "
        "his team had been unlucky.\n\n"
        "Fans celebrated in Rio de Janeiro until dawn."),
}


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seed.txt").write_text(newslab.SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    recs = [{"id": f"wire-{i}", "headline": f"Wire {i}", "body": text, "publishedAt": f"2024-0{i + 1}-1{i}"}
            for i, text in enumerate(TEXTS.values())]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\nnot json\n", encoding="utf-8")
    return folder


def _same(a: pd.DataFrame, b: pd.DataFrame, name: str, dtypes: bool = True) -> None:
    # dtypes=False: a table read back from Parquet has str where the in-memory one may have object
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=name,
                                  check_exact=False, rtol=1e-9, check_dtype=dtypes)


def _joined(batches: list[pd.DataFrame], whole: pd.DataFrame) -> pd.DataFrame:
    # batches may differ in which optional columns they have; their union is one load's columns
    cat = pd.concat(batches, ignore_index=True)
    assert set(cat.columns) == set(whole.columns)
    return cat[list(whole.columns)]


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: stream.read_table(out, name) for name in cli.TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("in") / "corpus")


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts",
                     "--batch-size", "3"]) == 0
    return out


@pytest.mark.parametrize("size", [1, 3, 100])
def test_batches_equal_one_load(corpus, size):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = load_articles(str(corpus))
        batches = list(stream.iter_batches([str(corpus)], size))
    assert all(len(b) <= size for b in batches)
    _same(_joined(batches, whole), whole, "articles")
    skipped = [s for b in batches for s in b.attrs["skipped"]]
    assert skipped == whole.attrs["skipped"] and skipped[0]["line"] == 5  # the bad JSON line, by number


def test_large_jsonl_is_read_in_chunks_with_file_line_numbers(tmp_path, monkeypatch):
    lines = [json.dumps({"text": t, "section": "news"}) for t in TEXTS.values()] * 3
    lines.insert(7, "{broken")
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(stream, "JSONL_CHUNK_BYTES", 0)  # chunk it, though small
    read: list[int] = []
    real = stream._arts._parse_json
    monkeypatch.setattr(stream._arts, "_parse_json", lambda text, *a: read.append(text.count("\n")) or real(text, *a))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batches = list(stream.iter_batches([str(path)], 2))
        monkeypatch.setattr(stream._arts, "_parse_json", real)
        whole = load_articles(str(path))
    assert len(read) > 1 and max(read) < len(lines)  # never the whole file at once
    _same(_joined(batches, whole), whole, "articles")
    assert whole["article_id"].iloc[7] == "big:9"  # line numbers of the file, after the broken line
    assert [s["line"] for b in batches for s in b.attrs["skipped"]] == [8]


def test_large_csv_is_read_in_chunks_with_record_numbers(tmp_path, monkeypatch):
    rows = [{"headline": f"Story {i}", "story": text.replace("\n\n", "\r\n\r\n"), "desk": "=metro" if i else ""}
            for i, text in enumerate(list(TEXTS.values()) * 2)]
    path = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(path, index=False)  # quoted cells with line breaks, CRLF inside cells
    monkeypatch.setattr(stream, "JSONL_CHUNK_BYTES", 0)
    parsed: list[int] = []
    real = stream._arts._parse_csv
    monkeypatch.setattr(stream._arts, "_parse_csv", lambda text, *a: parsed.append(1) or real(text, *a))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batches = list(stream.iter_batches([str(path)], 3))
        monkeypatch.setattr(stream._arts, "_parse_csv", real)
        whole = load_articles(str(path))
    assert len(parsed) == 3 and [len(b) for b in batches] == [3, 3, 2]
    _same(_joined(batches, whole), whole, "articles")
    assert whole["article_id"].tolist()[-1] == "export:8" and "\r" not in whole["text"].iloc[0]


def test_duplicate_ids_across_batches_are_made_unique_as_one_load(tmp_path):
    recs = [{"id": "a", "text": t} for t in TEXTS.values()]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ids = [i for b in stream.iter_batches([str(tmp_path)], 1) for i in b["article_id"]]
        assert ids == load_articles(str(tmp_path))["article_id"].tolist() == ["a", "a~2", "a~3", "a~4"]


def test_streamed_tables_equal_the_in_memory_tables(corpus, clean_run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_articles(str(corpus))
    m = json.loads((clean_run / "manifest.json").read_text(encoding="utf-8"))
    assert m["batches"] == 3 and m["options"]["batch_size"] == 3  # 9 articles, 3 at a time
    expected = cli.analyze_tables(arts, m["options"]["targets"])
    got = _tables(clean_run)
    for name in cli.TABLES:
        _same(got[name], expected[name], name, dtypes=False)
        assert m["counts"][name] == len(expected[name]), name
    assert set(m["options"]["targets"]) == set(cli.default_targets(arts))  # counted in a first pass
    assert len(got["stance_matrix"]) and len(got["speakers"]) > 5


def test_csv_parts_read_back_equal(corpus, clean_run, tmp_path):
    out = tmp_path / "csv"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "4",
                     "--format", "csv"]) == 0
    assert [p.name for p in stream.table_parts(out, "quotes")] == ["part-00000.csv", "part-00001.csv",
                                                                   "part-00002.csv"]
    parquet = _tables(clean_run)
    for name in ("sentences", "quotes", "speakers"):
        back = stream.read_table(out, name)
        assert back["text" if "text" in back else "speaker_name"].tolist() == \
            parquet[name]["text" if "text" in back else "speaker_name"].tolist(), name


class _Stop(KeyboardInterrupt):
    pass


def _interrupt_after(monkeypatch, args: list[str], k: int) -> None:
    """Run ``newslab analyze`` with ``args``, stopped as by Ctrl-C when batch k + 1 starts (exit 130)."""
    real = stream.process_batch
    calls = []

    def dying(*a, **kw):
        calls.append(1)
        if len(calls) > k:
            raise _Stop()
        return real(*a, **kw)

    monkeypatch.setattr(stream, "process_batch", dying)
    try:
        assert cli.main(args) == 130
    finally:
        monkeypatch.setattr(stream, "process_batch", real)


@pytest.mark.parametrize("k", [1, 2])
def test_interrupted_run_resumes_to_the_same_tables(corpus, clean_run, tmp_path, monkeypatch, k):
    out = tmp_path / "out"
    args = ["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "3"]
    _interrupt_after(monkeypatch, args, k)
    progress = json.loads((out / "tables" / "_progress.json").read_text(encoding="utf-8"))
    assert progress["done"] == k and len(stream.table_parts(out, "sentences")) == k
    (out / "tables" / "quotes" / f"part-{k:05d}.parquet").write_bytes(b"half a file")  # died mid-write
    assert cli.main([*args, "--resume"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["options"]["resumed_after_batches"] == k
    clean = _tables(clean_run)
    for name, df in _tables(out).items():
        _same(df, clean[name], name)
    assert m["counts"] == json.loads((clean_run / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert [s["path"] for s in m["skipped"]] == [str(corpus / "wire.jsonl")]  # listed once, not per attempt


def test_resume_with_other_options_is_refused(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "3",
                     "--countries", "Brazil"]) == 0
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "4",
                     "--countries", "Brazil", "--resume"]) == 2
    assert "batch_size" in capsys.readouterr().err


def test_a_fresh_run_replaces_an_older_one(corpus, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "-q", "--no-charts", "--batch-size", "2",
                     "--countries", "Brazil"]) == 0
    assert cli.main(["analyze", str(corpus / "seed.txt"), "--out", str(out), "-q", "--no-charts",
                     "--countries", "Brazil"]) == 0
    assert len(stream.table_parts(out, "sentences")) == 1
    assert stream.read_table(out, "articles")["article_id"].tolist() == ["seed"]


def test_report_counts_whole_tables_and_charts_come_from_written_tables(tmp_path):
    folder = _corpus(tmp_path / "in")
    for name, text in TEXTS.items():  # a second edition of each story: over 50 sentences in all
        (folder / f"update-{name}").write_text(text.replace("on ", "late on "), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(folder), "--out", str(out), "--quiet", "--batch-size", "2"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["charts_failed"] == {} and len(list((out / "charts").glob("*.png"))) == 5
    page = (out / "report.html").read_text(encoding="utf-8")
    n = m["counts"]["sentences"]
    assert n > 50 and f"({n:,} rows)" in page and f"First 50 of {n:,} rows" in page


def test_chart_tallies_equal_the_whole_table_inputs(corpus, clean_run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_articles(str(corpus))
    m = json.loads((clean_run / "manifest.json").read_text(encoding="utf-8"))
    whole = cli.chart_inputs(cli.analyze_tables(arts, m["options"]["targets"]))
    got = stream.summarise(clean_run, m["options"]["targets"], m["counts"]).charts
    assert got["arc_id"] == whole["arc_id"]
    _same(got["arc_sentences"], whole["arc_sentences"][whole["arc_sentences"]["article_id"] == whole["arc_id"]],
          "arc")
    _same(got["scatter"], whole["scatter"][["polarity", "vader", "sentiment_label"]], "scatter")
    counts = got["speaker_counts"].fillna({"speaker_name": "(no speaker)"}).set_index("speaker_name")
    q = whole["speaker_counts"]
    for name in ("Marieke de Vries", "Dmitry Peskov"):
        assert counts.loc[name, "n_direct"] == ((q["speaker_name"] == name) & (q["type"] == "direct")).sum()
    assert got["timeline"]["speaker_name"].value_counts().iloc[0] == q["speaker_name"].value_counts().iloc[0]


def _threads_cluster(monkeypatch, made: list) -> None:
    distributed = pytest.importorskip("distributed")

    def small_cluster(scheduler, jobs):
        assert scheduler == "local"
        client = distributed.Client(distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                                             dashboard_address=None))
        made.append(client)
        return client

    monkeypatch.setattr(cli, "_dask_client", small_cluster)


def test_dask_local_cluster_gives_the_local_tables(corpus, clean_run, tmp_path, monkeypatch):
    made = []
    _threads_cluster(monkeypatch, made)
    out = tmp_path / "dask"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "3",
                     "--scheduler", "local"]) == 0
    assert made and made[0].status == "closed"
    clean = _tables(clean_run)
    for name, df in _tables(out).items():
        _same(df, clean[name], name)


def test_one_speaker_count_and_marked_articles_in_a_streamed_run(corpus, clean_run):
    # issue 12: the summary, the speakers table and the charts count the same identities
    m = json.loads((clean_run / "manifest.json").read_text(encoding="utf-8"))
    q, spk = stream.read_table(clean_run, "quotes"), stream.read_table(clean_run, "speakers")
    assert m["counts"]["speakers"] == len(spk) == q["speaker_id"].dropna().nunique()
    s = stream.summarise(clean_run, m["options"]["targets"], m["counts"])
    assert set(s.charts["speaker_counts"]["speaker_name"]) == set(q["speaker_id"].dropna())
    # the report's marked articles get their whole text and every quote, though the heads are short
    arts = s.views["articles"]
    assert len(arts) and arts["text"].str.len().min() > 100
    assert set(s.views["quotes"]["article_id"]) <= set(arts["article_id"])
    assert len(s.views["quotes"]) == q["article_id"].isin(arts["article_id"]).sum()
    page = (clean_run / "report.html").read_text(encoding="utf-8")
    assert "Articles with their quotes marked" in page


# One finance minister and two Vargas, spelled differently in different batches (issue 16).
PEOPLE = {
    "a1-budget.txt": ("Nigeria's budget will cut fuel subsidies next year, Finance Minister Adaeze Okonkwo said on "
                      "Monday.\n\n\"We cannot keep borrowing to pay for petrol,\" Okonkwo told lawmakers in Abuja."),
    "a2-rail.txt": ("The rail line to the coast will reopen in May, the transport agency said.\n\n\"Every week of "
                    "delay costs traders money,\" said Tomas Varga, who heads the freight association."),
    "a3-freight.txt": ("Freight rates rose for a third month.\n\n\"Nobody wants to ship by road any more,\" Varga "
                       "said, adding that diesel prices had doubled since spring."),
    "b1-reaction.txt": ("Unions criticised the budget on Tuesday.\n\nAdaeze N. Okonkwo, the finance minister, said "
                        "the savings would pay for rural clinics."),
    "b2-port.txt": ("Port traffic in Constanta fell by a tenth in the first quarter.\n\n\"The grain corridor is our "
                    "lifeline,\" said Ilona Varga, an economist at the port authority."),
    "b3-clinics.txt": ("The first of forty rural clinics opened in Kano state.\n\n\"This is what the subsidy money "
                       "buys,\" Okonkwo said at the opening."),
}


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("people") / "corpus"
    folder.mkdir()
    for name, text in PEOPLE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_speaker_ids_across_batches_equal_one_whole_corpus_call(people, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["analyze", str(people), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "3",
                     "--countries", "Nigeria"]) == 0
    assert len(stream.table_parts(out, "quotes")) == 2
    q, arts = stream.read_table(out, "quotes"), stream.read_table(out, "articles")
    whole = newslab.speaker_ids(q.drop(columns="speaker_id"), arts)
    assert q["speaker_id"].tolist() == whole["speaker_id"].tolist()
    got = dict(zip(zip(q["article_id"], q["speaker_name"]), q["speaker_id"]))
    # "Adaeze N. Okonkwo" (batch 2) is the minister of batch 1, and so is batch 2's bare "Okonkwo"
    assert got[("b1-reaction", "Adaeze N. Okonkwo")] == got[("b3-clinics", "Okonkwo")] == "Adaeze Okonkwo"
    # batch 1 alone has one Varga; the corpus has two, and article a3 names neither in full
    assert got[("a3-freight", "Varga")] == "Varga"
    assert got[("a2-rail", "Tomas Varga")] == "Tomas Varga" and got[("b2-port", "Ilona Varga")] == "Ilona Varga"
    spk = stream.read_table(out, "speakers")
    expected = newslab.speakers(whole, arts)
    assert sorted(spk["speaker_id"]) == sorted(expected["speaker_id"])
    assert dict(zip(spk["speaker_id"], spk["n_quotes"])) == dict(zip(expected["speaker_id"], expected["n_quotes"]))
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["speakers"] == len(expected)


def test_speaker_ids_across_batches_survive_a_resume(people, tmp_path, monkeypatch):
    args = ["analyze", str(people), "--quiet", "--no-charts", "--batch-size", "2", "--countries", "Nigeria"]
    assert cli.main([*args, "--out", str(tmp_path / "clean")]) == 0
    _interrupt_after(monkeypatch, [*args, "--out", str(tmp_path / "out")], 2)
    assert cli.main([*args, "--out", str(tmp_path / "out"), "--resume"]) == 0
    clean = _tables(tmp_path / "clean")
    for name, df in _tables(tmp_path / "out").items():
        _same(df, clean[name], name)
    assert clean["quotes"]["speaker_id"].value_counts()["Adaeze Okonkwo"] == 4


def test_cli_stance_matrix_is_the_attributions_matrix_with_issue_13_rows(tmp_path):
    # the CLI, the report and notebook 04 count one thing: every attribution ("North Korea criticized
    # the USA's condemnation ..." is an attitude, not a quotation of speech)
    out = tmp_path / "seed"
    assert cli.main(["analyze", str(newslab.SEED), "--out", str(out), "--quiet", "--no-charts"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["options"]["conventions"] == {"quotes": "quotes", "stance_matrix": "attributions"}
    got = stream.read_table(out, "stance_matrix")
    arts = newslab.load_articles(newslab.SEED)
    notebook = newslab.stance_matrix(newslab.quotes(arts, convention="attributions"), m["options"]["targets"])
    _same(got, notebook, "stance_matrix", dtypes=False)
    stance = got.set_index(["speaker_name", "target"])["stance"].to_dict()
    assert stance[("North Korea", "United States")] == "against"
    assert stance.get(("North Korea", "Russia"), "favor") == "favor"
    assert stance[("Choe Son Hui", "Russia")] == "favor"
    assert stance[("Choe Son Hui", "United States")] == "against"
    assert stance[("The US, Japan and South Korea", "North Korea")] == "against"
    assert stance[("Dmitry Peskov", "North Korea")] == "favor"
    assert "attributions" in (out / "report.html").read_text(encoding="utf-8")


def test_stance_matrix_summed_over_batches_equals_one_call(corpus, clean_run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_articles(str(corpus))
    targets = json.loads((clean_run / "manifest.json").read_text(encoding="utf-8"))["options"]["targets"]
    whole = newslab.stance_matrix(newslab.quotes(arts, convention="attributions"), targets)
    assert len(stream.table_parts(clean_run, stream.MENTIONS)) == 3 and len(whole)
    _same(stream.read_table(clean_run, "stance_matrix"), whole, "stance_matrix", dtypes=False)


def test_report_articles_picked_part_by_part_equal_one_pick():
    from newslab.report import LONG_ARTICLE, pick_articles

    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(12)],
                         "text": ["Short news story."] * 12})
    arts.loc[5, "text"] = "x" * (LONG_ARTICLE + 1)  # the most quoted, but a transcript: shown last
    quoted = ["a5"] * 9 + ["a7"] * 4 + ["a2"] * 4 + ["a11"] * 3 + ["a0"]
    quotes = pd.DataFrame({"article_id": quoted})
    for cut in ([12], [4, 4, 4], [1] * 12):
        picks, lo = stream._Picks(LONG_ARTICLE, n=3), 0
        for i, k in enumerate(cut):
            part = arts.iloc[lo:lo + k]
            picks.add(i, part, quotes[quotes["article_id"].isin(part["article_id"])])
            lo += k
        assert list(picks.chosen()) == pick_articles({"articles": arts, "quotes": quotes}, n=3) == ["a2", "a7", "a11"]
    seeded = arts.assign(article_id=arts["article_id"].replace({"a9": "2023-12-05_wions_north-korea-russia-ties"}))
    picks = stream._Picks(LONG_ARTICLE, n=3)
    for i in range(3):
        part = seeded.iloc[4 * i:4 * i + 4]
        picks.add(i, part, quotes[quotes["article_id"].isin(part["article_id"])])
    assert list(picks.chosen()) == pick_articles({"articles": seeded, "quotes": quotes}, n=3)
    assert next(iter(picks.chosen())).endswith("north-korea-russia-ties")


def _quotes_fail_on(monkeypatch, word: str) -> None:
    # a quotes bug that one kind of article triggers: the step leaves those articles out
    quotes_module = importlib.import_module("newslab.quotes")  # the module, not the function newslab.quotes
    real = quotes_module._rows_in

    def fragile(text, *sents):  # sents: the sentences table's spans, when the pipeline hands them over
        if word in text:
            raise ValueError(f"cannot read the {word} story")
        return real(text, *sents)

    monkeypatch.setattr(quotes_module, "_rows_in", fragile)


def test_articles_a_step_failed_on_are_in_the_manifest_and_the_summary(corpus, tmp_path, monkeypatch, capsys):
    _quotes_fail_on(monkeypatch, "Rotterdam")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--no-charts", "--batch-size", "3",
                     "--countries", "Brazil"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    failed = [(f["step"], f["table"], f["article_id"], f["error"]) for f in m["failed"]]
    assert sorted(failed) == [("quotes", "quotes", aid, "ValueError: cannot read the Rotterdam story")
                              for aid in ("port-strike", "wire-0")]
    assert {f["batch"] for f in m["failed"]} <= set(range(m["batches"]))
    assert not any("raised an error" in w for w in m["warnings"])  # listed once, as data, not as a warning
    quoted = set(stream.read_table(out, "quotes")["article_id"])
    assert "port-strike" not in quoted and "wire-0" not in quoted and "cup-final" in quoted
    assert "port-strike" in set(stream.read_table(out, "sentences")["article_id"])  # other steps went on
    said = capsys.readouterr()
    assert "quotes failed on article port-strike (left out of quotes): ValueError" in said.err
    assert 'a step failed on 2 articles' in said.out and 'under "failed"' in said.out  # the closing summary
    assert "port-strike" in (out / "report.html").read_text(encoding="utf-8")


def test_a_resumed_run_keeps_the_articles_a_step_failed_on(corpus, tmp_path, monkeypatch):
    _quotes_fail_on(monkeypatch, "Rotterdam")
    out = tmp_path / "out"
    args = ["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "3",
            "--countries", "Brazil"]
    assert cli.main(args) == 0
    whole = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["failed"]
    _interrupt_after(monkeypatch, args, 2)
    assert cli.main([*args, "--resume"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["options"]["resumed_after_batches"] == 2 and len(whole) == 2 and m["failed"] == whole


def test_documentation_beside_the_corpus_is_not_a_skipped_input(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("council-vote.txt", "cup-final.txt"):
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    (folder / "ATTRIBUTION.md").write_text("# Credits\nStories from the Riverside Courier, CC BY 4.0.\n",
                                            encoding="utf-8")
    (folder / "README").write_text("Two stories for a test run.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(folder), "--out", str(out), "--no-charts", "--countries", "Brazil"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["skipped"] == [] and m["counts"]["articles"] == 2
    assert sorted(Path(s["path"]).name for s in m["ignored"]) == ["ATTRIBUTION.md", "README"]
    err = capsys.readouterr().err
    assert err.count("documentation file") == 1 and "skipped" not in err


def test_on_dask_the_articles_a_step_failed_on_are_in_the_manifest_too(corpus, tmp_path, monkeypatch):
    made = []
    _threads_cluster(monkeypatch, made)  # worker threads in this process: they see the patched step
    _quotes_fail_on(monkeypatch, "Rotterdam")
    out = tmp_path / "dask"
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "5",
                     "--countries", "Brazil", "--scheduler", "local"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted((f["step"], f["table"], f["article_id"]) for f in m["failed"]) == [
        ("quotes", "quotes", "port-strike"), ("quotes", "quotes", "wire-0")]
    assert not {"port-strike", "wire-0"} & set(stream.read_table(out, "quotes")["article_id"])


# ------------------------------------------------------------------------- batch-parallel (--jobs N)
@pytest.mark.parametrize("jobs,size", [(2, "3"), (3, "4"), (2, "100")])
def test_batch_parallel_run_gives_the_tables_of_one_process(corpus, tmp_path, jobs, size):
    # whole batches in workers, and the last one cut into pieces (size 100: one batch, all pieces)
    one, many = tmp_path / "one", tmp_path / "many"
    args = ["analyze", str(corpus), "--quiet", "--no-charts", "--batch-size", size]
    assert cli.main([*args, "--out", str(one)]) == 0
    assert cli.main([*args, "--out", str(many), "--jobs", str(jobs)]) == 0
    a, b = _tables(one), _tables(many)
    for name in cli.TABLES:
        _same(b[name], a[name], name)
    m1, m2 = (json.loads((o / "manifest.json").read_text(encoding="utf-8")) for o in (one, many))
    for key in ("counts", "batches", "skipped", "failed"):
        assert m1[key] == m2[key], key
    assert m2["options"]["jobs"] == jobs
    assert m1["options"]["targets"] == m2["options"]["targets"]  # counted in the workers too
    assert len(m2["options"]["targets"]) == cli.DEFAULT_TOP_COUNTRIES


def test_countries_counted_in_workers_equal_one_process(corpus):
    for size in (1, 3):
        assert stream.countries_pass([str(corpus)], size, 0, 4, jobs=2) == stream.countries_pass([str(corpus)], size, 0, 4)


def test_batch_parallel_run_lists_the_articles_a_step_failed_on_as_one_process(corpus, tmp_path, monkeypatch):
    # forked workers inherit the patched step; the failed rows of a batch cut in pieces are the batch's rows
    _quotes_fail_on(monkeypatch, "Rotterdam")
    got = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--no-charts", "--batch-size", "5",
                         "--countries", "Brazil", "--jobs", jobs]) == 0
        got[jobs] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["failed"]
    assert got["1"] == got["2"] and len(got["2"]) == 2


_DIES = """
import os, signal, sys
from newslab import cli, stream
import multiprocessing as mp
real = stream.process_batch
def dying(batch, *a, **kw):
    if mp.parent_process() is not None and batch["article_id"].astype(str).str.contains("{victim}").any():
        os.kill(os.getpid(), signal.SIGKILL)  # the out-of-memory killer, or kill -9, mid-batch
    return real(batch, *a, **kw)
stream.process_batch = dying
sys.exit(cli.main(["analyze", {corpus!r}, "--out", {out!r}, "--no-charts", "--batch-size", "3", "--jobs", "2",
                   "--countries", "Brazil"]))
"""


@pytest.mark.parametrize("victim", ["council-vote", "wire-1"])  # a whole batch; a piece of the last one
def test_a_worker_that_dies_mid_run_ends_it_with_a_message_and_resume_completes_it(corpus, tmp_path, victim):
    import subprocess
    import sys

    out = tmp_path / "out"
    script = tmp_path / "dies.py"
    script.write_text(_DIES.format(victim=victim, corpus=str(corpus), out=str(out)), encoding="utf-8")
    # the failure mode is a hang: a generous process timeout (a busy machine), not a timing assertion
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "worker process died" in run.stderr and "signal 9" in run.stderr and "--resume" in run.stderr
    done = json.loads((out / "tables" / "_progress.json").read_text(encoding="utf-8"))["done"]
    assert done < 3  # the batch of the dead worker was not counted as done
    clean = tmp_path / "clean"
    args = ["analyze", str(corpus), "--quiet", "--no-charts", "--batch-size", "3", "--countries", "Brazil"]
    assert cli.main([*args, "--out", str(out), "--resume", "--jobs", "2"]) == 0
    assert cli.main([*args, "--out", str(clean)]) == 0
    a, b = _tables(clean), _tables(out)
    for name in cli.TABLES:
        _same(b[name], a[name], name)
