"""Neo4j: govkg's graph on a real Neo4j 5 server, and what needs no server.

The server is conftest's ``neo4j_server``: the one the session builds from Maven Central
(tests/neo4j: neo4j-harness 5.26, Community) and starts on a loopback port, or the one NEO4J_URI
names (with NEO4J_PASSWORD, NEO4J_USER, NEO4J_DATABASE: an empty database, cleared between tests).
Without Java 17+ or Maven those tests skip, saying why (they fail instead when GOVKG_NEO4J_REQUIRED
is set, as in CI).

On it: push of the hand-built graph, of the sample articles' store and of a 2,000-article corpus
store gives the embedded store's graph, node for node and property for property; pushing twice
changes nothing; a second push after loading more adds exactly the new facts; every named query in
queries/ gives the same rows on both engines, and the lookups the same output; the neo4j-csv export
imported with the real ``neo4j-admin database import full`` and served gives the same graph and
answers; ``cypher`` is read-only; the password is never on a command line or in any output.

Without a server: the properties sent match the embedded store's, and connection failures (a real
driver against a closed port) and a missing password are one line.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_helpers import ok, one_line_error, run
from conftest import ARTICLES, shared_path
from graph_fixture import build_seed_graph, hand_store
from govkg.cli import main
from govkg.graph.neo4j_store import Neo4jStore, Neo4jStoreError, edge_properties, node_properties
from govkg.graph.rows import sentence_rows
from govkg.graph.schema import schema
from govkg.graph.store import EmbeddedStore
from govkg.pipeline import load_paths
from govkg.queries.runner import QUERY_DIR, list_queries, run_query, run_records


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
    assert all(isinstance(x, str) and len(x) == 16 for x in props["source_sentence_ids"])
    assert len(props["source_articles"]) == len(props["source_starts"]) == len(props["source_statuses"])
    assert not any(isinstance(x, dict) for x in props.values())


def test_unreachable_server_is_one_line():
    store = Neo4jStore(f"bolt://127.0.0.1:{_closed_port()}", "neo4j", "secret", "neo4j")
    with pytest.raises(Neo4jStoreError) as e:
        store.query("RETURN 1")
    assert "cannot reach Neo4j" in str(e.value) and "\n" not in str(e.value)
    assert "secret" not in str(e.value) and "secret" not in repr(store)


def test_credentials_in_the_uri_are_refused_and_never_shown():
    store = Neo4jStore(f"bolt://neo4j:s3cret@127.0.0.1:{_closed_port()}", "neo4j", "other")
    with pytest.raises(Neo4jStoreError) as e:
        store.query("RETURN 1")
    assert "NEO4J_PASSWORD" in str(e.value) and "***@" in str(e.value)
    assert "s3cret" not in str(e.value) and "s3cret" not in repr(store) and "other" not in repr(store)


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


# -- on a real Neo4j 5 server (conftest's neo4j_server: the session's own, or NEO4J_URI) ---------------

SAMPLE_FILES = sorted(str(p) for p in ARTICLES.glob("*.txt"))


class Db:
    """The server's database and what it holds now: tests that only read share one push."""

    def __init__(self, target) -> None:
        self.target, self.store, self.holds = target, target.store(), None

    def clear(self) -> Neo4jStore:
        """Empty the database: nodes, relationships, constraints and indexes (Community has one)."""
        with self.store.driver().session(database=self.target.database) as s:
            s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            for (name,) in s.run("SHOW CONSTRAINTS YIELD name RETURN name").values():
                s.run(f"DROP CONSTRAINT `{name}`").consume()
            for (name,) in s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").values():
                s.run(f"DROP INDEX `{name}`").consume()
        self.holds = None
        return self.store

    def holding(self, name: str, folder: Path) -> Neo4jStore:
        """The database holding the push of store ``folder`` (pushed unless it already does)."""
        if self.holds != name:
            self.clear()
            self.store.push(read_graph(folder))
            self.holds = name
        return self.store


@pytest.fixture(scope="module")
def db(neo4j_server):
    d = Db(neo4j_server)
    yield d
    d.clear()
    d.store.close()


