"""Facts as rows: how the graph's nodes and edges become the columns every store holds.

One place for the embedded store's bulk load, the Neo4j push and the neo4j-admin CSV files: every
schema column (None when absent), values in the column's type, and a fact's sources as the parallel
lists ``source_articles``, ``source_sentence_ids``, ``source_starts``, ``source_zones``,
``source_statuses``, ``source_stated_on`` (Neo4j has no nested maps in properties). The sentences
themselves are rows of the Sentence table (:func:`sentence_rows`), each stored once, named by
:func:`govkg.identity.sentence_id`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from govkg.graph.schema import schema
from govkg.identity import sentence_id


def node_properties(data: dict, label: str) -> dict[str, Any]:
    """The properties of a node as both stores hold them: every schema column (None when absent),
    values coerced to the column's type. ``id`` is not included."""
    nt = schema().tables[label]
    return {p.name: coerce(data.get(p.name), p.type) for p in nt.props}


def edge_properties(data: dict, etype: str) -> dict[str, Any]:
    """The properties of a fact edge as both stores hold them: fact properties with the sources as
    parallel lists, then the edge's own properties."""
    srcs = data.get("sources") or []
    row = {k: v for k, v in data.items() if k not in ("sources", "type")}
    row["source_articles"] = [s.article for s in srcs]
    row["source_sentence_ids"] = [sentence_id(s.article, s.zone, s.start, s.sentence) for s in srcs]
    row["source_starts"] = [s.start for s in srcs]
    row["source_zones"] = [s.zone for s in srcs]
    row["source_statuses"] = [s.status or "" for s in srcs]
    row["source_stated_on"] = [s.stated_on or "" for s in srcs]
    et = schema().edges[etype]
    return {p.name: coerce(row.get(p.name), p.type) for p in et.props}


def coerce(v: Any, t: str) -> Any:
    """A value in the type the schema gives its column (dates from ISO text, ints, floats, lists)."""
    if v is None:
        return None
    if t == "DATE":
        if isinstance(v, datetime):
            return v.date()
        return v if isinstance(v, date) else date.fromisoformat(str(v))
    if t == "INT64":
        return int(v)
    if t == "DOUBLE":
        return float(v)
    if t == "BOOLEAN":
        return bool(v)
    if t.endswith("[]"):
        elem = t[:-2]
        return [coerce(x, elem) if x is not None else ("" if elem == "STRING" else 0) for x in v]
    return v


def group_nodes(kg) -> dict[str, list[tuple[str, dict]]]:
    """The rows of every node table for ``kg``, per label: its nodes, and under ``Sentence`` the
    sentences its facts cite (:func:`sentence_rows`)."""
    out: dict[str, list] = {}
    for n, d in kg.g.nodes(data=True):
        out.setdefault(d["label"], []).append((n, d))
    sentences = sentence_rows(d for _, _, d in kg.g.edges(data=True))
    if sentences:
        out[schema().sentence.label] = list(sentences.items())
    return out


def sentence_rows(edges) -> dict[str, dict]:
    """The Sentence rows the sources of ``edges`` (their data dicts) cite, by id, each once.

    >>> from govkg.graph.model import Source
    >>> s = Source("a-1", "Ông A là Chủ tịch.", 12, "body")
    >>> rows = sentence_rows([{"sources": [s]}, {"sources": [s]}])
    >>> [(r["article"], r["start"], r["text"]) for r in rows.values()]
    [('a-1', 12, 'Ông A là Chủ tịch.')]
    """
    out: dict[str, dict] = {}
    for d in edges:
        for s in d.get("sources") or ():
            sid = sentence_id(s.article, s.zone, s.start, s.sentence)
            if sid not in out:
                out[sid] = {"article": s.article, "zone": s.zone, "start": s.start, "text": s.sentence}
    return out


def group_edges(kg) -> dict[str, dict[tuple[str, str], list[tuple[str, str, dict]]]]:
    """The edges of ``kg`` per type and pair of labels, in one pass."""
    nodes = kg.g.nodes
    out: dict[str, dict] = {}
    for u, v, k, d in kg.g.edges(keys=True, data=True):
        out.setdefault(k, {}).setdefault((nodes[u]["label"], nodes[v]["label"]), []).append((u, v, d))
    return out


def sources_from_row(props: dict, texts: dict[str, str]) -> dict:
    """The inverse of :func:`edge_properties` for a row read back from a store: the parallel lists
    become ``sources`` (Source objects), their sentences the ``texts`` of their ids (Sentence rows
    by id); other values are kept when not None."""
    from govkg.graph.model import Source

    arts = props.pop("source_articles", None) or []
    sents = [texts.get(i, "") for i in props.pop("source_sentence_ids", None) or ()]
    starts = props.pop("source_starts", None) or []
    zones = props.pop("source_zones", None) or []
    statuses = props.pop("source_statuses", None) or [None] * len(arts)
    stated = props.pop("source_stated_on", None) or [None] * len(arts)
    out = {k: v for k, v in props.items() if v is not None}
    out["sources"] = [Source(a, s, st, z, stt or None, on or None)
                      for a, s, st, z, stt, on in zip(arts, sents, starts, zones, statuses, stated)]
    return out
