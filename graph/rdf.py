"""The graph as linked data: KnowledgeGraph <-> RDF with standard vocabularies.

The mapping is data (``graph/schema.toml``: ``rdf_class``, ``rdf`` and ``lang`` on labels and
properties, the ``[rdf]`` section for edges and prefixes) and is written down in ``docs/rdf.md``.
In short:

- every node is ``<base><node id>`` (articles ``<base>article/<percent-encoded id>``), typed with
  its label's class and carrying ``dcterms:identifier`` (its id) and its properties;
- every edge is a direct triple (``<role> org:postIn <agency>``) plus a *fact resource*
  ``<base>fact/<type>-<hash of (type, u, v)>`` (``rdf:Statement`` + ``govkg:Fact``) with its dates,
  confidence and ``prov:wasDerivedFrom`` one *evidence resource* per source (``govkg:Evidence``:
  ``prov:value`` the sentence, ``prov:wasQuotedFrom`` the article, ``govkg:offset``,
  ``govkg:zone``); holding a post is an ``org:Membership`` (Popolo) with no direct triple.

Triples are generated straight from the KnowledgeGraph, one subject block at a time, so
N-Triples, Turtle and JSON-LD stream to the output in constant memory; rdflib is imported only to
build an in-memory graph (RDF/XML, SPARQL), to parse files and to validate with pyshacl.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import sys
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator, NamedTuple
from urllib.parse import quote, unquote

from govkg.graph.model import STATUS_RANK, KnowledgeGraph, Source, make_id
from govkg.graph.schema import schema

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SH_NS = "http://www.w3.org/ns/shacl#"
SHAPES_NS = "https://govkg.org/shapes#"

FORMATS = ("turtle", "ntriples", "jsonld", "xml")
SUFFIXES = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples", ".ntriples": "ntriples",
    ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
    ".n3": "n3", ".trig": "trig", ".nq": "nquads",
}
# our format names -> rdflib parser / serializer names
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "xml": "xml", "n3": "n3",
                 "trig": "trig", "nquads": "nquads"}

# statuses of a post that mean "holds it now" (org:headOf is written for heads in these)
HOLDING = {s for s, rank in STATUS_RANK.items() if rank >= 3}


class RdfError(Exception):
    """An RDF file or option govkg cannot use; the message is one line for the user."""


class Lit(NamedTuple):
    """A literal: its lexical form, a language tag or a datatype IRI (neither: a plain string)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


# -- the mapping, read once from schema.toml ------------------------------------------------------

@dataclass(frozen=True)
class PropMap:
    name: str
    pred: str  # full IRI
    type: str  # schema type (STRING, INT64, DOUBLE, BOOLEAN, DATE, STRING[], INT64[])
    lang: str | None = None
    datatype: str | None = None  # full IRI, for non-language literals
    kind: str = "literal"  # literal | concept | article
    scheme: str | None = None  # concept scheme name, for kind == concept
    required: bool = False

    @property
    def many(self) -> bool:
        return self.type.endswith("[]")


@dataclass(frozen=True)
class NodeMap:
    label: str
    cls: str
    types: tuple[str, ...]  # cls first, then the extra types
    props: tuple[PropMap, ...]
    also: tuple[tuple[str, str], ...]  # (property name, extra predicate)


@dataclass(frozen=True)
class EdgeMap:
    name: str
    pairs: tuple[tuple[str, str], ...]
    predicate: str | None  # the direct triple's predicate (None: no direct triple, e.g. HOLDS)
    by_pair: dict  # (label u, label v) -> predicate, when it differs from `predicate`
    inverse: bool  # the direct triple goes v -> u
    fact_types: tuple[str, ...]
    subject: str | None  # for facts that are not rdf:Statements (memberships): u's predicate
    object: str | None  # ... and v's
    props: tuple[PropMap, ...]  # fact properties and the edge's own, without the source_* lists

    def pred(self, lu: str, lv: str) -> str | None:
        return self.by_pair.get((lu, lv), self.predicate)

    @property
    def statement(self) -> bool:
        return self.subject is None


@dataclass
class Mapping:
    base: str
    prefixes: dict[str, str]
    nodes: dict[str, NodeMap]
    edges: dict[str, EdgeMap]
    fact_props: tuple[PropMap, ...]
    class_to_label: dict[str, str] = field(default_factory=dict)
    pred_to_edge: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def iri(self, curie: str) -> str:
        """``org:postIn`` -> the full IRI."""
        if "://" in curie:
            return curie
        prefix, _, local = curie.partition(":")
        try:
            return self.prefixes[prefix] + local
        except KeyError:
            raise ValueError(f"schema.toml: unknown prefix in {curie!r}") from None

    def curie(self, iri: str) -> str:
        for p, ns in self.prefixes.items():
            if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns):]):
                return f"{p}:{iri[len(ns):]}"
        return f"<{iri}>"


_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


@lru_cache(maxsize=1)
def _raw_rdf() -> dict:
    text = resources.files("govkg.graph").joinpath("schema.toml").read_text("utf-8")
    return tomllib.loads(text).get("rdf", {})


@lru_cache(maxsize=1)
def mapping() -> Mapping:
    """The RDF mapping derived from ``schema.toml`` (cached)."""
    raw = _raw_rdf()
    sch = schema()
    m = Mapping(base=raw.get("base", "https://govkg.org/id/"), prefixes=dict(raw["prefixes"]),
                nodes={}, edges={}, fact_props=())
    X = lambda c: m.iri(c)  # noqa: E731
    required = set(raw.get("required", []))
    concepts = raw.get("concepts", {})
    article_refs = set(raw.get("article_refs", []))
    datatypes = raw.get("datatypes", {})

    def propmap(owner: str, p) -> PropMap:
        qual = f"{owner}.{p.name}"
        kind = "concept" if qual in concepts else "article" if qual in article_refs else "literal"
        dt = None
        if kind == "literal" and not p.lang:
            dt = X(datatypes[qual]) if qual in datatypes else _XSD_FOR.get(p.type.rstrip("[]"))
        return PropMap(p.name, X(p.rdf or f"govkg:{_camel(p.name)}"), p.type, p.lang, dt, kind,
                       concepts.get(qual), qual in required)

    for label, nt in sch.nodes.items():
        props = tuple(propmap(label, p) for p in nt.props)
        preds = [p.pred for p in props]
        if len(set(preds)) != len(preds):
            raise ValueError(f"schema.toml: two properties of {label} map to one RDF predicate")
        also = tuple((name.split(".", 1)[1], X(pred)) for name, preds_ in raw.get("also", {}).items()
                     if name.split(".", 1)[0] == label for pred in preds_)
        if any(pred in preds for _, pred in also):
            raise ValueError(f"schema.toml: an [rdf] 'also' predicate of {label} is already mapped")
        types = (X(nt.rdf_class),) + tuple(X(t) for t in raw.get("extra_types", {}).get(label, []))
        m.nodes[label] = NodeMap(label, X(nt.rdf_class), types, props, also)
        m.class_to_label[X(nt.rdf_class)] = label
    if len(m.class_to_label) != len(m.nodes):
        raise ValueError("schema.toml: two labels share an rdf_class")

    m.fact_props = tuple(propmap("fact", p) for p in sch.fact_props if not p.name.startswith("source_"))
    for name, et in sch.edges.items():
        e = raw.get("edges", {}).get(name, {})
        own = tuple(propmap(name, p) for p in et.props if p.name in et.own and not p.name.startswith("source_"))
        by_pair = {tuple(k.split()): X(v) for k, v in e.get("by_pair", {}).items()}
        # an edge type [rdf.edges] does not name yet maps to govkg:<camelCase> (NEW_EDGE -> govkg:newEdge)
        pred = X(e["predicate"]) if e.get("predicate") else None if e.get("subject") else X(f"govkg:{_camel(name.lower())}")
        em = EdgeMap(
            name, et.pairs, pred, by_pair, bool(e.get("inverse")),
            (X("govkg:Fact"),) + (() if e.get("subject") else (RDF_NS + "Statement",))
            + tuple(X(c) for c in e.get("fact_class", [])),
            X(e["subject"]) if e.get("subject") else None, X(e["object"]) if e.get("object") else None,
            m.fact_props + own,
        )
        m.edges[name] = em
        for p in {pred, *by_pair.values()} - {None}:
            if p in m.pred_to_edge:
                raise ValueError(f"schema.toml: {name} and {m.pred_to_edge[p][0]} share the predicate {p}")
            m.pred_to_edge[p] = (name, em.inverse)
    return m


