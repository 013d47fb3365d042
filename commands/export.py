"""``govkg export``: the whole graph, or the part around one entity, as RDF, GraphML, GEXF,
Neo4j CSV or JSON.

RDF (turtle, ntriples, jsonld, xml) and JSON go to standard output unless ``-o FILE``; GraphML and
GEXF need ``-o FILE``, Neo4j CSV ``-o DIR``. N-Triples, Turtle and JSON stream: memory does not grow
with the output. rdflib is imported only for JSON-LD and RDF/XML.
"""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

import click

from govkg.cli import db_option, fail
from govkg.graph.model import KnowledgeGraph

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "xml")
FORMATS = RDF_FORMATS + ("graphml", "gexf", "neo4j-csv", "json")
SUFFIX = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "json": ".json",
          "graphml": ".graphml", "gexf": ".gexf"}
# names shown for a candidate when a lookup matches several nodes
_SHOWN = ("name", "number", "title")


# -- finding THING and the part of the graph around it --------------------------------------------

def match_nodes(kg: KnowledgeGraph, thing: str) -> list[str]:
    """Nodes that ``thing`` names: an id, else a name, full name, alias or number (normalised as
    lookups do), else the same without diacritics."""
    from govkg.identity import fold, key

    thing = thing.strip()
    if thing in kg.g:
        return [thing]
    k, f = key(thing), fold(thing)
    exact, loose = [], []
    for n, d in kg.g.nodes(data=True):
        if d["label"] == "Article":
            continue
        names = [d.get(x) for x in ("name", "full_name", "number")] + list(d.get("aliases") or [])
        names = [x for x in names if isinstance(x, str) and x]
        if d.get("key") == k or any(key(x) == k for x in names):
            exact.append(n)
        elif d.get("folded") == f or any(fold(x) == f for x in names):
            loose.append(n)
    return sorted(exact or loose)


def partial_matches(kg: KnowledgeGraph, thing: str, limit: int = 30) -> list[str]:
    """Nodes whose name contains ``thing`` (without diacritics): suggestions, never a choice."""
    from govkg.identity import fold

    f = fold(thing)
    if len(f) < 2:
        return []
    out = []
    for n, d in kg.g.nodes(data=True):
        if d["label"] == "Article":
            continue
        names = [d.get(x) for x in ("name", "full_name", "number")]
        if any(isinstance(x, str) and f in fold(x) for x in names):
            out.append(n)
    return sorted(out)[:limit]


def subgraph_around(kg: KnowledgeGraph, start: str, depth: int) -> KnowledgeGraph:
    """The nodes within ``depth`` hops of ``start`` and the facts between them.

    Expansion does not go through articles (MENTIONS edges), except out of ``start`` when it is an
    article itself; the articles the kept facts cite come along as plain nodes so their provenance
    resolves, and every post kept keeps its agency (OF).
    """
    g = kg.g
    keep = {start}
    frontier = [start]
    for _ in range(max(0, depth)):
        nxt = []
        for n in frontier:
            steps = [(v, k) for _, v, k in g.out_edges(n, keys=True)] + [(u, k) for u, _, k in g.in_edges(n, keys=True)]
            for m, k in steps:
                if m in keep:
                    continue
                if k == "MENTIONS" and not (n == start and g.nodes[n]["label"] == "Article"):
                    continue
                if g.nodes[m]["label"] == "Article":
                    continue
                keep.add(m)
                nxt.append(m)
        frontier = nxt
    for n in [n for n in keep if g.nodes[n]["label"] == "Role"]:
        keep.update(v for _, v, k in g.out_edges(n, keys=True) if k == "OF")

    sub = KnowledgeGraph()
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        if u in keep and v in keep and (k != "MENTIONS" or u == start):
            edges.append((u, v, k, d))
    cited = {s.article for *_, d in edges for s in d.get("sources") or []}
    cited |= {g.nodes[n].get("article") for n in keep if g.nodes[n]["label"] == "Event"}
    for n in sorted(keep | {a for a in cited if a in g}):
        sub.g.add_node(n, **dict(g.nodes[n]))
    for u, v, k, d in edges:
        sub.g.add_edge(u, v, key=k, **{x: (list(y) if isinstance(y, list) else y) for x, y in d.items()})
    return sub


# -- JSON ------------------------------------------------------------------------------------------

