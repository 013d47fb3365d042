"""``govkg cypher``, ``govkg queries`` and ``govkg query``: typed parameters, read-only by default,
values that can never change a query's meaning, one-line errors."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from graph_fixture import hand_store
from cli_helpers import ok, one_line_error, run
from govkg.commands.cypher import ParamError, parse_param, referenced_params, write_clause
from govkg.graph.store import EmbeddedStore
from govkg.queries.runner import QueryError, execute, list_queries

COUNT = "MATCH (n) RETURN count(n) AS n"


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return str(hand_store(tmp_path_factory))


@pytest.fixture
def scratch(hand, tmp_path):
    """A copy of the hand-built store that a test may change."""
    dst = tmp_path / "store"
    shutil.copytree(hand, dst)
    return str(dst)




def count(db) -> int:
    return json.loads(ok("cypher", COUNT, "--format", "json", db=db))[0]["n"]


def counts(db) -> dict:
    return json.loads(ok("stats", "--format", "json", db=db))


# -- parameters ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec,expected", [
    ("n=42", ("n", 42)), ("n=-7", ("n", -7)), ("x=4.5", ("x", 4.5)), ("x=1e3", ("x", 1000.0)),
    ("b=true", ("b", True)), ("b=False", ("b", False)), ("z=null", ("z", None)),
    ("d=2024-05-28", ("d", date(2024, 5, 28))), ("l=[1,2]", ("l", [1, 2])), ('l=["a","b"]', ("l", ["a", "b"])),
    ('m={"a": 1}', ("m", {"a": 1})), ("s=hello world", ("s", "hello world")), ("s=03-CTr/TU", ("s", "03-CTr/TU")),
    ("s=0123", ("s", "0123")), ("s:str=42", ("s", "42")), ("s:str=2024-05-28", ("s", "2024-05-28")),
    ("s:string=true", ("s", "true")), ("n:int=7", ("n", 7)), ("f:float=7", ("f", 7.0)),
    ("d:date=2024-01-31", ("d", date(2024, 1, 31))), ("j:json=[\"x\"]", ("j", ["x"])), ("e=", ("e", "")),
    ("$n=1", ("n", 1)), ("q=a=b", ("q", "a=b")),
])
def test_parse_param(spec, expected):
    assert parse_param(spec) == expected


@pytest.mark.parametrize("spec", ["noequals", "bad name=1", "n:int=x", "d:date=2024-13-01", "l=[1,", "t:weird=1",
                                  "b:bool=yes"])
def test_parse_param_errors(spec):
    with pytest.raises(ParamError):
        parse_param(spec)


def test_typed_params_reach_the_engine(hand):
    rows = json.loads(ok("cypher", "RETURN $a AS a, $b AS b, $c AS c, $d AS d, $e AS e, $f AS f, $g AS g",
                         "-p", "a=1", "-p", "b=2.5", "-p", "c=true", "-p", "d=null", "-p", "e=2024-05-28",
                         "-p", 'f=["x","y"]', "-p", "g:str=42", "--format", "json", db=hand))
    assert rows == [{"a": 1, "b": 2.5, "c": True, "d": None, "e": "2024-05-28", "f": ["x", "y"], "g": "42"}]
    rows = json.loads(ok("cypher", "MATCH (e:Event) WHERE e.date >= $since RETURN e.kind AS kind ORDER BY kind",
                         "-p", "since=2024-01-01", "--format", "json", db=hand))
    assert [r["kind"] for r in rows] == ["meeting", "working session"]  # a date parameter compares as a date
    rows = json.loads(ok("cypher", "MATCH (p:Person) WHERE p.folded IN $names RETURN p.name AS name",
                         "-p", 'names=["nguyen van hieu","tran viet truong"]', "--format", "json", db=hand))
    assert {r["name"] for r in rows} == {"Nguyễn Văn Hiếu", "Trần Việt Trường"}


def test_bad_param_is_one_line(hand):
    one_line_error(run("cypher", "RETURN $n", "-p", "n:int=x", db=hand), 2)
    msg = one_line_error(run("cypher", "MATCH (p:Person) WHERE p.name = $who RETURN p", db=hand), 2)
    assert "$who" in msg


def test_referenced_params():
    assert referenced_params("MATCH (p) WHERE p.a = $a AND p.b = $b // $c\nRETURN '$d', $a") == ["a", "b"]


# -- read-only unless --write ----------------------------------------------------------------------------

WRITES = [
    "CREATE (:Person {id: 'x'})",
    "MATCH (p:Person) SET p.name = 'x'",
    "MATCH (p:Person) DELETE p",
    "MATCH (n) DETACH DELETE n",
    "MATCH (p:Person) REMOVE p.honorific",
    "MERGE (p:Person {id: 'x'})",
    "DROP TABLE Person",
    "ALTER TABLE Person ADD x STRING",
    "COPY Person FROM 'people.csv'",
    "LOAD FROM 'x.csv' RETURN *",
    "INSTALL json",
    "ATTACH 'other.lbug' AS other",
    "CALL apoc.create.node(['X'], {})",
    "CALL threads = 4",
    "match (p:Person)\n  set p.name = 'x'",
    "MATCH (p:Person) FOREACH (x IN [1] | CREATE (:Person {id: 'y'}))",
    "MATCH (a:Person) WITH a CALL { CREATE (:Person {id: 'z'}) } RETURN a",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_refused_without_write(hand, query):
    before = count(hand)
    msg = one_line_error(run("cypher", query, db=hand), 2)
    assert "--write" in msg and "line" in msg
    assert count(hand) == before


@pytest.mark.parametrize("query", [
    "MATCH (p:Person) WHERE p.name = 'CREATE or DELETE' RETURN p.name",
    "MATCH (p:Person) // SET p.name = 1\nRETURN p.name",
    "MATCH (p:Person) /* DETACH DELETE p */ RETURN p.name",
    "MATCH (p:Person) RETURN p.name AS `set`",
    "CALL show_tables() RETURN *",
    "MATCH (p:Person) RETURN {set: 1, create: 2} AS m",
    "CALL db.labels()",
])
def test_reads_are_not_mistaken_for_writes(query):
    assert write_clause(query) is None


def test_engine_is_read_only_too(hand):
    # even a write the keyword check missed is refused: the database is opened read-only
    store = EmbeddedStore(hand)
    store.connection(write=False)
    try:
        with pytest.raises(QueryError, match="read-only"):
            execute(store, "CREATE (:Person {id: 'sneaky'})")
    finally:
        store.close()


def test_write_with_write(scratch):
    before = counts(scratch)["nodes"]["Person"]
    out = ok("cypher", "CREATE (:Person {id: $id, name: $name})", "-p", "id=person/test-00000000",
             "-p", "name=Test", "--write", db=scratch)
    assert "Traceback" not in out
    assert counts(scratch)["nodes"]["Person"] == before + 1
    rows = json.loads(ok("cypher", "MATCH (p:Person {id: $id}) SET p.honorific = $h RETURN p.honorific AS h",
                         "-p", "id=person/test-00000000", "-p", "h=ông", "--write", "--format", "json", db=scratch))
    assert rows == [{"h": "ông"}]


INJECTIONS = ["x' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //", "\" OR true RETURN 1 //",
              "') DETACH DELETE n; MATCH (m) RETURN m //", "$n", "x\nDETACH DELETE n"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_param_values_never_change_the_query(scratch, value):
    before = counts(scratch)
    for flags in ([], ["--write"]):  # not even when writing is allowed
        rows = json.loads(ok("cypher", "MATCH (p:Person) WHERE p.name = $n RETURN count(p) AS c",
                             "-p", f"n={value}", "--format", "json", *flags, db=scratch))
        assert rows == [{"c": 0}]
        rows = json.loads(ok("cypher", "RETURN $n AS v", "-p", f"n:str={value}", "--format", "json", *flags,
                             db=scratch))
        assert rows == [{"v": value}]  # the value comes back exactly as given
    assert counts(scratch) == before


# -- output and errors -------------------------------------------------------------------------------------

def test_formats(hand):
    q = "MATCH (p:Person) WHERE p.folded CONTAINS $q RETURN p.name AS name, p.id AS id ORDER BY name"
    table = ok("cypher", q, "-p", "q=tuan", db=hand)
    assert table.splitlines()[0].split() == ["name", "id"] and "Nguyễn Ngọc Tuấn" in table
    rows = json.loads(ok("cypher", q, "-p", "q=tuan", "--format", "json", db=hand))
    assert [r["name"] for r in rows] == ["Dương Đức Tuấn", "Nguyễn Ngọc Tuấn"]
    csv_out = ok("cypher", q, "-p", "q=tuan", "--format", "csv", db=hand)
    assert csv_out.splitlines()[0] == "name,id" and len(csv_out.splitlines()) == 3
    # nodes come back as their properties, lists in CSV as JSON
    node = json.loads(ok("cypher", "MATCH (a:Agency {name: $n}) RETURN a", "-p", "n=Thành ủy Cần Thơ",
                         "--format", "json", db=hand))[0]["a"]
    assert node["_label"] == "Agency" and node["name"] == "Thành ủy Cần Thơ" and "_ID" not in node
    csv_out = ok("cypher", "MATCH (a:Agency {name: $n}) RETURN a.aliases AS aliases", "-p", "n=Thành ủy Cần Thơ",
                 "--format", "csv", db=hand)
    assert json.loads(next(iter(__import__("csv").reader(csv_out.splitlines()[1:])))[0])[0] == "Thành ủy Cần Thơ"


def test_query_from_file(hand, tmp_path):
    f = tmp_path / "q.cypher"
    f.write_text("// people\nMATCH (p:Person) RETURN count(p) AS n\n", encoding="utf-8")
    assert json.loads(ok("cypher", "-f", str(f), "--format", "json", db=hand)) == [{"n": 9}]
    one_line_error(run("cypher", "-f", str(tmp_path / "missing.cypher"), db=hand), 2)
    one_line_error(run("cypher", db=hand), 2)
    one_line_error(run("cypher", "RETURN 1", "-f", str(f), db=hand), 2)


@pytest.mark.parametrize("query,what", [
    ("MATCH (p:Person) RETURN p.name +", "offset"),
    ("MATCH (p:Nope) RETURN p", "Nope"),
    ("MATCH (p:Person) RETURN p.nothing", "nothing"),
])
def test_query_errors_are_one_line(hand, query, what):
    msg = one_line_error(run("cypher", query, db=hand), 1)
    assert msg.startswith("govkg: query error: ") and what in msg


@pytest.mark.parametrize("query", [
    "MATCH (p:Person)-[e]-(x) RETURN count(*)",
    "MATCH (p:Person) WITH p MATCH (p)<-[:MENTIONS]-(a:Article) RETURN count(a)",
])
def test_mentions_walked_backwards_say_how_to_ask(hand, query):
    """MENTIONS is kept from the article's side only: a query walking it from the other end gets one
    line saying how to write it, and the query written so answers."""
    msg = one_line_error(run("cypher", query, db=hand), 1)
    assert "MENTIONS edges from their start only" in msg and "(a:Article)-[:MENTIONS]->(x)" in msg
    rows = json.loads(ok("cypher", "MATCH (a:Article)-[:MENTIONS]->(p:Person) RETURN count(a) AS n", "--format", "json",
                         db=hand))
    assert rows[0]["n"] > 0


def test_missing_store(tmp_path):
    msg = one_line_error(run("cypher", "RETURN 1", db=str(tmp_path / "none")), 1)
    assert "no govkg store" in msg
    msg = one_line_error(run("query", "stats_nodes", db=str(tmp_path / "none")), 1)
    assert "no govkg store" in msg


# -- named queries ---------------------------------------------------------------------------------------------

def test_queries_lists_every_named_query():
    out = ok("queries")
    for q in list_queries():
        assert q.name in out and q.description[:30] in out
    rows = json.loads(ok("queries", "--format", "json"))
    assert {r["name"] for r in rows} == {q.name for q in list_queries()}
    assert all(r["description"] and r["params"] for r in rows)


def test_query_runs_a_named_query(hand):
    agency = json.loads(ok("search", "UBND TP Cần Thơ", "--format", "json", db=hand))[0]["id"]
    rows = json.loads(ok("query", "who_leads", "-p", f'agency_ids=["{agency}"]', "--format", "json", db=hand))
    assert rows[0]["person"] == "Trần Việt Trường" and rows[0]["rank"] == "head"
    rows = json.loads(ok("query", "stats_nodes", "--format", "json", db=hand))
    assert {"label", "count"} == set(rows[0])


def test_query_errors(hand):
    assert "needs -p agency_ids" in one_line_error(run("query", "who_leads", db=hand), 2)
    assert "no named query" in one_line_error(run("query", "nope", db=hand), 2)
    assert "takes no parameter" in one_line_error(run("query", "stats_nodes", "-p", "x=1", db=hand), 1)
