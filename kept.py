"""Lookups answered by a process that keeps the store open: ``govkg keep-open``.

A lookup run on its own spends most of its time starting: the interpreter, Click and the command's
modules, the engine, opening the store and the engine's first reading of each table (~190 ms on
the 39k-article store, of which the lookup itself is 7-15 ms). ``govkg keep-open`` pays that once:
it opens the store read-only, reads what lookups ask most, and answers the lookups of this
machine's user on a Unix socket in the store folder (``.lookups.sock``, mode 0600, only for the
same user). The ``govkg`` command (:func:`main`) first offers a lookup (:data:`COMMANDS`) to that
socket; the process runs it with the same command line, in the caller's folder, and sends back its
output and exit status byte for byte. Whenever nothing answers (no process, a stale socket, a
different vocabulary, a process stopped half-way) the command runs as it always did, in its own
process: lookups only read, so running one again is harmless.

A ``govkg load`` swaps a new database file in; the next lookup sees the file's identity change and
reopens it (what is kept from the old file is dropped with it), exactly as ``govkg serve`` does.

This module imports nothing but the standard library until it serves, so that asking costs a few
milliseconds more than the interpreter.
"""

from __future__ import annotations

import json
import os
import socket
import sys

SOCKET_NAME = ".lookups.sock"
# the read-only commands a kept store answers (none reads stdin or writes a file)
COMMANDS = frozenset({"who-leads", "history", "roles", "search", "chain", "path", "stats"})
OFF_ENV = "GOVKG_KEPT"  # GOVKG_KEPT=0: never ask, run every command in its own process
MAX_REQUEST = 1 << 20
# run once when the store is opened, so that the first real lookup finds the tables read
WARM_UP = (["search", "Hà Nội"], ["who-leads", "UBND TP Hà Nội"], ["roles", "Nguyễn Văn"],
           ["chain", "UBND TP Hà Nội"])
_DEFAULT_DB = "govkg-data"  # graph.store.DEFAULT_DB (not imported: with the schema it costs ~30 ms)


class KeptError(Exception):
    """The store cannot be kept open (another process keeps it, the folder is not writable)."""


# -- the asking side ---------------------------------------------------------------------------------

def store_folder(argv: list[str]) -> str | None:
    """The store folder a command line names (``--db``, else $GOVKG_DB, else ./govkg-data), or None
    when it asks a Neo4j server.

    >>> store_folder(["who-leads", "UBND TP Cần Thơ", "--db", "/data/kg"])
    '/data/kg'
    >>> store_folder(["roles", "--db=kg", "x"]) == os.path.abspath("kg")
    True
    >>> store_folder(["chain", "59-NQ/TW", "--neo4j", "bolt://localhost:7687"]) is None
    True
    """
    folder = None
    for i, a in enumerate(argv):
        if a == "--":
            break
        if a == "--neo4j" or a.startswith("--neo4j="):
            return None
        if a == "--db" and i + 1 < len(argv):
            folder = argv[i + 1]
        elif a.startswith("--db="):
            folder = a[5:]
    return os.path.abspath(folder or os.environ.get("GOVKG_DB") or _DEFAULT_DB)


def socket_path(folder: str | os.PathLike) -> str:
    """Where the process keeping ``folder`` open listens."""
    return os.path.join(os.path.abspath(folder), SOCKET_NAME)


def _settings(env) -> dict[str, str]:
    """govkg's settings in ``env`` that a kept store must share with the caller (another
    vocabulary folder gives other answers): all but the default store and :data:`OFF_ENV`."""
    return {k: v for k, v in env.items() if k.startswith("GOVKG_") and k not in (OFF_ENV, "GOVKG_DB")}


def _set_env(values: dict) -> dict:
    """Set (or, for None, remove) these environment variables; return what they were."""
    previous = {k: os.environ.get(k) for k in values}
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = str(v)
    return previous


def _env() -> dict[str, str]:
    """What of the environment changes a lookup's answer: govkg's own settings (the vocabulary's
    folder, the default store) and the width the output is laid out for."""
    env = _settings(os.environ)
    if "GOVKG_DB" in os.environ:
        env["GOVKG_DB"] = os.environ["GOVKG_DB"]
    try:
        columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (ValueError, OSError, AttributeError):
        columns = 80  # shutil.get_terminal_size's fallback, what Click uses
    env["COLUMNS"] = str(columns)
    return env


