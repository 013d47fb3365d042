"""The schema as data: read ``schema.toml`` once and derive what each sink needs from it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    doc: str = ""
    rdf: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class NodeType:
    label: str
    doc: str
    rdf_class: str
    props: tuple[Prop, ...]  # without the primary key `id`


@dataclass(frozen=True)
class EdgeType:
    name: str
    doc: str
    pairs: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...]  # fact properties first, then the edge's own
    own: tuple[str, ...] = field(default=())  # names of the edge's own properties
    # "both" (the default: walked from either end) or "forward" (kept only from its source nodes, in
    # the embedded store: for edges no lookup walks backwards, so that adding one to an existing
    # node does not rewrite that node's part of the table)
    walked: str = "both"


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    edges: dict[str, EdgeType]
    fact_props: tuple[Prop, ...]
    sentence: NodeType  # the sources' sentences: a table of both stores, not a node of the graph

    @cached_property
    def tables(self) -> dict[str, NodeType]:
        """The node tables the stores hold: the graph's labels and the Sentence table."""
        return {**self.nodes, self.sentence.label: self.sentence}

    def ladybug_ddl(self) -> list[str]:
        """CREATE statements for the embedded store."""
        out = []
        for n in self.tables.values():
            cols = ", ".join(["id STRING PRIMARY KEY"] + [f"{p.name} {p.type}" for p in n.props])
            out.append(f"CREATE NODE TABLE {n.label}({cols})")
        for e in self.edges.values():
            pairs = ", ".join(f"FROM {a} TO {b}" for a, b in e.pairs)
            cols = "".join(f", {p.name} {p.type}" for p in e.props)
            forward = " WITH (storage_direction = 'fwd')" if e.walked == "forward" else ""
            out.append(f"CREATE REL TABLE {e.name}({pairs}{cols}){forward}")
        return out

    def neo4j_constraints(self) -> list[str]:
        """Uniqueness constraints on every label's id for Neo4j 5."""
        return [
            f"CREATE CONSTRAINT {n.label.lower()}_id IF NOT EXISTS FOR (n:{n.label}) REQUIRE n.id IS UNIQUE"
            for n in self.tables.values()
        ]

    def node_columns(self, label: str) -> list[str]:
        return ["id"] + [p.name for p in self.tables[label].props]

    def edge_columns(self, etype: str) -> list[str]:
        return [p.name for p in self.edges[etype].props]


def _props(table: dict) -> tuple[Prop, ...]:
    return tuple(Prop(name=k, **v) for k, v in table.items())


@lru_cache(maxsize=1)
def schema() -> Schema:
    """The schema, read once from ``graph/schema.toml``."""
    raw = tomllib.loads(resources.files("govkg.graph").joinpath("schema.toml").read_text("utf-8"))
    fact = _props(raw["fact_properties"])
    nodes = {
        label: NodeType(label, t.get("doc", ""), t["rdf_class"], _props(t.get("properties", {})))
        for label, t in raw["nodes"].items()
    }
    edges = {}
    for name, t in raw["edges"].items():
        own = _props(t.get("properties", {}))
        edges[name] = EdgeType(
            name, t.get("doc", ""), tuple(tuple(p) for p in t["pairs"]), fact + own, tuple(p.name for p in own),
            t.get("walked", "both"),
        )
        if edges[name].walked not in ("both", "forward"):
            raise ValueError(f"schema.toml: edges.{name}.walked is '{edges[name].walked}', not 'both' or 'forward'")
    sent = raw["sentences"]
    sentence = NodeType(sent["label"], sent.get("doc", ""), "", _props(sent.get("properties", {})))
    return Schema(nodes, edges, fact, sentence)
