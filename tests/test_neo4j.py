"""Neo4j: integration tests against a real Neo4j 5 server when NEO4J_URI and NEO4J_PASSWORD are set
(NEO4J_USER, default neo4j; NEO4J_DATABASE, default neo4j, which must be empty: the tests push the
sample graph there and remove what they pushed at the end). Without them those tests are skipped.

The tests without a server check what needs none: the properties sent match the embedded store's,
and connection failures (a real driver against a closed port) and a missing password are one line.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import date

import pytest
from click.testing import CliRunner

from graph_fixture import build_seed_graph, hand_store
from govkg.cli import main
from govkg.graph.neo4j_store import Neo4jStore, Neo4jStoreError, edge_properties, node_properties
from govkg.graph.schema import schema
from govkg.graph.store import EmbeddedStore

URI = os.environ.get("NEO4J_URI")
PASSWORD = os.environ.get("NEO4J_PASSWORD")
USER = os.environ.get("NEO4J_USER", "neo4j")
DATABASE = os.environ.get("NEO4J_DATABASE", "neo4j")

needs_server = pytest.mark.skipif(
    not (URI and PASSWORD),
    reason="no Neo4j server given: set NEO4J_URI and NEO4J_PASSWORD (and NEO4J_DATABASE, an empty database) "
           "to run the Neo4j integration tests",
)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once closed: nothing listens there


# -- without a server ---------------------------------------------------------------------------------

def test_properties_match_the_embedded_store(tmp_path_factory):
    kg = build_seed_graph()
    store = EmbeddedStore(hand_store(tmp_path_factory))
    sch = schema()
    try:
        for label in ("Person", "Agency", "Resolution", "Event"):
            cols = sch.node_columns(label)
            ret = ", ".join(f"n.{c}" for c in cols)
            _, rows = store.query(f"MATCH (n:{label}) RETURN {ret}")
            stored = {r[0]: dict(zip(cols[1:], r[1:])) for r in rows}
            for n, d in kg.nodes(label):
                sent = node_properties(d, label)
                assert set(sent) == set(cols[1:])
                assert {k: v for k, v in sent.items() if v not in (None, [])} == \
                       {k: v for k, v in stored[n].items() if v not in (None, [])}
        cols = sch.edge_columns("HOLDS")
        _, rows = store.query("MATCH (a:Person)-[e:HOLDS]->(b:Role) RETURN a.id, b.id, "
                              + ", ".join(f"e.{c}" for c in cols))
        stored = {(r[0], r[1]): dict(zip(cols, r[2:])) for r in rows}
        for u, v, d in kg.edges("HOLDS"):
            assert edge_properties(d, "HOLDS") == stored[(u, v)]
    finally:
        store.close()


def test_edge_properties_are_flat_and_typed():
    kg = build_seed_graph()
    u, v, d = next(kg.edges("HOLDS"))
    props = edge_properties(d, "HOLDS")
    assert isinstance(props["as_of"], date) and isinstance(props["confidence"], float)
    assert all(isinstance(x, str) for x in props["source_sentences"])
    assert len(props["source_articles"]) == len(props["source_starts"]) == len(props["source_statuses"])
    assert not any(isinstance(x, dict) for x in props.values())


def test_unreachable_server_is_one_line():
    store = Neo4jStore(f"bolt://127.0.0.1:{_closed_port()}", "neo4j", "secret", "neo4j")
    with pytest.raises(Neo4jStoreError) as e:
        store.query("RETURN 1")
    assert "cannot reach Neo4j" in str(e.value) and "\n" not in str(e.value)
    assert "secret" not in str(e.value) and "secret" not in repr(store)


def test_bad_uri_is_one_line():
    with pytest.raises(Neo4jStoreError, match="not a usable Neo4j URI"):
        Neo4jStore("http://example.invalid:7474", "neo4j", "x").query("RETURN 1")


@pytest.mark.parametrize("args", [
    ["who-leads", "UBND TP Cần Thơ"], ["roles", "--all"], ["search", "x"], ["chain", "59-NQ/TW"],
    ["cypher", "RETURN 1"], ["query", "stats_nodes"], ["push"],
])
def test_cli_neo4j_failures_are_one_line(monkeypatch, tmp_path_factory, args):
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    db = str(hand_store(tmp_path_factory))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    r = CliRunner().invoke(main, args + ["--neo4j", uri, "--db", db], catch_exceptions=False)
    assert r.exit_code != 0 and "NEO4J_PASSWORD" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    monkeypatch.setenv("NEO4J_PASSWORD", "not-printed")
    r = CliRunner().invoke(main, args + ["--neo4j", uri, "--db", db], catch_exceptions=False)
    assert r.exit_code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach Neo4j" in lines[0], r.stderr
    assert "not-printed" not in r.output and "Traceback" not in r.output


def test_password_is_never_an_option():
    for cmd in ("push", "cypher", "who-leads", "roles", "chain", "search", "query"):
        r = CliRunner().invoke(main, [cmd, "--help"])
        assert "--password" not in r.output and "NEO4J_PASSWORD" in r.output


# -- against a real server -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    store = Neo4jStore(URI, USER, PASSWORD, DATABASE)
    _, rows = store.query("MATCH (n) RETURN count(n) AS n")
    if rows[0][0]:
        store.close()
        pytest.skip(f"Neo4j database '{DATABASE}' at {URI} is not empty; point NEO4J_DATABASE at an empty one")
    yield store
    ids = [n for n in build_seed_graph().g.nodes]
    store.query("UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n", {"ids": ids}, write=True)
    store.close()


@pytest.fixture(scope="module")
def pushed(server):
    kg = build_seed_graph()
    first = server.push(kg, batch_size=7)
    return kg, first


def _counts(store):
    from govkg.queries.runner import run_records

    nodes = {r["label"]: r["count"] for r in run_records(store, "stats_nodes") if r["count"]}
    edges = {r["type"]: r["count"] for r in run_records(store, "stats_edges") if r["count"]}
    return nodes, edges


@needs_server
def test_push_twice_changes_nothing(server, pushed):
    kg, first = pushed
    assert first["nodes_created"] == kg.g.number_of_nodes()
    assert first["relationships_created"] == kg.g.number_of_edges()
    before = _counts(server)
    assert before == (kg.stats()["nodes"], kg.stats()["edges"])
    second = server.push(kg, batch_size=1000)
    assert second["nodes_created"] == 0 and second["relationships_created"] == 0
    assert _counts(server) == before
    _, rows = server.query("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert {r[0][0] for r in rows} >= set(schema().nodes)


def _normal(rows):
    def norm(v):
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, list):
            return tuple(norm(x) for x in v)
        return v
    return sorted((tuple(norm(v) for v in r) for r in rows), key=repr)


@needs_server
def test_every_named_query_gives_the_embedded_answers(server, pushed, tmp_path_factory):
    from govkg.queries.runner import list_queries, run_query
    from test_queries import params_for

    embedded = EmbeddedStore(hand_store(tmp_path_factory))
    try:
        params = params_for(embedded)
        for q in list_queries():
            ecols, erows = run_query(embedded, q.name, params[q.name])
            ncols, nrows = run_query(server, q.name, params[q.name])
            assert ncols == ecols, q.name
            assert _normal(nrows) == _normal(erows), q.name
    finally:
        embedded.close()


@needs_server
def test_cli_on_neo4j(server, pushed, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    base = ["--neo4j", URI, "--user", USER, "--database", DATABASE]
    r = CliRunner().invoke(main, ["who-leads", "UBND TP Cần Thơ", "--format", "json"] + base)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["person"] == "Trần Việt Trường"
    r = CliRunner().invoke(main, ["chain", "59-NQ/TW", "--format", "json"] + base)
    tree = json.loads(r.stdout)
    assert [c["name"] for c in tree["children"] if c["relation"] == "issued_by"] == ["Bộ Chính trị"]
    r = CliRunner().invoke(main, ["cypher", "MATCH (n) DETACH DELETE n"] + base)
    assert r.exit_code == 2 and "--write" in r.stderr
    r = CliRunner().invoke(main, ["cypher", "MATCH (p:Person) WHERE p.name = $n RETURN count(p) AS c",
                                  "-p", "n=}) MATCH (n) DETACH DELETE n //", "--format", "json"] + base)
    assert json.loads(r.stdout) == [{"c": 0}]
    assert _counts(server)[0]["Person"] == 9


@needs_server
def test_cli_push(server, pushed, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    db = str(hand_store(tmp_path_factory))
    r = CliRunner().invoke(main, ["push", "--neo4j", URI, "--user", USER, "--database", DATABASE, "--db", db])
    assert r.exit_code == 0, r.stderr
    assert "(0 new)" in r.stdout and PASSWORD not in r.output
