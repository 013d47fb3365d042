"""GraphML and GEXF exports of the graph (Gephi, Cytoscape, yEd, networkx), via networkx.

Both formats hold only scalar attributes, so values are converted: dates to ISO text, lists
(``aliases``, ``ranks``) to JSON text, and an edge's sources to one JSON text
``[{"article", "sentence", "start", "zone", "status"}, ...]`` in the attribute ``sources``.
Numbers keep their schema type (``year`` an integer, ``confidence`` a double), so every attribute has
one type across the file.

GraphML: a node's schema label is the attribute ``label``, an edge's type the attribute ``type``
(the edge key is the type too). GEXF gives ``label`` and an edge's ``type`` their own meaning (the
text Gephi shows; directed or not), so there a node's ``label`` is its display name (name, number or
title), its schema label the attribute ``kind_of_node``, and an edge's type its ``label`` and the
attribute ``relation``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from govkg.graph.schema import schema

_DISPLAY = ("name", "number", "title")


def _scalar(v: Any, t: str | None) -> Any:
    if v is None:
        return None
    if isinstance(v, (list, tuple, set)):
        return json.dumps([x.isoformat() if isinstance(x, date) else x for x in v], ensure_ascii=False)
    if isinstance(v, date):
        return v.isoformat()
    if t == "INT64":
        return int(v)
    if t == "DOUBLE":
        return float(v)
    if t == "BOOLEAN":
        return bool(v)
    if isinstance(v, (int, float, bool)):
        return v
    return str(v)


def _sources_json(sources) -> str:
    return json.dumps([{"article": s.article, "sentence": s.sentence, "start": s.start, "zone": s.zone,
                        "status": s.status, **({"stated_on": s.stated_on} if s.stated_on else {})}
                       for s in sources or []], ensure_ascii=False)


def to_plain_graph(kg, gexf: bool = False):
    """A networkx MultiDiGraph of ``kg`` with only scalar attributes (see the module doc)."""
    import networkx as nx

    sch = schema()
    types: dict[str, dict[str, str]] = {lb: {p.name: p.type for p in nt.props} for lb, nt in sch.nodes.items()}
    etypes: dict[str, dict[str, str]] = {et: {p.name: p.type for p in e.props} for et, e in sch.edges.items()}
    h = nx.MultiDiGraph()
    for n, d in kg.g.nodes(data=True):
        label = d.get("label")
        tmap = types.get(label, {})
        attrs = {}
        for k, v in d.items():
            if k == "label":
                continue
            val = _scalar(v, tmap.get(k))
            if val is not None:
                attrs[k] = val
        if gexf:
            shown = next((attrs[p] for p in _DISPLAY if attrs.get(p)), n)
            attrs["kind_of_node"] = label
            attrs["label"] = str(shown)
        else:
            attrs["label"] = label
        h.add_node(n, **attrs)
    for u, v, k, d in kg.g.edges(keys=True, data=True):
        etype = d.get("type", k)
        tmap = etypes.get(etype, {})
        attrs = {}
        for name, val in d.items():
            if name in ("type", "sources"):
                continue
            val = _scalar(val, tmap.get(name))
            if val is not None:
                attrs[name] = val
        attrs["sources"] = _sources_json(d.get("sources"))
        if gexf:
            attrs["label"] = etype
            attrs["relation"] = etype
        else:
            attrs["type"] = etype
        h.add_edge(u, v, key=k, **attrs)
    return h


def write_graphml(kg, path) -> dict:
    """Write ``kg`` as GraphML to ``path``; returns ``{"nodes": n, "edges": m}``."""
    import networkx as nx

    h = to_plain_graph(kg)
    nx.write_graphml(h, str(path), encoding="utf-8", prettyprint=False)
    return {"nodes": h.number_of_nodes(), "edges": h.number_of_edges()}


def write_gexf(kg, path) -> dict:
    """Write ``kg`` as GEXF 1.2 to ``path``; returns ``{"nodes": n, "edges": m}``."""
    import networkx as nx

    h = to_plain_graph(kg, gexf=True)
    nx.write_gexf(h, str(path), encoding="utf-8", prettyprint=False)
    return {"nodes": h.number_of_nodes(), "edges": h.number_of_edges()}
