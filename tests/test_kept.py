"""``govkg keep-open``: lookups answered by a process keeping the store open give what the command
gives on its own (output, errors and exit status byte for byte), follow a load that replaces the
store, and fall back to running on their own whenever nothing answers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ARTICLES

GOVKG = str(Path(sys.executable).with_name("govkg"))
OWN = {**os.environ, "GOVKG_KEPT": "0"}

# what users type on the sample store, and what goes wrong: not found (1), a bad date (2), ambiguous (3)
LOOKUPS = [
    ["who-leads", "UBND TP Cần Thơ"],
    ["who-leads", "UBND TP Cần Thơ", "--on", "2024-05"],
    ["who-leads", "HĐND TP Hà Nội", "--format", "json"],
    ["history", "Thành ủy Cần Thơ"],
    ["roles", "nguyen ngoc tuan"],
    ["roles", "--all", "--format", "csv"],
    ["search", "dong thap"],
    ["chain", "59-NQ/TW"],
    ["chain", "59-NQ/TW", "--on", "2024-05-28", "--format", "json"],
    ["path", "Nguyễn Ngọc Tuấn", "HĐND TP Hà Nội"],
    ["stats"],
    ["who-leads", "Bộ Không Có"],
    ["who-leads", "UBND TP Cần Thơ", "--on", "2024-13-01"],
    ["roles", "nguyen"],
    ["who-leads", "--help"],
    ["who-leads"],
]


def govkg(*args, db, env=None):
    return subprocess.run([GOVKG, *args, "--db", str(db)], capture_output=True, env=env or os.environ, timeout=60)


class Keeper:
    def __init__(self, db: Path, *extra: str) -> None:
        self.db = db
        self.proc = subprocess.Popen([GOVKG, "keep-open", "--db", str(db), "--log", *extra], env=OWN,
                                     stderr=subprocess.PIPE, text=True)
        self.ready = self.proc.stderr.readline()
        assert "answering lookups on" in self.ready, self.ready + self.proc.stderr.read()

    def answered(self, n: int) -> list[str]:
        """The next ``n`` lines of its log: one per lookup it answered."""
        return [self.proc.stderr.readline().strip() for _ in range(n)]

    def stop(self, sig=signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(20)
        self.proc.stderr.close()
        return code


@pytest.fixture
def store(tmp_path, seed_store) -> Path:
    db = tmp_path / "store"
    shutil.copytree(seed_store, db)
    return db


@pytest.fixture
def keeper(store):
    k = Keeper(store)
    yield k
    k.stop()


def test_lookups_answered_as_on_their_own(store, keeper):
    for argv in LOOKUPS:
        kept, own = govkg(*argv, db=store), govkg(*argv, db=store, env=OWN)
        assert (kept.returncode, kept.stdout, kept.stderr) == (own.returncode, own.stdout, own.stderr), argv
    assert {own.returncode for own in (govkg(*a, db=store, env=OWN) for a in LOOKUPS[-5:])} == {1, 2, 3, 0}
    answered = keeper.answered(len(LOOKUPS))  # every one of them was answered by the kept store
    assert [line.split("  (")[0] for line in answered] == [" ".join([*a, "--db", str(store)]) for a in LOOKUPS]


def test_the_socket_is_the_users_only_and_goes_with_the_process(store):
    k = Keeper(store)
    sock = store / ".lookups.sock"
    assert stat.S_ISSOCK(sock.stat().st_mode) and stat.S_IMODE(sock.stat().st_mode) == 0o600
    assert k.stop() == 0
    assert not sock.exists()


def test_a_load_that_replaces_the_store_is_seen_by_the_next_lookup(tmp_path, keeper):
    before = govkg("stats", db=keeper.db).stdout
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "a.txt").write_text((ARTICLES / "000_372fcefd87e77f7b.txt").read_text("utf-8").replace(
        "Trần Việt Trường", "Trần Văn Lâm"), "utf-8")
    assert govkg("load", str(extra), db=keeper.db, env=OWN).returncode == 0
    kept, own = govkg("stats", db=keeper.db), govkg("stats", db=keeper.db, env=OWN)
    assert kept.stdout == own.stdout != before
    assert b"Tr\xe1\xba\xa7n V\xc4\x83n L\xc3\xa2m" in govkg("who-leads", "UBND TP Cần Thơ", db=keeper.db).stdout
    assert len(keeper.answered(3)) == 3


def test_a_killed_keeper_leaves_lookups_working_and_can_be_started_again(store):
    expected = govkg("who-leads", "UBND TP Cần Thơ", db=store, env=OWN)
    k = Keeper(store)
    k.proc.kill()
    k.proc.wait(10)
    assert (store / ".lookups.sock").exists()  # left behind: nobody listens
    got = govkg("who-leads", "UBND TP Cần Thơ", db=store)
    assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    again = Keeper(store)  # the stale socket is replaced
    try:
        assert govkg("who-leads", "UBND TP Cần Thơ", db=store).stdout == expected.stdout
        assert len(again.answered(1)) == 1
    finally:
        again.stop()


def test_one_keeper_a_store(store, keeper):
    r = govkg("keep-open", db=store, env=OWN)
    assert r.returncode == 1
    assert r.stderr.decode().strip().splitlines() == [f"govkg: another process already keeps {store} open"]
    assert govkg("stats", db=store).returncode == 0  # the first one still answers


def test_idle_keeper_stops_by_itself(store):
    k = Keeper(store, "--idle", "1")
    assert k.proc.wait(20) == 0
    assert not (store / ".lookups.sock").exists()


def test_no_store_is_one_line(tmp_path):
    r = govkg("keep-open", db=tmp_path / "none", env=OWN)
    assert r.returncode == 1
    assert r.stderr.decode().startswith("govkg: no govkg store at ") and len(r.stderr.decode().splitlines()) == 1


def test_another_vocabulary_is_not_answered_by_the_kept_one(store, keeper, tmp_path):
    """GOVKG_DATA names another vocabulary folder: the lookup runs on its own, with that vocabulary."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    env = {**os.environ, "GOVKG_DATA": str(data)}
    got = govkg("who-leads", "UBND TP Cần Thơ", db=store, env=env)
    assert got.returncode == 0 and "Trần Việt Trường" in got.stdout.decode()
    govkg("stats", db=store)
    assert keeper.answered(1)[0].startswith("stats ")  # the who-leads above was not its


