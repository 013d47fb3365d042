"""Nothing let out: SPARQL that would reach another machine makes no request, no secret appears in any
output, Cypher parameters fail in one clear line, and the README's examples run as written."""

from __future__ import annotations

import re
import shlex
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cli_helpers import one_line_error, run
from govkg.commands.cypher import write_clause
from govkg.graph import rdf

README = Path(__file__).parents[1] / "README.md"


class Listener:
    """A loopback TCP port that records every connection made to it (and closes it at once)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(1)
            try:
                self.seen.append(conn.recv(200))
            except OSError:
                self.seen.append(b"")
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    ears = Listener()
    yield ears
    ears.close()


REMOTE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",  # a codepoint escape
    "SELECT * { ?s ?p ?o } # a comment ends at a carriage return\rSERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c }",
    "SELECT * { ?s org:headOf<http://x/y>SERVICE<http://127.0.0.1:{port}/x>{ ?a ?b ?c } }",
    "SELECT * FROM <http://127.0.0.1:{port}/graph> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/graph> WHERE { GRAPH ?g { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", REMOTE_QUERIES)
def test_sparql_that_would_reach_another_machine_makes_no_request(seed_store, listener, query):
    q = query.replace("{port}", str(listener.port))
    line = one_line_error(run("sparql", q, db=str(seed_store)), 2)
    assert ("SERVICE" in line or "FROM" in line) and "--allow-remote" in line
    g = rdf.new_graph(fast=False)  # rdflib's own engine, which fetches FROM graphs and SERVICE over HTTP
    with pytest.raises(rdf.RdfError):
        rdf.sparql(g, q)
    listener.close()
    assert listener.seen == []


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a/b> <http://a/c> 1 }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
    "LOAD <http://127.0.0.1:{port}/data.ttl>", "DROP GRAPH <http://a/g>",
])
def test_sparql_updates_are_refused_as_updates(seed_store, listener, update):
    line = one_line_error(run("sparql", update.replace("{port}", str(listener.port)), db=str(seed_store)), 2)
    assert "updates are not allowed" in line and "expected" not in line
    listener.close()
    assert listener.seen == []


@pytest.mark.parametrize("command", [["sparql", "SELECT * { ?s ?p ?o }", "--from"], ["validate"], ["import-rdf"]])
def test_an_rdf_file_with_a_remote_context_makes_no_request(tmp_path, listener, command):
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": ["http://127.0.0.1:%d/context.jsonld"], "@id": "http://a/b", "name": "x"}'
                   % listener.port, "utf-8")
    extra = ["--db", str(tmp_path / "db")] if command == ["import-rdf"] else []
    line = one_line_error(run(*command, str(doc), *extra))
    assert "context" in line  # refused, by govkg or (import-rdf, through Oxigraph) by the parser itself
    listener.close()
    assert listener.seen == []


def test_the_listener_would_have_heard_a_request(seed_store, listener):
    """With --allow-remote the engine does connect: the tests above could fail."""
    q = REMOTE_QUERIES[0].replace("{port}", str(listener.port))
    r = run("sparql", q, "--allow-remote", db=str(seed_store))
    listener.close()
    assert listener.seen and listener.seen[0].startswith((b"POST", b"GET")), listener.seen
    assert r.exit_code != 0 and "Traceback" not in r.output  # the server hung up: one line, no traceback


def test_ordinary_sparql_still_runs(seed_store):
    r = run("sparql", "SELECT ?service WHERE { ?service a org:Post } LIMIT 1 # SERVICE FROM", "--format", "json",
            db=str(seed_store))
    assert r.exit_code == 0 and "service" in r.stdout


# ------------------------------------------------------------------------------------------------
# Secrets


SECRET = "hunter2-s3cret"


@pytest.mark.parametrize("args", [
    ["who-leads", "UBND TP Cần Thơ", "--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:9"],
    ["roles", "Trần Việt Trường", "--neo4j", f"neo4j://admin:{SECRET}@127.0.0.1:9"],
    ["cypher", "RETURN 1", "--neo4j", f"bolt://u:{SECRET}@127.0.0.1:9"],
    ["query", "who_leads", "-p", 'agency_ids=["x"]', "--neo4j", f"bolt+s://u:{SECRET}@127.0.0.1:9"],
    ["push", "--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:9"],
    ["push", "--neo4j", "bolt://127.0.0.1:9"],  # the password only in the environment
    ["cypher", "RETURN 1", "--neo4j", "neo4j://127.0.0.1:9"],
])
def test_no_secret_appears_in_any_output(seed_store, monkeypatch, args):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    r = run(*args, db=str(seed_store))
    assert SECRET not in r.output and SECRET not in r.stderr
    one_line_error(r)


def test_redaction_masks_userinfo_and_secret_values():
    from govkg.redact import redact

    assert redact("at bolt://neo4j:p@ss@host:7687/db: refused", secrets=()) == "at bolt://neo4j:***@host:7687/db: refused"
    assert redact("no user here bolt://host:7687", secrets=()) == "no user here bolt://host:7687"
    assert redact("the password was longpassword", secrets=("longpassword",)) == "the password was ***"


# ------------------------------------------------------------------------------------------------
# Cypher parameters: one clear line, no engine internals, no stored value


@pytest.mark.parametrize("param, says", [
    ("x=99999999999999999999999", "does not fit in a 64-bit integer"),
    ("x:int=-99999999999999999999999", "does not fit in a 64-bit integer"),
    ("x=1e999", "not a finite number"),
    ("x:float=-inf", "not a finite number"),
    ("x:float=nan", "not a finite number"),
])
def test_parameters_the_engine_cannot_take_are_refused_first(seed_store, param, says):
    line = one_line_error(run("cypher", "MATCH (p:Person) WHERE p.id = $x RETURN p.name", "-p", param,
                              db=str(seed_store)), 2)
    assert says in line and "pybind11" not in line


def test_an_unused_parameter_is_an_error(seed_store):
    line = one_line_error(run("cypher", "MATCH (p:Person) RETURN p.name", "-p", "y=3", db=str(seed_store)), 2)
    assert "-p y is not used" in line


@pytest.mark.parametrize("value", ["1.5", "15", "true"])
def test_a_type_mismatch_names_the_type_not_the_stored_value(seed_store, seed_graph, value):
    line = one_line_error(run("cypher", "MATCH (p:Person) WHERE p.name = $x RETURN p.name", "-p", f"x={value}",
                              db=str(seed_store)))
    assert "could not be converted" in line or "not" in line
    for _, d in seed_graph.nodes("Person"):
        assert d["name"] not in line


def test_a_write_word_used_as_a_name_is_not_a_write():
    assert write_clause("MATCH (n) WITH n AS create RETURN create, create.set AS delete") is None
    assert write_clause("MATCH (n) RETURN n.create, {merge: 1} AS m, `create`") is None
    assert write_clause("MATCH (n) WITH * SET n.x = 1") == "SET at line 1, column 18"
    assert write_clause("MATCH (n) WITH n ORDER BY n.x DESC SET n.y = 1") is not None
    assert write_clause("CALL { CREATE (n) }") is not None
    assert write_clause("UNWIND [1] AS create CREATE (n)") is not None


# ------------------------------------------------------------------------------------------------
# The README's examples run as written


def test_the_readme_cypher_example_runs_as_written(seed_store):
    """Through a real shell, as a reader pastes it."""
    line = next(x for x in README.read_text("utf-8").splitlines() if x.startswith("govkg cypher "))
    command = line.split("  #")[0].replace("govkg ", f"{shlex.quote(sys.executable)} -m govkg.cli ", 1)
    r = subprocess.run(["bash", "-c", f"{command} --db {shlex.quote(str(seed_store))}"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "Trần Việt Trường" in r.stdout


def test_the_readme_documents_the_exit_statuses():
    text = README.read_text("utf-8")
    for status in ("`3`", "`4`", "--wait"):
        assert status in text
    assert re.search(r"exit", text, re.I)