def _plain(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def write_json(kg: KnowledgeGraph, fh) -> tuple[int, int]:
    """``{"nodes": [...], "edges": [...]}``, one node or edge a line, sources as objects.

    A node is ``{"id", "label", <its properties>}``; an edge ``{"source", "target", "type", <its
    properties>, "sources": [{"article", "sentence", "start", "zone", "status"}]}`` (and
    ``stated_on`` when a source's sentence dates what it says). Dates are ISO strings. Streams: memory does not grow with the output. Returns (nodes, edges) written.
    """
    g = kg.g
    fh.write('{"nodes": [')
    nn = 0
    for n in sorted(g.nodes):
        d = g.nodes[n]
        obj = {"id": n, "label": d["label"]}
        obj.update((k, _plain(v)) for k, v in d.items() if k != "label" and v is not None)
        fh.write(("," if nn else "") + "\n  " + _json(obj))
        nn += 1
    fh.write('\n], "edges": [')
    ne = 0
    for u in sorted(g.nodes):
        for _, v, k, d in sorted(g.out_edges(u, keys=True, data=True), key=lambda e: (e[1], e[2])):
            obj = {"source": u, "target": v, "type": k}
            obj.update((x, _plain(y)) for x, y in d.items() if x not in ("type", "sources") and y is not None)
            obj["sources"] = [{"article": s.article, "sentence": s.sentence, "start": s.start, "zone": s.zone,
                               "status": s.status, **({"stated_on": s.stated_on} if s.stated_on else {})}
                              for s in d.get("sources") or []]
            fh.write(("," if ne else "") + "\n  " + _json(obj))
            ne += 1
    fh.write("\n]}\n")
    return nn, ne


# -- output ----------------------------------------------------------------------------------------

@contextmanager
def _text_out(path: str | None) -> Iterator[io.TextIOBase]:
    """A UTF-8 text stream to ``path`` (written to a temporary file, renamed when complete) or stdout."""
    if path is None:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", errors="replace",
                               write_through=False)
        try:
            yield out
            out.flush()
        finally:
            out.detach()
        return
    target = Path(path)
    if target.is_dir():
        fail(f"{path} is a folder: give a file name for this format")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n", errors="replace", buffering=1 << 20) as out:
            yield out
        os.replace(tmp, target)
    except OSError as e:
        _unlink(tmp)
        fail(f"cannot write {path}: {e.strerror or e}")
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass


def _load(db: str | None) -> KnowledgeGraph:
    from govkg.graph.store import EmbeddedStore, StoreError

    store = EmbeddedStore(db)
    if not store.exists():
        fail(f"no govkg store at {store.folder} (run 'govkg load' first, or pass --db)")
    try:
        return store.read_graph()
    except StoreError as e:
        fail(str(e))
    finally:
        store.close()


def _sink(module: str, attr: str, fmt: str):
    import importlib

    try:
        return getattr(importlib.import_module(module), attr)
    except ModuleNotFoundError as e:
        if e.name and module.startswith(e.name):
            fail(f"{fmt} export is not available yet ({module} is missing)")
        fail(f"{fmt} export is not available: {e}")
    except AttributeError:
        fail(f"{fmt} export is not available yet ({module}.{attr} is missing)")


def select(kg: KnowledgeGraph, around: str | None, depth: int) -> KnowledgeGraph:
    """The whole graph, or the part around THING (a clear error when THING names 0 or several nodes)."""
    if around is None:
        return kg
    found = match_nodes(kg, around)
    if len(found) == 1:
        return subgraph_around(kg, found[0], depth)
    if found:
        click.echo(f"govkg: {around!r} names {len(found)} entities; export --around one of these ids:", err=True)
    else:
        found = partial_matches(kg, around)
        if not found:
            fail(f"nothing in the store is named {around!r} (try 'govkg search')")
        click.echo(f"govkg: nothing is named {around!r} exactly; names containing it (export --around one of "
                   "these ids):", err=True)
    for n in found[:30]:
        d = kg.g.nodes[n]
        shown = next((d[x] for x in _SHOWN if d.get(x)), "")
        click.echo(f"  {n}  ({d['label']}: {shown})", err=True)
    if len(found) > 30:
        click.echo(f"  ... and {len(found) - 30} more", err=True)
    sys.exit(1)


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True,
              help="RDF (turtle, ntriples, jsonld, xml), graphml, gexf, neo4j-csv or json.")
@click.option("-o", "--output", default=None, type=click.Path(),
              help="File to write (a folder for neo4j-csv) [default: standard output].")
@click.option("--base", default=None, help="Base IRI of the RDF resources [default: https://govkg.org/id/].")
@click.option("--around", default=None, metavar="THING",
              help="Only the part of the graph around THING (an id, a name or a document number).")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 10),
              help="How many hops from THING (--around).")
@db_option
def export(fmt: str, output: str | None, base: str | None, around: str | None, depth: int, db: str | None) -> None:
    """Export the graph (or the part --around THING) as RDF, GraphML, GEXF, Neo4j CSV or JSON."""
    if fmt in RDF_FORMATS:
        from govkg.graph import rdf

        try:
            base = rdf.check_base(base)
        except rdf.RdfError as e:
            fail(str(e))
    if fmt in ("graphml", "gexf", "neo4j-csv") and not output:
        fail(f"{fmt} needs -o {'DIR' if fmt == 'neo4j-csv' else 'FILE'}")
    kg = select(_load(db), around, depth)

    try:
        if fmt in RDF_FORMATS:
            with _text_out(output) as fh:
                n = rdf.serialize(kg, fmt, fh, base)
            _done(output, f"{n} triples")
        elif fmt == "json":
            with _text_out(output) as fh:
                nn, ne = write_json(kg, fh)
            _done(output, f"{nn} nodes and {ne} edges")
        elif fmt in ("graphml", "gexf"):
            write = _sink("govkg.graph.nx_export", f"write_{fmt}", fmt)
            write(kg, output)
            _done(output, f"{kg.g.number_of_nodes()} nodes and {kg.g.number_of_edges()} edges")
        else:
            write = _sink("govkg.graph.neo4j_csv", "write_neo4j_csv", fmt)
            info = write(kg, output)
            _done(output, ", ".join(f"{k}: {v}" for k, v in (info or {}).items()) or "Neo4j CSV files")
    except BrokenPipeError:
        # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except OSError as e:
        fail(f"cannot write {output or 'standard output'}: {e.strerror or e}")


def _done(output: str | None, what: str) -> None:
    if output:
        click.echo(f"wrote {what} to {output}", err=True)
