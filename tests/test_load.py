"""`govkg load`: idempotent loads, replaced articles, bad input in a batch, and a load killed
half-way that leaves the store as it was. Real files, real store, real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from govkg.cli import main
from govkg.graph.store import EmbeddedStore


def _counts(folder) -> tuple[int, int]:
    store = EmbeddedStore(folder)
    kg = store.read_graph()
    store.close()
    return kg.g.number_of_nodes(), kg.g.number_of_edges()


def test_loading_the_same_articles_again_changes_nothing(tmp_path, articles_dir):
    db = tmp_path / "db"
    r1 = CliRunner().invoke(main, ["load", str(articles_dir), "--db", str(db)])
    assert r1.exit_code == 0, r1.output
    assert "5 articles read" in r1.output
    before = _counts(db)
    stamp = (db / "graph.lbug").stat().st_mtime_ns
    r2 = CliRunner().invoke(main, ["load", str(articles_dir), "--db", str(db)])
    assert r2.exit_code == 0
    assert "0 articles read" in r2.output and "5 skipped" in r2.output
    assert _counts(db) == before
    assert (db / "graph.lbug").stat().st_mtime_ns == stamp  # not even rewritten


def test_an_article_with_new_content_replaces_the_old(tmp_path, articles_dir):
    db = tmp_path / "db"
    src = tmp_path / "in"
    src.mkdir()
    text = (articles_dir / "002_3b765d64efecc320.txt").read_text("utf-8")
    (src / "a.txt").write_text(text, "utf-8")
    assert CliRunner().invoke(main, ["load", str(src), "--db", str(db)]).exit_code == 0
    (src / "a.txt").write_text(text.replace("Võ Phan Thành Minh", "Lê Văn Khác"), "utf-8")
    r = CliRunner().invoke(main, ["load", str(src), "--db", str(db)])
    assert "1 replaced" in r.output
    store = EmbeddedStore(db)
    names = {d["name"] for _, d in store.read_graph().nodes("Person")}
    assert "Lê Văn Khác" in names and "Võ Phan Thành Minh" not in names


def test_bad_files_are_named_skipped_and_the_rest_loads(tmp_path, articles_dir):
    src = tmp_path / "batch"
    src.mkdir()
    (src / "good.txt").write_bytes((articles_dir / "000_372fcefd87e77f7b.txt").read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (src / "records.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "Ông Nguyễn Văn Bình, Chủ tịch UBND tỉnh Yên Bái cho biết như vậy."},
                   ensure_ascii=False) + "\n{not json\n", "utf-8")
    db = tmp_path / "db"
    r = CliRunner().invoke(main, ["load", str(src), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert r.exit_code == 1
    err = r.stderr if hasattr(r, "stderr") else r.output
    for bad in ("empty.txt", "binary.txt", "records.jsonl:2", "missing.txt"):
        assert bad in err, (bad, err)
    assert "Traceback" not in r.output
    assert "2 articles read" in r.output
    store = EmbeddedStore(db)
    arts = {n for n, _ in store.read_graph().nodes("Article")}
    assert arts == {"good", "ok-1"}


def test_standard_input(tmp_path, articles_dir):
    db = tmp_path / "db"
    data = (articles_dir / "001_d7db6c298246974e.txt").read_bytes()
    r = CliRunner().invoke(main, ["load", "-", "--db", str(db)], input=data)
    assert r.exit_code == 0, r.output
    assert "1 articles read" in r.output


def test_a_load_killed_while_writing_leaves_the_store_as_it_was(tmp_path, articles_dir):
    db = tmp_path / "db"
    assert CliRunner().invoke(main, ["load", str(articles_dir), "--db", str(db)]).exit_code == 0
    before = _counts(db)
    # a batch big enough that writing it takes a moment: the sample articles under many ids
    batch = tmp_path / "batch.jsonl"
    texts = [p.read_text("utf-8") for p in sorted(articles_dir.glob("*.txt"))]
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(1500):
            fh.write(json.dumps({"id": f"copy-{i}", "text": texts[i % 5].replace("28-5", f"{i % 28 + 1}-5")},
                                ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "govkg.cli", "load", str(batch), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    killed_while_writing = False
    while time.time() < deadline and proc.poll() is None:
        if any(p.name.startswith("graph.lbug.new-") for p in db.iterdir()):
            os.kill(proc.pid, signal.SIGKILL)
            killed_while_writing = True
            break
        time.sleep(0.005)
    proc.wait()
    assert killed_while_writing, "the load finished before it could be killed while writing"
    assert _counts(db) == before  # the store reads back whole, as before the killed load
    r = CliRunner().invoke(main, ["load", str(articles_dir), "--db", str(db)])
    assert r.exit_code == 0 and "5 skipped" in r.output  # and the next load works
