"""The embedded store: a LadybugDB database in a folder (``./govkg-data`` by default).

Writes are crash-safe by construction: a load reads the current graph, merges the new facts in
memory, bulk-loads the result with ``COPY FROM`` into a new database file beside the old one, and
swaps it in with an atomic rename. A load that fails or is killed half-way leaves the old file as
it was. Ids are resolved in Python (LadybugDB's MERGE does not use the primary-key index), so the
bulk load never needs MERGE. One writer at a time: a lock file in the folder serialises loads.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from govkg.graph.rows import edge_properties, group_edges, group_nodes, node_properties, sources_from_row
from govkg.graph.schema import schema

if TYPE_CHECKING:  # networkx costs a tenth of a second to import: lookups never need it
    from govkg.graph.model import KnowledgeGraph

DB_FILE = "graph.lbug"
DEFAULT_DB = "govkg-data"
READ_POOL_BYTES = 512 * 1024 * 1024


class StoreError(Exception):
    """A store that cannot be opened or written; the message is one line for the user."""


def default_path() -> str:
    return os.environ.get("GOVKG_DB") or DEFAULT_DB


class EmbeddedStore:
    """A govkg graph persisted in a LadybugDB file inside ``folder``."""

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
            import ladybug

            try:
                # a lookup reads a few pages: a small buffer pool opens and closes much faster than
                # the default (most of the machine's memory)
                pool = 0 if write else READ_POOL_BYTES
                self._db = ladybug.Database(str(self.db_path), read_only=not write, buffer_pool_size=pool)
                self._conn = ladybug.Connection(self._db)
            except RuntimeError as e:
                raise StoreError(f"cannot open store {self.db_path}: {str(e).splitlines()[0]}") from None
        return self._conn

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list]]:
        """Run a Cypher query with parameters; return column names and rows."""
        res = self.connection().execute(cypher, params or {})
        cols = res.get_column_names()
        rows = res.get_all()
        res.close()
        return cols, rows

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._conn = self._db = None

    def read_graph(self) -> "KnowledgeGraph":
        """The whole stored graph as a KnowledgeGraph (empty when there is no store yet)."""
        from govkg.graph.model import KnowledgeGraph

        kg = KnowledgeGraph()
        if not self.exists():
            return kg
        sch = schema()
        conn = self.connection()
        # articles first: fact dates come from them
        for label in sorted(sch.nodes, key=lambda lb: lb != "Article"):
            cols = sch.node_columns(label)
            ret = ", ".join(f"n.{c}" for c in cols)
            res = conn.execute(f"MATCH (n:{label}) RETURN {ret}")
            for row in res.get_all():
                props = {c: v for c, v in zip(cols[1:], row[1:]) if v is not None}
                kg.g.add_node(row[0], label=label, **props)
        for etype, et in sch.edges.items():
            cols = sch.edge_columns(etype)
            ret = ", ".join(f"e.{c}" for c in cols)
            for a, b in et.pairs:
                res = conn.execute(f"MATCH (x:{a})-[e:{etype}]->(y:{b}) RETURN x.id, y.id, {ret}")
                for row in res.get_all():
                    props = dict(zip(cols, row[2:]))
                    kg.g.add_edge(row[0], row[1], key=etype, type=etype, **sources_from_row(props))
        return kg

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's write lock (one load at a time)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"another govkg load is writing to {self.folder}; try again when it ends") from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def write_graph(self, kg: "KnowledgeGraph") -> None:
        """Replace the stored graph with ``kg``: bulk-load a new file, then swap it in atomically."""
        import ladybug
        import pyarrow as pa

        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{DB_FILE}.new-{os.getpid()}"
        _remove_db_files(tmp)
        sch = schema()
        db = ladybug.Database(str(tmp))
        conn = ladybug.Connection(db)
        try:
            for ddl in sch.ladybug_ddl():
                conn.execute(ddl)
            conn.execute("BEGIN TRANSACTION")
            by_label, by_type = group_nodes(kg), group_edges(kg)  # one pass each, not one per label/type
            for label, nt in sch.nodes.items():
                rows = by_label.get(label, [])
                if not rows:
                    continue
                cols = {"id": pa.array([n for n, _ in rows], pa.string())}
                props = [node_properties(d, label) for _, d in rows]
                for p in nt.props:
                    cols[p.name] = pa.array([r[p.name] for r in props], _arrow_type(p.type))
                conn.execute(f"COPY {label} FROM $t", {"t": pa.table(cols)})
            for etype, et in sch.edges.items():
                for (a, b), edges in by_type.get(etype, {}).items():
                    rows = [(u, v, edge_properties(d, etype)) for u, v, d in edges]
                    if (a, b) not in et.pairs:
                        raise StoreError(f"schema has no {etype} from {a} to {b}")
                    cols = {"from": pa.array([u for u, _, _ in rows], pa.string()),
                            "to": pa.array([v for _, v, _ in rows], pa.string())}
                    for p in et.props:
                        cols[p.name] = pa.array([r[p.name] for _, _, r in rows],
                                                _arrow_type(p.type))
                    opts = f" (from='{a}', to='{b}')" if len(et.pairs) > 1 else ""
                    conn.execute(f"COPY {etype} FROM $t{opts}", {"t": pa.table(cols)})
            conn.execute("COMMIT")
            conn.execute("CHECKPOINT")
        except BaseException:
            conn.close()
            db.close()
            _remove_db_files(tmp)
            raise
        conn.close()
        db.close()
        _fsync(tmp)
        os.replace(tmp, self.db_path)
        _remove_db_files(Path(str(self.db_path) + ".wal"), only_sidecars=True)
        _fsync(self.folder)


def _remove_db_files(path: Path, only_sidecars: bool = False) -> None:
    for p in ([] if only_sidecars else [path]) + [Path(str(path) + s) for s in (".wal", ".shadow", ".tmp")]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


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


