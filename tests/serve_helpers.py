"""Running ``govkg serve`` in tests: a real server process on a free port, stopped by its pid."""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

# no proxy, whatever the environment says: every request stays on this machine
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Reply:
    status: int
    headers: dict
    text: str

    def json(self):
        return json.loads(self.text)


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT (no trailing slash)
    proc: subprocess.Popen

    def get(self, path: str, headers: dict | None = None, method: str = "GET") -> Reply:
        req = urllib.request.Request(self.url + path, headers=headers or {}, method=method)
        try:
            with _OPENER.open(req, timeout=60) as r:
                return Reply(r.status, dict(r.headers), r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            return Reply(e.code, dict(e.headers), e.read().decode("utf-8"))

    def json(self, path: str):
        r = self.get(path)
        assert r.status == 200, (path, r.status, r.text[:500])
        assert r.headers["Content-Type"].startswith("application/json")
        return r.json()


@contextmanager
def running(db, *extra: str, cwd=None) -> Iterator[Server]:
    """``govkg serve --db DB --port 0`` as a process; yields once it prints its address; stops it
    with SIGTERM (then SIGKILL) by its pid, and checks it ended cleanly, without a traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "govkg.cli", "serve", "--db", str(db), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        try:
            first = lines.get(timeout=60)
        except queue.Empty:
            first = ""
        m = re.search(r"http://127\.0\.0\.1:\d+", first or "")
        if not m:
            proc.kill()
            out, err = proc.communicate(timeout=10)
            raise AssertionError(f"govkg serve did not start: {first!r} {err!r}")
        yield Server(m.group(0), proc)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        err = proc.stderr.read() if proc.stderr else ""
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert "Traceback" not in err, err
    assert proc.returncode == 0, (proc.returncode, err)
