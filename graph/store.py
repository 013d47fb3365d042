"""The embedded store: a LadybugDB database in a folder (``./govkg-data`` by default).

Writes are crash-safe by construction: a load never writes the file readers open. It copies the
live database to a file beside it (``graph.lbug.new-<pid>``), writes there only what it changes
(:class:`govkg.graph.delta.Delta`: new rows appended with ``COPY FROM``, changed rows updated, a
replaced article's rows removed) in one transaction, and swaps the copy in with an atomic rename. A
load that fails, runs out of disk or is killed half-way leaves the old file as it was; the
temporary files of a killed load are removed by the next load (those whose process is gone). The
first load into an empty folder writes the whole graph with ``COPY FROM`` into a new file the same
way. Ids are resolved in Python (LadybugDB's MERGE does not use the primary-key index), so writes
never need MERGE. One writer at a time: a lock file in the folder serialises loads; readers never
wait for it.

Errors are :class:`StoreError` with a one-line message and the exit status the command line gives
them: :class:`StoreBusy` (another load holds the lock, 3), :class:`StoreUnusable` (the folder cannot
be used, the store is damaged or could not be written: nothing was changed, 4), else 1.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from govkg.graph.rows import edge_properties, group_edges, group_nodes, node_properties, sources_from_row
from govkg.graph.schema import schema

if TYPE_CHECKING:  # networkx costs a tenth of a second to import: lookups never need it
    from govkg.graph.delta import Delta, Window
    from govkg.graph.model import KnowledgeGraph

DB_FILE = "graph.lbug"
DEFAULT_DB = "govkg-data"
READ_POOL_BYTES = 512 * 1024 * 1024
WRITE_POOL_BYTES = 1024 * 1024 * 1024  # a load's changes are small; the default (most of the memory) is slow to set up


EXIT_STORE_BUSY = 3
EXIT_STORE_UNUSABLE = 4
TEMP_MARK = ".new-"  # graph.lbug.new-<pid>: the database a load is writing, and its sidecar files
LOCK_POLL_SECONDS = 0.1
# What LadybugDB says when a database file is damaged (truncated, overwritten, a foreign file)
_DAMAGED = re.compile(r"corrupt|not a valid|cannot read checkpoint|out of bounds|cannot read page|"
                      r"may be checkpointing|wal replay|invalid database|header", re.I)

Progress = Callable[[int, int], None]  # (rows done, rows in all)
# what the engine says when a query names a table or property the store does not have
_NO_SUCH = re.compile(r"Cannot find property|does not exist|Table \w+ does not exist", re.I)


class StoreError(Exception):
    """A store that cannot be opened or written; the message is one line for the user."""

    exit_code = 1


class StoreBusy(StoreError):
    """Another load is writing to the store (its write lock is held)."""

    exit_code = EXIT_STORE_BUSY


class StoreUnusable(StoreError):
    """The store folder cannot be used, the store is damaged, or a write failed: nothing was changed."""

    exit_code = EXIT_STORE_UNUSABLE


def default_path() -> str:
    return os.environ.get("GOVKG_DB") or DEFAULT_DB


def _all_rows(res) -> list[list]:
    """Every row of a LadybugDB result: its native cursor read directly when it has one (the
    Python wrapper checks and wraps each row: a third of the time on results of thousands of rows)."""
    native = getattr(res, "_query_result", None)
    if native is None or getattr(res, "as_dict", False) or not hasattr(native, "hasNext"):
        return res.get_all()
    has_next, get_next, rows = native.hasNext, native.getNext, []
    while has_next():
        rows.append(get_next())
    return rows


class EmbeddedStore:
    """A govkg graph persisted in a LadybugDB file inside ``folder``."""

    # the engine scans a node table for ``n.id IN $list`` and uses its primary key for ``n.id = $v``:
    # the named-query runner passes a one-id list as that id (queries.runner._one_id_form)
    scans_id_lists = True

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder or default_path())
        self.db_path = self.folder / DB_FILE
        self._db = None
        self._conn = None

    # -- reading -----------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.db_path.is_file()

    def connection(self, write: bool = False):
        """A connection to the current database (read-only unless ``write``)."""
        if self._conn is None:
            if not self.exists():
                raise StoreError(f"no govkg store at {self.folder} (run 'govkg load' first, or pass --db)")
            ladybug = _ladybug()

            try:
                # a lookup reads a few pages: a small buffer pool opens and closes much faster than
                # the default (most of the machine's memory)
                pool = 0 if write else READ_POOL_BYTES
                self._db = ladybug.Database(str(self.db_path), read_only=not write, buffer_pool_size=pool)
                self._conn = ladybug.Connection(self._db)
            except RuntimeError as e:
                self.close()
                raise self.open_error(e) from None
        return self._conn

    def open_error(self, e: Exception) -> StoreError:
        """The one-line error for a database file LadybugDB would not open."""
        message = " ".join(str(e).split())
        reason = re.sub(r"^(Runtime|IO|Storage) exception: ", "", message)
        # LadybugDB guesses that a checkpoint is under way; a govkg store is swapped in whole, never
        # checkpointed in place, so that advice would only mislead
        reason = re.sub(r"\s*[^.]*(retry|checkpointing)[^.]*\.?", "", reason).strip()[:200]
        if _DAMAGED.search(message):
            return StoreUnusable(
                f"the store {self.db_path} is damaged ({reason.rstrip('.')}); rebuild it from the articles: "
                f"move it aside (mv {self.db_path} {self.db_path}.damaged) and run 'govkg load' on them again "
                f"with --db {self.folder}")
        if "ermission denied" in message:
            return StoreUnusable(f"cannot open store {self.db_path}: permission denied")
        return StoreError(f"cannot open store {self.db_path}: {reason}")

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list]]:
        """Run a Cypher query with parameters; return column names and rows."""
        conn = self.connection()
        try:
            res = conn.execute(cypher, params or {})
        except RuntimeError as e:
            if _NO_SUCH.search(str(e)):  # a store older than the schema its queries are written for
                missing = self.missing_columns()
                if missing:
                    raise StoreUnusable(_outdated(self, missing)) from None
            raise
        cols = res.get_column_names()
        rows = _all_rows(res)
        res.close()
        return cols, rows

    def close(self) -> None:
        conn, db = self._conn, self._db
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list]:
        """The rows of a query, a damaged file named as such, a store of an older format too."""
        try:
            res = self.connection().execute(cypher, params or {})
            out = _all_rows(res)
            res.close()
        except RuntimeError as e:
            if _NO_SUCH.search(str(e)) and not cypher.startswith("CALL "):
                self.check_format()
            raise self.open_error(e) from None
        return out

    def check_format(self) -> None:
        """StoreError (4) in one line when the store lacks a table or column the schema has: it was
        written by an older govkg."""
        missing = self.missing_columns()
        if missing:
            raise StoreUnusable(_outdated(self, missing))

    def missing_columns(self) -> list[str]:
        """``Label.column`` of the schema the store does not have (``Label`` for a whole table)."""
        sch = schema()
        have = {r[1] for r in self.rows("CALL show_tables() RETURN *")}
        missing = []
        tables = [(lb, sch.node_columns(lb)) for lb in sch.tables] + [(t, sch.edge_columns(t)) for t in sch.edges]
        for table, cols in tables:
            if table not in have:
                missing.append(table)
                continue
            got = {r[0] for r in self.rows(f"CALL table_info('{table}') RETURN name")}
            missing += [f"{table}.{c}" for c in cols if c not in got]
        return missing

    def article_hashes(self) -> dict[str, str | None]:
        """Every stored article's id and content hash (all a load reads to tell what is new)."""
        return {a: h for a, h in self.rows("MATCH (a:Article) RETURN a.id, a.content_hash")}

    def read_window(self, nodes: dict[str, set[str]], facts: set[tuple[str, str, str]],
                    replaced: set[str], progress: Progress | None = None) -> "Window":
        """The stored rows a load touches (see :mod:`govkg.graph.delta`).

        ``nodes``: ids per label the load's articles name; ``facts``: (u, v, type) they state;
        ``replaced``: ids of stored articles the load replaces (every fact citing them is read, and
        how many facts their ends have in the whole store).
        """
        from govkg.graph.delta import Window

        sch = schema()
        win = Window(replaced)
        want = {label: set(ids) for label, ids in nodes.items()}
        facts = set(facts)
        ends: dict[str, str] = {}  # node -> label, for the ends of the facts replaced articles cite
        if replaced:
            ids = sorted(replaced)
            want.setdefault("Article", set()).update(ids)
            for etype in sch.edges:
                for la, u, lb, v in self.rows(
                        f"MATCH (x)-[e:{etype}]->(y) WHERE list_has_any(e.source_articles, $ids) "
                        f"RETURN label(x), x.id, label(y), y.id", {"ids": ids}):
                    facts.add((u, v, etype))
                    ends[u], ends[v] = la, lb
            for u, lb, v in self.rows("UNWIND $ids AS i MATCH (a:Article {id: i}) WITH a, i "
                                      "MATCH (a)-[e:MENTIONS]->(y) RETURN a.id, label(y), y.id", {"ids": ids}):
                facts.add((u, v, "MENTIONS"))
                ends[u], ends[v] = "Article", lb
            for n, label in ends.items():
                want.setdefault(label, set()).add(n)
        if progress:
            progress(0, 3)
        self._read_nodes(win, want)
        if progress:
            progress(1, 3)
        groups: dict[tuple[str, str, str], list[dict]] = {}
        labels = win.kg.g.nodes
        for u, v, k in facts:
            if u in win and v in win:
                groups.setdefault((k, labels[u]["label"], labels[v]["label"]), []).append({"u": u, "v": v})
        read = []
        for (k, la, lb), pairs in groups.items():
            if (la, lb) not in sch.edges[k].pairs:
                continue
            cols = sch.edge_columns(k)
            ret = ", ".join(f"e.{c}" for c in cols)
            read.append((k, cols, self.rows(f"UNWIND $rows AS r MATCH (a:{la} {{id: r.u}}) WITH a, r "
                                            f"MATCH (a)-[e:{k}]->(b:{lb}) WHERE b.id = r.v RETURN a.id, b.id, {ret}",
                                            {"rows": pairs})))
        at = {k: cols.index("source_sentence_ids") for k, cols, _ in read}
        texts = self.sentence_texts({i for k, _, rows in read for row in rows for i in row[2 + at[k]] or ()})
        win.sentences_read.update(texts)
        for k, cols, rows in read:
            for row in rows:
                win.add_edge_row(k, row[0], row[1], cols, row[2:], texts)
        if progress:
            progress(2, 3)
        cited = win.cited_articles()
        if cited:
            self._read_nodes(win, {"Article": cited})
        if ends:
            by_label: dict[str, list[str]] = {}
            for n, label in ends.items():
                by_label.setdefault(label, []).append(n)
            for label, ids in by_label.items():
                degree: dict[str, int] = {}
                for n, d in self._degrees(label, sorted(ids)):
                    degree[n] = degree.get(n, 0) + d
                for n, d in degree.items():
                    win.outside[n] = max(0, d - win.loaded_degree(n))
        if progress:
            progress(3, 3)
        return win

    def sentence_texts(self, ids) -> dict[str, str]:
        """The text of each stored Sentence among ``ids`` (a primary-key lookup each)."""
        from govkg.queries.runner import SENTENCE_TEXTS

        ids = sorted(ids)
        if not ids:
            return {}
        return dict(self.rows(SENTENCE_TEXTS, {"ids": ids}))

    def _degrees(self, label: str, ids: list[str]):
        """(id, count) rows that add up to each node's number of edges. The engine walks an edge kept
        from its source only (schema: walked = "forward") from that source alone: those are
        counted apart, the ones pointing at these nodes by a scan from their sources."""
        sch = schema()
        both = [e.name for e in sch.edges.values() if e.walked == "both" and any(label in p for p in e.pairs)]
        if both:
            yield from self.rows(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) WITH n, i "
                                 f"MATCH (n)-[e:{'|'.join(both)}]-() RETURN n.id, count(e)", {"ids": ids})
        for e in sch.edges.values():
            if e.walked != "forward":
                continue
            if any(a == label for a, _ in e.pairs):
                yield from self.rows(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) WITH n, i "
                                     f"MATCH (n)-[e:{e.name}]->() RETURN n.id, count(e)", {"ids": ids})
            if any(b == label for _, b in e.pairs):
                yield from self.rows(f"MATCH ()-[e:{e.name}]->(n:{label}) WHERE n.id IN $ids RETURN n.id, count(e)",
                                     {"ids": ids})

    def _read_nodes(self, win: "Window", want: dict[str, set[str]]) -> None:
        sch = schema()
        for label, ids in want.items():
            ids = sorted(i for i in ids if i not in win)
            if not ids or label not in sch.nodes:
                continue
            cols = sch.node_columns(label)
            ret = ", ".join(f"n.{c}" for c in cols)
            for row in self.rows(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {ret}", {"ids": ids}):
                win.add_node_row(label, cols, row)


    def read_graph(self, progress: Progress | None = None) -> "KnowledgeGraph":
        """The whole stored graph as a KnowledgeGraph (empty when there is no store yet).

        ``progress(rows_done, rows_total)`` is called as tables are read. A store written by an older
        govkg (a table or column of the schema missing) is a one-line StoreUnusable.
        """
        from govkg.graph.model import KnowledgeGraph

        kg = KnowledgeGraph()
        if not self.exists():
            return kg
        sch = schema()
        self.check_format()
        conn = self.connection()
        try:
            total = self._row_count(conn) if progress else 0
            done = 0
            texts = dict(_all_rows(conn.execute(f"MATCH (s:{sch.sentence.label}) RETURN s.id, s.text")))
            if progress:
                done += len(texts)
                progress(done, total)
            # articles first: fact dates come from them
            for label in sorted(sch.nodes, key=lambda lb: lb != "Article"):
                cols = sch.node_columns(label)
                ret = ", ".join(f"n.{c}" for c in cols)
                rows = _all_rows(conn.execute(f"MATCH (n:{label}) RETURN {ret}"))
                for row in rows:
                    props = {c: v for c, v in zip(cols[1:], row[1:]) if v is not None}
                    kg.g.add_node(row[0], label=label, **props)
                if progress:
                    done += len(rows)
                    progress(done, total)
            for etype, et in sch.edges.items():
                cols = sch.edge_columns(etype)
                ret = ", ".join(f"e.{c}" for c in cols)
                for a, b in et.pairs:
                    rows = _all_rows(conn.execute(f"MATCH (x:{a})-[e:{etype}]->(y:{b}) RETURN x.id, y.id, {ret}"))
                    for row in rows:
                        props = dict(zip(cols, row[2:]))
                        kg.g.add_edge(row[0], row[1], key=etype, type=etype, **sources_from_row(props, texts))
                    if progress:
                        done += len(rows)
                        progress(done, total)
        except RuntimeError as e:  # a file damaged past its header shows it only when its pages are read
            raise self.open_error(e) from None
        return kg

    def _row_count(self, conn) -> int:
        sch = schema()
        have = {r[1] for r in conn.execute("CALL show_tables() RETURN *").get_all()}
        n = 0
        for label in sch.tables:
            if label in have:
                n += conn.execute(f"MATCH (n:{label}) RETURN count(*)").get_all()[0][0]
        for etype in sch.edges:
            if etype in have:
                n += conn.execute(f"MATCH ()-[e:{etype}]->() RETURN count(*)").get_all()[0][0]
        return n

    # -- writing -----------------------------------------------------------------------------
    def prepare(self) -> None:
        """Make sure the store folder exists and can be written (StoreUnusable in one line if not)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnusable(f"cannot use {self.folder} as the store folder: {_os_reason(e)}") from None
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreUnusable(f"cannot use {self.folder} as the store folder: it is a file")

    @contextmanager
    def lock(self, wait: float = 0.0, check: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the folder's write lock (one load at a time), waiting up to ``wait`` seconds for it.

        Raises :class:`StoreBusy` when another load still holds it after that; ``check()`` is called
        while waiting (it may raise, to give up).
        """
        self.prepare()
        try:
            fh = open(self.folder / ".lock", "w")
        except OSError as e:
            raise StoreUnusable(f"cannot write to the store folder {self.folder}: {_os_reason(e)}") from None
        with fh:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        waited = f" after waiting {wait:g} s" if wait else ""
                        raise StoreBusy(f"another govkg load is writing to {self.folder}{waited}; try again "
                                        f"when it ends, or give --wait SECONDS") from None
                    if check is not None:
                        check()
                    time.sleep(min(LOCK_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def remove_stale_temporaries(self) -> tuple[int, int]:
        """Remove the temporary files of loads whose process is gone: (files removed, bytes freed).

        Call it holding the lock. A temporary of a process still running is left alone.
        """
        files = freed = 0
        if not self.folder.is_dir():
            return 0, 0
        for p in self.folder.glob(f"{DB_FILE}{TEMP_MARK}*"):
            m = re.match(rf"{re.escape(DB_FILE + TEMP_MARK)}(\d+)", p.name)
            if m and _process_alive(int(m.group(1))) and int(m.group(1)) != os.getpid():
                continue
            try:
                size = p.stat().st_size
                if p.is_dir():  # the RDF copy a killed 'govkg sparql' was building
                    shutil.rmtree(p)
                else:
                    p.unlink()
            except FileNotFoundError:
                continue
            except OSError as e:
                raise StoreUnusable(f"cannot remove {p}, left by a load that was stopped: {_os_reason(e)}") from None
            files += 1
            freed += size
        return files, freed

    def write_graph(self, kg: "KnowledgeGraph", progress: Progress | None = None,
                    on_commit: Callable[[], None] | None = None,
                    stopping: Callable[[], bool] | None = None) -> None:
        """Replace the stored graph with ``kg``: bulk-load a new file, then swap it in atomically.

        ``progress(rows_done, rows_total)`` is called as tables are written; ``on_commit()`` right after
        the swap, with SIGINT and SIGTERM held back, so a caller always knows whether it happened. When
        ``stopping()`` is true the swap does not happen (KeyboardInterrupt). Any failure raises
        :class:`StoreUnusable` (or the interrupt) and leaves the store as it was.
        """
        ladybug = _ladybug()

        self.close()
        self.prepare()
        tmp = self._new_temp_file()
        try:
            db = ladybug.Database(str(tmp))
            conn = ladybug.Connection(db)
        except (RuntimeError, OSError) as e:
            _remove_temp_files(tmp)
            raise self._write_error(e) from None
        with self._undone_on_failure(tmp, stopping, conn, db):
            self._copy_into(conn, kg, progress)
        with self._undone_on_failure(tmp, None):
            conn.close()
            db.close()
            _fsync(tmp)
            self._settle_live_database()
        self._swap_in(tmp, on_commit, stopping)

    def apply_delta(self, delta: "Delta", progress: Progress | None = None,
                    on_commit: Callable[[], None] | None = None,
                    stopping: Callable[[], bool] | None = None) -> None:
        """Write ``delta`` (the rows a load changes): copy the live file, apply the rows to the copy in
        one transaction, then swap it in atomically.

        ``progress``, ``on_commit`` and ``stopping`` as for :meth:`write_graph`. Any failure raises
        :class:`StoreUnusable` (or the interrupt) and leaves the store as it was.
        """
        self.close()
        self.prepare()
        self._settle_live_database()  # what a killed writer committed is in the file before it is copied
        tmp = self._new_temp_file()
        with self._undone_on_failure(tmp, stopping):
            shutil.copyfile(self.db_path, tmp)
            self._write_rows(tmp, delta, progress)
        self._swap_in(tmp, on_commit, stopping)

    def _new_temp_file(self) -> Path:
        """This process's file to write a new database into, beside the live one, left by no one."""
        tmp = self.folder / f"{DB_FILE}{TEMP_MARK}{os.getpid()}"
        _remove_temp_files(tmp)
        return tmp

    @contextmanager
    def _undone_on_failure(self, tmp: Path, stopping: Callable[[], bool] | None, conn=None,
                           db=None) -> Iterator[None]:
        """On any failure inside: close ``conn`` and ``db`` when given, remove ``tmp`` and its sidecars
        (the live store stays as it was), and raise what :meth:`_write_failure` makes of it."""
        try:
            yield
        except BaseException as e:
            if conn is not None or db is not None:
                _close_quietly(conn, db)
            _remove_temp_files(tmp)
            failure = self._write_failure(e, stopping)
            if failure is e:
                raise
            raise failure from None

    def _write_failure(self, e: BaseException, stopping: Callable[[], bool] | None) -> BaseException:
        """What a write that failed with ``e`` raises: an interrupt when the load was being stopped
        (the engine may report one as its own error), :class:`StoreUnusable` for the engine's and
        the system's errors, else ``e`` itself."""
        if stopping is not None and stopping():
            return e if isinstance(e, KeyboardInterrupt) else KeyboardInterrupt()
        if isinstance(e, (RuntimeError, OSError)):
            return self._write_error(e)
        return e

    def _swap_in(self, tmp: Path, on_commit: Callable[[], None] | None,
                 stopping: Callable[[], bool] | None) -> None:
        """Rename the complete file ``tmp`` over the live one, with SIGINT and SIGTERM held back."""
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            if stopping is not None and stopping():
                _remove_temp_files(tmp)
                raise KeyboardInterrupt
            try:
                os.replace(tmp, self.db_path)
            except OSError as e:
                _remove_temp_files(tmp)
                raise self._write_error(e) from None
            if on_commit is not None:
                on_commit()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        _remove_temp_files(tmp)  # sidecars LadybugDB may leave beside the file
        try:
            _fsync(self.folder)
        except OSError:
            pass  # the rename is done; a folder that cannot be synced (some file systems) is not an error

    def _write_rows(self, path: Path, delta: "Delta", progress: Progress | None) -> None:
        """Apply ``delta`` to the database file ``path`` (one transaction, then a checkpoint)."""
        ladybug = _ladybug()

        db = conn = None
        try:
            db = ladybug.Database(str(path), buffer_pool_size=WRITE_POOL_BYTES, auto_checkpoint=False)
            conn = ladybug.Connection(db)
            self._apply_rows(conn, delta, progress)
            conn.close()
            conn = None
            db.close()
            db = None
            _remove_sidecars(path)  # closed after a checkpoint: nothing is pending in them
            _fsync(path)
        except BaseException:
            _close_quietly(conn, db)
            raise

    def _settle_live_database(self) -> None:
        """Before the swap: no sidecar file of the live database (its WAL, after a writer that was
        killed) may remain, or it would be applied to the new file. Opening it read-write applies it."""
        if not _sidecars(self.db_path) or not self.exists():
            return
        ladybug = _ladybug()

        try:
            db = ladybug.Database(str(self.db_path))
            db.close()
        except RuntimeError as e:
            raise self.open_error(e) from None

    def _write_error(self, e: BaseException) -> StoreUnusable:
        """One line for a failed write: what failed, and that the store is as it was."""
        if isinstance(e, OSError):
            reason = _os_reason(e)
        else:
            message = " ".join(str(e).split())
            m = re.search(r"Error: ([A-Za-z][^.:]*)", message)
            reason = m.group(1).strip().lower() if m else (
                "an input/output error in the database engine" if "IO exception" in message
                else re.sub(r"^[A-Za-z ]*exception: ", "", message)[:160])
        try:
            free = shutil.disk_usage(self.folder).free // (1024 * 1024)
            reason += f"; {free} MB free on its disk"
        except OSError:
            pass
        what = "the store is as it was before this load" if self.exists() else "no store was created"
        return StoreUnusable(f"could not write the store in {self.folder} ({reason}); {what}")

    def _apply_rows(self, conn, delta: "Delta", progress: Progress | None) -> None:
        """Apply ``delta`` in one transaction: remove facts, then nodes; update nodes and facts; append
        nodes, then facts (bulk ``COPY FROM``); then checkpoint."""
        sch = schema()
        total = max(1, delta.size())
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total)

        conn.execute("BEGIN TRANSACTION")
        for (k, la, lb), pairs in delta.delete_edges.items():
            conn.execute(f"UNWIND $rows AS r MATCH (a:{la} {{id: r.u}}) WITH a, r "
                         f"MATCH (a)-[e:{k}]->(b:{lb}) WHERE b.id = r.v DELETE e",
                         {"rows": [{"u": u, "v": v} for u, v in pairs]})
            tick(len(pairs))
        for label, ids in delta.delete_nodes.items():
            # an edge kept only from its source (schema: walked = "forward") is not found from the
            # node it points to, so DETACH DELETE would leave it behind: remove it from its source
            for e in sch.edges.values():
                for la in (a for a, b in e.pairs if b == label and e.walked == "forward"):
                    conn.execute(f"MATCH (a:{la})-[e:{e.name}]->(n:{label}) WHERE n.id IN $ids DELETE e", {"ids": ids})
            conn.execute(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"ids": ids})
            tick(len(ids))
        for label, rows in delta.update_nodes.items():
            props = sch.nodes[label].props
            table = _node_table(label, rows, [f"c{i}" for i in range(len(props) + 1)])
            sets = ", ".join(f"n.{p.name} = c{i + 1}" for i, p in enumerate(props))
            conn.execute(f"LOAD FROM $t MATCH (n:{label} {{id: c0}}) SET {sets}", {"t": table})
            tick(len(rows))
        sentence = sch.sentence.label
        if delta.delete_sentences:
            conn.execute(f"UNWIND $ids AS i MATCH (s:{sentence} {{id: i}}) DELETE s", {"ids": delta.delete_sentences})
            tick(len(delta.delete_sentences))
        for label, rows in delta.new_nodes.items():
            conn.execute(f"COPY {label} FROM $t", {"t": _node_table(label, rows)})
            tick(len(rows))
        new = delta.new_sentences
        if delta.check_sentences:  # sentences of a stored article may be stored already: never twice
            held = {r[0] for r in _all_rows(conn.execute(
                f"UNWIND $ids AS i MATCH (s:{sentence} {{id: i}}) RETURN s.id", {"ids": sorted(delta.check_sentences)}))}
            new = [(i, r) for i, r in new if i not in held]
        if new:
            conn.execute(f"COPY {sentence} FROM $t", {"t": _node_table(sentence, new)})
        tick(len(delta.new_sentences))
        for (k, la, lb), rows in delta.update_edges.items():
            props = sch.edges[k].props
            table = _edge_table(k, rows).rename_columns(["c_from", "c_to"] + [f"c{i}" for i in range(len(props))])
            sets = ", ".join(f"e.{p.name} = c{i}" for i, p in enumerate(props))
            conn.execute(f"LOAD FROM $t MATCH (a:{la} {{id: c_from}})-[e:{k}]->(b:{lb} {{id: c_to}}) SET {sets}",
                         {"t": table})
            tick(len(rows))
        for (k, la, lb), rows in delta.new_edges.items():
            opts = f" (from='{la}', to='{lb}')" if len(sch.edges[k].pairs) > 1 else ""
            conn.execute(f"COPY {k} FROM $t{opts}", {"t": _edge_table(k, rows)})
            tick(len(rows))
        conn.execute("COMMIT")
        conn.execute("CHECKPOINT")

    def _copy_into(self, conn, kg: "KnowledgeGraph", progress: Progress | None) -> None:
        """Create the schema in an empty database and bulk-load ``kg`` into it in one transaction."""
        sch = schema()
        for ddl in sch.ladybug_ddl():
            conn.execute(ddl)
        conn.execute("BEGIN TRANSACTION")
        by_label, by_type = group_nodes(kg), group_edges(kg)  # one pass each, not one per label/type
        total = kg.g.number_of_nodes() + kg.g.number_of_edges() + len(by_label.get(sch.sentence.label, ()))
        done = 0
        for label in sch.tables:
            rows = by_label.get(label, [])
            if not rows:
                continue
            rows = [(n, node_properties(d, label)) for n, d in rows]
            conn.execute(f"COPY {label} FROM $t", {"t": _node_table(label, rows)})
            done += len(rows)
            if progress:
                progress(done, total)
        for etype, et in sch.edges.items():
            for (a, b), edges in by_type.get(etype, {}).items():
                rows = [(u, v, edge_properties(d, etype)) for u, v, d in edges]
                if (a, b) not in et.pairs:
                    raise StoreError(f"schema has no {etype} from {a} to {b}")
                opts = f" (from='{a}', to='{b}')" if len(et.pairs) > 1 else ""
                conn.execute(f"COPY {etype} FROM $t{opts}", {"t": _edge_table(etype, rows)})
                done += len(rows)
                if progress:
                    progress(done, total)
        conn.execute("COMMIT")
        conn.execute("CHECKPOINT")


def _ladybug():
    """The ``ladybug`` module, imported without its asyncio connection class.

    ``import ladybug`` imports ``ladybug.async_connection`` and with it asyncio and a thread pool
    (a fifth of a lookup's start-up); govkg never uses it. Unless something imported it already, a
    stand-in takes its place whose ``AsyncConnection`` imports the real module when first called.
    """
    import sys

    if "ladybug" not in sys.modules and "ladybug.async_connection" not in sys.modules:
        import types

        stub = types.ModuleType("ladybug.async_connection")

        class AsyncConnection:  # noqa: D401 - a stand-in that becomes the real class on first use
            def __new__(cls, *args, **kwargs):
                import importlib.util

                del sys.modules["ladybug.async_connection"]
                spec = importlib.util.find_spec("ladybug.async_connection")
                real = importlib.util.module_from_spec(spec)
                sys.modules["ladybug.async_connection"] = real
                spec.loader.exec_module(real)
                sys.modules["ladybug"].AsyncConnection = real.AsyncConnection
                return real.AsyncConnection(*args, **kwargs)

        stub.AsyncConnection = AsyncConnection
        sys.modules["ladybug.async_connection"] = stub
    import ladybug

    return ladybug


def _outdated(store: "EmbeddedStore", missing: list[str]) -> str:
    """The one line for a store written by an older govkg."""
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return (f"the store {store.db_path} was written by an older version of govkg (it has no {shown}); load the "
            f"articles again into a new store (govkg load ... --db NEW_FOLDER)")


def _node_table(label: str, rows: list[tuple[str, dict]], names: list[str] | None = None):
    """An Arrow table of node rows (id, then the schema's columns), named ``names`` when given."""
    import pyarrow as pa

    props = schema().tables[label].props
    names = names or ["id"] + [p.name for p in props]
    cols = [pa.array([n for n, _ in rows], pa.string())]
    cols += [pa.array([r[p.name] for _, r in rows], _arrow_type(p.type)) for p in props]
    return pa.table(dict(zip(names, cols)))


def _edge_table(etype: str, rows: list[tuple[str, str, dict]]):
    """An Arrow table of fact rows (from, to, then the schema's columns)."""
    import pyarrow as pa

    cols = {"from": pa.array([u for u, _, _ in rows], pa.string()),
            "to": pa.array([v for _, v, _ in rows], pa.string())}
    for p in schema().edges[etype].props:
        cols[p.name] = pa.array([r[p.name] for _, _, r in rows], _arrow_type(p.type))
    return pa.table(cols)


def _sidecars(path: Path) -> list[Path]:
    """The files LadybugDB keeps beside a database file (``.wal``, ``.shadow`` ...); not temporaries."""
    return [p for p in path.parent.glob(path.name + ".*") if TEMP_MARK not in p.name]


def _remove_sidecars(path: Path) -> None:
    for p in _sidecars(path):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(p, ignore_errors=True)


def _remove_temp_files(tmp: Path) -> None:
    """The temporary database and every sidecar LadybugDB made beside it (``.wal``, ``.checkpoint``...)."""
    for p in [tmp, *tmp.parent.glob(tmp.name + ".*")]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(p, ignore_errors=True)


def _close_quietly(conn, db) -> None:
    for x in (conn, db):
        try:
            x.close()
        except Exception:  # noqa: BLE001 - closing after a failure: the failure is what we report
            pass


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _os_reason(e: OSError) -> str:
    """An OSError in a few words: "not a folder", "permission denied", "no space left on device"."""
    if e.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if e.errno == errno.EEXIST:
        return "a file is in the way"
    return (e.strerror or str(e) or type(e).__name__).lower()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_ARROW = {}


def _arrow_type(t: str):
    import pyarrow as pa

    if not _ARROW:
        _ARROW.update({"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
                       "DATE": pa.date32(), "STRING[]": pa.list_(pa.string()), "INT64[]": pa.list_(pa.int64())})
    return _ARROW[t]


