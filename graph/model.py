"""The canonical model: a networkx MultiDiGraph of typed nodes and fact edges with their sources.

Nodes carry ``label`` (a node label of ``schema.toml``) and their properties. Edges are keyed by
their type (one edge per (u, v, type)) and carry their ``sources``: where each fact was read. From
the sources and their articles' time (``date``, else the ``date_upper`` bound) come ``as_of``,
``first_seen``, ``last_seen``, ``first_bound`` and ``last_bound``, and for facts whose sources
state a status (HOLDS) the status shown with what it rests on (``status_basis``,
``status_article``) and the known span ``held_from``..``held_to``: the rules are
:mod:`govkg.graph.tenure`'s. Removing an article (because it was reloaded with new content)
recomputes them.

Plain functions over ``KnowledgeGraph.g`` work as they do on any networkx graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

import networkx as nx

from govkg.graph.tenure import DERIVED, NO_TIME, Tally, When, article_when
from govkg.identity import STATUS_RANK, make_id  # noqa: F401  (identity is owned by govkg.identity)


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the article, the sentence, its offset, the zone (body/title/leftover)."""

    article: str
    sentence: str
    start: int = 0
    zone: str = "body"
    status: str | None = None  # what this source says of a post (current, former, acting ...)
    # when the sentence itself dates what it says ("Năm 2015, ông X giữ chức ..."): "2015",
    # "2015-11" or "2015-11-07"; None when it speaks as of the article
    stated_on: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.stated_on, date):  # a date is kept as its ISO text, like "2015" or "2015-11"
            object.__setattr__(self, "stated_on", self.stated_on.isoformat())


