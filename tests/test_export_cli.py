"""`govkg export`, `validate`, `import-rdf` and `sparql` on a store built from a hand-made graph."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main
from govkg.graph.model import make_id
from govkg.graph.store import EmbeddedStore
from govkg.identity import fold, key

rdflib = pytest.importorskip("rdflib")

from govkg.graph import rdf  # noqa: E402
from test_rdf import CAN_THO, ODD, docs_query, sample_kg  # noqa: E402

SYNTAX = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}
TRUONG = "person/tran-viet-truong-2e11e1e5"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store") / "db"
    store = EmbeddedStore(folder)
    store.write_graph(sample_kg())
    store.close()
    return folder


@pytest.fixture(scope="module")
def files(db, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, suffix in SYNTAX.items():
        p = out / f"graph{suffix}"
        res = run("export", "--db", db, "--format", fmt, "-o", p)
        assert res.exit_code == 0, res.output
        paths[fmt] = p
    return paths


def stored(folder: Path):
    store = EmbeddedStore(folder)
    try:
        return store.read_graph()
    finally:
        store.close()


# -- export ----------------------------------------------------------------------------------------

def test_export_all_syntaxes_to_files_and_stdout(db, files):
    counts = set()
    for fmt, path in files.items():
        g = rdflib.Graph().parse(path, format=rdf.RDFLIB_FORMAT[fmt])
        counts.add(len(g))
        res = run("export", "--db", db, "--format", fmt)
        assert res.exit_code == 0
        assert len(rdflib.Graph().parse(data=res.stdout, format=rdf.RDFLIB_FORMAT[fmt])) == len(g)
    assert len(counts) == 1
    assert run("export", "--db", db).stdout.startswith("@prefix")  # Turtle by default


def test_export_with_another_base(db):
    res = run("export", "--db", db, "--format", "ntriples", "--base", "https://example.org/kg/")
    assert res.exit_code == 0
    assert "<https://example.org/kg/person/tran-viet-truong-2e11e1e5>" in res.stdout
    assert "govkg.org/id" not in res.stdout
    bad = run("export", "--db", db, "--base", "not an iri")
    assert bad.exit_code == 1 and "--base" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_export_json(db):
    res = run("export", "--db", db, "--format", "json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes[TRUONG]["label"] == "Person" and nodes[TRUONG]["name"] == "Trần Việt Trường"
    assert nodes[CAN_THO]["date"] == "2024-05-28"
    assert ODD in nodes
    holds = [e for e in doc["edges"] if e["type"] == "HOLDS" and e["source"] == TRUONG]
    assert {e["status"] for e in holds} == {"current"}
    src = holds[0]["sources"][0]
    assert set(src) == {"article", "sentence", "start", "zone", "status"}
    assert src["article"] == CAN_THO and "Trần Việt Trường" in src["sentence"]
    assert all(isinstance(e["sources"], list) for e in doc["edges"])


def test_export_around_an_entity(db):
    res = run("export", "--db", db, "--format", "json", "--around", "tran viet truong", "--depth", "1")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    ids = {n["id"] for n in doc["nodes"]}
    labels = {n["label"] for n in doc["nodes"]}
    assert TRUONG in ids
    assert {"Role", "Agency", "Event", "Article"} <= labels
    assert "person/nguyen-ngoc-tuan-d12bba98" not in ids  # only reachable through articles or two hops
    assert not [e for e in doc["edges"] if e["type"] == "MENTIONS"]
    # every post kept keeps its agency, and the cited articles come along
    roles = {n["id"] for n in doc["nodes"] if n["label"] == "Role"}
    assert roles == {e["source"] for e in doc["edges"] if e["type"] == "OF"}
    assert {s["article"] for e in doc["edges"] for s in e["sources"]} <= ids
    # deeper reaches further; a document number works too
    deeper = json.loads(run("export", "--db", db, "--format", "json", "--around", TRUONG, "--depth", "3").stdout)
    assert "person/nguyen-ngoc-tuan-d12bba98" in {n["id"] for n in deeper["nodes"]}
    res = run("export", "--db", db, "--format", "turtle", "--around", "59-NQ/TW", "--depth", "1")
    assert res.exit_code == 0
    g = rdflib.Graph().parse(data=res.stdout, format="turtle")
    conforms, lines = rdf.validate_graph(g)
    assert conforms, lines
    typed = {str(s) for s in g.subjects(rdflib.RDF.type, None)}
    base = "https://govkg.org/id/"
    assert base + "resolution/98-nq-cp-c6d3b706" in typed and base + "event/hop-28-5-bed4b9c7" in typed
    assert base + TRUONG not in typed  # he chaired the meeting: two hops away


def test_export_around_an_article_follows_its_mentions(db):
    res = run("export", "--db", db, "--format", "json", "--around", CAN_THO, "--depth", "1")
    doc = json.loads(res.stdout)
    assert {e["type"] for e in doc["edges"]} >= {"MENTIONS"}
    assert TRUONG in {n["id"] for n in doc["nodes"]}


def test_export_around_something_ambiguous_or_unknown(tmp_path):
    kg = sample_kg()
    kg.add_node("Person", make_id("Person", "trần việt trường|hà nội"), name="Trần Việt Trường", place="Hà Nội",
                key=key("Trần Việt Trường"), folded=fold("Trần Việt Trường"))
    EmbeddedStore(tmp_path / "db").write_graph(kg)
    res = run("export", "--db", tmp_path / "db", "--around", "Trần Việt Trường")
    assert res.exit_code == 1 and res.stdout == ""
    assert "names 2 entities" in res.stderr and TRUONG in res.stderr and "person/tran-viet-truong-" in res.stderr
    res = run("export", "--db", tmp_path / "db", "--around", "Nobody At All")
    assert res.exit_code == 1 and "nothing in the store" in res.stderr
    # a part of a name is never taken for the whole: the candidates are listed
    res = run("export", "--db", tmp_path / "db", "--around", "thanh uy")
    assert res.exit_code == 1 and res.stdout == ""
    assert "nothing is named 'thanh uy' exactly" in res.stderr and "agency/thanh-uy-can-tho-" in res.stderr


def test_export_needs_a_store(tmp_path):
    res = run("export", "--db", tmp_path / "none")
    assert res.exit_code == 1 and "no govkg store" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_graph_sinks_of_other_modules(db, tmp_path, monkeypatch):
    calls = {}
    nx = types.ModuleType("govkg.graph.nx_export")
    nx.write_graphml = lambda kg, path: (calls.setdefault("graphml", path), Path(path).write_text("<graphml/>"))
    nx.write_gexf = lambda kg, path: (calls.setdefault("gexf", path), Path(path).write_text("<gexf/>"))
    neo = types.ModuleType("govkg.graph.neo4j_csv")
    neo.write_neo4j_csv = lambda kg, out: calls.setdefault("neo4j", {"nodes": kg.g.number_of_nodes()})
    monkeypatch.setitem(sys.modules, "govkg.graph.nx_export", nx)
    monkeypatch.setitem(sys.modules, "govkg.graph.neo4j_csv", neo)
    assert run("export", "--db", db, "--format", "graphml", "-o", tmp_path / "g.graphml").exit_code == 0
    assert run("export", "--db", db, "--format", "gexf", "-o", tmp_path / "g.gexf").exit_code == 0
    res = run("export", "--db", db, "--format", "neo4j-csv", "-o", tmp_path / "csv")
    assert res.exit_code == 0 and "nodes: 20" in res.stderr
    assert set(calls) == {"graphml", "gexf", "neo4j"}
    res = run("export", "--db", db, "--format", "graphml")
    assert res.exit_code == 1 and "needs -o" in res.stderr


def test_graph_sinks_missing_fail_clearly(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "govkg.graph.nx_export", None)  # import raises ModuleNotFoundError
    res = run("export", "--db", db, "--format", "gexf", "-o", tmp_path / "g.gexf")
    assert res.exit_code == 1
    assert len(res.stderr.strip().splitlines()) == 1 and "gexf export is not available" in res.stderr


def test_rdf_commands_import_rdflib_only_when_needed(db):
    code = ("import sys; from click.testing import CliRunner; from govkg.cli import main; "
            f"r = CliRunner().invoke(main, ['export', '--db', {str(db)!r}, '--format', 'ntriples']); "
            "assert r.exit_code == 0, r.output; "
            f"r = CliRunner().invoke(main, ['export', '--db', {str(db)!r}, '--format', 'json']); "
            "assert r.exit_code == 0; print('rdflib' in sys.modules, 'pyshacl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# -- validate --------------------------------------------------------------------------------------

def test_validate_exit_codes(files, tmp_path):
    for path in files.values():
        res = run("validate", path)
        assert res.exit_code == 0, res.output
        assert "conforms" in res.stdout and "1 kind of warning" in res.stdout
        assert "a fact with no source" in res.stdout
    g = rdflib.Graph().parse(files["turtle"], format="turtle")
    truong = rdflib.URIRef("https://govkg.org/id/" + TRUONG)
    g.remove((truong, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"), None))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    res = run("validate", bad)
    assert res.exit_code == 1
    assert "does NOT conform" in res.stdout and "Violation: <https://govkg.org/id/person/tran-viet-truong" in res.stdout
    # the format can be forced; unreadable and unparsable files are one line
    odd = tmp_path / "graph.data"
    odd.write_bytes(files["ntriples"].read_bytes())
    assert run("validate", odd).exit_code == 1
    assert run("validate", odd, "--format", "ntriples").exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b ", "utf-8")
    for path in (broken, tmp_path / "missing.ttl"):
        res = run("validate", path)
        assert res.exit_code == 1 and res.stdout == ""
        assert len(res.stderr.strip().splitlines()) == 1 and str(path) in res.stderr


# -- import-rdf ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(SYNTAX))
def test_import_rdf_round_trip(db, files, tmp_path, fmt):
    target = tmp_path / "db"
    res = run("import-rdf", files[fmt], "--db", target)
    assert res.exit_code == 0, res.output
    assert "imported 20 nodes" in res.stderr
    assert set(stored(target).g.nodes) == set(stored(db).g.nodes)
    again = run("export", "--db", target, "--format", "ntriples").stdout
    assert again == run("export", "--db", db, "--format", "ntriples").stdout


def test_import_rdf_merges_unless_replace(db, files, tmp_path):
    target = tmp_path / "db"
    other = sample_kg()
    extra = other.add_node("Person", make_id("Person", "someone else"), name="Người Khác", key="người khác")
    other.add_fact("MENTIONS", CAN_THO, extra)
    small = type(other)()
    for n in (CAN_THO, extra):
        small.g.add_node(n, **other.g.nodes[n])
    small.g.add_edge(CAN_THO, extra, key="MENTIONS", **other.g.edges[CAN_THO, extra, "MENTIONS"])
    EmbeddedStore(target).write_graph(small)
    assert run("import-rdf", files["turtle"], "--db", target).exit_code == 0
    merged = stored(target)
    assert extra in merged.g and TRUONG in merged.g
    # importing the same file again changes nothing
    before = run("export", "--db", target, "--format", "ntriples").stdout
    assert run("import-rdf", files["ntriples"], "--db", target).exit_code == 0
    assert run("export", "--db", target, "--format", "ntriples").stdout == before
    res = run("import-rdf", files["turtle"], "--db", target, "--replace")
    assert res.exit_code == 0 and "replacing" in res.stderr
    assert extra not in stored(target).g


def test_import_rdf_refuses_what_is_not_govkg(tmp_path):
    foreign = tmp_path / "foaf.ttl"
    foreign.write_text('<http://a.org/x> a <http://xmlns.com/foaf/0.1/Person> ; '
                       '<http://xmlns.com/foaf/0.1/name> "X" .\n', "utf-8")
    res = run("import-rdf", foreign, "--db", tmp_path / "db")
    assert res.exit_code == 1 and "no govkg nodes" in res.stderr
    assert not (tmp_path / "db" / "graph.lbug").exists()
    res = run("import-rdf", tmp_path / "nothing.nt", "--db", tmp_path / "db")
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1


# -- sparql ----------------------------------------------------------------------------------------

SELECT = "SELECT ?name ?d WHERE { ?p a foaf:Person ; foaf:name ?name . OPTIONAL { ?p govkg:nothing ?d } } ORDER BY ?name"


def test_sparql_output_formats(db):
    res = run("sparql", SELECT, "--db", db)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["name", "d"] and "Nguyễn Ngọc Tuấn" in lines[2] and "Trần Việt Trường" in lines[3]
    rows = json.loads(run("sparql", SELECT, "--db", db, "--format", "json").stdout)
    assert rows == [{"name": "Nguyễn Ngọc Tuấn", "d": None}, {"name": "Trần Việt Trường", "d": None}]
    csv = run("sparql", SELECT, "--db", db, "--format", "csv").stdout.splitlines()
    assert csv == ["name,d", "Nguyễn Ngọc Tuấn,", "Trần Việt Trường,"]
    assert run("sparql", "ASK { ?x org:headOf ?y }", "--db", db).stdout.strip() == "true"
    assert run("sparql", "ASK { ?x org:holds ?y }", "--db", db).stdout.strip() == "false"
    ttl = run("sparql", "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n }", "--db", db).stdout
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == 2


def test_sparql_docs_query_from_file_and_from_rdf(db, files, tmp_path):
    q = tmp_path / "who-leads.rq"
    q.write_text(docs_query(), "utf-8")
    for extra in ([], ["--from", files["jsonld"]]):
        res = run("sparql", "-f", q, "--format", "json", "--db", db, *extra)
        assert res.exit_code == 0, res.output
        rows = json.loads(res.stdout)
        assert {r["leader"] for r in rows} == {"Trần Việt Trường"}
        assert any("Chủ tịch UBND TP Cần Thơ" in r["sentence"] for r in rows)


def test_sparql_errors_are_one_line(db, tmp_path):
    for args in (["SELEC ?x WHERE { ?x ?y ?z }"], ["SELECT ?x WHERE { ?x nope:y ?z }"], [],
                 ["-f", tmp_path / "missing.rq"], ["SELECT * WHERE {}", "-f", tmp_path / "x.rq"],
                 ["SELECT * WHERE {}", "--from", tmp_path / "missing.ttl"]):
        res = run("sparql", *args, "--db", db)
        assert res.exit_code == 1, args
        assert res.stdout == "" and len(res.stderr.strip().splitlines()) == 1, (args, res.stderr)
    assert "syntax error" in run("sparql", "SELEC ?x", "--db", db).stderr
    assert "no govkg store" in run("sparql", "ASK {}", "--db", tmp_path / "none").stderr
