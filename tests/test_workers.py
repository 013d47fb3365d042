"""Loads that recognise articles in worker processes: the same store, the same report in the same
order, whatever the number of processes; a worker that dies loses nothing; a load stopped or killed
leaves no process behind. Real articles, real store, real processes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SHARED
from test_crash import dump, write_batch

from govkg.loaders.article import LoadError
from govkg.pipeline import Load


def _batch(path: Path, start: int, count: int) -> Path:
    """Generated articles, the dev articles when ../shared is here, and what a load must decide
    about in order: an article again, its content under another id, its id with other content, a
    line that is no record."""
    write_batch(path, start, count)
    lines = path.read_text("utf-8").splitlines()
    dev = SHARED / "gold" / "dev2-articles.jsonl"
    if dev.exists():
        lines[10:10] = dev.read_text("utf-8").splitlines()[:60]
    first = json.loads(lines[0])
    lines.insert(25, lines[0])
    lines.insert(40, json.dumps({**first, "id": "twin"}, ensure_ascii=False))
    lines.insert(55, json.dumps({**first, "text": first["text"] + " Thêm."}, ensure_ascii=False))
    lines.insert(60, "{not json")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _load(src: Path, db: Path, workers: int, **kw) -> tuple[str, list[str]]:
    said: list[str] = []
    job = Load([str(src)], str(db), workers=workers, parallel_after=0,
               on_item=lambda x: said.append(str(x) if isinstance(x, LoadError) else x.id), **kw)
    summary = job.run()
    return summary.line(), said, summary


def test_workers_make_the_same_store_and_report_in_the_same_order(tmp_path):
    first, more = _batch(tmp_path / "a.jsonl", 0, 70), _batch(tmp_path / "b.jsonl", 60, 40)
    one, two = tmp_path / "one", tmp_path / "two"
    line1, said1, _ = _load(first, one, 1)
    line2, said2, summary = _load(first, two, 2)
    assert (line2, said2) == (line1, said1)
    assert "1 failed" not in line1 and "2 failed" in line1 and "1 with the same content" in line1
    assert not summary.notes or "worker" not in " ".join(summary.notes)
    assert dump(two) == dump(one)
    # into a store that exists: new articles, stored ones, and a stored one with other content
    line1, said1, _ = _load(more, one, 1)
    line2, said2, _ = _load(more, two, 2)
    assert (line2, said2) == (line1, said1) and "replaced" in line1
    assert dump(two) == dump(one)


def _workers() -> list:
    return [p for p in multiprocessing.active_children() if p.name.startswith(("ForkProcess", "SpawnProcess"))]


def test_workers_hold_none_of_the_stores_files(tmp_path):
    """The load holds the store's write lock and database open while its workers run: a worker
    holding a copy of them would keep the store locked after a load killed with SIGKILL."""
    src = _batch(tmp_path / "a.jsonl", 0, 80)
    db = tmp_path / "db"
    Load([str(write_batch(tmp_path / "first.jsonl", 500, 5))], str(db), workers=1).run()
    held: dict[int, list[str]] = {}

    def look(item) -> None:
        for p in _workers():
            links = []
            for fd in Path(f"/proc/{p.pid}/fd").iterdir():
                try:
                    links.append(os.readlink(fd))
                except OSError:
                    pass
            held[p.pid] = [x for x in links if x.startswith(str(db.resolve()))]

    Load([str(src)], str(db), workers=2, parallel_after=0, on_item=look).run()
    assert held and not any(held.values()), held


def test_a_worker_that_dies_loses_nothing(tmp_path):
    src = _batch(tmp_path / "a.jsonl", 0, 120)
    _load(src, tmp_path / "one", 1)
    killed = []

    def kill_a_worker(item) -> None:
        workers = _workers()
        if not killed and len(seen) == 20 and workers:
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.append(workers[0].pid)
        seen.append(item)

    seen: list = []
    summary = Load([str(src)], str(tmp_path / "two"), workers=2, parallel_after=0, on_item=kill_a_worker).run()
    assert killed
    assert any("worker processes stopped" in n for n in summary.notes), summary.notes
    assert dump(tmp_path / "two") == dump(tmp_path / "one")


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, and theirs."""
    out, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for p in Path("/proc").iterdir():
            if p.name.isdigit():
                try:
                    if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                        out.add(int(p.name))
                        todo.append(int(p.name))
                except (OSError, IndexError, ValueError):
                    pass
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _killed_while_recognising(tmp_path: Path, sig: signal.Signals) -> tuple[subprocess.CompletedProcess, set[int]]:
    db = tmp_path / "db"
    assert not Load([str(write_batch(tmp_path / "first.jsonl", 0, 10))], str(db), workers=1).run().failed
    before = dump(db)
    batch = write_batch(tmp_path / "big.jsonl", 1000, 1500)
    proc = subprocess.Popen([sys.executable, "-m", "govkg.cli", "load", str(batch), "--db", str(db), "-q",
                             "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) >= 2 and proc.poll() is None, "the load did not start its workers"
    time.sleep(0.5)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers), "worker processes outlived the load"
    assert dump(db) == before  # stopped before it wrote: the store is as it was
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), workers


def test_a_load_killed_while_its_workers_run_leaves_no_process_and_the_store_as_it_was(tmp_path):
    done, _ = _killed_while_recognising(tmp_path, signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL


def test_a_load_stopped_while_its_workers_run_says_so_in_one_line(tmp_path):
    done, _ = _killed_while_recognising(tmp_path, signal.SIGTERM)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "SIGTERM" in lines[0] and "as it was" in lines[0], done.stderr
