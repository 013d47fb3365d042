"""Loads killed at random points (SIGKILL and SIGTERM) while they read and write.

After every kill the store must open and hold exactly the facts of the last load that completed
(the killed one, if the signal came after it committed; else the one before). After the next
completed load, the store folder holds nothing but what a store that was never interrupted holds.
This tests what a user sees, not how the store writes, so it keeps guarding any write mechanism.

The kill points are spread over the whole length of a load (measured on a load of the same size
first), each at a random place in its slice; the seed is printed on failure and can be fixed with
GOVKG_CRASH_SEED.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from govkg.graph.store import EmbeddedStore
from govkg.pipeline import load_paths

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quang", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Khánh", "Long", "Nam", "Phúc", "Sơn", "Tâm", "Vinh"]
KILLS = 6  # half SIGKILL, half SIGTERM


def _texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def write_batch(path: Path, start: int, count: int) -> Path:
    """``count`` articles no other batch holds: the samples about other people, on other days."""
    texts = _texts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + count):
            name = f"{FAMILY[i % 8]} {MIDDLE[(i // 8) % 8]} {GIVEN[(i // 64) % 12]}"
            text = texts[i % 5].replace("Võ Phan Thành Minh", name).replace("Trần Việt Trường", name)
            text = text.replace("28-5", f"{i % 28 + 1}-{i % 12 + 1}")
            fh.write(json.dumps({"id": f"a-{i}", "text": text + f"\nBài số {i}."}, ensure_ascii=False) + "\n")
    return path


def dump(folder: Path) -> dict:
    store = EmbeddedStore(folder)
    kg = store.read_graph()  # the store opens and reads back whole
    store.close()
    return {"nodes": {n: sorted((k, repr(v)) for k, v in d.items()) for n, d in kg.g.nodes(data=True)},
            "facts": {(u, v, k): sorted((x, repr(y)) for x, y in d.items())
                      for u, v, k, d in kg.g.edges(keys=True, data=True)}}


def start_load(batch: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "govkg.cli", "load", str(batch), "--db", str(db), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_loads_killed_at_random_points_leave_the_last_completed_load(tmp_path):
    seed = int(os.environ.get("GOVKG_CRASH_SEED") or time.time_ns() % 1_000_000)
    rng = random.Random(seed)
    why = f"(GOVKG_CRASH_SEED={seed})"
    db = tmp_path / "db"
    assert not load_paths([str(write_batch(tmp_path / "first.jsonl", 0, 150))], str(db)).failed
    # a load that completes: its length is what the kill points are spread over
    batch = write_batch(tmp_path / "b0.jsonl", 1000, 30)
    started = time.monotonic()
    proc = start_load(batch, db)
    out, err = proc.communicate(timeout=300)
    length = time.monotonic() - started
    assert proc.returncode == 0, err
    last = dump(db)
    outcomes = []
    for i in range(KILLS):
        sig = signal.SIGKILL if i % 2 == 0 else signal.SIGTERM
        batch = write_batch(tmp_path / f"b{i + 1}.jsonl", 2000 + 100 * i, 30)
        before = tmp_path / f"before-{i}"
        shutil.copytree(db, before)  # for the load this one would have been, had it completed
        at = length * (i + rng.random()) / KILLS * 1.1
        proc = start_load(batch, db)
        time.sleep(at)
        finished_first = proc.poll() is not None
        if not finished_first:
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=300)
        now = dump(db)
        if now == last:
            outcome = "unchanged"
        else:
            assert not load_paths([str(batch)], str(before)).failed
            ref = dump(before)
            assert now == ref, f"the store holds neither the last completed load nor this one {why}"
            outcome = "completed"
            last = now
        shutil.rmtree(before)
        lines = err.strip().splitlines()
        if finished_first or proc.returncode == 0:
            assert proc.returncode == 0 and outcome == "completed", (proc.returncode, err, why)
        elif sig == signal.SIGTERM and proc.returncode == 128 + signal.SIGTERM:
            assert len(lines) == 1 and "SIGTERM" in lines[0] and "Traceback" not in err, (err, why)
            said = "completed" if "after the store was written" in lines[0] else "unchanged"
            assert said == outcome, (lines[0], outcome, why)  # what it says is what happened
        else:  # SIGKILL, or SIGTERM before the command had started (Python's own default: exit)
            assert proc.returncode == -sig, (proc.returncode, err, why)
        outcomes.append((sig.name, round(at, 2), outcome, proc.returncode))
    # the next completed load leaves nothing a never-interrupted store would not hold
    batch = write_batch(tmp_path / "final.jsonl", 9000, 5)
    assert not load_paths([str(batch)], str(db)).failed
    clean = tmp_path / "clean"
    assert not load_paths([str(batch)], str(clean)).failed
    assert sorted(p.name for p in db.iterdir()) == sorted(p.name for p in clean.iterdir()), (outcomes, why)
    assert any(o[2] == "unchanged" and o[3] != 0 for o in outcomes), (outcomes, why)  # some kills landed


def test_a_writer_killed_with_its_wal_pending_loses_nothing_and_leaves_nothing(tmp_path):
    """A `cypher --write` killed before it closed leaves the database's write-ahead log beside it;
    the next load keeps what it wrote, and no log of the old file is left beside the new one."""
    db = tmp_path / "db"
    assert not load_paths([str(write_batch(tmp_path / "first.jsonl", 0, 20))], str(db)).failed
    people = sum(1 for _ in EmbeddedStore(db).read_graph().nodes("Person"))
    code = ("import ladybug, os, sys; d = ladybug.Database(sys.argv[1]); c = ladybug.Connection(d); "
            "c.execute(\"MATCH (p:Person) SET p.name = p.name + ' (sửa)'\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(db / "graph.lbug")], check=True)
    assert len(list(db.iterdir())) > 2  # the killed writer's log is there
    assert not load_paths([str(write_batch(tmp_path / "more.jsonl", 500, 3))], str(db)).failed
    names = [n for n, d in EmbeddedStore(db).read_graph().nodes("Person") if d["name"].endswith(" (sửa)")]
    assert len(names) == people  # what the killed writer committed is kept
    clean = tmp_path / "clean"
    assert not load_paths([str(tmp_path / "more.jsonl")], str(clean)).failed
    assert sorted(p.name for p in db.iterdir()) == sorted(p.name for p in clean.iterdir())