@pytest.fixture
def empty(db) -> Neo4jStore:
    """An empty database, for a test that writes."""
    yield db.clear()
    db.holds = None


def read_graph(folder: Path):
    store = EmbeddedStore(folder)
    try:
        return store.read_graph()
    finally:
        store.close()


def load_into(folder: Path, paths: list[str]) -> Path:
    summary = load_paths(paths, str(folder))
    assert not summary.failed
    return folder


@pytest.fixture(scope="module")
def corpus_stores(tmp_path_factory) -> tuple[Path, Path]:
    """Stores of the corpus's first 1,000 articles and of its first 2,000 (the same store, with the next
    1,000 loaded into it), built once; skipped without ../shared."""
    corpus = shared_path("corpus", "news-39k.jsonl.gz")
    work = tmp_path_factory.mktemp("neo4j-corpus")
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, 2000))
    (work / "first.jsonl").write_text("".join(lines[:1000]), encoding="utf-8")
    (work / "next.jsonl").write_text("".join(lines[1000:]), encoding="utf-8")
    half = load_into(work / "half", [str(work / "first.jsonl")])
    shutil.copytree(half, work / "full")
    full = load_into(work / "full", [str(work / "next.jsonl")])
    return half, full


@pytest.fixture(scope="module")
def sample_stores(tmp_path_factory) -> tuple[Path, Path]:
    """Stores of three sample articles and of all five (the same store, the other two loaded into it)."""
    work = tmp_path_factory.mktemp("neo4j-samples")
    part = load_into(work / "part", SAMPLE_FILES[:3])
    shutil.copytree(part, work / "all")
    return part, load_into(work / "all", SAMPLE_FILES[3:])


@pytest.fixture(scope="module", params=["hand", "seed", "corpus"])
def graph_store(request, tmp_path_factory) -> tuple[str, Path]:
    """(name, store folder): the hand-built seed graph, the sample articles through the pipeline, and
    2,000 corpus articles."""
    if request.param == "hand":
        return "hand", hand_store(tmp_path_factory)
    if request.param == "seed":
        return "seed", request.getfixturevalue("seed_store")
    return "corpus", request.getfixturevalue("corpus_stores")[1]


# -- what a graph holds, on either engine -------------------------------------------------------------

def _value(v):
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return v


def _kept(props: dict) -> dict:
    return {k: _value(v) for k, v in props.items() if v is not None and v != []}


def neo4j_content(store: Neo4jStore) -> tuple[dict, dict]:
    """Every node ({(label, id): properties}) and relationship ({(type, from, to): properties})."""
    nodes, rels = {}, {}
    _, rows = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p")
    for labels, p in rows:
        assert len(labels) == 1, labels
        key = (labels[0], p.pop("id"))
        nodes[key] = _kept(p)
    _, rows = store.query("MATCH (a)-[e]->(b) RETURN type(e), a.id, b.id, properties(e)")
    for t, a, b, p in rows:
        assert (t, a, b) not in rels, f"two {t} relationships {a} -> {b}"
        rels[(t, a, b)] = _kept(p)
    return nodes, rels


def embedded_content(folder: Path) -> tuple[dict, dict]:
    """The same, read from the embedded store with Cypher."""
    sch = schema()
    nodes, rels = {}, {}
    store = EmbeddedStore(folder)
    try:
        for label in sch.tables:  # the graph's nodes and the Sentence rows
            cols = sch.node_columns(label)
            _, rows = store.query(f"MATCH (n:{label}) RETURN " + ", ".join(f"n.{c}" for c in cols))
            for r in rows:
                nodes[(label, r[0])] = _kept(dict(zip(cols[1:], r[1:])))
        for etype, et in sch.edges.items():
            cols = sch.edge_columns(etype)
            for a, b in et.pairs:
                _, rows = store.query(f"MATCH (a:{a})-[e:{etype}]->(b:{b}) RETURN a.id, b.id, "
                                      + ", ".join(f"e.{c}" for c in cols))
                for r in rows:
                    rels[(etype, r[0], r[1])] = _kept(dict(zip(cols, r[2:])))
    finally:
        store.close()
    return nodes, rels


