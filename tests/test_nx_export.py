"""GraphML, GEXF and neo4j-admin CSV exports: files written, parsed back, headers right."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest

from graph_fixture import build_seed_graph
from govkg.graph.model import Source
from govkg.graph.neo4j_csv import ARRAY_DELIMITER, ARRAY_DELIMITER_ARG, neo4j_csv_files, write_neo4j_csv
from govkg.graph.nx_export import write_gexf, write_graphml
from govkg.graph.rows import sentence_rows
from govkg.graph.schema import schema


@pytest.fixture(scope="module")
def kg():
    g = build_seed_graph()
    # a sentence with ';' (the default array delimiter) and one with the chosen delimiter itself
    tuan = next(n for n, d in g.nodes("Person") if d["name"] == "Nguyễn Ngọc Tuấn")
    role = next(v for u, v, d in g.edges("HOLDS") if u == tuan)
    g.add_fact("HOLDS", tuan, role, Source("003_cc153bd936ce14ee", "Một; hai; ba.", 5000, "body", "current"))
    g.add_fact("HOLDS", tuan, role, Source("003_cc153bd936ce14ee", f"Có {ARRAY_DELIMITER} lạ.", 6000, "body", "current"))
    return g


def test_graphml_round_trip(kg, tmp_path):
    path = tmp_path / "g.graphml"
    counts = write_graphml(kg, path)
    assert counts == {"nodes": kg.g.number_of_nodes(), "edges": kg.g.number_of_edges()}
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == kg.g.number_of_nodes() and g.number_of_edges() == kg.g.number_of_edges()
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert labels == set(schema().nodes)
    agency = next(d for _, d in g.nodes(data=True) if d.get("name") == "Thành ủy Cần Thơ")
    assert json.loads(agency["aliases"])[0] == "Thành ủy Cần Thơ"
    res = next(d for _, d in g.nodes(data=True) if d.get("number") == "271")
    assert res["date"] == "2024-01-31" and res["year"] == 2024
    holds = [d for _, _, d in g.edges(data=True) if d["type"] == "HOLDS"]
    assert len(holds) == 17
    srcs = json.loads(holds[0]["sources"])
    assert srcs and {"article", "sentence", "start", "zone", "status"} <= set(srcs[0])
    assert all(isinstance(d["confidence"], float) for d in holds)


def test_gexf_round_trip(kg, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(kg, path)
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == kg.g.number_of_nodes() and g.number_of_edges() == kg.g.number_of_edges()
    person = g.nodes["person/tran-viet-truong-2e11e1e5"] if "person/tran-viet-truong-2e11e1e5" in g else None
    people = [d for _, d in g.nodes(data=True) if d.get("kind_of_node") == "Person"]
    assert len(people) == 9 and all(d["label"] == d["name"] for d in people)
    assert person is None or person["kind_of_node"] == "Person"
    rels = {d.get("relation") for _, _, d in g.edges(data=True)}
    assert rels == set(kg.stats()["edges"])
    assert "graph" in path.read_text("utf-8")[:400].lower()


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_neo4j_csv_files(kg, tmp_path):
    out = tmp_path / "neo4j"
    summary = write_neo4j_csv(kg, out)
    stats = kg.stats()
    counts = neo4j_csv_files(kg)
    sentences = {sid: r["text"] for sid, r in sentence_rows(d for _, _, d in kg.g.edges(data=True)).items()}
    assert summary == {"nodes": kg.g.number_of_nodes(), "sentences": len(sentences),
                       "relationships": kg.g.number_of_edges(), "files": len(counts["files"])}
    assert {k: v for k, v in counts["nodes"].items() if v and k != "Sentence"} == stats["nodes"]
    assert {k: v for k, v in counts["relationships"].items() if v} == stats["edges"]
    assert sorted(p.name for p in out.glob("*.csv")) == sorted(counts["files"])
    # nodes: id:ID(Label), typed properties, :LABEL
    rows = _read(out / "nodes_Resolution.csv")
    header = rows[0]
    assert header[0] == "id:ID(Resolution)" and header[-1] == ":LABEL"
    assert "year:long" in header and "date:date" in header and "aliases:string[]" in header
    assert len(rows) - 1 == stats["nodes"]["Resolution"]
    by_number = {r[header.index("number")]: r for r in rows[1:]}
    assert by_number["45/2022/QH15"][header.index("aliases:string[]")] == "45/2022/NQ-QH"
    assert by_number["271"][header.index("date:date")] == "2024-01-31"
    assert all(r[-1] == "Resolution" for r in rows[1:])
    # relationships: :START_ID(From), :END_ID(To), :TYPE, typed fact properties
    rows = _read(out / "rels_HOLDS_Person_Role.csv")
    header = rows[0]
    assert header[:3] == [":START_ID(Person)", ":END_ID(Role)", ":TYPE"]
    for col in ("as_of:date", "confidence:double", "source_articles:string[]", "source_sentence_ids:string[]",
                "source_starts:long[]", "source_zones:string[]", "status", "source_statuses:string[]"):
        assert col in header
    for r in rows[1:]:
        n = len(r[header.index("source_articles:string[]")].split(ARRAY_DELIMITER))
        ids = r[header.index("source_sentence_ids:string[]")].split(ARRAY_DELIMITER)
        assert len(ids) == n and all(i in sentences for i in ids)
        assert len(r[header.index("source_starts:long[]")].split(ARRAY_DELIMITER)) == n
    # the sentences, each once, by id: a text is a plain string, ';' and the array delimiter kept as written
    rows = _read(out / "nodes_Sentence.csv")
    header = rows[0]
    assert header[0] == "id:ID(Sentence)" and "text" in header and "start:long" in header
    written = {r[0]: r[header.index("text")] for r in rows[1:]}
    assert written == sentences
    assert any("Một; hai; ba." in t for t in written.values())
    assert any(f"Có {ARRAY_DELIMITER} lạ." == t for t in written.values())
    # one file per pair of labels where an edge type has several
    assert (out / "rels_ATTENDED_Agency_Event.csv").is_file() and (out / "rels_ATTENDED_Person_Event.csv").is_file()


def test_neo4j_csv_readme_has_the_import_command(kg, tmp_path):
    out = tmp_path / "neo4j"
    write_neo4j_csv(kg, out)
    counts = neo4j_csv_files(kg)
    readme = (out / "README.md").read_text("utf-8")
    assert "neo4j-admin database import full neo4j" in readme
    assert f"--array-delimiter={ARRAY_DELIMITER_ARG}" in readme
    command = readme.split("```sh", 1)[1].split("```", 1)[0]
    named = re.findall(r"--(nodes|relationships)=import/(\S+)", command)
    assert sorted(f for _, f in named) == sorted(counts["files"])
    assert all(c in readme for c in schema().neo4j_constraints())