_XSD_FOR = {"STRING": None, "INT64": XSD_NS + "integer", "DOUBLE": XSD_NS + "double",
            "BOOLEAN": XSD_NS + "boolean", "DATE": XSD_NS + "date"}


# -- IRIs ------------------------------------------------------------------------------------------

_BASE_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[!#$%&'()*+,./0-9:;=?@A-Z_a-z~-]*[/#]$")


def check_base(base: str | None) -> str:
    """The base IRI to mint under: absolute, ASCII, ending in ``/`` or ``#``."""
    base = base or mapping().base
    if not _BASE_OK.match(base) or base.count("#") > 1 or re.search(r"%(?![0-9A-Fa-f]{2})", base):
        raise RdfError(f"--base {base!r} is not usable: give an absolute ASCII IRI ending in '/' or '#' "
                       "(e.g. https://example.org/id/)")
    return base


def _segments(path: str, safe: str) -> str:
    out = quote(path, safe=safe)
    # "." and ".." segments would be removed when an IRI is normalised: encode their dots
    return "/".join(s.replace(".", "%2E") if s in (".", "..") else s for s in out.split("/"))


def node_path(node_id: str, label: str) -> str:
    """The IRI path of a node under the base: its id, percent-encoded (articles under article/)."""
    if label == "Article":
        return "article/" + _segments(node_id, "-._~")
    return _segments(node_id, "/-._~")


def article_path(article_id: str) -> str:
    return "article/" + _segments(article_id, "-._~")


def fact_path(etype: str, u: str, v: str) -> str:
    """``fact/holds-<16 hex>``: deterministic from the edge type and its two node ids."""
    h = hashlib.sha1(f"{etype}\x00{u}\x00{v}".encode("utf-8")).hexdigest()[:16]
    return f"fact/{etype.lower().replace('_', '-')}-{h}"


def evidence_path(fact: str, s: Source) -> str:
    """``evidence/<16 hex>``: deterministic from the fact and the source (article, zone, offset, sentence)."""
    key = f"{fact}\x00{s.article}\x00{s.zone}\x00{s.start}\x00{s.sentence}"
    return "evidence/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- KnowledgeGraph -> triples ---------------------------------------------------------------------

Block = tuple[str, list[tuple[str, Any]]]  # a subject and its (predicate, object) pairs


def _date_lex(v: Any) -> str:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return date.fromisoformat(str(v)).isoformat() if _ISO_DATE.match(str(v)) else str(v)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _double_lex(v: Any) -> str:
    f = float(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "INF" if f > 0 else "-INF"
    return repr(f)


def _lits(pm: PropMap, value: Any) -> list[Lit]:
    """The literals one property value becomes (none for None, "" and [])."""
    if type(value) is str and pm.type == "STRING":  # the common case, fast
        return [Lit(value, pm.lang, None if pm.lang else pm.datatype)] if value else []
    values = value if isinstance(value, (list, tuple)) else [value]
    t = pm.type.rstrip("[]")
    out = []
    for v in values:
        if v is None or v == "":
            continue
        if t == "INT64":
            lex = str(int(v))
        elif t == "DOUBLE":
            lex = _double_lex(v)
        elif t == "DATE":
            lex = _date_lex(v)
        elif t == "BOOLEAN":
            lex = "true" if v else "false"
        else:
            lex = str(v)
        out.append(Lit(lex, pm.lang, None if pm.lang else pm.datatype))
    return sorted(set(out)) if len(out) > 1 else out  # RDF has no order: a canonical one


class _Minter:
    """Node, concept and article IRIs under one base, with the concepts seen so far."""

    def __init__(self, kg: KnowledgeGraph, base: str) -> None:
        self.kg = kg
        self.base = base
        self.concepts: dict[str, tuple[str, str]] = {}  # iri -> (scheme, label)
        self._cache: dict[str, str] = {}

    def node(self, node_id: str) -> str:
        iri = self._cache.get(node_id)
        if iri is None:
            iri = self._cache[node_id] = self.base + node_path(node_id, self.kg.g._node[node_id]["label"])
        return iri

    def article(self, article_id: str) -> str:
        iri = self._cache.get(article_id)
        if iri is not None and self.kg.g._node[article_id]["label"] == "Article":
            return iri
        d = self.kg.g._node.get(article_id)
        if d is not None and d["label"] == "Article":
            return self.node(article_id)
        return self.base + article_path(article_id)

    def concept(self, scheme: str, value: str) -> str:
        iri = self.base + make_id(scheme, value)
        self.concepts.setdefault(iri, (scheme, value))
        return iri


def _prop_pairs(m: Mapping, mint: _Minter, pm: PropMap, value: Any) -> list[tuple[str, Any]]:
    if pm.kind == "literal":
        return [(pm.pred, lit) for lit in _lits(pm, value)]
    values = value if isinstance(value, (list, tuple)) else [value]
    values = [v for v in values if v not in (None, "")]
    if pm.kind == "concept":
        return [(pm.pred, mint.concept(pm.scheme, str(v))) for v in values]
    return [(pm.pred, mint.article(str(v))) for v in values]


def blocks(kg: KnowledgeGraph, base: str | None = None) -> Iterator[Block]:
    """The RDF of ``kg``, one subject at a time: each node, then its facts and their evidence."""
    m = mapping()
    base = check_base(base)
    mint = _Minter(kg, base)
    g = kg.g
    rdf_type = RDF_NS + "type"
    ident = m.iri("dcterms:identifier")
    head_of = m.iri("org:headOf")
    role_pred = m.iri("org:role")
    derived = m.iri("prov:wasDerivedFrom")
    ev_types = [(rdf_type, m.iri("govkg:Evidence"))]
    p_value, p_quoted = m.iri("prov:value"), m.iri("prov:wasQuotedFrom")
    p_offset, p_zone, p_status = m.iri("govkg:offset"), m.iri("govkg:zone"), m.iri("govkg:status")
    p_stated = m.iri("govkg:statedOn")
    p_org = m.iri("org:organization")
    xsd_int = XSD_NS + "integer"
    # networkx's own dicts (node -> data, node -> {neighbour: {key: data}}): its views cost more
    # than the rest of the export on large graphs
    nodes, succ, pred_ = g._node, g._succ, g._pred
    inverse_targets = {b for em in m.edges.values() if em.inverse for _, b in em.pairs}
    fact_lits: dict[tuple, list[Lit]] = {}  # dates and confidences repeat: convert each once

    def fact_prop_lits(pm: PropMap, value: Any) -> list[Lit]:
        if type(value) is str or isinstance(value, list):
            return _lits(pm, value)
        k = (pm.pred, value)
        out = fact_lits.get(k)
        if out is None:
            if len(fact_lits) > 100000:
                fact_lits.clear()
            out = fact_lits[k] = _lits(pm, value)
        return out

    for n in sorted(nodes):
        d = nodes[n]
        label = d["label"]
        nm = m.nodes.get(label)
        if nm is None:
            continue
        s = mint.node(n)
        pairs: list[tuple[str, Any]] = [(rdf_type, t) for t in nm.types]
        pairs.append((ident, Lit(n)))
        for pm in nm.props:
            if pm.name in d:
                pairs += _prop_pairs(m, mint, pm, d[pm.name])
        for name, pred in nm.also:
            pm = next(p for p in nm.props if p.name == name)
            pairs += [(pred, lit) for lit in _lits(pm, d.get(name))]
        if label == "Role" and d.get("title"):
            pairs.append((role_pred, mint.concept("title", d["title"])))
        out = sorted((v, k, ed) for v, kd in succ[n].items() for k, ed in kd.items()) if succ[n] else ()
        for v, k, ed in out:
            em = m.edges.get(k)
            lv = nodes[v]["label"]
            if em is None or lv not in m.nodes:
                continue
            pred = em.pred(label, lv)
            if pred and not em.inverse:
                pairs.append((pred, mint.node(v)))
            if k == "HOLDS" and (ed.get("status") or "current") in HOLDING and nodes[v].get("rank") == "head":
                pairs += [(head_of, mint.node(a)) for a in _post_orgs(g, v)]
        if label in inverse_targets:
            for u, k in sorted((u, k) for u, kd in pred_[n].items() for k in kd):
                em = m.edges.get(k)
                if em is not None and em.inverse and nodes[u]["label"] in m.nodes:
                    pred = em.pred(nodes[u]["label"], label)
                    if pred:
                        pairs.append((pred, mint.node(u)))
        yield s, list(dict.fromkeys(pairs))

        # the facts stated by this node's out-edges, each with its evidence
        for v, k, ed in out:
            em = m.edges.get(k)
            lv = nodes[v]["label"]
            if em is None or lv not in m.nodes:
                continue
            fp = fact_path(k, n, v)
            f = base + fp
            fpairs: list[tuple[str, Any]] = [(rdf_type, t) for t in em.fact_types]
            if em.statement:
                pred = em.pred(label, lv)
                su, ob = (mint.node(v), mint.node(n)) if em.inverse else (mint.node(n), mint.node(v))
                fpairs += [(RDF_NS + "subject", su), (RDF_NS + "predicate", pred), (RDF_NS + "object", ob)]
            else:
                fpairs += [(em.subject, mint.node(n)), (em.object, mint.node(v))]
                if k == "HOLDS":
                    fpairs += [(p_org, mint.node(a)) for a in _post_orgs(g, v)]
                    if nodes[v].get("title"):
                        fpairs.append((role_pred, mint.concept("title", nodes[v]["title"])))
            for pm in em.props:
                if pm.name in ed:
                    fpairs += [(pm.pred, lit) for lit in fact_prop_lits(pm, ed[pm.name])]
            sources: list[Source] = ed.get("sources") or []
            evs = sorted((evidence_path(fp, src), src) for src in sources)
            fpairs += [(derived, base + ep) for ep, _ in evs]
            yield f, list(dict.fromkeys(fpairs))
            for ep, src in evs:
                epairs = ev_types + [
                    (p_value, Lit(src.sentence, "vi")),
                    (p_quoted, mint.article(src.article)),
                    (p_offset, Lit(str(int(src.start or 0)), None, xsd_int)),
                    (p_zone, Lit(src.zone or "body")),
                ]
                if src.status:
                    epairs.append((p_status, Lit(src.status)))
                if src.stated_on:
                    epairs.append((p_stated, Lit(src.stated_on)))
                yield base + ep, epairs

    # the concept schemes minted on the way (titles of posts, types of documents)
    schemes: dict[str, list[str]] = {}
    for iri, (scheme, _) in mint.concepts.items():
        schemes.setdefault(scheme, []).append(iri)
    pref, in_scheme = m.iri("skos:prefLabel"), m.iri("skos:inScheme")
    for scheme in sorted(schemes):
        sc = base + scheme.lower()
        yield sc, [(rdf_type, m.iri("skos:ConceptScheme")),
                   (RDFS_NS + "label", Lit(SCHEME_LABELS.get(scheme.lower(), scheme), "en"))]
        for iri in sorted(schemes[scheme]):
            types = [(rdf_type, m.iri("skos:Concept"))]
            if scheme == "title":
                types.append((rdf_type, m.iri("org:Role")))
            yield iri, types + [(pref, Lit(mint.concepts[iri][1], "vi")), (in_scheme, sc)]


SCHEME_LABELS = {"title": "Titles of posts", "doctype": "Types of numbered documents"}


def _post_orgs(g, role: str) -> list[str]:
    return sorted(a for a, kd in g._succ[role].items() if "OF" in kd)


def triples(kg: KnowledgeGraph, base: str | None = None) -> Iterator[tuple[str, str, Any]]:
    """Every triple of ``kg`` as (subject IRI, predicate IRI, object IRI or :class:`Lit`)."""
    for s, pairs in blocks(kg, base):
        for p, o in pairs:
            yield s, p, o


# -- writers ---------------------------------------------------------------------------------------

_ESC = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESC.update({c: f"\\u{c:04X}" for c in range(32) if c not in _ESC})
_ESC[0x7F] = "\\u007F"


_NEEDS_ESC = re.compile(r'[\x00-\x1f"\\\x7f]')


def _escape(value: str) -> str:
    """The body of an N-Triples / Turtle string literal (valid in both)."""
    return value.translate(_ESC) if _NEEDS_ESC.search(value) else value


class _LitCache(dict):
    """Written forms of literals: the same sentence backs many facts. Bounded; cleared when full."""

    def __init__(self, render, size: int = 1024) -> None:
        super().__init__()
        self.render, self.size = render, size

    def __missing__(self, lit: Lit) -> str:
        if len(self) >= self.size:
            self.clear()
        s = self[lit] = self.render(lit)
        return s


def _nt_lit(lit: Lit) -> str:
    s = '"' + _escape(lit.value) + '"'
    if lit.lang:
        return s + "@" + lit.lang
    if lit.datatype:
        return s + "^^<" + lit.datatype + ">"
    return s


_NT_LITS = _LitCache(_nt_lit)


def write_block_nt(fh, s: str, pairs: list, lits: _LitCache = _NT_LITS) -> int:
    """Write one subject block as N-Triples; return its number of triples."""
    head = "<" + s + "> <"
    fh.write("".join(head + p + "> " + ("<" + o + ">" if type(o) is str else lits[o]) + " .\n" for p, o in pairs))
    return len(pairs)


def write_ntriples(kg: KnowledgeGraph, fh, base: str | None = None) -> int:
    """Stream N-Triples to the text file ``fh``; return the number of triples written."""
    count = 0
    lits = _LitCache(_nt_lit)
    for s, pairs in blocks(kg, base):
        count += write_block_nt(fh, s, pairs, lits)
    return count


def turtle_prefixes(m: Mapping | None = None) -> str:
    m = m or mapping()
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(m.prefixes.items()))


def write_turtle(kg: KnowledgeGraph, fh, base: str | None = None) -> int:
    """Stream Turtle (prefixes, then one subject block at a time) to ``fh``; return the triple count."""
    m = mapping()
    base = check_base(base)
    curies: dict[str, str] = {}

    def term(iri: str) -> str:
        c = curies.get(iri)
        if c is None:
            c = f"<{iri}>" if iri.startswith(base) else m.curie(iri)
            if len(curies) < 10000 and not iri.startswith(base):
                curies[iri] = c
        return c

    def render(o: Lit) -> str:
        s = '"' + _escape(o.value) + '"'
        if o.lang:
            return s + "@" + o.lang
        if o.datatype:
            return s + "^^" + term(o.datatype)
        return s

    lits = _LitCache(render)

    rdf_type = RDF_NS + "type"
    fh.write(turtle_prefixes(m))
    count = 0
    for s, pairs in blocks(kg, base):
        lines = []
        last = None
        for p, o in pairs:
            obj = term(o) if type(o) is str else lits[o]
            if p == last:
                lines[-1] += ", " + obj
            else:
                lines.append(("a" if p == rdf_type else term(p)) + " " + obj)
                last = p
        fh.write("\n<" + s + ">\n    " + " ;\n    ".join(lines) + " .\n")
        count += len(pairs)
    return count


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_rdflib(kg: KnowledgeGraph, base: str | None = None, graph=None, xml_safe: bool = False):
    """An rdflib Graph holding the RDF of ``kg`` (prefixes bound): ``graph`` when given (e.g.
    :func:`new_graph`), else a new in-memory one. ``xml_safe`` replaces the control characters
    XML 1.0 cannot carry (for RDF/XML) with U+FFFD."""
    from rdflib import Graph, Literal, URIRef

    g = graph if graph is not None else Graph()
    for p, ns in mapping().prefixes.items():
        g.bind(p, ns, override=True)
    if _oxigraph_backed(g) and not xml_safe:
        # Oxigraph loads N-Triples natively: feed it our stream in chunks (memory stays bounded)
        buf = io.StringIO()
        lines = 0
        for s, pairs in blocks(kg, base):
            lines += write_block_nt(buf, s, pairs)
            if lines >= 200000:
                g.parse(data=buf.getvalue().encode("utf-8"), format="ox-ntriples")
                buf, lines = io.StringIO(), 0
        if lines:
            g.parse(data=buf.getvalue().encode("utf-8"), format="ox-ntriples")
        return g
    uris: dict[str, URIRef] = {}

    def u(i: str) -> URIRef:
        r = uris.get(i)
        if r is None:
            r = URIRef(i)
            if len(uris) < 100000:
                uris[i] = r
        return r

    def lit(o: Lit):
        if xml_safe and _XML_ILLEGAL.search(o.value):  # XML 1.0 cannot carry these characters at all
            o = o._replace(value=_XML_ILLEGAL.sub("\ufffd", o.value))
        if o.lang:
            return Literal(o.value, lang=o.lang)
        return Literal(o.value, datatype=u(o.datatype) if o.datatype else None)

    g.addN((u(s), u(p), u(o) if type(o) is str else lit(o), g) for s, p, o in triples(kg, base))
    return g


def jsonld_context() -> dict:
    return dict(sorted(mapping().prefixes.items()))


def write_jsonld(kg: KnowledgeGraph, fh, base: str | None = None) -> int:
    """Stream JSON-LD to ``fh``: the prefixes as the context, then one node object per subject
    block in ``@graph`` (memory does not grow with the output); return the triple count.

    Properties and classes are written as compact IRIs of the context's prefixes, literals as value
    objects (``@value`` with ``@language`` or ``@type``), resources as ``{"@id": ...}``.
    """
    import json

    m = mapping()
    rdf_type = RDF_NS + "type"
    keys: dict[str, str] = {}

    def key(iri: str) -> str:
        k = keys.get(iri)
        if k is None:
            c = m.curie(iri)
            k = keys[iri] = iri if c.startswith("<") else c
        return k

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    fh.write('{\n "@context": ' + dumps(jsonld_context()) + ',\n "@graph": [')
    count = 0
    sep = "\n  "
    for s, pairs in blocks(kg, base):
        node: dict[str, Any] = {"@id": s}
        for p, o in pairs:
            if p == rdf_type and type(o) is str:
                node.setdefault("@type", []).append(key(o))
                continue
            if type(o) is str:
                value: dict[str, str] = {"@id": o}
            elif o.lang:
                value = {"@value": o.value, "@language": o.lang}
            elif o.datatype:
                value = {"@value": o.value, "@type": key(o.datatype)}
            else:
                value = {"@value": o.value}
            node.setdefault(key(p), []).append(value)
        fh.write(sep + dumps(node))
        sep = ",\n  "
        count += len(pairs)
    fh.write("\n ]\n}\n")
    return count


def serialize(kg: KnowledgeGraph, fmt: str, fh, base: str | None = None) -> int:
    """Write ``kg`` to the text file ``fh`` as ``fmt`` (turtle, ntriples, jsonld, xml); return triples.

    N-Triples, Turtle and JSON-LD stream (memory does not grow with the output); RDF/XML goes
    through an rdflib Graph.
    """
    if fmt == "ntriples":
        return write_ntriples(kg, fh, base)
    if fmt == "turtle":
        return write_turtle(kg, fh, base)
    if fmt == "jsonld":
        return write_jsonld(kg, fh, base)
    if fmt not in FORMATS:
        raise RdfError(f"unknown RDF format {fmt!r} (turtle, ntriples, jsonld, xml)")
    g = to_rdflib(kg, base, xml_safe=True)
    text = g.serialize(format="xml")
    fh.write(text if text.endswith("\n") else text + "\n")
    return len(g)


def export_stats(kg: KnowledgeGraph, fmt: str, out: str | os.PathLike = os.devnull,
                 base: str | None = None) -> tuple[int, float]:
    """Export ``kg`` as ``fmt`` to the file ``out``; return (triples written, seconds taken).

    For the benchmark script: triples/s is ``triples / seconds``; run it under ``tracemalloc``
    or read ``resource.getrusage`` for the peak memory.
    """
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
        n = serialize(kg, fmt, fh, base)
    return n, time.perf_counter() - t0


# -- RDF -> KnowledgeGraph -------------------------------------------------------------------------

def guess_format(path: str, fmt: str | None = None) -> str:
    """Our format name for ``path``: ``fmt`` when given, else from the suffix."""
    if fmt:
        if fmt not in RDFLIB_FORMAT:
            raise RdfError(f"unknown RDF format {fmt!r} (choose from {', '.join(RDFLIB_FORMAT)})")
        return fmt
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in SUFFIXES:
        raise RdfError(f"cannot tell the RDF format of {path} from its suffix; pass --format")
    return SUFFIXES[suffix]


def new_graph(fast: bool = True):
    """An empty rdflib Graph: backed by Oxigraph (oxrdflib) when installed and ``fast``, else in memory.

    Oxigraph parses and answers SPARQL one to two orders of magnitude faster than rdflib's memory
    store; pyshacl prefers the memory store (many small lookups).
    """
    from rdflib import Graph

    if fast and _has_oxrdflib():
        return Graph(store="Oxigraph")
    return Graph()


CACHE_PREFIX = "rdf-cache-"  # <store folder>/rdf-cache-<version of graph.lbug>-<base>: Oxigraph on disk
_CACHE_DONE = "complete"  # written inside a cache once it holds every triple


def cached_graph(store, base: str | None = None, progress=None):
    """An rdflib Graph over an on-disk Oxigraph copy of the store's RDF, kept beside the store; or
    None without pyoxigraph and oxrdflib.

    The copy belongs to one version of ``graph.lbug`` (its inode, size and time: every load swaps in
    a new file) and one base IRI. The first query after a load builds it (the whole graph read and
    bulk-loaded into a private folder, renamed into place when complete) and removes the copies of
    older versions; later queries open it read-only and read only what they need.
    """
    if not _has_oxrdflib():
        return None
    import shutil

    import pyoxigraph as ox
    from oxrdflib.store import OxigraphStore
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    base = check_base(base)
    st = os.stat(store.db_path)
    tag = hashlib.sha1(base.encode("utf-8")).hexdigest()[:8]
    target = store.folder / f"{CACHE_PREFIX}{st.st_ino}-{st.st_size}-{st.st_mtime_ns}-{tag}"
    if not (target / _CACHE_DONE).exists():
        kg = store.read_graph()
        store.close()
        tmp = store.folder / f"graph.lbug.new-{os.getpid()}.rdf"  # a killed build is removed by the next load
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir()
            nt = tmp / "graph.nt"  # Oxigraph's bulk loader reads a file fastest (in parallel)
            with open(nt, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
                write_ntriples(kg, fh, base)
            del kg
            ox_store = ox.Store(str(tmp / "store"))
            ox_store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
            nt.unlink()
            ox_store.flush()
            del ox_store
            (tmp / _CACHE_DONE).write_text("", "utf-8")
            try:
                os.rename(tmp, target)
            except OSError:  # another query built it meanwhile
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        for old in store.folder.glob(CACHE_PREFIX + "*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    g = Graph(store=OxigraphStore(store=ox.Store.read_only(str(target / "store"))),
              identifier=DATASET_DEFAULT_GRAPH_ID)
    for p, ns in mapping().prefixes.items():
        g.bind(p, ns, override=True)
    return g


@lru_cache(maxsize=1)
def _has_oxrdflib() -> bool:
    try:
        import oxrdflib  # noqa: F401
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def _oxigraph_backed(g) -> bool:
    return type(g.store).__name__ == "OxigraphStore"


_OX_PARSER = {"turtle": "ox-turtle", "ntriples": "ox-ntriples", "xml": "ox-xml", "trig": "ox-trig",
              "nquads": "ox-nquads"}


def parse_file(path: str | os.PathLike, fmt: str | None = None, fast: bool = True):
    """Parse an RDF file into an rdflib Graph (see :func:`new_graph`); one-line :class:`RdfError`
    when it cannot be read or parsed."""
    path = str(path)
    fmt = guess_format(path, fmt)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise RdfError(f"cannot read {path}: {e.strerror or e}") from None
    if not data.strip():
        raise RdfError(f"{path} is empty")
    if fmt == "jsonld":
        remote = remote_jsonld_context(data)
        if remote is not None:
            raise RdfError(f"cannot parse {path}: its @context is a document to fetch ({remote[:120]}), and govkg "
                           f"fetches nothing from other machines; put the context in the file")
    g = new_graph(fast)
    parser = _OX_PARSER.get(fmt) if fast and _has_oxrdflib() else None
    try:
        _quiet_rdflib()
        g.parse(data=data, format=parser or RDFLIB_FORMAT[fmt])
    except Exception as e:  # parsers raise many kinds (SyntaxError, BadSyntax, SAXParseException, JSON errors ...)
        msg = " ".join(str(e).split()) or type(e).__name__
        raise RdfError(f"cannot parse {path} as {fmt}: {msg[:300]}") from None
    return g


def remote_jsonld_context(data: bytes) -> str | None:
    """The first document a JSON-LD parser would fetch to read ``data`` (an ``@context`` or ``@import``
    given as a reference, not inline), else None. rdflib's parser fetches them over HTTP.

    >>> remote_jsonld_context(b'{"@context": "http://schema.org/", "name": "x"}')
    'http://schema.org/'
    >>> remote_jsonld_context(b'{"@context": {"name": "http://xmlns.com/foaf/0.1/name"}, "@graph": []}') is None
    True
    """
    import json

    try:
        stack = [json.loads(data)]
    except (ValueError, RecursionError):
        return None  # not JSON: the parser says why
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                        stack.append(context)
                else:
                    stack.append(value)
    return None


def _quiet_rdflib() -> None:
    import logging

    logging.getLogger("rdflib").setLevel(logging.ERROR)


def _from_lit(pm: PropMap, o: Lit) -> Any:
    t = pm.type.rstrip("[]")
    s = o.value
    try:
        if t == "INT64":
            return int(s)
        if t == "DOUBLE":
            return float(s)
        if t == "DATE":
            return date.fromisoformat(s)
        if t == "BOOLEAN":
            return s in ("true", "1")
    except ValueError:
        return s
    return s


def _first(values: list):
    return sorted(values, key=lambda v: (str(type(v)), v))[0] if values else None


# The importer reads triples into an index of light terms: an IRI is a ``str``, a literal a
# :class:`Lit` (datatype None for plain and language-tagged strings), a blank node a ``_BNode``.
class _BNode(str):
    pass


_PLAIN = {XSD_NS + "string", RDF_NS + "langString"}
Index = dict  # subject -> {predicate IRI: [objects]}


def _index_rdflib(g) -> Index:
    from rdflib import BNode, Literal

    def term(t):
        if isinstance(t, Literal):
            dt = str(t.datatype) if t.datatype is not None else None
            return Lit(str(t), t.language, None if dt in _PLAIN else dt)
        if isinstance(t, BNode):
            return _BNode(t)
        return str(t)

    idx: Index = {}
    for s, p, o in g.triples((None, None, None)):
        idx.setdefault(term(s), {}).setdefault(str(p), []).append(term(o))
    return idx


def _index_oxigraph(triples: Iterable) -> Index:
    import pyoxigraph as ox

    NamedNode, Literal = ox.NamedNode, ox.Literal
    iris: dict[str, str] = {}  # one str object per IRI, whatever the number of triples naming it

    def term(t):
        if type(t) is NamedNode:
            v = t.value
            return iris.setdefault(v, v)
        if type(t) is Literal:
            dt = t.datatype.value
            return Lit(t.value, t.language, None if dt in _PLAIN else dt)
        return _BNode(str(t))

    idx: Index = {}
    for q in triples:
        idx.setdefault(term(q.subject), {}).setdefault(term(q.predicate), []).append(term(q.object))
    return idx


def read_file(path: str | os.PathLike, fmt: str | None = None) -> KnowledgeGraph:
    """The KnowledgeGraph a govkg export file describes (see :func:`graph_from_rdf`).

    With pyoxigraph installed the file is parsed as a stream straight into the importer's index
    (several times faster and lighter than building an rdflib graph first); else through rdflib.
    """
    path = str(path)
    fmt = guess_format(path, fmt)
    if not _has_oxrdflib() or fmt not in _OX_FORMAT:
        return graph_from_rdf(parse_file(path, fmt, fast=False), path)
    import pyoxigraph as ox

    try:
        if os.path.getsize(path) == 0:
            raise RdfError(f"{path} is empty")
        triples = ox.parse(path=path, format=getattr(ox.RdfFormat, _OX_FORMAT[fmt]), base_iri=None)
        idx = _index_oxigraph(triples)
    except OSError as e:
        raise RdfError(f"cannot read {path}: {e.strerror or e}") from None
    except (SyntaxError, ValueError) as e:
        msg = " ".join(str(e).split()) or type(e).__name__
        raise RdfError(f"cannot parse {path} as {fmt}: {msg[:300]}") from None
    return _graph_from_index(idx, path)


_OX_FORMAT = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "xml": "RDF_XML", "jsonld": "JSON_LD",
              "n3": "N3", "trig": "TRIG", "nquads": "N_QUADS"}


def graph_from_rdf(g, where: str = "the RDF") -> KnowledgeGraph:
    """Rebuild the KnowledgeGraph a govkg export describes (ids, properties, facts, sources) from
    an rdflib Graph.

    Derived triples (rdfs:label of people, org:headOf, org:role, concept schemes, direct edge
    triples) are not read: facts come from their fact resources.
    """
    return _graph_from_index(_index_rdflib(g), where)


def _graph_from_index(idx: Index, where: str) -> KnowledgeGraph:
    m = mapping()
    rdf_type, ident = RDF_NS + "type", m.iri("dcterms:identifier")
    classes = m.class_to_label
    ids: dict[str, str] = {}
    labels: dict[str, str] = {}
    for s, po in idx.items():
        if type(s) is not str:
            continue
        found = [classes[t] for t in po.get(rdf_type, ()) if t in classes]
        idents = [o for o in po.get(ident, ()) if isinstance(o, Lit)]
        if len(found) == 1 and len(idents) == 1:
            ids[s] = idents[0].value
            labels[idents[0].value] = found[0]
    if not ids:
        raise RdfError(f"no govkg nodes found in {where} (is it a govkg export?)")

    # articles referred to by IRI but not in the file: decode their id under the base we see
    bases = {s[: -len(node_path(i, labels[i]))] for s, i in list(ids.items())[:50]
             if s.endswith(node_path(i, labels[i]))}

    def article_id(o: str) -> str:
        if o in ids:
            return ids[o]
        for b in bases:
            if o.startswith(b + "article/"):
                return unquote(o[len(b) + len("article/"):])
        return unquote(o.rsplit("/", 1)[-1])

    def one(s, pred):
        vals = idx.get(s, {}).get(pred)
        return vals[0] if vals else None

    def lits(values) -> list[Lit]:
        return [o for o in values if isinstance(o, Lit)]

    kg = KnowledgeGraph()
    pref = m.iri("skos:prefLabel")
    for s, nid in sorted(ids.items(), key=lambda x: (labels[x[1]] != "Article", x[1])):
        nm = m.nodes[labels[nid]]
        po = idx[s]
        props: dict[str, Any] = {}
        for pm in nm.props:
            objs = po.get(pm.pred, ())
            if pm.kind == "literal":
                vals = [_from_lit(pm, o) for o in lits(objs)]
            elif pm.kind == "concept":
                vals = [v.value for o in objs for v in [one(o, pref)] if isinstance(v, Lit)]
            else:
                vals = [article_id(o) for o in objs if type(o) is str]
            if vals:
                vals = sorted(set(vals), key=lambda v: (str(type(v)), v))
                props[pm.name] = vals if pm.many else vals[0]
        kg.g.add_node(nid, label=nm.label, **props)

    p_derived, p_value = m.iri("prov:wasDerivedFrom"), m.iri("prov:value")
    p_quoted, p_offset = m.iri("prov:wasQuotedFrom"), m.iri("govkg:offset")
    p_zone, p_status, p_stated = m.iri("govkg:zone"), m.iri("govkg:status"), m.iri("govkg:statedOn")
    r_subject, r_predicate, r_object = RDF_NS + "subject", RDF_NS + "predicate", RDF_NS + "object"
    fact_cls = m.iri("govkg:Fact")
    by_class = {t: name for name, em in m.edges.items() if not em.statement for t in em.fact_types[1:]}
    dropped = 0
    for f, po in idx.items():
        types = po.get(rdf_type, ())
        if fact_cls not in types:
            continue
        etype = next((by_class[t] for t in types if t in by_class), None)
        if etype is not None:
            em = m.edges[etype]
            u, v = ids.get(one(f, em.subject)), ids.get(one(f, em.object))
        else:
            hit = m.pred_to_edge.get(one(f, r_predicate))
            if hit is None:
                dropped += 1
                continue
            etype, inverse = hit
            em = m.edges[etype]
            u, v = ids.get(one(f, r_subject)), ids.get(one(f, r_object))
            if inverse:
                u, v = v, u
        if u is None or v is None:
            dropped += 1
            continue
        props = {}
        for pm in em.props:
            vals = [_from_lit(pm, o) for o in lits(po.get(pm.pred, ()))]
            if vals:
                props[pm.name] = _first(vals)
        sources = []
        for ev in po.get(p_derived, ()):
            sentence, art = one(ev, p_value), one(ev, p_quoted)
            if not isinstance(sentence, Lit) or type(art) is not str:
                continue
            start, zone, status = one(ev, p_offset), one(ev, p_zone), one(ev, p_status)
            stated = one(ev, p_stated)
            sources.append(Source(article_id(art), sentence.value,
                                  int(start.value) if isinstance(start, Lit) else 0,
                                  zone.value if isinstance(zone, Lit) else "body",
                                  status.value if isinstance(status, Lit) else None,
                                  stated.value if isinstance(stated, Lit) else None))
        sources.sort(key=lambda s: (kg.article_date(s.article) or date.min, s.article, s.zone, s.start, s.sentence))
        props.setdefault("confidence", 1.0)
        kg.g.add_edge(u, v, key=etype, type=etype, sources=sources, **props)
    kg.dropped_facts = dropped  # type: ignore[attr-defined]
    return kg


# -- SHACL -----------------------------------------------------------------------------------------

def shapes_path():
    return resources.files("govkg.graph").joinpath("shapes.ttl")


def vocab_path():
    return resources.files("govkg.graph").joinpath("vocab.ttl")


def shapes_turtle() -> str:
    """The SHACL shapes for govkg exports, generated from ``schema.toml`` (checked in as shapes.ttl)."""
    m = mapping()
    c = m.curie
    out = [
        "# SHACL shapes for govkg's RDF exports. GENERATED from graph/schema.toml by",
        "# govkg.graph.rdf.shapes_turtle(): do not edit by hand; regenerate with",
        "#   python -m govkg.graph.rdf shapes > graph/shapes.ttl",
        "# docs/rdf.md explains the mapping these shapes check.",
        "",
        f"@prefix sh: <{SH_NS}> .",
        f"@prefix gsh: <{SHAPES_NS}> .",
    ]
    out += turtle_prefixes(m).splitlines()

    def prop(path: str, *, dt=None, lang=None, min_=0, max_=None, cls=None, classes=None,
             kind=None, extra=(), name=None) -> str:
        parts = [f"sh:path {c(path)}"]
        if name:
            parts.append(f'sh:name "{name}"')
        if lang:
            parts += ["sh:datatype rdf:langString", f'sh:languageIn ( "{lang}" )']
        elif dt:
            parts.append(f"sh:datatype {c(dt)}")
        if cls:
            parts.append(f"sh:class {c(cls)}")
        if classes:
            parts.append("sh:or ( " + " ".join(f"[ sh:class {c(x)} ]" for x in classes) + " )")
        if kind:
            parts.append(f"sh:nodeKind {kind}")
        if min_:
            parts.append(f"sh:minCount {min_}")
        if max_ is not None:
            parts.append(f"sh:maxCount {max_}")
        parts += list(extra)
        return "    sh:property [ " + " ; ".join(parts) + " ]"

    def shape(name: str, target: str, props: list[str], comment: str) -> None:
        out.append("")
        out.append(f"gsh:{name} a sh:NodeShape ;")
        out.append(f'    rdfs:comment "{comment}"@en ;')
        out.append(f"    sh:targetClass {c(target)} ;")
        out.append("    sh:nodeKind sh:IRI ;")
        out.append(" ;\n".join(props) + " .")

    def lit_prop(pm: PropMap, required=False) -> str:
        if pm.kind == "concept":
            return prop(pm.pred, cls=m.iri("skos:Concept"), kind="sh:IRI", max_=None if pm.many else 1,
                        min_=1 if required else 0, name=pm.name)
        if pm.kind == "article":
            return prop(pm.pred, kind="sh:IRI", max_=None if pm.many else 1, min_=1 if required else 0,
                        name=pm.name)
        return prop(pm.pred, dt=pm.datatype or XSD_NS + "string", lang=pm.lang, min_=1 if required else 0,
                    max_=None if pm.many else 1, name=pm.name)

    # where each label's nodes point with the direct triples of edges
    outgoing: dict[str, dict[str, list[str]]] = {}
    for em in m.edges.values():
        for a, b in em.pairs:
            pred = em.pred(a, b)
            if pred is None:
                continue
            subj, obj = (b, a) if em.inverse else (a, b)
            outgoing.setdefault(subj, {}).setdefault(pred, [])
            if obj not in outgoing[subj][pred]:
                outgoing[subj][pred].append(obj)

    for label, nm in m.nodes.items():
        props = [prop(m.iri("dcterms:identifier"), dt=XSD_NS + "string", min_=1, max_=1, name="id")]
        props += [lit_prop(pm, pm.required) for pm in nm.props]
        for name, pred in nm.also:
            pm = next(p for p in nm.props if p.name == name)
            props.append(prop(pred, dt=pm.datatype or XSD_NS + "string", lang=pm.lang,
                              max_=None if pm.many else 1))
        for pred, objs in outgoing.get(label, {}).items():
            classes = [m.nodes[o].cls for o in objs]
            one = (label, pred) == ("Role", m.iri("org:postIn"))
            props.append(prop(pred, cls=classes[0] if len(classes) == 1 else None,
                              classes=classes if len(classes) > 1 else None,
                              min_=1 if one else 0, max_=1 if one else None))
        if label == "Role":
            props.append(prop(m.iri("org:role"), cls=m.iri("org:Role"), max_=1))
        if label == "Person":
            props.append(prop(m.iri("org:headOf"), cls=m.iri("org:Organization")))
        shape(f"{label}Shape", nm.cls, props, f"A govkg {label} node.")

    fact = [lit_prop(pm) for pm in m.fact_props]
    for pm in m.fact_props:
        if pm.name == "confidence":
            fact[m.fact_props.index(pm)] = prop(pm.pred, dt=pm.datatype, max_=1, name=pm.name,
                                                extra=("sh:minInclusive 0", "sh:maxInclusive 1"))
    fact.append(prop(m.iri("prov:wasDerivedFrom"), cls=m.iri("govkg:Evidence")))
    fact.append(prop(m.iri("prov:wasDerivedFrom"), min_=1,
                     extra=("sh:severity sh:Warning", 'sh:message "a fact with no source (no prov:wasDerivedFrom)"')))
    # an edge's own properties go on its fact class, or on every fact when it has none
    per_class: dict[str, list[str]] = {}
    for em in m.edges.values():
        own = [pm for pm in em.props if pm not in m.fact_props]
        target = em.fact_types[-1] if len(em.fact_types) > (1 if not em.statement else 2) else None
        for pm in own:
            line = lit_prop(pm, required=em.name == "HOLDS" and pm.name == "status")
            if target is None:
                if line not in fact:
                    fact.append(line)
            elif line not in per_class.setdefault(target, []):
                per_class[target].append(line)
    shape("FactShape", m.iri("govkg:Fact"), fact,
          "A fact resource: one edge of the graph with its dates, confidence and provenance.")

    preds = sorted({p for em in m.edges.values() for p in [em.predicate, *em.by_pair.values()] if p})
    shape("StatementShape", RDF_NS + "Statement", [
        prop(RDF_NS + "subject", kind="sh:IRI", min_=1, max_=1),
        prop(RDF_NS + "predicate", min_=1, max_=1, extra=("sh:in ( " + " ".join(c(p) for p in preds) + " )",)),
        prop(RDF_NS + "object", kind="sh:IRI", min_=1, max_=1),
    ], "A fact that is also a direct triple: its subject, predicate and object.")

    for em in m.edges.values():
        if em.statement:
            continue
        a, b = em.pairs[0]
        props = [prop(em.subject, cls=m.nodes[a].cls, min_=1, max_=1),
                 prop(em.object, cls=m.nodes[b].cls, min_=1, max_=1)]
        if em.name == "HOLDS":
            props += [prop(m.iri("org:organization"), cls=m.iri("org:Organization"), min_=1, max_=1),
                      prop(m.iri("org:role"), cls=m.iri("org:Role"), max_=1)]
        props += per_class.pop(em.fact_types[-1], [])
        props.append(prop(m.iri("prov:wasDerivedFrom"), min_=1))
        local = em.fact_types[-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        shape(f"{local}Shape", em.fact_types[-1], props,
              f"A {em.name} fact: who and what it links, its status and at least one source.")
    for target, props in per_class.items():
        local = target.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        shape(f"{local}Shape", target, props, "A fact of this class and its own properties.")

    shape("EvidenceShape", m.iri("govkg:Evidence"), [
        prop(m.iri("prov:value"), lang="vi", min_=1, max_=1, name="sentence"),
        prop(m.iri("prov:wasQuotedFrom"), cls=m.nodes["Article"].cls, min_=1, max_=1, name="article"),
        prop(m.iri("govkg:offset"), dt=XSD_NS + "integer", min_=1, max_=1, extra=("sh:minInclusive 0",)),
        prop(m.iri("govkg:zone"), dt=XSD_NS + "string", min_=1, max_=1,
             extra=('sh:pattern "^(body|title|leftover)$"',)),
        prop(m.iri("govkg:status"), dt=XSD_NS + "string", max_=1),
        prop(m.iri("govkg:statedOn"), dt=XSD_NS + "string", max_=1,
             extra=('sh:pattern "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"',)),
    ], "Where a fact was read: the sentence, its article, its offset and zone.")
    shape("ConceptShape", m.iri("skos:Concept"), [
        prop(m.iri("skos:prefLabel"), lang="vi", min_=1, max_=1),
        prop(m.iri("skos:inScheme"), cls=m.iri("skos:ConceptScheme"), min_=1, max_=1),
    ], "A title of a post or a type of document, in a govkg concept scheme.")
    return "\n".join(out) + "\n"


def validate_graph(data_graph, max_results: int = 50) -> tuple[bool, list[str]]:
    """Validate an rdflib Graph against the shipped shapes; return (conforms, readable lines)."""
    import pyshacl
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    SH = Namespace(SH_NS)
    shapes = Graph().parse(data=shapes_path().read_text("utf-8"), format="turtle")
    conforms, results, _ = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                            allow_warnings=True)
    lines = []
    m = mapping()

    def show(t) -> str:
        if t is None:
            return "-"
        s = str(t)
        if isinstance(t, URIRef):
            return m.curie(s)
        return repr(s) if len(s) < 80 else repr(s[:77] + "...")

    rows = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(r, SH.resultPath)
        msg = " ".join(str(results.value(r, SH.resultMessage) or "").split())
        val = results.value(r, SH.value)
        rows.append((sev != "Violation", sev, show(path), msg, show(results.value(r, SH.focusNode)), val))
    rows.sort(key=lambda x: (x[0], x[2], x[3], x[4]))
    # each violation on its own line; warnings and infos grouped by what they say
    violations = [x for x in rows if not x[0]]
    for _, sev, path, msg, focus, val in violations[:max_results]:
        extra = f" (value {show(val)})" if val is not None else ""
        lines.append(f"{sev}: {focus} {path}: {msg}{extra}")
    if len(violations) > max_results:
        lines.append(f"... and {len(violations) - max_results} more violations")
    groups: dict[tuple, list[str]] = {}
    for _, sev, path, msg, focus, _ in rows[len(violations):]:
        groups.setdefault((sev, path, msg), []).append(focus)
    for (sev, path, msg), focuses in groups.items():
        if len(focuses) == 1:
            lines.append(f"{sev}: {focuses[0]} {path}: {msg}")
        else:
            lines.append(f"{sev}: {path}: {msg}: {len(focuses)} nodes, e.g. {', '.join(focuses[:2])}")
    return bool(conforms), lines


# -- SPARQL ----------------------------------------------------------------------------------------

# -- what a SPARQL query may do ------------------------------------------------------------------

# A query is scanned before it runs: strings, IRIs, comments, variables and prefixed names hide
# their words, so only the query's own keywords count. Codepoint escapes (\u0053ERVICE) are
# expanded first, as SPARQL 1.1 (section 19.2) says engines do.
_SPARQL_TOKEN = re.compile(r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\[tbnrf\\"']))*'''
             | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\[tbnrf\\"']))*\"\"\"
             | '(?:[^'\\\r\n]|\\[tbnrf\\"'])*'
             | "(?:[^"\\\r\n]|\\[tbnrf\\"'])*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?:
               (?:[\w\-.:%\u00B7-\uFFFF]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.S | re.X)
_SPARQL_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
SPARQL_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
SPARQL_REMOTE_WORDS = {"SERVICE": "SERVICE would send the query to another server",
                       "FROM": "FROM names a dataset, which would be fetched from its address"}


def _expand_sparql_escapes(query: str) -> str:
    def char(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)
    return _SPARQL_ESCAPE.sub(char, query)


def check_sparql(query: str, allow_remote: bool = False) -> None:
    """Refuse (RdfError, one line) an update, and unless ``allow_remote`` a query that would reach
    another machine (SERVICE, FROM / FROM NAMED datasets).

    >>> check_sparql("SELECT ?service WHERE { ?s <http://x/SERVICE> 'SERVICE', ex:from } # SERVICE")
    >>> check_sparql("SELECT * { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    govkg.graph.rdf.RdfError: SERVICE would send the query to another server (line 1, column 12): not allowed; give --allow-remote to allow it
    >>> check_sparql("INSERT DATA { <a:b> <a:c> 1 }")
    Traceback (most recent call last):
    ...
    govkg.graph.rdf.RdfError: updates are not allowed: govkg sparql only reads (INSERT at line 1, column 1)
    """
    text = _expand_sparql_escapes(query)
    for m in _SPARQL_TOKEN.finditer(text):
        if m.lastgroup != "word":
            continue
        word = m.group().upper()
        if word not in SPARQL_UPDATE_WORDS and word not in SPARQL_REMOTE_WORDS:
            continue
        line = text.count("\n", 0, m.start()) + 1
        where = f"line {line}, column {m.start() - (text.rfind(chr(10), 0, m.start()) + 1) + 1}"
        if word in SPARQL_UPDATE_WORDS:
            raise RdfError(f"updates are not allowed: govkg sparql only reads ({word} at {where})")
        if not allow_remote:
            raise RdfError(f"{SPARQL_REMOTE_WORDS[word]} ({where}): not allowed; give --allow-remote to allow it")


def sparql(g, query: str, compact: bool = False, allow_remote: bool = False) -> tuple[str, Any]:
    """Run ``query`` on the rdflib Graph ``g`` with govkg's prefixes predeclared.

    Returns ("SELECT", (columns, rows of dicts)), ("ASK", bool) or ("GRAPH", rdflib Graph).
    On an Oxigraph-backed graph Oxigraph evaluates it, else rdflib's own engine. IRIs in rows are
    strings, written ``org:Post`` when ``compact`` and a prefix covers them. Updates are refused, and
    so is anything that reaches another machine unless ``allow_remote`` (:func:`check_sparql`).
    """
    from rdflib import BNode, Literal, URIRef

    check_sparql(query, allow_remote)
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = allow_remote  # rdflib's engine fetches FROM graphs over HTTP
    prefixes = mapping().prefixes
    if _oxigraph_backed(g):
        try:
            res = g.query(query, initNs=prefixes)
        except SyntaxError as e:
            raise RdfError("SPARQL syntax error: " + " ".join(str(e).split())[:300]) from None
        except Exception as e:
            raise RdfError(f"SPARQL query failed: {' '.join(str(e).split())[:300] or type(e).__name__}") from None
    else:
        try:
            from rdflib.plugins.sparql import prepareQuery

            q = prepareQuery(query, initNs=prefixes)
        except Exception as e:
            raise RdfError("SPARQL syntax error: " + " ".join(str(e).split())[:300]) from None
        try:
            res = g.query(q)
        except Exception as e:
            raise RdfError(f"SPARQL query failed: {' '.join(str(e).split())[:300] or type(e).__name__}") from None
    if res.type == "ASK":
        return "ASK", bool(res.askAnswer)
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        out = res.graph
        for p, ns in prefixes.items():
            out.bind(p, ns, override=True)
        return "GRAPH", out

    def value(t):
        if t is None:
            return None
        if isinstance(t, URIRef):
            if compact:
                c = mapping().curie(str(t))
                return str(t) if c.startswith("<") else c
            return str(t)
        if isinstance(t, BNode):
            return f"_:{t}"
        if isinstance(t, Literal):
            v = t.toPython()
            if isinstance(v, (datetime, date)):
                return v.isoformat()
            if isinstance(v, (bool, int, float)):
                return v
            return str(t)
        return str(t)

    cols = [str(v) for v in res.vars or []]
    try:
        rows = [{c: value(row[i]) for i, c in enumerate(cols)} for row in res]
    except Exception as e:
        raise RdfError(f"SPARQL query failed: {' '.join(str(e).split())[:300] or type(e).__name__}") from None
    return "SELECT", (cols, rows)


def _main(argv: list[str]) -> int:
    if argv[:1] == ["shapes"]:
        sys.stdout.write(shapes_turtle())
        return 0
    print("usage: python -m govkg.graph.rdf shapes > graph/shapes.ttl", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
