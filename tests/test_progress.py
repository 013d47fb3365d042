"""The load's progress bar: on a terminal a real bar (share done, rate, time left) while the store is
read, the articles are read (also from one big file) and the store is written; nothing on a stderr
that is not a terminal beyond the lines a load always prints."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def big_file(path: Path, count: int) -> Path:
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(json.dumps({"id": f"p-{i}", "text": texts[i % 5] + f"\nBài số {i}."}, ensure_ascii=False) + "\n")
    return path


def run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run govkg with stderr on a pseudo-terminal; (exit status, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "govkg.cli", *args], stdout=subprocess.PIPE,
                            stderr=follower, stdin=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode("utf-8")
    proc.wait()
    os.close(leader)
    return proc.returncode, out, shown.decode("utf-8", errors="replace")


def test_a_terminal_sees_a_bar_for_every_phase_of_one_big_file(tmp_path):
    db = tmp_path / "db"
    first = big_file(tmp_path / "first.jsonl", 300)
    code, out, shown = run_on_a_terminal(["load", str(first), "--db", str(db)])
    assert code == 0, shown
    assert "300 articles read" in out
    frames = [f for f in re.split(r"[\r\n]", shown) if f.strip() and not f.startswith("\x1b[K")]
    reading = [f for f in frames if f.startswith("reading articles")]
    assert any(re.search(r"\d+% \|[█ ]+\|", f) for f in reading), frames  # a bar: the file's size is known
    assert any(re.search(r"\d[\d,]* articles  [\d,]+/s", f) for f in reading), frames  # a rate
    assert any("ETA " in f for f in reading), frames  # and the time left, before the end
    assert any(f.startswith("writing the store") and "rows" in f for f in frames), frames
    more = big_file(tmp_path / "more.jsonl", 20)
    code, out, shown = run_on_a_terminal(["load", str(more), "--db", str(db)])
    assert code == 0 and "reading the store" in shown, shown
    assert shown.rstrip("\r\n").endswith("\x1b[K") or "govkg" not in shown  # the bar is cleared at the end


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path):
    db = tmp_path / "db"
    r = subprocess.run([sys.executable, "-m", "govkg.cli", "load", str(big_file(tmp_path / "a.jsonl", 30)),
                        str(tmp_path / "missing.txt"), "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [f"govkg: skipped {tmp_path / 'missing.txt'}: no such file or folder"]


def test_quiet_shows_no_bar_on_a_terminal(tmp_path):
    code, out, shown = run_on_a_terminal(["load", str(big_file(tmp_path / "a.jsonl", 30)), "--db",
                                          str(tmp_path / "db"), "-q"])
    assert code == 0 and shown.strip() == "", shown
