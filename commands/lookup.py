"""Lookups: ``roles``, ``who-leads``, ``search``, ``stats``, ``chain``, ``path``.

Each runs named queries (``govkg/queries/*.cypher``) on the embedded store, or on a Neo4j server with
``--neo4j URI``. What a user types is resolved to ids first (``govkg.queries.resolve``); an input
matching several entities lists them and exits with status 3 instead of guessing; nothing found
exits with status 1. Every user error is one line on stderr.

The functions ``role_records``, ``build_chain``, ``render_tree`` and ``find_path`` are the library
side of these commands, for tests and scripts.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date
from typing import Any, Iterator

import click

from govkg.cli import db_option, emit, fail, format_option, table
from govkg.commands.neo4j import neo4j_options, open_backend
from govkg.queries import resolve as rs
from govkg.queries.runner import QueryError, run_records

AMBIGUOUS = 3  # exit status when the input names several things

# -- shared helpers ---------------------------------------------------------------------------------


def iso(d: Any) -> str | None:
    if d is None:
        return None
    return d.isoformat() if isinstance(d, date) else str(d)


def source_list(articles, sentences) -> list[dict]:
    """Parallel source lists as ``[{"article", "evidence"}]``."""
    return [{"article": a, "evidence": s} for a, s in zip(articles or [], sentences or [])]


def shorten(sentence: str | None, focus: list[str] | None = None, width: int = 110) -> str:
    """A sentence cut to ``width`` characters around the first focus term it contains."""
    s = " ".join((sentence or "").split())
    if len(s) <= width:
        return s
    at = -1
    low = s.lower()
    for f in focus or []:
        if f:
            at = low.find(f.lower())
            if at >= 0:
                break
    start = 0 if at < 0 else max(0, min(at - width // 3, len(s) - width))
    out = s[start:start + width]
    return ("…" if start > 0 else "") + out.strip() + ("…" if start + width < len(s) else "")


def _candidates_out(cands: list[rs.Candidate], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in cands], ensure_ascii=False, indent=2, default=str))
    else:
        for c in cands:
            click.echo(f"  {c.describe()}")


@contextmanager
def handled(fmt: str = "table") -> Iterator[None]:
    """Turn resolution, query and store errors into one line on stderr and a non-zero exit."""
    from govkg.graph.store import StoreError

    try:
        yield
    except rs.Ambiguous as e:
        _candidates_out(e.candidates, fmt)
        fail(str(e), AMBIGUOUS)
    except rs.NotFound as e:
        fail(str(e))
    except QueryError as e:
        fail(f"query error: {e}")
    except StoreError as e:
        fail(str(e))


def backend_from(db, neo4j_uri, neo4j_user, neo4j_database):
    return open_backend(db, neo4j_uri, neo4j_user, neo4j_database)


# -- roles ------------------------------------------------------------------------------------------

ROLE_KEYS = ("person", "title", "organization", "status", "as_of", "sources")


def role_records(rows: list[dict]) -> list[dict]:
    """Rows of ``roles_of``/``all_roles`` as the records ``govkg roles --format json`` prints: the
    contract keys first (person, title, organization, status, as_of, sources), then the details."""
    out = []
    for r in rows:
        out.append({
            "person": r["person"], "title": r["title"], "organization": r["organization"],
            "status": r["status"], "as_of": iso(r["as_of"]),
            "sources": source_list(r["articles"], r["sentences"]),
            "rank": r["rank"], "organization_full": r.get("organization_full"),
            "first_seen": iso(r.get("first_seen")), "last_seen": iso(r.get("last_seen")),
            "confidence": r.get("confidence"), "person_id": r["person_id"], "role_id": r["role_id"],
            "agency_id": r["agency_id"],
        })
    return out


def _evidence_cell(sources: list[dict], focus: list[str] | None = None, width: int = 90) -> str:
    if not sources:
        return ""
    s = sources[-1]
    more = f" (+{len(sources) - 1})" if len(sources) > 1 else ""
    return f"{s['article']}: {shorten(s['evidence'], focus, width)}{more}"


def _emit_roles(records: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        rows = [{**r, "sources": " | ".join(f"{s['article']}: {s['evidence']}" for s in r["sources"])}
                for r in records]
        emit(rows, "csv", ["person", "title", "organization", "status", "as_of", "rank", "first_seen",
                           "last_seen", "sources", "person_id", "agency_id"])
    else:
        rows = [{**r, "as_of": r["as_of"] or "", "evidence": _evidence_cell(r["sources"], [r["person"]], 70)}
                for r in records]
        click.echo(table(rows, ["person", "title", "organization", "status", "as_of", "evidence"], max_width=80))


@click.command("roles")
@click.argument("person", required=False)
@click.option("--all", "all_", is_flag=True, help="Every person-post fact in the store.")
@db_option
@format_option()
@neo4j_options
def roles(person, all_, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Posts PERSON holds or held (diacritics optional), or every post with --all.

    `--all --format json` prints one JSON array whose elements have person, title, organization,
    status, as_of (ISO date or null) and sources (a list of {article, evidence}).
    """
    if bool(person) == bool(all_):
        fail("give a PERSON or --all (not both)", 2)
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        if all_:
            records = role_records(run_records(backend, "all_roles"))
        else:
            c = rs.resolve_person(backend, person)
            records = role_records(run_records(backend, "roles_of", {"person_ids": [c.id]}))
            if not records:
                fail(f"no posts are recorded for {c.name}")
    _emit_roles(records, fmt)


