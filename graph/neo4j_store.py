"""A govkg graph on a Neo4j 5 server, through the official driver.

``Neo4jStore(uri, user, password, database)`` has the embedded store's reading shape,
``.query(cypher, params) -> (columns, rows)`` (a read session unless ``write=True``: the server
refuses a write in it), so named queries and lookups run unchanged on it, and ``.push(kg)`` writes a
KnowledgeGraph: uniqueness constraints from the schema, then, per label and per edge type, only what
the server lacks or holds differently, in batched ``UNWIND $rows`` transactions. Labels and property
names are the embedded store's: sources are the parallel lists ``source_articles``,
``source_sentence_ids``, ``source_starts``, ``source_zones``, ``source_statuses`` (Neo4j has no nested
maps), the sentences nodes labelled ``Sentence`` (each once, by id, as in the embedded store), dates
are Neo4j dates. Pushing the same graph twice writes nothing the second time.

The URI is never shown with a password in it (``govkg.redact``), and one carrying credentials is
refused: the password comes from the caller (the CLI reads ``NEO4J_PASSWORD``), never from a
command line.

The driver is imported on first use: it costs most of a second.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterator

from govkg.graph.rows import edge_properties, group_edges, group_nodes, node_properties
from govkg.graph.schema import schema
from govkg.graph.store import StoreError
from govkg.redact import redact_uri


BOLT_SCHEMES = ("neo4j", "bolt", "neo4j+s", "bolt+s", "neo4j+ssc", "bolt+ssc")


class Neo4jStoreError(StoreError):
    """The server cannot be reached, refuses the credentials, or has no such database (one line)."""


def _batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore:
    """A govkg graph on a Neo4j server."""

    def __init__(self, uri: str, user: str = "neo4j", password: str | None = None,
                 database: str | None = "neo4j") -> None:
        self.uri = redact_uri(uri)  # what messages show: never a password
        self._uri = uri
        self.user = user
        self._password = password
        self.database = database or None
        self._driver = None

    def __repr__(self) -> str:  # never shows the password
        return f"Neo4jStore({self.uri!r}, user={self.user!r}, database={self.database!r})"

    # -- connection --------------------------------------------------------------------------
    def driver(self):
        """The driver, connected and checked (Neo4jStoreError with one line if that fails)."""
        if self._driver is None:
            scheme = self._uri.split("://", 1)[0].lower() if "://" in self._uri else ""
            if scheme not in BOLT_SCHEMES:
                raise Neo4jStoreError(f"not a usable Neo4j URI '{self.uri}': use "
                                      f"{', '.join(s + '://' for s in BOLT_SCHEMES[:4])}... host:port")
            if _has_userinfo(self._uri):
                raise Neo4jStoreError(f"the Neo4j URI '{self.uri}' carries credentials: give the user with "
                                      f"--user and the password in NEO4J_PASSWORD, never on the command line")
            import neo4j

            try:
                # notifications off: a label the graph does not have yet is not a warning for the user
                drv = neo4j.GraphDatabase.driver(self._uri, auth=(self.user, self._password or ""),
                                                 notifications_min_severity="OFF")
            except (ValueError, ImportError, neo4j.exceptions.ConfigurationError) as e:
                raise Neo4jStoreError(f"not a usable Neo4j URI '{self.uri}': {_line(e)}") from None
            try:
                drv.verify_connectivity()
            except Exception as e:
                drv.close()
                raise self._connection_error(e) from None
            self._driver = drv
        return self._driver

    def _connection_error(self, e: Exception) -> Exception:
        from neo4j import exceptions as ex

        if isinstance(e, ex.AuthError):
            return Neo4jStoreError(f"Neo4j at {self.uri} refused user '{self.user}' with the password in "
                                   f"NEO4J_PASSWORD")
        if isinstance(e, (ex.ServiceUnavailable, ex.SessionExpired, OSError)):
            return Neo4jStoreError(f"cannot reach Neo4j at {self.uri}: {_line(e)}")
        if isinstance(e, ex.Neo4jError) and "DatabaseNotFound" in (e.code or ""):
            return Neo4jStoreError(f"Neo4j at {self.uri} has no database '{self.database}'")
        if isinstance(e, ex.DriverError | ex.Neo4jError):
            return Neo4jStoreError(f"Neo4j at {self.uri}: {_line(e)}")
        return e

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def exists(self) -> bool:
        return True

    # -- reading -----------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None,
              write: bool = False) -> tuple[list[str], list[list]]:
        """Run a Cypher query with parameters in a read transaction (a write one if ``write``);
        return column names and rows with plain Python values (dates as ``datetime.date``)."""
        import neo4j
        from neo4j import exceptions as ex

        from govkg.queries.runner import QueryError

        drv = self.driver()
        try:
            res = drv.execute_query(
                cypher, parameters_=params or {}, database_=self.database,
                routing_=neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ,
            )
        except ex.Neo4jError as e:
            if "DatabaseNotFound" in (e.code or "") or isinstance(e, ex.AuthError):
                raise self._connection_error(e) from None
            if "AccessMode" in (e.code or "") or "read access mode" in (e.message or "").lower():
                raise QueryError("the query writes; add --write to allow it") from None
            raise QueryError(f"{_line(e.message or str(e))} [{e.code}]") from None
        except (ex.ServiceUnavailable, ex.SessionExpired) as e:
            raise self._connection_error(e) from None
        return list(res.keys), [[plain(v) for v in r.values()] for r in res.records]

    # -- writing -----------------------------------------------------------------------------
    def push(self, kg, batch_size: int = 10000, progress: Callable[[int], None] | None = None,
             workers: int = 2) -> dict:
        """Write ``kg`` to the server; a push costs what is new or changed.

        First the uniqueness constraints (one per label, on ``id``; waiting until their indexes are
        online). Then, per label and per edge type and pair of labels, it reads what the server
        already holds (ids and properties) and writes, in batched ``UNWIND $rows`` transactions, only
        the rows that differ: ``CREATE`` for nodes and edges the server lacks, ``SET +=`` for those
        whose properties changed (a schema property the store no longer has is removed; properties
        the server's users added are kept). Nothing is deleted. Pushing the same graph twice writes
        nothing the second time. All nodes are written before any edge; ``workers`` sessions write
        batches at once while this thread prepares the next rows.

        Returns the counts: ``nodes``/``edges`` (rows per label/type), ``nodes_created``,
        ``relationships_created``, ``nodes_updated``, ``relationships_updated``, ``sentences``
        (``{"Sentence": rows}``), ``sentences_created``, ``sentences_updated``,
        ``constraints_added``, and ``seconds``, where the time went: ``prepare`` (rows built and
        compared in Python), ``read`` (what the server holds), ``write`` (waiting for the write
        transactions once everything else was done), and ``server`` (the server's own time running
        the write statements, as it reports it, summed over the sessions), and the wall time of the
        two phases: ``nodes`` (until every node is written) and ``edges`` (the rest). ``progress(n)``
        is called as rows are dealt with.
        """
        from concurrent.futures import ThreadPoolExecutor
        from neo4j import exceptions as ex

        sch = schema()
        summary = {"nodes": {}, "edges": {}, "sentences": {}, "nodes_created": 0, "relationships_created": 0,
                   "nodes_updated": 0, "relationships_updated": 0, "sentences_created": 0, "sentences_updated": 0,
                   "constraints_added": 0,
                   "seconds": {"prepare": 0.0, "read": 0.0, "write": 0.0, "server": 0.0}}
        secs = summary["seconds"]
        drv = self.driver()
        tick = time.perf_counter
        local = threading.local()
        sessions: list = []
        lock = threading.Lock()

        def session():
            if not hasattr(local, "s"):
                local.s = drv.session(database=self.database)
                with lock:
                    sessions.append(local.s)
            return local.s

        def write_batch(cypher: str, batch: list[dict], counter: str):
            res = session().execute_write(_run_write, cypher, batch)
            n = getattr(res.counters, counter)
            if counter != "properties_set" and n != len(batch):
                raise Neo4jStoreError(f"Neo4j at {self.uri} created {n} of {len(batch)} rows of "
                                      f"'{cypher[:70]}...': the database changed during the push")
            return len(batch), ((res.result_available_after or 0) + (res.result_consumed_after or 0)) / 1000

        pending: list = []

        def submit(pool, cypher: str, rows: list[dict], counter: str) -> None:
            for batch in _batches(rows, batch_size):
                pending.append(pool.submit(write_batch, cypher, batch, counter))

        def collect(wait_all: bool) -> None:
            # results of finished batches (all of them when wait_all), in submission order
            t = tick()
            while pending and (wait_all or pending[0].done()):
                n, server = pending.pop(0).result()
                secs["server"] += server
                if progress:
                    progress(n)
            if wait_all:
                secs["write"] += tick() - t

        def plan(s, what: dict, cypher_read: str | None, key_of, create: str, update: str, counter: str,
                 pool) -> tuple:
            t = tick()
            held = {key_of(r): r[-1] for r in s.execute_read(_read_all, cypher_read)} if cypher_read else {}
            secs["read"] += tick() - t
            t = tick()
            new, changed = _diff(what, held, key_prop="id" if counter == "nodes_created" else None)
            secs["prepare"] += tick() - t
            if progress and len(what) > len(new) + len(changed):
                progress(len(what) - len(new) - len(changed))
            submit(pool, create, new, counter)
            submit(pool, update, changed, "properties_set")
            return len(new), len(changed)

        t_start = tick()
        try:
            with drv.session(database=self.database) as s, ThreadPoolExecutor(max(1, workers)) as pool:
                try:
                    for c in sch.neo4j_constraints():
                        summary["constraints_added"] += s.run(c).consume().counters.constraints_added
                    s.run("CALL db.awaitIndexes(300)").consume()
                    t = tick()
                    counts = dict(s.execute_read(_read_all, _count_query(sch)))  # from the count store: instant
                    secs["read"] += tick() - t

                    t = tick()
                    by_label = group_nodes(kg)
                    secs["prepare"] += tick() - t
                    for label in sch.tables:
                        t = tick()
                        wanted = {n: node_properties(d, label) for n, d in by_label.get(label, [])}
                        secs["prepare"] += tick() - t
                        sentences = label == sch.sentence.label
                        summary["sentences" if sentences else "nodes"][label] = len(wanted)
                        if wanted:
                            created, updated = plan(
                                s, wanted, f"MATCH (n:{label}) RETURN n.id AS k, properties(n) AS p"
                                if counts.get(label) else None, lambda r: r[0],
                                f"UNWIND $rows AS r CREATE (n:{label}) SET n = r.props",
                                f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET n += r.props",
                                "nodes_created", pool)
                            summary["sentences_created" if sentences else "nodes_created"] += created
                            summary["sentences_updated" if sentences else "nodes_updated"] += updated
                        collect(False)

                    t = tick()
                    by_type = group_edges(kg)
                    edge_rows = []
                    for etype in sch.edges:
                        summary["edges"][etype] = 0
                        for (a, b), es in sorted(by_type.get(etype, {}).items()):
                            wanted = {(u, v): edge_properties(d, etype) for u, v, d in es}
                            summary["edges"][etype] += len(wanted)
                            edge_rows.append((etype, a, b, wanted))
                            collect(False)
                    secs["prepare"] += tick() - t
                    collect(True)  # every node is written before the first edge
                    secs["nodes"] = tick() - t_start

                    for etype, a, b, wanted in edge_rows:
                        created, updated = plan(
                            s, wanted, f"MATCH (a:{a})-[e:{etype}]->(b:{b}) RETURN a.id, b.id, properties(e)"
                            if counts.get(etype) else None, lambda r: (r[0], r[1]),
                            f"UNWIND $rows AS r MATCH (a:{a} {{id: r.from}}) MATCH (b:{b} {{id: r.to}}) "
                            f"CREATE (a)-[e:{etype}]->(b) SET e = r.props",
                            f"UNWIND $rows AS r MATCH (a:{a} {{id: r.from}})-[e:{etype}]->(b:{b} {{id: r.to}}) "
                            f"SET e += r.props",
                            "relationships_created", pool)
                        summary["relationships_created"] += created
                        summary["relationships_updated"] += updated
                        collect(False)
                    collect(True)
                    secs["edges"] = tick() - t_start - secs["nodes"]
                finally:
                    for f in pending:
                        f.cancel()
                    pool.shutdown(wait=True)
                    for ws in sessions:
                        ws.close()
        except (ex.ServiceUnavailable, ex.SessionExpired, ex.AuthError) as e:
            raise self._connection_error(e) from None
        except ex.Neo4jError as e:
            raise Neo4jStoreError(f"Neo4j at {self.uri} refused the push: {_line(e.message or str(e))} "
                                  f"[{e.code}]") from None
        return summary

    def push_size(self, kg) -> int:
        """How many rows ``push`` sends (for a progress bar)."""
        from govkg.graph.rows import sentence_rows

        return kg.g.number_of_nodes() + kg.g.number_of_edges() + len(sentence_rows(d for _, _, d in kg.g.edges(data=True)))


def _count_query(sch) -> str:
    """One query giving the number of nodes per label and of edges per type (Neo4j's count store)."""
    parts = [f"MATCH (n:{lb}) RETURN '{lb}' AS k, count(n) AS c" for lb in sch.tables]
    parts += [f"MATCH ()-[e:{et}]->() RETURN '{et}' AS k, count(e) AS c" for et in sch.edges]
    return " UNION ALL ".join(parts)


def _run_write(tx, cypher: str, rows: list[dict]):
    return tx.run(cypher, rows=rows).consume()


def _read_all(tx, cypher: str) -> list[tuple]:
    return [tuple(r.values()) for r in tx.run(cypher)]


def _diff(wanted: dict, held: dict, key_prop: str | None = None) -> tuple[list[dict], list[dict]]:
    """The rows to create (keys the server lacks) and to update (properties differ) for ``wanted``
    ({key: properties}, every schema column, None when absent) against ``held`` ({key: the
    server's properties}). Node keys are ids (``key_prop`` 'id'); edge keys are (from, to)."""
    new, changed = [], []
    for k, props in wanted.items():
        have = held.get(k)
        stored = {p: v for p, v in props.items() if v is not None}
        if key_prop:
            stored[key_prop] = k
        if have is None:
            new.append(_row(k, stored, key_prop))
        elif any(plain(have.get(p)) != v for p, v in stored.items()) or \
                any(have.get(p) is not None for p, v in props.items() if v is None):
            changed.append(_row(k, props, key_prop))
    return new, changed


def _row(k, props: dict, key_prop: str | None) -> dict:
    if key_prop:
        return {"id": k, "props": props}
    return {"from": k[0], "to": k[1], "props": props}


def _has_userinfo(uri: str) -> bool:
    """Whether ``uri`` names a user (and maybe a password) before its host.

    >>> _has_userinfo("bolt://neo4j:pw@127.0.0.1:7687"), _has_userinfo("neo4j://127.0.0.1:7687/x@y")
    (True, False)
    """
    return "@" in uri.partition("://")[2].partition("/")[0]


def plain(v: Any) -> Any:
    """A driver value as plain Python: neo4j dates to datetime.date, nodes and relationships to dicts."""
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    to_native = getattr(v, "to_native", None)
    if to_native is not None:
        return to_native()
    from neo4j import graph as g

    if isinstance(v, g.Node):
        return {"_label": next(iter(v.labels), None), **{k: plain(x) for k, x in v.items()}}
    if isinstance(v, g.Relationship):
        return {"_type": v.type, "_start": v.start_node.get("id") if v.start_node else None,
                "_end": v.end_node.get("id") if v.end_node else None, **{k: plain(x) for k, x in v.items()}}
    if isinstance(v, g.Path):
        return {"nodes": [plain(n) for n in v.nodes], "relationships": [plain(r) for r in v.relationships]}
    return v


def _line(e: Any) -> str:
    s = str(e)
    for line in s.splitlines():
        if line.strip():
            return line.strip()
    return s.strip() or type(e).__name__
