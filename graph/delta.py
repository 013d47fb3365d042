"""What a load changes in the store, worked out on the part of the graph it touches.

A load no longer reads the whole stored graph: it reads a :class:`Window`, the stored rows its
articles touch (the nodes they name, the facts they state again, for a replaced article every
fact it was a source of, and the articles cited by those facts, whose dates the facts' dates come
from), merges the articles into that window with the same :class:`KnowledgeGraph` rules a whole
graph follows, and writes back only the rows that differ: a :class:`Delta`. So what a load costs
follows what it adds, not what the store holds.

A node of the window may have facts outside it; ``outside`` counts them for the nodes a replaced
article could leave without any, so that a node is removed as an orphan only when the whole store
holds no fact of it any more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.graph.model import KnowledgeGraph
from govkg.graph.rows import edge_properties, node_properties, sources_from_row
from govkg.graph.schema import schema

EdgeGroup = tuple[str, str, str]  # (edge type, label of its start, label of its end)


@dataclass
class Delta:
    """Rows to write, per label or per edge group, in the order they are applied."""

    delete_edges: dict[EdgeGroup, list[tuple[str, str]]] = field(default_factory=dict)
    delete_nodes: dict[str, list[str]] = field(default_factory=dict)
    update_nodes: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)
    update_edges: dict[EdgeGroup, list[tuple[str, str, dict]]] = field(default_factory=dict)
    new_nodes: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)
    new_edges: dict[EdgeGroup, list[tuple[str, str, dict]]] = field(default_factory=dict)

    def size(self) -> int:
        """The number of rows written."""
        return sum(len(x) for part in (self.delete_edges, self.delete_nodes, self.update_nodes, self.update_edges,
                                       self.new_nodes, self.new_edges) for x in part.values())

    def __bool__(self) -> bool:
        return self.size() > 0


class Window:
    """Part of the stored graph as a :class:`KnowledgeGraph`, with the rows it was read from."""

    def __init__(self) -> None:
        self.kg = KnowledgeGraph()
        self.outside: dict[str, int] = {}
        self._nodes: dict[str, tuple[str, dict]] = {}  # id -> (label, row as stored)
        self._edges: dict[tuple[str, str, str], dict] = {}  # (u, v, type) -> row as stored

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._nodes

    def add_node_row(self, label: str, cols: list[str], row: list) -> None:
        """A node read from the store (``cols`` starts with ``id``)."""
        node_id = row[0]
        if node_id in self._nodes:
            return
        props = {c: v for c, v in zip(cols[1:], row[1:]) if v is not None}
        self.kg.g.add_node(node_id, label=label, **props)
        self._nodes[node_id] = (label, node_properties(props, label))

    def add_edge_row(self, etype: str, u: str, v: str, cols: list[str], values: list) -> None:
        """A fact read from the store (both its ends already read)."""
        if (u, v, etype) in self._edges:
            return
        props = dict(zip(cols, values))
        self._edges[(u, v, etype)] = {c: props[c] for c in cols}
        self.kg.g.add_edge(u, v, key=etype, type=etype, **sources_from_row(dict(props)))

    def loaded_degree(self, node_id: str) -> int:
        return self.kg.g.degree(node_id) if node_id in self.kg.g else 0

    def cited_articles(self) -> set[str]:
        """Articles the window's facts cite that it does not hold yet."""
        out = set()
        for _, _, d in self.kg.g.edges(data=True):
            for s in d.get("sources") or ():
                if s.article not in self._nodes:
                    out.add(s.article)
        return out

    def delta(self) -> Delta:
        """The rows that turn what was read into what the window holds now."""
        out = Delta()
        g = self.kg.g
        sch = schema()
        for (u, v, k), before in self._edges.items():
            la, lb = self._nodes[u][0], self._nodes[v][0]
            if not g.has_edge(u, v, k):
                out.delete_edges.setdefault((k, la, lb), []).append((u, v))
                continue
            after = edge_properties(g.edges[u, v, k], k)
            if _coerced(after, k) != _coerced(before, k):  # a new source, or one fewer: its row is updated
                out.update_edges.setdefault((k, la, lb), []).append((u, v, after))
        for n, (label, before) in self._nodes.items():
            if n not in g:
                out.delete_nodes.setdefault(label, []).append(n)
        for n, d in g.nodes(data=True):
            label = d["label"]
            row = node_properties(d, label)
            if n not in self._nodes:
                out.new_nodes.setdefault(label, []).append((n, row))
            elif row != self._nodes[n][1]:
                out.update_nodes.setdefault(label, []).append((n, row))
        for u, v, k, d in g.edges(keys=True, data=True):
            if (u, v, k) in self._edges:
                continue
            la, lb = g.nodes[u]["label"], g.nodes[v]["label"]
            if (la, lb) not in sch.edges[k].pairs:
                raise ValueError(f"schema has no {k} from {la} to {lb}")
            out.new_edges.setdefault((k, la, lb), []).append((u, v, edge_properties(d, k)))
        return out


def _coerced(row: dict, etype: str) -> dict:
    """A fact's row in the form both the store and the graph give it (lists of None read back as
    the store holds them)."""
    from govkg.graph.rows import coerce

    et = schema().edges[etype]
    return {p.name: coerce(row.get(p.name), p.type) for p in et.props}
