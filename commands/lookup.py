"""Lookups: ``roles``, ``who-leads``, ``history``, ``search``, ``stats``, ``chain``, ``path``.

Each runs named queries (``govkg/queries/*.cypher``) on the embedded store, or on a Neo4j server with
``--neo4j URI``. What a user types is resolved to ids first (``govkg.queries.resolve``); an input
matching several entities lists them and exits with status 3 instead of guessing; nothing found
exits with status 1. Every user error is one line on stderr.

The records these commands print with ``--format json`` are built by the library,
``govkg.queries.lookups`` (``person_roles``, ``leaders``, ``post_history``, ``search``, ``stats``,
``build_chain``, ``path_records``; ``render_tree`` draws a chain as text); the web view
(``govkg serve``) calls the same functions. The commands only resolve what was typed, print the
records and turn errors into one line.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterator

import click

from govkg.cli import db_option, emit, fail, format_option, table
from govkg.commands.neo4j import neo4j_options, open_backend
from govkg.graph import tenure as tn
from govkg.queries import lookups as lk
from govkg.queries import resolve as rs
from govkg.queries.lookups import (  # noqa: F401  (the library side, as this module always offered it)
    build_chain, find_path, history_records, iso, leader_records, render_tree, role_records, shorten,
    source_list)
from govkg.queries.runner import QueryError

AMBIGUOUS = 3  # exit status when the input names several things

# -- shared helpers ---------------------------------------------------------------------------------


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


# -- time: when facts were stated, who held a post at a date ----------------------------------------

ON_HELP = ("Only the holders at DATE (YYYY-MM-DD, or YYYY-MM / YYYY for any time in that month or year): "
           "stated held then, or last stated held before it with nothing up to it saying otherwise, or "
           "possibly (a crawl date that does not fall before it). Each shows its standing and the "
           "statements it rests on; those not shown are counted below the table.")




def parse_on(text: str | None) -> tn.When | None:
    """``--on`` as a day, month or year; a bad date is one line and exit status 2."""
    if text is None:
        return None
    try:
        return tn.parse_when(text)
    except tn.TimeError as e:
        fail(f"--on: {e}", 2)



def _standing_cell(s: dict | None, always: bool = False) -> str:
    if not s:
        return ""
    if not always and s["state"] in ("held", "presumed"):
        return ""
    return f"{s['state']}: {s['note']}" if s["note"] else s["state"]



# -- roles ------------------------------------------------------------------------------------------

def _evidence_cell(sources: list[dict], focus: list[str] | None = None, width: int = 90,
                   article: str | None = None) -> str:
    """One source as a table cell: the first of ``article`` (the one deciding a status), else the last."""
    if not sources:
        return ""
    s = next((x for x in sources if x["article"] == article), sources[-1])
    more = f" (+{len(sources) - 1})" if len(sources) > 1 else ""
    return f"{s['article']}: {shorten(s['evidence'], focus, width)}{more}"


def _emit_roles(records: list[dict], fmt: str, at: tn.When | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        rows = [{**r, "sources": " | ".join(f"{s['article']}: {s['evidence']}" for s in r["sources"]),
                 "standing": r["standing"]["state"] if r.get("standing") else ""} for r in records]
        emit(rows, "csv", ["person", "title", "organization", "status", "as_of", "rank", "first_seen",
                           "last_seen", "sources", "person_id", "agency_id", "last_bound", "held_from", "held_to",
                           "standing"])
    else:
        rows = [{**r, "standing": _standing_cell(r.get("standing"), at is not None),
                 "evidence": _evidence_cell(r["sources"], [r["person"]], 70, r["status_article"])} for r in records]
        cols = ["person", "title", "organization", "status", "seen"] + (["standing"] if at else []) + ["evidence"]
        click.echo(table(rows, cols, max_width=80))


@click.command("roles")
@click.argument("person", required=False)
@click.option("--all", "all_", is_flag=True, help="Every person-post fact in the store.")
@click.option("--on", "on", default=None, metavar="DATE", help=ON_HELP)
@db_option
@format_option()
@neo4j_options
def roles(person, all_, on, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Posts PERSON holds or held (diacritics optional), or every post with --all.

    `--all --format json` prints one JSON array whose elements have person, title, organization,
    status, as_of (ISO date of the latest dated article, or null) and sources (a list of
    {article, evidence}); then rank, first_seen, last_seen, first_bound and last_bound ('on or
    before' bounds from undated articles with a crawl date), held_from/held_to (the known span),
    status_basis (date, bound or undated), seen, and with --on a standing.

    With --on DATE, only the posts held at DATE (see `govkg who-leads --help`).
    """
    if bool(person) == bool(all_):
        fail("give a PERSON or --all (not both)", 2)
    at = parse_on(on)
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        c = None if all_ else rs.resolve_person(backend, person)
        records, hidden = lk.person_roles(backend, c, at)
    if at is not None and not records:
        fail(f"no post is known to be held by {'anyone' if all_ else c.name} on {at.text()}"
             f" ({len(hidden)} seen at other times; drop --on to list them)")
    _emit_roles(records, fmt, at)
    if at is not None and fmt == "table" and not all_:
        for line in lk.not_shown_lines(hidden):
            click.echo(line)