class KnowledgeGraph:
    """Typed nodes and sourced fact edges over a ``networkx.MultiDiGraph``."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        # (u, v, type) -> keys of the sources already stated, so adding a source stays O(1)
        self._seen: dict[tuple[str, str, str], set] = {}
        self._tally: dict[tuple[str, str, str], Tally] = {}  # statements of the facts that state a status

    # -- nodes -------------------------------------------------------------------------------
    def add_node(self, label: str, node_id: str, **props: Any) -> str:
        """Add a node or merge properties into it: missing values are filled, lists are united."""
        if node_id in self.g:
            data = self.g.nodes[node_id]
            for k, v in props.items():
                if v is None or v == [] or v == "":
                    continue
                old = data.get(k)
                if isinstance(v, list):
                    data[k] = list(dict.fromkeys((old or []) + v))
                elif old is None or old == "":
                    data[k] = v
        else:
            clean = {k: v for k, v in props.items() if v is not None}
            self.g.add_node(node_id, label=label, **clean)
        return node_id

    def set_node(self, node_id: str, **props: Any) -> None:
        """Overwrite properties of an existing node."""
        self.g.nodes[node_id].update(props)

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict]]:
        for n, d in self.g.nodes(data=True):
            if label is None or d["label"] == label:
                yield n, d

    def label(self, node_id: str) -> str:
        return self.g.nodes[node_id]["label"]

    # -- facts -------------------------------------------------------------------------------
    def add_fact(
        self,
        etype: str,
        u: str,
        v: str,
        source: Source | None = None,
        confidence: float = 1.0,
        **props: Any,
    ) -> None:
        """State a fact ``u -etype-> v``, adding ``source`` to its sources (once per sentence)."""
        if self.g.has_edge(u, v, key=etype):
            data = self.g.edges[u, v, etype]
            data["confidence"] = max(data.get("confidence", 0.0), confidence)
            for k, val in props.items():
                if val is not None and data.get(k) in (None, ""):
                    data[k] = val
        else:
            self.g.add_edge(u, v, key=etype, type=etype, sources=[], confidence=confidence,
                            **{k: val for k, val in props.items() if val is not None})
            data = self.g.edges[u, v, etype]
        if source is not None:
            seen = self._seen.get((u, v, etype))
            if seen is None:
                seen = self._seen[(u, v, etype)] = {(s.article, s.start, s.sentence) for s in data["sources"]}
            k = (source.article, source.start, source.sentence)
            if k not in seen:
                seen.add(k)
                data["sources"].append(source)
                self._add_to_fact((u, v, etype), data, source)

    def edges(self, etype: str | None = None) -> Iterator[tuple[str, str, dict]]:
        for u, v, k, d in self.g.edges(keys=True, data=True):
            if etype is None or k == etype:
                yield u, v, d

    def article_date(self, article_id: str) -> date | None:
        if article_id in self.g:
            return self.g.nodes[article_id].get("date")
        return None

    def article_when(self, article_id: str) -> When:
        """When an article was published: its date, else on or before its ``date_upper``."""
        if article_id in self.g:
            d = self.g.nodes[article_id]
            return article_when(d.get("date"), d.get("date_upper"))
        return NO_TIME

    def _add_to_fact(self, fact: tuple[str, str, str], data: dict, s: Source) -> None:
        """Fold one new source into the fact's dates (and its status, for facts stating one)."""
        tally = self._tally.get(fact)
        if tally is None and (s.status or _states_status(fact[2])):
            tally = self._tally[fact] = self._tally_of(data["sources"][:-1])
        if tally is not None:
            tally.add(s.article, self.article_when(s.article), s.status, s.zone, s.stated_on, s.start)
            _apply(data, tally.values())
            return
        w = self.article_when(s.article)
        if w.kind == "date":
            d = w.lo
            if data.get("first_seen") is None or d < data["first_seen"]:
                data["first_seen"] = d
            if data.get("last_seen") is None or d > data["last_seen"]:
                data["last_seen"] = d
            data["as_of"] = data["last_seen"]
        elif w.kind == "bound":
            u = w.hi
            if data.get("first_bound") is None or u < data["first_bound"]:
                data["first_bound"] = u
            if data.get("last_bound") is None or u > data["last_bound"]:
                data["last_bound"] = u

    def _tally_of(self, sources: list[Source]) -> Tally:
        t = Tally()
        for x in sources:
            t.add(x.article, self.article_when(x.article), x.status, x.zone, x.stated_on, x.start)
        return t

    def _refresh_fact(self, data: dict) -> None:
        """Recompute the fact's dates and status from its sources."""
        if any(s.status for s in data["sources"]) or _states_status(data.get("type", "")):
            keep = data.get("status")
            _apply(data, self._tally_of(data["sources"]).values())
            if data.get("status") is None and keep:
                data["status"] = keep  # sources that state no status (an import) keep the fact's
            return
        for k in ("as_of", "first_seen", "last_seen", "first_bound", "last_bound"):
            data.pop(k, None)
        for s in data["sources"]:
            w = self.article_when(s.article)
            if w.kind == "date":
                data["first_seen"] = min(data.get("first_seen") or w.lo, w.lo)
                data["last_seen"] = max(data.get("last_seen") or w.lo, w.lo)
                data["as_of"] = data["last_seen"]
            elif w.kind == "bound":
                data["first_bound"] = min(data.get("first_bound") or w.hi, w.hi)
                data["last_bound"] = max(data.get("last_bound") or w.hi, w.hi)

    def statements(self, u: str, v: str, etype: str) -> list:
        """The statements of one fact (:class:`govkg.graph.tenure.Statement`), one per article."""
        return self._tally_of(self.g.edges[u, v, etype]["sources"]).statements()

    # -- articles ----------------------------------------------------------------------------
    def remove_article(self, article_id: str, outside: dict[str, int] | None = None) -> None:
        """Forget what one article said: its sources, facts left without a source, and the nodes
        that had a fact only through it (orphans; places stay).

        ``outside`` counts, for nodes of a graph that holds only part of a store, the facts each has in
        the rest of the store: a node is an orphan only when it has none there either."""
        drop_edges = []
        for u, v, k, d in self.g.edges(keys=True, data=True):
            srcs = d.get("sources") or []
            kept = [s for s in srcs if s.article != article_id]
            if len(kept) != len(srcs):
                d["sources"] = kept
                if kept:
                    self._refresh_fact(d)
                else:
                    drop_edges.append((u, v, k))
        self.g.remove_edges_from(drop_edges)
        self._seen.clear()
        self._tally.clear()
        ends = {n for u, v, _ in drop_edges for n in (u, v)}
        if article_id in self.g:
            ends.update(self.g.predecessors(article_id))
            ends.update(self.g.successors(article_id))
            self.g.remove_node(article_id)
        ends.discard(article_id)
        more = outside or {}
        nodes = self.g.nodes
        orphans = [n for n in ends if n in self.g and nodes[n]["label"] != "Place" and self.g.degree(n) == 0
                   and not more.get(n)]
        self.g.remove_nodes_from(orphans)

    def merge(self, other: "KnowledgeGraph") -> None:
        """Add everything ``other`` holds (articles first, so fact dates resolve)."""
        order = sorted(other.g.nodes(data=True), key=lambda nd: nd[1]["label"] != "Article")
        for n, d in order:
            props = {k: v for k, v in d.items() if k != "label"}
            self.add_node(d["label"], n, **props)
        for u, v, k, d in other.g.edges(keys=True, data=True):
            props = {x: y for x, y in d.items() if x not in ("sources", "type", "confidence") and x not in DERIVED}
            if not d["sources"]:
                self.add_fact(k, u, v, None, d.get("confidence", 1.0), **props)
            for s in d["sources"]:
                self.add_fact(k, u, v, s, d.get("confidence", 1.0), **props)
            mine = self.g.edges[u, v, k]
            if d.get("status") and not mine.get("status"):
                mine["status"] = d["status"]  # sources that state no status (an import) keep the fact's

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of nodes per label and edges per type."""
        nodes: dict[str, int] = {}
        for _, d in self.g.nodes(data=True):
            nodes[d["label"]] = nodes.get(d["label"], 0) + 1
        edges: dict[str, int] = {}
        for _, _, k in self.g.edges(keys=True):
            edges[k] = edges.get(k, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}


def _apply(data: dict, values: dict) -> None:
    """Write derived values into an edge's data; a value now unknown is removed."""
    for k, v in values.items():
        if v is None:
            if k != "status":
                data.pop(k, None)
        else:
            data[k] = v


_STATUS_FACTS: frozenset | None = None


def _states_status(etype: str) -> bool:
    """Whether facts of this type carry a status (HOLDS), from the schema."""
    global _STATUS_FACTS
    if _STATUS_FACTS is None:
        from govkg.graph.schema import schema

        _STATUS_FACTS = frozenset(name for name, e in schema().edges.items() if "status" in e.own)
    return etype in _STATUS_FACTS