# -- who-leads --------------------------------------------------------------------------------------

def leader_records(rows: list[dict]) -> list[dict]:
    return [{
        "agency": r["agency"], "rank": r["rank"], "title": r["title"], "person": r["person"],
        "status": r["status"], "as_of": iso(r["as_of"]), "first_seen": iso(r["first_seen"]),
        "last_seen": iso(r["last_seen"]), "sources": source_list(r["articles"], r["sentences"]),
        "person_id": r["person_id"], "agency_id": r["agency_id"], "role_id": r["role_id"],
    } for r in rows]


def history_records(rows: list[dict]) -> list[dict]:
    """``post_history`` rows grouped per post, holders oldest first, each with whom they followed."""
    posts: dict[str, dict] = {}
    for r in rows:
        p = posts.setdefault(r["role_id"], {"agency": r["agency"], "title": r["title"], "rank": r["rank"],
                                            "role_id": r["role_id"], "holders": []})
        p["holders"].append({
            "person": r["person"], "status": r["status"], "first_seen": iso(r["first_seen"]),
            "last_seen": iso(r["last_seen"]), "sources": source_list(r["articles"], r["sentences"]),
            "person_id": r["person_id"],
        })
    for p in posts.values():
        # dated holders in order of first sighting; undated ones after them
        p["holders"].sort(key=lambda h: (h["first_seen"] is None, h["first_seen"] or "", h["last_seen"] or "",
                                         h["person"]))
        prev = None
        for h in p["holders"]:
            h["follows"] = prev["person"] if prev and h["first_seen"] and prev["first_seen"] else None
            prev = h
    return list(posts.values())


