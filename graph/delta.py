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

The sentences of the sources are rows of their own (the Sentence table): a load adds those its
facts cite that the store lacks, and removes those of a replaced article no fact cites any more
(every fact citing a replaced article is in the window, so none outside it can cite them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.graph.model import KnowledgeGraph
from govkg.graph.rows import edge_properties, node_properties, sentence_rows, sources_from_row
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
    new_sentences: list[tuple[str, dict]] = field(default_factory=list)  # Sentence rows (id, row)
    delete_sentences: list[str] = field(default_factory=list)
    # ids among new_sentences of articles stored before this load: written only if the store lacks them
    check_sentences: set[str] = field(default_factory=set)

    def size(self) -> int:
        """The number of rows written."""
        return sum(len(x) for part in (self.delete_edges, self.delete_nodes, self.update_nodes, self.update_edges,
                                       self.new_nodes, self.new_edges) for x in part.values()) + \
            len(self.new_sentences) + len(self.delete_sentences)

    def __bool__(self) -> bool:
        return self.size() > 0


class Window:
    """Part of the stored graph as a :class:`KnowledgeGraph`, with the rows it was read from."""

    def __init__(self, replaced=()) -> None:
        self.kg = KnowledgeGraph()
        self.outside: dict[str, int] = {}
        self.replaced = set(replaced)  # stored articles the load replaces
        self.sentences_read: set[str] = set()  # Sentence ids the facts read cite
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

    def add_edge_row(self, etype: str, u: str, v: str, cols: list[str], values: list,
                     texts: dict[str, str]) -> None:
        """A fact read from the store (both its ends already read); ``texts``: its sentences by id."""
        if (u, v, etype) in self._edges:
            return
        props = dict(zip(cols, values))
        self._edges[(u, v, etype)] = {c: props[c] for c in cols}
        self.kg.g.add_edge(u, v, key=etype, type=etype, **sources_from_row(dict(props), texts))

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
        cited = sentence_rows(d for _, _, d in g.edges(data=True))
        for i, row in cited.items():
            if i not in self.sentences_read:
                out.new_sentences.append((i, row))
                if row["article"] in self._nodes:
                    out.check_sentences.add(i)
        # a replaced article's sentences: only the window's facts can cite them
        gone = self.sentences_read - cited.keys()
        if gone:
            of = {}
            for (u, v, k), before in self._edges.items():
                for a, i in zip(before.get("source_articles") or (), before.get("source_sentence_ids") or ()):
                    of[i] = a
            out.delete_sentences = sorted(i for i in gone if of.get(i) in self.replaced)
        return out


def _coerced(row: dict, etype: str) -> dict:
    """A fact's row in the form both the store and the graph give it (lists of None read back as
    the store holds them)."""
    from govkg.graph.rows import coerce

    et = schema().edges[etype]
    return {p.name: coerce(row.get(p.name), p.type) for p in et.props}