# -- who-leads and history --------------------------------------------------------------------------

def _history_out(c: rs.Candidate, posts: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(posts, ensure_ascii=False, indent=2))
        return

    def first(h):
        return h["first_seen"] or (f"≤{h['first_bound']}" if h["first_bound"] else "")

    def last(h):
        return h["last_seen"] or (f"≤{h['last_bound']}" if h["last_bound"] else "")

    flat = [{"post": p["title"], "rank": p["rank"], **h, "first": first(h), "last": last(h),
             "follows": h["follows"] or "",
             "evidence": _evidence_cell(h["sources"], [h["person"]], 70, h["status_article"])}
            for p in posts for h in p["holders"]]
    cols = ["post", "person", "status", "first", "last", "follows"]
    if fmt == "csv":
        emit(flat, "csv", ["post", "rank", "person", "status", "first_seen", "last_seen", "first_bound",
                           "last_bound", "follows", "person_id"])
    else:
        click.echo(f"{c.name}: who held each post, in the order they were seen (≤: on or before, from a crawl date)")
        click.echo(table(flat, cols + ["evidence"], max_width=80))


WHO_LEADS_HELP = """Who heads AGENCY, then its deputies and members, with status, when they were seen
    and a source sentence.

    AGENCY as people write it, abbreviations and diacritics optional ("UBND TP Cần Thơ",
    "ubnd tp can tho"), or its id. A name matching several agencies lists them and exits with
    status 3; nothing found exits with status 1.

    \b
    Time. An article's time is its date (from the record, the page or a date line of the text),
    else "on or before" its crawl date (seen: ≤2017-06-08), else none. A holder's status follows
    the latest dated article (within one article, the majority of its mentions); an undated
    article never overrides a dated one. Without --on, dated holders come first (latest first),
    then those with only a crawl date, then undated ones; a holder of a one-seat post (Chủ tịch,
    Bí thư, Giám đốc ...) that someone else was stated in after them is marked 'succeeded'.

    \b
    --on DATE shows the holders at DATE, each with its standing:
      held      stated held on DATE (within it, for a month or year), or both before and after it;
      presumed  last stated held before DATE, and nothing up to DATE says otherwise (the note says
                what comes after: a "nguyên", a successor);
      possible  stated held only "on or before" a crawl date that does not fall before DATE, or
                held before and stated former within the month or year asked.
    Not shown (listed below the table): seen only later; stated former only later; stated former
    (nguyên, cựu) or ended by DATE; succeeded by DATE (another holder of a one-seat post stated in
    it after this one's last statement, the same person stated in a higher post of the body, or
    another held over the whole of DATE); last stated held more than five years (a term) before;
    undated. A crawl date counts as before DATE only when it is before DATE, and is not taken to
    reach back more than five years. The rules: docs/graph.md, "Time".
    """