@click.command("who-leads")
@click.argument("agency")
@click.option("--history", is_flag=True, help="For each post, everyone seen in it, oldest first.")
@db_option
@format_option()
@neo4j_options
def who_leads(agency, history, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Who heads AGENCY, then its deputies and members, with status, as_of and a source sentence.

    AGENCY as people write it, abbreviations and diacritics optional ("UBND TP Cần Thơ",
    "ubnd tp can tho"), or its id. A name matching several agencies lists them and exits with
    status 3; nothing found exits with status 1.
    """
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        c = rs.resolve_agency(backend, agency)
        name = "post_history" if history else "who_leads"
        rows = run_records(backend, name, {"agency_ids": [c.id]})
    if not rows:
        fail(f"no one is recorded as holding a post in {c.name}")
    if history:
        posts = history_records(rows)
        if fmt == "json":
            click.echo(json.dumps(posts, ensure_ascii=False, indent=2))
            return
        flat = [{"post": p["title"], "rank": p["rank"], **h, "first_seen": h["first_seen"] or "",
                 "last_seen": h["last_seen"] or "", "follows": h["follows"] or "",
                 "evidence": _evidence_cell(h["sources"], [h["person"]], 70)}
                for p in posts for h in p["holders"]]
        cols = ["post", "person", "status", "first_seen", "last_seen", "follows"]
        if fmt == "csv":
            emit(flat, "csv", ["post", "rank"] + cols[1:] + ["person_id"])
        else:
            click.echo(f"{c.name}: who held each post, oldest first")
            click.echo(table(flat, cols + ["evidence"], max_width=80))
        return
    records = leader_records(rows)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        flat = [{**r, "sources": " | ".join(f"{s['article']}: {s['evidence']}" for s in r["sources"])}
                for r in records]
        emit(flat, "csv", ["agency", "rank", "title", "person", "status", "as_of", "sources", "person_id"])
    else:
        flat = [{**r, "as_of": r["as_of"] or "", "source": _evidence_cell(r["sources"], [r["person"]], 70)}
                for r in records]
        click.echo(f"{c.name}")
        click.echo(table(flat, ["rank", "title", "person", "status", "as_of", "source"], max_width=80))


# -- search -----------------------------------------------------------------------------------------

KIND_ORDER = {"Person": 0, "Agency": 1, "Resolution": 2, "Project": 3}


@click.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most this many per kind.")
@db_option
@format_option()
@neo4j_options
def search(text, limit, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """People, agencies, documents and projects whose name contains TEXT (diacritics optional)."""
    if not text.strip():
        fail("give something to search for", 2)
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        rows = run_records(backend, "search", rs.search_params(text, limit))
        people = [rs.Candidate(r["id"], "Person", r["name"], r["score"]) for r in rows if r["kind"] == "Person"]
        if people:
            rs.describe_people(backend, people)
            posts = {c.id: c.info.get("posts") for c in people}
            for r in rows:
                if r["kind"] == "Person":
                    r["detail"] = posts.get(r["id"]) or ""
    if not rows:
        fail(f"nothing matches '{text}'")
    rows.sort(key=lambda r: (-r["score"], KIND_ORDER.get(r["kind"], 9), r["name"] or ""))
    emit([{k: r[k] for k in ("kind", "name", "detail", "id")} for r in rows], fmt, ["kind", "name", "detail", "id"])


# -- stats ------------------------------------------------------------------------------------------

@click.command("stats")
@db_option
@format_option()
@neo4j_options
def stats(db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Nodes per label, edges per type, and the articles the store holds."""
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        nodes = {r["label"]: r["count"] for r in run_records(backend, "stats_nodes")}
        edges = {r["type"]: r["count"] for r in run_records(backend, "stats_edges")}
        arts = run_records(backend, "stats_articles")[0]
    articles = {"count": arts["articles"], "dated": arts["dated"], "first_date": iso(arts["first_date"]),
                "last_date": iso(arts["last_date"])}
    if fmt == "json":
        click.echo(json.dumps({"nodes": nodes, "edges": edges, "articles": articles}, ensure_ascii=False, indent=2))
        return
    rows = [{"what": "node", "name": k, "count": v} for k, v in nodes.items()]
    rows += [{"what": "edge", "name": k, "count": v} for k, v in edges.items()]
    if fmt == "csv":
        rows.append({"what": "articles", "name": "articles", "count": articles["count"]})
        emit(rows, "csv", ["what", "name", "count"])
        return
    span = f", {articles['first_date']} to {articles['last_date']}" if articles["first_date"] else ""
    click.echo(f"{articles['count']} articles ({articles['dated']} dated{span}); "
               f"{sum(nodes.values())} nodes, {sum(edges.values())} edges")
    click.echo(table([{"label": k, "nodes": v} for k, v in nodes.items()], ["label", "nodes"]))
    click.echo("")
    click.echo(table([{"type": k, "edges": v} for k, v in edges.items()], ["type", "edges"]))


# -- chain ------------------------------------------------------------------------------------------

RELATION_TEXT = {
    "issued_by": "issued by", "implements": "implements", "implemented_by": "implemented by",
    "steered_by": "steered by", "carried_out_by": "carried out by", "task": "task", "project": "project",
    "event": "event", "head": "head", "deputy": "deputy", "member": "member", "part_of": "part of",
    "has_part": "has part", "issued": "issued", "steers": "steers", "responsible_for": "answerable for",
    "attended": "attended", "directed_by": "directed by", "located_in": "in", "chaired": "chaired",
    "directed": "directed", "under": "under", "responsible": "answerable", "chaired_by": "chaired by",
    "attended_by": "attended by", "concerns": "concerns", "holds": "holds",
}

_ALL_RES = {"issued_by", "implements", "implemented_by", "steered_by", "carried_out_by", "task", "project", "event"}
_ALL_AG = {"part_of", "has_part", "issued", "steers", "responsible_for", "attended", "event", "directed_by",
           "located_in"}
_ALL_PROJ = {"under", "responsible", "located_in", "event"}
_ALL_EVENT = {"chaired_by", "attended_by", "concerns", "located_in"}
_LEADERS = {"head", "deputy"}


def _expansions(label: str, mode: str) -> list[tuple[str, set[str]]]:
    """What to ask about a node of ``label`` reached through ``mode`` (the step that led to it)."""
    if label == "Resolution":
        if mode == "root":
            return [("chain_resolution", _ALL_RES)]
        if mode == "implemented_by":
            return [("chain_resolution", _ALL_RES - {"implements", "event"})]
        if mode == "implements":
            return [("chain_resolution", {"issued_by", "implements"})]
        if mode == "issued":  # reached from its issuer
            return []
        return [("chain_resolution", {"issued_by"})]
    if label == "Agency":
        if mode == "root":
            return [("who_leads", _LEADERS | {"member"}), ("chain_agency", _ALL_AG)]
        if mode in ("steered_by", "carried_out_by", "responsible"):
            return [("who_leads", _LEADERS)]
        if mode == "holds_head":
            return [("chain_agency", {"steers", "responsible_for", "issued"})]
        return []
    if label == "Person":
        if mode == "root":
            return [("roles_of", {"holds"}), ("chain_person", {"chaired", "attended", "directed"})]
        return []
    if label in ("Project", "Task"):
        if mode == "root":
            return [("chain_project", _ALL_PROJ)]
        if mode in ("task", "project"):
            return [("chain_project", {"responsible"})]
        if mode == "responsible_for":
            return [("chain_project", {"under"})]
        return []
    if label == "Event":
        if mode == "root":
            return [("chain_event", _ALL_EVENT)]
        if mode == "event":
            return [("chain_event", {"chaired_by"})]
        if mode in ("chaired", "attended"):
            return [("chain_event", {"concerns"})]
        return []
    return []


def _step_rows(backend, query: str, ids: list[str]) -> list[dict]:
    """The steps a chain query gives, as uniform dicts with ``src``, ``step`` and the child node."""
    if query == "who_leads":
        out = []
        for r in run_records(backend, "who_leads", {"agency_ids": ids}):
            out.append({"src": r["agency_id"], "step": r["rank"] or "member", "id": r["person_id"],
                        "label": "Person", "name": r["person"], "title": r["title"], "status": r["status"],
                        "as_of": r["as_of"], "articles": r["articles"], "sentences": r["sentences"]})
        return out
    if query == "roles_of":
        out = []
        for r in run_records(backend, "roles_of", {"person_ids": ids}):
            out.append({"src": r["person_id"], "step": "holds", "id": r["agency_id"], "label": "Agency",
                        "name": r["organization"], "title": r["title"], "rank": r["rank"], "status": r["status"],
                        "as_of": r["as_of"], "articles": r["articles"], "sentences": r["sentences"]})
        return out
    return run_records(backend, query, {"ids": ids})


_INFO_KEYS = ("kind", "issuer", "term", "place", "note", "title", "rank", "status")


def _child(row: dict) -> dict:
    node = {"relation": row["step"], "id": row["id"], "label": row["label"], "name": row["name"]}
    for k in _INFO_KEYS:
        if row.get(k) not in (None, ""):
            node[k] = row[k]
    node["as_of"] = iso(row.get("as_of"))
    node["evidence"] = source_list(row.get("articles"), row.get("sentences"))
    node["children"] = []
    return node


def build_chain(backend, root: rs.Candidate, depth: int = 3) -> dict:
    """The chain of responsibility around ``root`` as a nested dict (``children`` per node), ``depth``
    steps deep, breadth first, each node expanded once (other sightings are marked ``seen``)."""
    info = {k: v for k, v in root.info.items() if v not in (None, "")}
    tree = {"id": root.id, "label": root.label, "name": root.name, **{k: iso(v) if isinstance(v, date) else v
                                                                        for k, v in info.items()},
            "children": []}
    level = [(tree, "root")]
    expanded = {root.id}
    for _ in range(max(0, depth)):
        wanted: dict[str, list[tuple[dict, set[str]]]] = {}
        for node, mode in level:
            for query, steps in _expansions(node["label"], mode):
                wanted.setdefault(query, []).append((node, steps))
        if not wanted:
            break
        nxt = []
        for query, items in wanted.items():
            ids = list(dict.fromkeys(n["id"] for n, _ in items))
            by_src: dict[str, list[dict]] = {}
            for row in _step_rows(backend, query, ids):
                by_src.setdefault(row["src"], []).append(row)
            for node, steps in items:
                for row in by_src.get(node["id"], []):
                    if row["step"] not in steps or row["id"] == node["id"]:
                        continue
                    child = _child(row)
                    node["children"].append(child)
                    mode = row["step"]
                    if mode == "holds" and row.get("rank") == "head" and row.get("status") not in ("former", "ended"):
                        mode = "holds_head"
                    if not _expansions(child["label"], mode):
                        continue  # a leaf here
                    if row["id"] in expanded:
                        child["seen"] = True  # its own steps are shown where it was first reached
                        continue
                    expanded.add(row["id"])
                    nxt.append((child, mode))
        level = nxt
    _order(tree)
    return tree


_STEP_ORDER = ["issued_by", "implements", "implemented_by", "steered_by", "carried_out_by", "head", "deputy",
               "member", "holds", "part_of", "has_part", "issued", "steers", "responsible_for", "responsible",
               "under", "task", "project", "event", "chaired", "chaired_by", "attended", "attended_by",
               "concerns", "directed", "directed_by", "located_in"]


def _order(node: dict) -> None:
    rank = {s: i for i, s in enumerate(_STEP_ORDER)}
    node["children"].sort(key=lambda c: (rank.get(c["relation"], 99), c.get("seen", False), c["name"] or ""))
    for c in node["children"]:
        _order(c)


def _describe(node: dict) -> str:
    bits = []
    label = node["label"]
    if label == "Resolution":
        bits = [node.get("doc_type") or node.get("kind"), node.get("issuer"),
                f"term {node['term']}" if node.get("term") else None]
    elif label == "Agency":
        bits = [node.get("title")] if node.get("relation") in ("holds",) else []
    elif label == "Person":
        bits = [node.get("title")]
    elif label in ("Event", "Task", "Project"):
        bits = [node.get("kind")]
    if node.get("status") and node.get("status") != "current":
        bits.append(node["status"])
    detail = ", ".join(b for b in bits if b)
    return node["name"] + (f" ({detail})" if detail else "")


def render_tree(tree: dict, width: int = 100, max_children: int = 25) -> str:
    """The chain as an indented tree for people to read, evidence shortened; at most ``max_children``
    steps of one kind under a node (0: all), then a line saying how many more there are."""
    lines = [f"{_describe(tree)}  [{tree['label']} {tree['id']}]"]

    def shown(kids: list[dict]) -> list[dict]:
        if not max_children:
            return kids
        out, per = [], {}
        for c in kids:
            n = per[c["relation"]] = per.get(c["relation"], 0) + 1
            if n <= max_children:
                out.append(c)
            elif n == max_children + 1:
                more = sum(1 for k in kids if k["relation"] == c["relation"]) - max_children
                out.append({"more": more, "relation": c["relation"], "children": []})
        return out

    def walk(node: dict, prefix: str) -> None:
        kids = shown(node["children"])
        for i, c in enumerate(kids):
            last = i == len(kids) - 1
            rel = RELATION_TEXT.get(c["relation"], c["relation"])
            if "more" in c:
                lines.append(f"{prefix}{'└── ' if last else '├── '}… {c['more']} more {rel} "
                             f"(--max-children 0 or --format json shows all)")
                continue
            tail = "  (expanded elsewhere)" if c.get("seen") else ""
            lines.append(f"{prefix}{'└── ' if last else '├── '}{rel}: {_describe(c)}{tail}")
            cont = prefix + ("    " if last else "│   ")
            if c["evidence"]:
                ev = c["evidence"][-1]
                when = f", {c['as_of']}" if c.get("as_of") else ""
                more = f" +{len(c['evidence']) - 1}" if len(c["evidence"]) > 1 else ""
                text = shorten(ev["evidence"], [c["name"], node["name"]], width)
                lines.append(f"{cont}{'│ ' if c['children'] else '  '}“{text}” ({ev['article']}{when}{more})")
            walk(c, cont)

    walk(tree, "")
    return "\n".join(lines)


@click.command("chain")
@click.argument("thing")
@click.option("--depth", type=click.IntRange(0, 10), default=3, show_default=True, help="How many steps to follow.")
@click.option("--term", default=None, help="Party term of a programme (2020-2025), when a number names several.")
@click.option("--issuer", default=None, help="Issuing body of the document, when a number names several.")
@click.option("--max-children", type=click.IntRange(0, None), default=25, show_default=True,
              help="In the tree, at most this many steps of one kind under a node (0: all).")
@db_option
@format_option(("tree", "json"), "tree")
@neo4j_options
def chain(thing, depth, term, issuer, max_children, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """The chain of responsibility behind THING: a document or programme number, a project, an
    agency, a person (diacritics optional) or an id.

    For a document: who issued it, what implements it (and what it implements), which bodies steer it
    and who heads them, which bodies carry it out and who leads them, its tasks and projects, the
    events about it and who chaired them; each step with its evidence. For a person: posts, the
    bodies they lead and what those answer for, events chaired. A THING naming several entities
    (03-CTr/TU names two programmes) lists them and exits with status 3: add --term/--issuer or
    give the id.
    """
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        root = rs.resolve_thing(backend, thing, term, issuer)
        tree = build_chain(backend, root, depth)
    if fmt == "json":
        click.echo(json.dumps(tree, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(render_tree(tree, max_children=max_children))


# -- path -------------------------------------------------------------------------------------------

def find_path(backend, a: str, b: str, max_hops: int = 12, via_places: bool = False,
              max_nodes: int = 20000) -> list[dict] | None:
    """The shortest chain of fact edges linking node ids ``a`` and ``b`` (ignoring MENTIONS and, unless
    ``via_places``, places), as steps ``{from, to, type, direction, evidence}``; None if there is
    none within ``max_hops``. A bidirectional breadth-first search over the ``neighbours`` query,
    then networkx's shortest path on the subgraph it saw."""
    import networkx as nx

    if a == b:
        return []
    g = nx.Graph()
    g.add_nodes_from([a, b])
    edge_info: dict[frozenset, dict] = {}
    reached = [{a}, {b}]
    frontier = [[a], [b]]
    for _ in range(max_hops):
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        if not frontier[side]:
            side = 1 - side
            if not frontier[side]:
                break
        nxt = []
        for r in run_records(backend, "neighbours", {"ids": frontier[side]}):
            if r["label"] == "Place" and not via_places:
                continue
            u, v = r["src"], r["dst"]
            k = frozenset((u, v))
            if k not in edge_info:
                start, end = (u, v) if r["direction"] == "out" else (v, u)
                edge_info[k] = {"start": start, "end": end, "type": r["type"],
                                "evidence": source_list(r["articles"], r["sentences"])}
            g.add_edge(u, v)
            if v not in reached[side]:
                reached[side].add(v)
                nxt.append(v)
        frontier[side] = nxt
        if reached[0] & reached[1]:
            break
        if len(reached[0]) + len(reached[1]) > max_nodes:
            break
    if not nx.has_path(g, a, b):
        return None
    nodes = nx.shortest_path(g, a, b)
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        e = edge_info[frozenset((u, v))]
        steps.append({"from": u, "to": v, "type": e["type"], "direction": "out" if e["start"] == u else "in",
                      "evidence": e["evidence"]})
    return steps


def _resolve_endpoint(backend, text: str) -> rs.Candidate:
    return rs.resolve_thing(backend, text)


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", type=click.IntRange(1, 20), default=12, show_default=True, help="Longest chain to look for.")
@click.option("--via-places", is_flag=True, help="Also link through places (two bodies in the same city).")
@db_option
@format_option()
@neo4j_options
def path(a, b, max_hops, via_places, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """The shortest chain of facts linking A and B (people, agencies, documents, projects or ids),
    each step with its evidence. Articles (MENTIONS) do not count as links."""
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        ca = _resolve_endpoint(backend, a)
        cb = _resolve_endpoint(backend, b)
        steps = find_path(backend, ca.id, cb.id, max_hops, via_places)
        if steps is None:
            fail(f"no chain of facts links {ca.name} and {cb.name} within {max_hops} steps")
        ids = list(dict.fromkeys([s["from"] for s in steps] + [s["to"] for s in steps]))
        names = {r["id"]: r for r in run_records(backend, "node_by_id", {"ids": ids})} if ids else {}
    rows = []
    for i, s in enumerate(steps, 1):
        fr, to = names.get(s["from"], {}), names.get(s["to"], {})
        ev = s["evidence"][-1] if s["evidence"] else {"article": None, "evidence": None}
        rows.append({"step": i, "from": fr.get("name") or s["from"], "from_label": fr.get("label"),
                     "relation": s["type"], "direction": s["direction"], "to": to.get("name") or s["to"],
                     "to_label": to.get("label"), "article": ev["article"], "evidence": ev["evidence"],
                     "from_id": s["from"], "to_id": s["to"]})
    if fmt == "json":
        click.echo(json.dumps({"from": ca.as_dict(), "to": cb.as_dict(), "steps": rows}, ensure_ascii=False,
                              indent=2, default=str))
        return
    if fmt == "csv":
        emit(rows, "csv", ["step", "from", "relation", "direction", "to", "article", "evidence", "from_id", "to_id"])
        return
    if not rows:
        click.echo(f"{ca.name} and {cb.name} are the same entity")
        return
    click.echo(f"{ca.name} → {cb.name}: {len(rows)} step{'s' if len(rows) > 1 else ''}")
    for r in rows:
        arrow = f"—{r['relation']}→" if r["direction"] == "out" else f"←{r['relation']}—"
        click.echo(f"{r['step']:>3}. {r['from']} {arrow} {r['to']}")
        if r["evidence"]:
            click.echo(f"     “{shorten(r['evidence'], [r['to'], r['from']], 100)}” ({r['article']})")