def ask(argv: list[str]) -> int | None:
    """Have the process keeping the store open run ``govkg ARGV``; write its output here and return
    its exit status, or None when none answers (then run the command here)."""
    if os.environ.get(OFF_ENV) == "0" or not argv or argv[0] not in COMMANDS:
        return None
    folder = store_folder(argv)
    if folder is None:
        return None
    path = socket_path(folder)
    if len(path.encode()) > 100 or not os.path.exists(path):
        return None
    request = {"argv": argv, "cwd": os.getcwd(), "env": _env(),
               "tty": [sys.stdout.isatty(), sys.stderr.isatty()]}
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2.0)
            s.connect(path)
            s.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            s.settimeout(None)  # a long chain may take seconds
            reply = s.makefile("rb")
            head = json.loads(reply.readline() or b"null")
            if not isinstance(head, dict) or "code" not in head:
                return None  # declined, or stopped before answering
            out, err = reply.read(head["out"]), reply.read(head["err"])
            if len(out) != head["out"] or len(err) != head["err"]:
                return None
    except (OSError, ValueError):
        return None
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    sys.stderr.buffer.write(err)
    sys.stderr.flush()
    return int(head["code"])


def main() -> None:
    """The ``govkg`` command: a lookup goes to the process keeping its store open when there is one,
    everything else (and a lookup nobody answers) to :func:`govkg.cli.main`."""
    code = ask(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from govkg.cli import main as cli_main

    cli_main()


# -- the answering side ------------------------------------------------------------------------------

class _Output:
    """A captured stream that reports the caller's terminal (``isatty``) as its own."""

    def __init__(self, tty: bool) -> None:
        import io

        self.raw = io.BytesIO()
        self.stream = io.TextIOWrapper(self.raw, encoding="utf-8", errors="replace", newline="\n",
                                       write_through=True)
        self.stream.isatty = lambda: tty  # type: ignore[method-assign]

    def value(self) -> bytes:
        self.stream.flush()
        return self.raw.getvalue()


class Keeper:
    """The store kept open for lookups: :meth:`answer` runs one command line on it."""

    def __init__(self, folder: str | os.PathLike | None) -> None:
        from govkg.web.app import Store

        self.store = Store(folder)
        self.folder = os.path.abspath(self.store.folder)
        self.real = os.path.realpath(self.folder)
        self.current = None  # the backend of the request being answered
        self.settings = _settings(os.environ)  # what a request must share (another vocabulary: other answers)

    def warm(self) -> None:
        """Open the store and read what lookups need: the evidence sentences (when at most
        ``runner.KEPT_SENTENCES``), and the tables the first lookup of each kind would read (a few
        lookups are run, their output dropped)."""
        with self.store.backend() as b:
            self.store.read_sentences(b)
        env = {**self.settings, "GOVKG_DB": self.folder, "COLUMNS": "80"}
        for argv in WARM_UP:
            self.answer({"argv": argv, "env": env, "cwd": self.folder})

    def backend_for(self, db) -> object | None:
        """The kept store when a command asks for the store folder ``db`` while answering."""
        from govkg.graph.store import default_path

        if self.current is None or os.path.realpath(db or default_path()) != self.real:
            return None
        return self.current

    def answer(self, request: dict) -> tuple[int, bytes, bytes] | None:
        """Run the request's command line as ``govkg`` would: (exit status, stdout, stderr), or None
        when it is not one to answer here."""
        argv, env, cwd = request.get("argv"), request.get("env"), request.get("cwd")
        if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)
                and argv[0] in COMMANDS and isinstance(env, dict) and isinstance(cwd, str)):
            return None
        if _settings(env) != self.settings:
            return None
        tty = request.get("tty")
        tty = tty if isinstance(tty, list) and len(tty) == 2 else [False, False]
        out, err = _Output(bool(tty[0])), _Output(bool(tty[1]))
        saved = (sys.stdout, sys.stderr, os.getcwd())
        previous: dict = {}
        code: int = 0
        try:
            os.chdir(cwd)
            previous = _set_env({k: env.get(k) for k in ("GOVKG_DB", "COLUMNS")})
            sys.stdout, sys.stderr = out.stream, err.stream
            with self.store.backend() as b:
                b.kept_sentences = self.store.kept_sentences()
                self.current = b
                code = _run(argv)
        except Exception:  # noqa: BLE001 - the caller's folder or the store is gone: its own process says so
            return None
        finally:
            self.current = None
            sys.stdout, sys.stderr = saved[0], saved[1]
            try:
                os.chdir(saved[2])
            except OSError:
                pass
            _set_env(previous)
        return code, out.value(), err.value()