def counts(backend) -> tuple[dict, dict]:
    """Nodes per label and edges per type (the stats queries), of a backend or a store folder."""
    if isinstance(backend, Path):
        store = EmbeddedStore(backend)
        try:
            return counts(store)
        finally:
            store.close()
    nodes = {r["label"]: r["count"] for r in run_records(backend, "stats_nodes") if r["count"]}
    edges = {r["type"]: r["count"] for r in run_records(backend, "stats_edges") if r["count"]}
    return nodes, edges


def assert_same_graph(neo: Neo4jStore, folder: Path) -> None:
    embedded = EmbeddedStore(folder)
    try:
        assert counts(neo) == counts(embedded)
    finally:
        embedded.close()
    n_nodes, n_rels = neo4j_content(neo)
    e_nodes, e_rels = embedded_content(folder)
    assert n_nodes.keys() == e_nodes.keys()
    assert n_rels.keys() == e_rels.keys()
    assert [k for k in e_nodes if n_nodes[k] != e_nodes[k]] == []
    assert [k for k in e_rels if n_rels[k] != e_rels[k]] == []


def assert_constraints(neo: Neo4jStore) -> None:
    """One uniqueness constraint on ``id`` per label: what Neo4j Community enforces (it has no
    existence or key constraints); the push relies on it to find nodes and never duplicates one."""
    _, rows = neo.query("SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
                        "RETURN type, entityType, labelsOrTypes, properties")
    got = {(t, e, tuple(lt), tuple(p)) for t, e, lt, p in rows}
    assert got == {("UNIQUENESS", "NODE", (label,), ("id",)) for label in schema().tables}


# -- push ------------------------------------------------------------------------------------------

def test_push_gives_the_embedded_graph(db, graph_store):
    name, folder = graph_store
    neo = db.holding(name, folder)
    assert_same_graph(neo, folder)
    assert_constraints(neo)


def test_uniqueness_is_enforced(db, seed_store):
    from govkg.queries.runner import QueryError

    neo = db.holding("seed", seed_store)
    _, rows = neo.query("MATCH (p:Person) RETURN p.id LIMIT 1")
    with pytest.raises(QueryError, match="already exists"):
        neo.query("CREATE (p:Person {id: $id})", {"id": rows[0][0]}, write=True)
    assert counts(neo)[0]["Person"] == counts(seed_store)[0]["Person"]


@pytest.mark.parametrize("which", ["sample", "corpus"])
def test_push_twice_changes_nothing(empty, request, which):
    folder = request.getfixturevalue(f"{which}_stores")[1]
    kg = read_graph(folder)
    first = empty.push(kg, batch_size=500)
    assert (first["nodes_created"], first["relationships_created"]) == (kg.g.number_of_nodes(), kg.g.number_of_edges())
    assert first["sentences_created"] == len(sentence_rows(d for _, _, d in kg.g.edges(data=True))) > 0
    before = neo4j_content(empty)
    second = empty.push(kg)
    assert (second["nodes_created"], second["relationships_created"], second["nodes_updated"],
            second["relationships_updated"], second["constraints_added"], second["sentences_created"],
            second["sentences_updated"]) == (0, 0, 0, 0, 0, 0, 0)
    assert neo4j_content(empty) == before


@pytest.mark.parametrize("which", ["sample", "corpus"])
def test_second_push_adds_exactly_the_new_facts(empty, request, which):
    part, full = request.getfixturevalue(f"{which}_stores")
    empty.push(read_graph(part))
    p_nodes, p_rels = embedded_content(part)
    f_nodes, f_rels = embedded_content(full)
    second = empty.push(read_graph(full))
    sentence = schema().sentence.label
    assert second["nodes_created"] + second["sentences_created"] == len(f_nodes.keys() - p_nodes.keys()) > 0
    assert second["sentences_created"] == sum(1 for k in f_nodes.keys() - p_nodes.keys() if k[0] == sentence) > 0
    assert second["relationships_created"] == len(f_rels.keys() - p_rels.keys()) > 0
    assert second["nodes_updated"] + second["sentences_updated"] == sum(
        1 for k in f_nodes.keys() & p_nodes.keys() if f_nodes[k] != p_nodes[k])
    assert second["relationships_updated"] == sum(1 for k in f_rels.keys() & p_rels.keys() if f_rels[k] != p_rels[k])
    # the server now holds the larger store; a push deletes nothing, so what only the first store had stays
    n_nodes, n_rels = neo4j_content(empty)
    assert n_nodes == {**{k: v for k, v in p_nodes.items() if k not in f_nodes}, **f_nodes}
    assert n_rels == {**{k: v for k, v in p_rels.items() if k not in f_rels}, **f_rels}