def test_requests_it_cannot_read_are_refused_and_the_next_is_answered(store, keeper):
    import socket

    def send(request: bytes) -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(store / ".lookups.sock"))
            s.sendall(request)
            s.shutdown(socket.SHUT_WR)
            return s.makefile("rb").read()

    for junk in (b"not json\n", b'{"argv": ["who-leads", "x"], "env": 5, "cwd": "/"}\n',
                 b'{"argv": [1], "env": {}, "cwd": "/"}\n', b'{"argv": ["load", "x"], "env": {}, "cwd": "/"}\n',
                 b"[1, 2]\n", b"\xff\xfe\n", b""):
        assert send(junk) == b'{"declined": true}\n' or send(junk) == b"", junk
    # a terminal flag it cannot read is taken as no terminal
    env = {k: v for k, v in os.environ.items() if k.startswith("GOVKG_") and k != "GOVKG_KEPT"}
    odd = {"argv": ["stats", "--db", str(store)], "env": env, "cwd": str(store), "tty": True}
    assert send(json.dumps(odd).encode() + b"\n").startswith(b'{"code": 0')
    assert keeper.answered(1)[0].startswith("stats ")
    got, own = govkg("stats", db=store), govkg("stats", db=store, env=OWN)
    assert got.stdout == own.stdout and keeper.proc.poll() is None
    assert keeper.answered(1)[0].startswith("stats ")