def _run(argv: list[str]) -> int:
    """``govkg ARGV`` in this process: its exit status, whatever it printed on sys.stdout/stderr (an
    unexpected error prints its traceback and gives 1, as Python does)."""
    from govkg.cli import main as cli_main

    try:
        cli_main.main(args=argv, prog_name="govkg", standalone_mode=True)
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code
        print(e.code, file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001
        import traceback

        traceback.print_exc()
        return 1
    return 0


_KEEPER: Keeper | None = None  # the keeper of this process, while it serves


def kept_backend(db) -> object | None:
    """The store this process keeps open, when it is answering a lookup on the folder ``db``; else
    None (and the command opens the store itself). Called by ``commands.neo4j.open_backend``."""
    return _KEEPER.backend_for(db) if _KEEPER is not None else None


def _peer_uid(conn: socket.socket) -> int | None:
    import struct

    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return None
    return struct.unpack("3i", creds)[1]


def _listen(path: str) -> socket.socket:
    """A listening socket at ``path`` (mode 0600), after removing a stale one left by a killed
    process; KeptError when a live process listens there."""
    if len(path.encode()) > 100:
        raise KeptError(f"the store folder's path is too long for a socket ({path})")
    if os.path.exists(path):
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(path)
        except OSError:
            os.unlink(path)  # nobody listens: left by a process that was killed
        else:
            raise KeptError(f"another process already keeps {os.path.dirname(path)} open")
        finally:
            probe.close()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        sock.bind(path)
    except OSError as e:
        sock.close()
        raise KeptError(f"cannot listen in {os.path.dirname(path)}: {e.strerror or e}") from None
    finally:
        os.umask(old)
    sock.listen(32)
    return sock


def serve(folder: str | os.PathLike | None, idle: float | None = None, on_ready=None, log=None) -> None:
    """Keep the store ``folder`` open and answer lookups on its socket until Ctrl-C, SIGTERM or
    ``idle`` seconds without one; then remove the socket. ``log(line)`` is told of each lookup."""
    import time

    from govkg.cli import signals_interrupt

    global _KEEPER
    keeper = Keeper(folder)
    keeper.store.open()  # no store, a damaged one: StoreError before anything is made
    path = socket_path(keeper.folder)
    try:
        sock = _listen(path)  # another keeper: KeptError before the warm-up is paid for
    except KeptError:
        keeper.store.close()
        raise
    ident = os.stat(path).st_ino
    _KEEPER = keeper  # from here the commands it runs, the warm-up's included, read the kept store
    try:
        with signals_interrupt():
            keeper.warm()
            if on_ready:
                on_ready(path)
            sock.settimeout(idle)
            while True:
                try:
                    conn, _ = sock.accept()
                except socket.timeout:
                    break
                with conn:
                    t0 = time.perf_counter()
                    argv = _serve_one(keeper, conn)
                    if log and argv:
                        log(f"{' '.join(argv)}  ({(time.perf_counter() - t0) * 1000:.1f} ms)")
    except KeyboardInterrupt:
        pass
    finally:
        _KEEPER = None
        sock.close()
        try:
            if os.stat(path).st_ino == ident:
                os.unlink(path)
        except OSError:
            pass
        keeper.store.close()


def _serve_one(keeper: Keeper, conn: socket.socket) -> list[str] | None:
    """Read one request from ``conn`` and send the answer (or a refusal); the command line answered."""
    if _peer_uid(conn) != os.getuid():
        return None
    conn.settimeout(5.0)
    try:
        line = conn.makefile("rb").readline(MAX_REQUEST)
        request = json.loads(line)
        result = keeper.answer(request) if isinstance(request, dict) else None
        if result is None:
            conn.sendall(b'{"declined": true}\n')
            return None
        code, out, err = result
        conn.settimeout(30.0)
        conn.sendall(json.dumps({"code": code, "out": len(out), "err": len(err)}).encode() + b"\n" + out + err)
    except Exception:  # noqa: BLE001 - a request it cannot read, a caller gone: the next one is answered
        return None
    return request["argv"]
