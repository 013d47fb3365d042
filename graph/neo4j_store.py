"""A govkg graph on a Neo4j 5 server, through the official driver.

``Neo4jStore(uri, user, password, database)`` has the embedded store's reading shape,
``.query(cypher, params) -> (columns, rows)`` (read-only unless ``write=True``), so named queries and
lookups run unchanged on it, and ``.push(kg)`` writes a KnowledgeGraph: uniqueness constraints from
the schema, then nodes per label and edges per type in batched ``UNWIND $rows ... MERGE ... SET``
transactions. Labels and property names are the embedded store's: sources are the parallel lists
``source_articles``, ``source_sentences``, ``source_starts``, ``source_zones`` (Neo4j has no nested
maps), dates are Neo4j dates. Pushing the same graph twice changes nothing.

The driver is imported on first use: it costs most of a second.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from govkg.graph.rows import edge_properties, group_edges, group_nodes, node_properties
from govkg.graph.schema import schema
from govkg.graph.store import StoreError


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
        self.uri = uri
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
            scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
            if scheme not in BOLT_SCHEMES:
                raise Neo4jStoreError(f"not a usable Neo4j URI '{self.uri}': use "
                                      f"{', '.join(s + '://' for s in BOLT_SCHEMES[:4])}... host:port")
            import neo4j

            try:
                drv = neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self._password or ""))
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
    def push(self, kg, batch_size: int = 5000, progress: Callable[[int], None] | None = None) -> dict:
        """Write ``kg`` to the server: constraints, then nodes per label and edges per type in batched
        MERGE transactions. Returns counts: nodes and edges sent per label/type, and what the
        server created. ``progress(n)`` is called after each batch with the number of rows sent."""
        from neo4j import exceptions as ex

        sch = schema()
        summary = {"nodes": {}, "edges": {}, "nodes_created": 0, "relationships_created": 0,
                   "properties_set": 0, "constraints_added": 0}
        drv = self.driver()

        def run(tx, cypher, rows):
            return tx.run(cypher, rows=rows).consume().counters

        try:
            with drv.session(database=self.database) as s:
                for c in sch.neo4j_constraints():
                    summary["constraints_added"] += s.run(c).consume().counters.constraints_added
                by_label = group_nodes(kg)
                for label in sch.nodes:
                    rows = [{"id": n, "props": node_properties(d, label)} for n, d in by_label.get(label, [])]
                    summary["nodes"][label] = len(rows)
                    cypher = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props"
                    for batch in _batches(rows, batch_size):
                        cnt = s.execute_write(run, cypher, batch)
                        summary["nodes_created"] += cnt.nodes_created
                        summary["properties_set"] += cnt.properties_set
                        if progress:
                            progress(len(batch))
                by_type = group_edges(kg)
                for etype in sch.edges:
                    by_pair = {pair: [{"from": u, "to": v, "props": edge_properties(d, etype)} for u, v, d in es]
                               for pair, es in by_type.get(etype, {}).items()}
                    summary["edges"][etype] = sum(len(r) for r in by_pair.values())
                    for (a, b), rows in sorted(by_pair.items()):
                        cypher = (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.from}}) MATCH (b:{b} {{id: r.to}}) "
                                  f"MERGE (a)-[e:{etype}]->(b) SET e += r.props")
                        for batch in _batches(rows, batch_size):
                            cnt = s.execute_write(run, cypher, batch)
                            summary["relationships_created"] += cnt.relationships_created
                            summary["properties_set"] += cnt.properties_set
                            if progress:
                                progress(len(batch))
        except (ex.ServiceUnavailable, ex.SessionExpired, ex.AuthError) as e:
            raise self._connection_error(e) from None
        except ex.Neo4jError as e:
            raise Neo4jStoreError(f"Neo4j at {self.uri} refused the push: {_line(e.message or str(e))} "
                                  f"[{e.code}]") from None
        return summary

    def push_size(self, kg) -> int:
        """How many rows ``push`` sends (for a progress bar)."""
        return kg.g.number_of_nodes() + kg.g.number_of_edges()


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