@click.command("who-leads", help=WHO_LEADS_HELP)
@click.argument("agency")
@click.option("--history", is_flag=True, help="For each post, everyone seen in it, in order (as govkg history).")
@click.option("--on", "on", default=None, metavar="DATE", help="Only the holders at DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@db_option
@format_option()
@neo4j_options
def who_leads(agency, history, on, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    at = parse_on(on)
    if history and at is not None:
        fail("--history lists every holder in order; --on picks those of one date: give one of them", 2)
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        c = rs.resolve_agency(backend, agency)
        if history:
            posts = lk.post_history(backend, c)
            if not posts:
                fail(f"no one is recorded as holding a post in {c.name}")
        else:
            records, hidden = lk.leaders(backend, c, at)
            if not records and not hidden:
                fail(f"no one is recorded as holding a post in {c.name}")
    if history:
        _history_out(c, posts, fmt)
        return
    if at is not None and not records:
        fail(f"no one is known to hold a post in {c.name} on {at.text()}"
             f" ({len(hidden)} seen at other times; --history lists them)")
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        flat = [{**r, "sources": " | ".join(f"{s['article']}: {s['evidence']}" for s in r["sources"]),
                 "standing": r["standing"]["state"]} for r in records]
        emit(flat, "csv", ["agency", "rank", "title", "person", "status", "as_of", "sources", "person_id",
                           "last_bound", "held_from", "held_to", "standing"])
    else:
        flat = [{**r, "standing": _standing_cell(r["standing"], at is not None),
                 "source": _evidence_cell(r["sources"], [r["person"]], 70, r["status_article"])} for r in records]
        click.echo(f"{c.name}" + (f", on {at.text()}" if at is not None else ""))
        click.echo(table(flat, ["rank", "title", "person", "status", "seen", "standing", "source"], max_width=80))
        if at is not None:
            for line in lk.not_shown_lines(hidden):
                click.echo(line)


@click.command("history")
@click.argument("agency")
@db_option
@format_option()
@neo4j_options
def history(agency, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Each post of AGENCY with everyone seen in it, in the order they were seen, with first and
    last seen (a date, or ≤ a crawl date: on or before) and, in one-seat posts, whom each one
    surely came after (every statement of them holding it later than every one of the other's).
    JSON adds each holder's statements (when, status, article). Same as `who-leads --history`."""
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        c = rs.resolve_agency(backend, agency)
        posts = lk.post_history(backend, c)
        if not posts:
            fail(f"no one is recorded as holding a post in {c.name}")
    _history_out(c, posts, fmt)


# -- search -----------------------------------------------------------------------------------------

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
        rows = lk.search(backend, text, limit)
    if not rows:
        fail(f"nothing matches '{text}'")
    emit(rows, fmt, ["kind", "name", "detail", "id"])


# -- stats ------------------------------------------------------------------------------------------

@click.command("stats")
@db_option
@format_option()
@neo4j_options
def stats(db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Nodes per label, edges per type, and the articles the store holds."""
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        data = lk.stats(backend)
    nodes, edges, articles = data["nodes"], data["edges"], data["articles"]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
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

@click.command("chain")
@click.argument("thing")
@click.option("--depth", type=click.IntRange(0, 10), default=3, show_default=True, help="How many steps to follow.")
@click.option("--term", default=None, help="Party term of a programme (2020-2025), when a number names several.")
@click.option("--issuer", default=None, help="Issuing body of the document, when a number names several.")
@click.option("--max-children", type=click.IntRange(0, None), default=25, show_default=True,
              help="In the tree, at most this many steps of one kind under a node (0: all).")
@click.option("--on", "on", default=None, metavar="DATE",
              help="Show the holders of posts at DATE (YYYY-MM-DD, YYYY-MM or YYYY) [default: a document's "
                   "date, else its year or party term, else the latest evidence].")
@db_option
@format_option(("tree", "json"), "tree")
@neo4j_options
def chain(thing, depth, term, issuer, max_children, on, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """The chain of responsibility behind THING: a document or programme number, a project, an
    agency, a person (diacritics optional) or an id.

    For a document: who issued it, what implements it (and what it implements), which bodies steer it
    and who heads them, which bodies carry it out and who leads them, its tasks and projects, the
    events about it and who chaired them; each step with its evidence. For a person: posts, the
    bodies they lead and what those answer for, events chaired. A THING naming several entities
    (03-CTr/TU names two programmes) lists them and exits with status 3: add --term/--issuer or
    give the id.

    \b
    Holders of a body's posts are shown as of one time: --on DATE; else the document's date (else
    its year, else its party term); else (an agency, a person, an undated document) the latest
    evidence. "head" is a holder at that time (held, presumed or possibly, as `govkg who-leads
    --help` defines them; an undated holder when no dated one is known); "former head" one whose
    own evidence says they no longer held it then (nguyên, cựu); "head at another time" one seen
    in it only before or after. Each says its standing and the statements it rests on.
    """
    at = parse_on(on)
    backend = backend_from(db, neo4j_uri, neo4j_user, neo4j_database)
    with handled(fmt):
        root = rs.resolve_thing(backend, thing, term, issuer)
        tree = build_chain(backend, root, depth, at)
    if fmt == "json":
        click.echo(json.dumps(tree, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(render_tree(tree, max_children=max_children))


# -- path -------------------------------------------------------------------------------------------

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
        rows = lk.path_records(backend, ca, cb, max_hops, via_places)
        if rows is None:
            fail(f"no chain of facts links {ca.name} and {cb.name} within {max_hops} steps")
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