def test_cli_push(empty, neo4j_server, seed_store, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    args = ["push", "--neo4j", neo4j_server.uri, "--user", neo4j_server.user, "--database", neo4j_server.database]
    first = ok(*args, db=str(seed_store))
    nodes, edges = (sum(c.values()) for c in counts(seed_store))
    held = EmbeddedStore(seed_store)
    sentences = held.rows("MATCH (s:Sentence) RETURN count(*)")[0][0]
    held.close()
    assert first.startswith(f"pushed {nodes} nodes ({nodes} new) and {edges} relationships ({edges} new), "
                            f"with {sentences} source sentences ({sentences} new)")
    second = ok(*args, db=str(seed_store))
    assert second.startswith(f"pushed {nodes} nodes (0 new) and {edges} relationships (0 new), "
                             f"with {sentences} source sentences (0 new)")
    assert neo4j_server.password not in first + second
    assert_same_graph(empty, seed_store)


# -- every named query, on both engines ------------------------------------------------------------------

def _rows(rows) -> list:
    return sorted((tuple(_value(v) for v in r) for r in rows), key=repr)


def _label_of(doc: str, param: str) -> list[str]:
    m = re.search(rf"\b{param}\s*\(list of ([^)]*?) ids\)", doc)
    labels = [lb for lb in schema().nodes if m and re.search(rf"\b{lb}\b", m.group(1))]
    return labels or ["Person", "Agency", "Resolution"]


def best_connected(store: EmbeddedStore, label: str, key: str, n: int) -> list[tuple[str, int]]:
    """The ``n`` nodes of ``label`` with the most edges, in and out, by ``key`` (ties by it). Each
    direction is counted apart: the embedded store refuses an undirected pattern over MENTIONS,
    which it keeps from the article's side only."""
    count: dict[str, int] = {}
    for arrow in ("<-[e]-()", "-[e]->()"):
        for k, c in store.query(f"MATCH (n:{label}){arrow} RETURN {key}, count(e)")[1]:
            count[k] = count.get(k, 0) + c
    return sorted(count.items(), key=lambda kc: (-kc[1], kc[0]))[:n]


def corpus_params(corpus: EmbeddedStore, seed: EmbeddedStore) -> dict[str, dict]:
    """The CLI's parameters for every named query on the corpus store: those of the sample lookups
    (test_queries.params_for, which covers every query), with the ids replaced by the corpus's
    best-connected nodes of the label each query takes."""
    from test_queries import params_for

    top: dict[str, list[str]] = {}

    def ids(label: str) -> list[str]:
        if label not in top:
            top[label] = [n for n, _ in best_connected(corpus, label, "n.id", 3)]
        return top[label]

    template = params_for(seed)
    out = {}
    for q in list_queries():
        assert q.name in template, f"no CLI parameters for query '{q.name}': add it to test_queries.params_for"
        p = dict(template[q.name])
        for k in p:
            if k == "ids" or k.endswith("_ids"):
                p[k] = [i for lb in _label_of(q.params_doc, k) for i in ids(lb)]
        out[q.name] = p
    return out


def test_every_named_query_gives_the_same_rows_on_both(db, graph_store, seed_store):
    from test_queries import params_for

    name, folder = graph_store
    neo = db.holding(name, folder)
    embedded = EmbeddedStore(folder)
    seed = EmbeddedStore(seed_store)
    try:
        params = corpus_params(embedded, seed) if name == "corpus" else params_for(embedded)
        queries = list_queries()
        assert {q.name for q in queries} == {p.stem for p in QUERY_DIR.glob("*.cypher")}
        answered = 0
        for q in queries:
            ecols, erows = run_query(embedded, q.name, params[q.name])
            ncols, nrows = run_query(neo, q.name, params[q.name])
            assert ncols == ecols, q.name
            assert _rows(nrows) == _rows(erows), q.name
            answered += bool(erows)
        assert answered >= len(queries) * 2 // 3  # most queries find something: the comparison is not vacuous
    finally:
        embedded.close()
        seed.close()


def _lookups(name: str, folder: Path) -> list[list[str]]:
    """What a user asks: the sample entities, or on the corpus its best-connected ones by name."""
    if name == "corpus":
        store = EmbeddedStore(folder)
        try:
            def top(cypher):
                return [r[0] for r in store.query(cypher)[1]]
            agencies = top("MATCH (a:Agency)<-[:OF]-(:Role)<-[h:HOLDS]-(:Person) RETURN a.name AS n, count(h) AS c "
                           "ORDER BY c DESC, n LIMIT 2")
            people = top("MATCH (p:Person)-[h:HOLDS]->(:Role) RETURN p.name AS n, count(h) AS c ORDER BY c DESC, n LIMIT 2")
            docs = [n for n, _ in best_connected(store, "Resolution", "n.number", 2)]
        finally:
            store.close()
        asks = [["who-leads", a] for a in agencies] + [["who-leads", agencies[0], "--history"]]
        asks += [["roles", p] for p in people]
        asks += [["chain", d] for d in docs] + [["search", "ha noi"], ["chain", agencies[0]], ["chain", people[0]]]
    else:
        asks = [["who-leads", "UBND TP Cần Thơ"], ["who-leads", "HĐND TP Hà Nội"], ["who-leads", "UBND TP Cần Thơ",
                "--history"], ["roles", "nguyen ngoc tuan"],
                ["chain", "59-NQ/TW"], ["chain", "03-CTr/TU"], ["chain", "Trần Việt Trường"], ["search", "can tho"],
                ["path", "Trần Việt Trường", "59-NQ/TW"]]
    return asks + [["roles", "--all"], ["stats"], ["who-leads", "nobody like this"]]


@pytest.fixture(scope="module", params=["seed", "corpus"])
def loaded_store(request) -> tuple[str, Path]:
    """(name, folder) of the stores govkg load builds: the sample articles and 2,000 corpus articles."""
    if request.param == "seed":
        return "seed", request.getfixturevalue("seed_store")
    return "corpus", request.getfixturevalue("corpus_stores")[1]


def test_cli_lookups_on_neo4j_answer_as_the_store(db, loaded_store, neo4j_server, monkeypatch):
    name, folder = loaded_store
    db.holding(name, folder)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    on_neo4j = ["--neo4j", neo4j_server.uri, "--user", neo4j_server.user, "--database", neo4j_server.database]
    for ask in _lookups(name, folder):
        for fmt in (["--format", "json"], []):
            mine = run(*ask, *fmt, db=str(folder))
            theirs = run(*ask, *fmt, *on_neo4j)
            assert (theirs.exit_code, theirs.stdout, theirs.stderr) == (mine.exit_code, mine.stdout, mine.stderr), ask
            assert neo4j_server.password not in theirs.output
    assert mine.exit_code == 1  # the last ask finds nobody: the same one-line answer on both


# -- neo4j-admin database import full of the CSV export -----------------------------------------------

def _readme_statements(csv_dir: Path) -> list[str]:
    text = (csv_dir / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cypher\n(.*?)```", text, re.S).group(1)
    return [c.strip() for c in block.split(";") if c.strip()]


def test_bulk_import_serves_the_same_graph(request, tmp_path):
    """On the 2,000-article corpus store (the sample store when ../shared is absent): one import and one
    more server start are what this costs, so it runs once."""
    import neo4j_server as ns
    from conftest import SHARED, neo4j_unavailable

    why = ns.missing_tools()
    if why:
        neo4j_unavailable(why)
    which = "corpus" if (SHARED / "corpus" / "news-39k.jsonl.gz").exists() else "seed"
    folder = request.getfixturevalue("seed_store") if which == "seed" else request.getfixturevalue("corpus_stores")[1]
    csv_dir = tmp_path / "csv"
    ok("export", "--format", "neo4j-csv", "-o", str(csv_dir), db=str(folder))
    ns.admin_import(csv_dir, tmp_path / "home")
    with ns.Neo4jServer.start(tmp_path / "served", serve=tmp_path / "home") as server:
        neo = Neo4jStore(server.uri, server.user, server.password)
        try:
            for c in _readme_statements(csv_dir):  # as the README says, once the database is started: constraints, lists given back
                neo.query(c, write=True)
            assert_constraints(neo)
            assert_same_graph(neo, folder)
            embedded = EmbeddedStore(folder)
            try:
                from test_queries import params_for

                seed = EmbeddedStore(request.getfixturevalue("seed_store"))
                params = params_for(embedded) if which == "seed" else corpus_params(embedded, seed)
                seed.close()
                for q in list_queries():
                    ecols, erows = run_query(embedded, q.name, params[q.name])
                    ncols, nrows = run_query(neo, q.name, params[q.name])
                    assert (ncols, _rows(nrows)) == (ecols, _rows(erows)), q.name
            finally:
                embedded.close()
        finally:
            neo.close()


# -- read-only cypher, secrets, one-line errors ------------------------------------------------------------

def test_cypher_on_neo4j_is_read_only(db, seed_store, neo4j_server, monkeypatch):
    from govkg.queries.runner import QueryError

    neo = db.holding("seed", seed_store)
    before = counts(neo)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    on_neo4j = ["--neo4j", neo4j_server.uri, "--user", neo4j_server.user, "--database", neo4j_server.database]
    line = one_line_error(run("cypher", "MATCH (n:Person) DETACH DELETE n", *on_neo4j), 2)
    assert "--write" in line
    # a write the command cannot see in the text (a procedure) is refused by the server: a read session
    line = one_line_error(run("cypher", "CALL db.createLabel('Intruder')", *on_neo4j))
    assert "--write" in line
    with pytest.raises(QueryError, match="--write"):
        neo.query("CREATE (:Intruder {id: 'x'})")
    # values are parameters, never pasted into the query
    out = ok("cypher", "MATCH (p:Person) WHERE p.name = $n RETURN count(p) AS c", "-p",
             "n=}) MATCH (n) DETACH DELETE n //", "--format", "json", *on_neo4j)
    assert json.loads(out) == [{"c": 0}]
    assert counts(neo) == before
    _, rows = neo.query("CALL db.labels() YIELD label RETURN label")
    assert "Intruder" not in {r[0] for r in rows}
    # with --write it writes
    out = ok("cypher", "CREATE (n:Scratch {id: $id}) RETURN n.id AS id", "-p", "id=x", "--write", "--format", "json",
             *on_neo4j)
    db.holds = None
    assert json.loads(out) == [{"id": "x"}]


def test_password_is_never_on_a_command_line_or_in_output(db, seed_store, neo4j_server, monkeypatch):
    password = neo4j_server.password
    if neo4j_server.server is not None:  # the server the session started got it in its environment
        argv = Path(f"/proc/{neo4j_server.server.pid}/cmdline")
        if argv.exists():
            assert password.encode() not in argv.read_bytes()
    db.holding("seed", seed_store)
    host = neo4j_server.uri.split("://", 1)[1]
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    outputs = [ok("who-leads", "UBND TP Cần Thơ", "--neo4j", neo4j_server.uri, "--user", neo4j_server.user)]
    # a password inside the URI is refused, and not shown
    for cmd in (["who-leads", "UBND TP Cần Thơ"], ["push", "--db", str(seed_store)], ["cypher", "RETURN 1"]):
        r = run(*cmd, "--neo4j", f"bolt://{neo4j_server.user}:{password}@{host}")
        line = one_line_error(r)
        assert "***@" in line and "NEO4J_PASSWORD" in line
        outputs.append(r.output)
    # a wrong password: one line naming the user and where the password comes from
    monkeypatch.setenv("NEO4J_PASSWORD", password + "-wrong")
    r = run("roles", "--all", "--neo4j", neo4j_server.uri, "--user", neo4j_server.user)
    line = one_line_error(r)
    assert f"refused user '{neo4j_server.user}'" in line and "NEO4J_PASSWORD" in line
    outputs.append(r.output)
    assert not any(password in o for o in outputs)
