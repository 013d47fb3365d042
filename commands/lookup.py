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
from govkg.graph import tenure as tn
from govkg.graph.schema import schema
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


def _day(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def article_times(backend, rows: list[dict], every: bool = False) -> dict[str, tn.When]:
    """When each article the rows cite was published (``every``: read all articles at once)."""
    ids = sorted({a for r in rows for a in r.get("articles") or []})
    if not ids:
        return {}
    recs = run_records(backend, "all_article_times") if every else run_records(backend, "article_times", {"ids": ids})
    return {r["id"]: tn.article_when(_day(r["date"]), _day(r["date_upper"])) for r in recs}


def holdings(rows: list[dict], times: dict[str, tn.When]) -> list[tn.Holding]:
    """HOLDS rows (who_leads, roles_of, all_roles, post_history) as holdings with their statements."""
    return [tn.Holding((r["person_id"], r["role_id"]), r["person"], r["person_id"], r["role_id"], r["title"],
                       r["agency_id"], r["rank"],
                       tn.statements_of(r["articles"], r.get("statuses"), r.get("zones"), r.get("offsets"),
                                        r.get("stated"), times))
            for r in rows]


def judge(rows: list[dict], times: dict[str, tn.When], at: tn.When | None,
          context: list[dict] | None = None) -> dict[tuple, tn.Standing]:
    """The standing of each row's holder at ``at`` (None: after all the evidence), judged with the
    other holders in ``context`` (default: the rows themselves)."""
    hs = holdings(context if context is not None else rows, times)
    if context is not None and context is not rows:
        have = {h.key for h in hs}
        hs += holdings([r for r in rows if (r["person_id"], r["role_id"]) not in have], times)
    return tn.standings(hs, at)


def _seen(r: dict) -> str:
    return tn.seen_text(_day(r.get("first_seen")), _day(r.get("last_seen")), _day(r.get("last_bound")))


def _time_fields(r: dict) -> dict:
    return {"first_seen": iso(r.get("first_seen")), "last_seen": iso(r.get("last_seen")),
            "first_bound": iso(r.get("first_bound")), "last_bound": iso(r.get("last_bound")),
            "held_from": iso(r.get("held_from")), "held_to": iso(r.get("held_to")),
            "status_basis": r.get("status_basis"), "status_article": r.get("status_article"), "seen": _seen(r) or None}


def _standing_cell(s: dict | None, always: bool = False) -> str:
    if not s:
        return ""
    if not always and s["state"] in ("held", "presumed"):
        return ""
    return f"{s['state']}: {s['note']}" if s["note"] else s["state"]


def _not_shown_lines(records: list[dict], per_line: int = 8) -> list[str]:
    """Lines under a table: who was seen in these posts but is not shown at the date, by standing."""
    groups: dict[str, list[str]] = {}
    for r in records:
        st = r["standing"]
        when = st["basis"] or r["seen"]
        groups.setdefault(st["state"], []).append(f"{r['person']} ({r['title']}{', ' + when if when else ''})")
    words = {"later": "seen only later", "formerly": "stated former only later", "succeeded": "succeeded",
             "ended": "stated former by then", "undated": "undated, cannot be placed in time",
             "lapsed": f"not seen for more than {tn.TERM_YEARS} years before"}
    out = []
    for state in sorted(groups, key=lambda s: tn.STATE_ORDER.get(s, 99)):
        names = list(dict.fromkeys(groups[state]))
        more = f", +{len(names) - per_line} more" if len(names) > per_line else ""
        out.append(f"not shown, {words.get(state, state)}: {'; '.join(names[:per_line])}{more}")
    return out


# -- roles ------------------------------------------------------------------------------------------

ROLE_KEYS = ("person", "title", "organization", "status", "as_of", "sources")


def role_records(rows: list[dict], standing: dict[tuple, tn.Standing] | None = None,
                 at: tn.When | None = None) -> list[dict]:
    """Rows of ``roles_of``/``all_roles`` as the records ``govkg roles --format json`` prints: the
    contract keys first (person, title, organization, status, as_of, sources), then the details:
    rank, the dates (``first_seen``, ``last_seen``; ``first_bound``/``last_bound`` 'on or before'
    bounds from undated articles; ``held_from``/``held_to`` the known span), ``status_basis``,
    ``status_article``, ``seen`` (as shown: a date, or ≤ a bound), and with a ``standing`` the
    holder's standing at ``at``."""
    out = []
    for r in rows:
        rec = {
            "person": r["person"], "title": r["title"], "organization": r["organization"],
            "status": r["status"], "as_of": iso(r["as_of"]),
            "sources": source_list(r["articles"], r["sentences"]),
            "rank": r["rank"], "organization_full": r.get("organization_full"), **_time_fields(r),
            "confidence": r.get("confidence"), "person_id": r["person_id"], "role_id": r["role_id"],
            "agency_id": r["agency_id"],
        }
        if standing is not None:
            rec["standing"] = standing[(r["person_id"], r["role_id"])].as_dict(at)
        out.append(rec)
    return out


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
        if all_:
            rows = run_records(backend, "all_roles")
            name = "the store"
        else:
            c = rs.resolve_person(backend, person)
            rows = run_records(backend, "roles_of", {"person_ids": [c.id]})
            if not rows:
                fail(f"no posts are recorded for {c.name}")
            name = c.name
        standing = None
        if at is not None:
            context = rows if all_ else run_records(
                backend, "who_leads", {"agency_ids": sorted({r["agency_id"] for r in rows})})
            standing = judge(rows, article_times(backend, context, every=all_), at, context)
    records = role_records(rows, standing, at)
    if at is not None:
        hidden = [r for r in records if not r["standing"]["shown"]]
        records = [r for r in records if r["standing"]["shown"]]
        if not records:
            fail(f"no post is known to be held by {'anyone' if all_ else name} on {at.text()}"
                 f" ({len(hidden)} seen at other times; drop --on to list them)")
        records.sort(key=lambda r: (r["person"], r["person_id"], tn.STATE_ORDER[r["standing"]["state"]]))
    _emit_roles(records, fmt, at)
    if at is not None and fmt == "table" and not all_:
        for line in _not_shown_lines(hidden):
            click.echo(line)


# -- who-leads and history --------------------------------------------------------------------------

_RANK = {"head": 0, "deputy": 1}


def leader_records(rows: list[dict], standing: dict[tuple, tn.Standing] | None = None,
                   at: tn.When | None = None) -> list[dict]:
    out = []
    for r in rows:
        rec = {
            "agency": r["agency"], "rank": r["rank"], "title": r["title"], "person": r["person"],
            "status": r["status"], "as_of": iso(r["as_of"]), **_time_fields(r),
            "sources": source_list(r["articles"], r["sentences"]),
            "person_id": r["person_id"], "agency_id": r["agency_id"], "role_id": r["role_id"],
        }
        if standing is not None:
            rec["standing"] = standing[(r["person_id"], r["role_id"])].as_dict(at)
        out.append(rec)
    return out


def _leader_order(r: dict) -> tuple:
    """Heads, deputies, members; holders before former ones; dated before bounded before undated."""
    return (_RANK.get(r["rank"], 2), r["status"] in tn.ENDED,
            tn.time_key(_day(r["last_seen"]), _day(r["last_bound"])), r["title"] or "", r["person"] or "")


def history_records(rows: list[dict], times: dict[str, tn.When] | None = None) -> list[dict]:
    """``post_history`` rows grouped per post, holders in the order they were seen (by their first
    date, or 'on or before' bound; undated last), each with its statements (when, status, article)
    and, in one-seat posts, ``follows``: the holder seen before whom this one was surely seen only
    after (every statement of it holding the post later than every one of the other's)."""
    times = times or {}
    posts: dict[str, dict] = {}
    for r in rows:
        p = posts.setdefault(r["role_id"], {"agency": r["agency"], "title": r["title"], "rank": r["rank"],
                                            "role_id": r["role_id"], "holders": []})
        stmts = tn.statements_of(r["articles"], r.get("statuses"), r.get("zones"), r.get("offsets"),
                                 r.get("stated"), times)
        stmts.sort(key=lambda s: (s.when.hi or date.max, s.when.lo or date.min, s.article))
        p["holders"].append({
            "person": r["person"], "status": r["status"], **_time_fields(r),
            "statements": [{"when": s.when.text(), "status": s.status, "article": s.article} for s in stmts],
            "sources": source_list(r["articles"], r["sentences"]), "person_id": r["person_id"],
            "_span": _tenure_span(stmts),
        })
    for p in posts.values():
        p["holders"].sort(key=_seen_first)
        spans = [h.pop("_span") for h in p["holders"]]
        for i, h in enumerate(p["holders"]):
            h["follows"] = None
            start = spans[i][0]
            if p["rank"] not in tn.ONE_SEAT or start is None:
                continue
            for j in range(i - 1, -1, -1):
                end, left = spans[j][1], spans[j][2]
                if end is not None and (end < start or (left and end <= start)):
                    h["follows"] = p["holders"][j]["person"]
                    break
    return list(posts.values())


def _seen_first(h: dict) -> tuple:
    """A holder's place in a post's history: by first date or bound, undated last."""
    firsts = [x for x in (_day(h["first_seen"]), _day(h["first_bound"])) if x is not None]
    if not firsts:
        return (1, date.max, date.max, h["person"])
    return (0, min(firsts), _day(h["last_seen"]) or date.max, h["person"])


def _tenure_span(stmts: list[tn.Statement]) -> tuple[date | None, date | None, bool]:
    """(start, end, left) of what the statements say of a tenure, for ``follows``: ``start`` the
    earliest a statement of holding can be (None when one has no date); ``end`` the latest one
    can be, or, when the last dated statement says former after every dated holding one, that
    statement's date (``left``: the tenure had ended by then); None when unknown."""
    held = [s for s in stmts if s.holding]
    if not held:
        return None, None, False
    start = None if any(s.when.lo is None for s in held) else min(s.when.lo for s in held)
    dated = [s for s in stmts if s.when.dated]
    last_held = max((s.when.hi for s in held if s.when.dated), default=None)
    ended = [s for s in dated if not s.holding and (last_held is None or s.when.lo > last_held)]
    if ended:
        return start, min(s.when.lo for s in ended), True
    if any(s.when.hi is None for s in held):
        return start, None, False
    return start, max(s.when.hi for s in held), False


def _history_out(c: rs.Candidate, rows: list[dict], times: dict, fmt: str) -> None:
    posts = history_records(rows, times)
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
        rows = run_records(backend, "post_history" if history else "who_leads", {"agency_ids": [c.id]})
        if not rows:
            fail(f"no one is recorded as holding a post in {c.name}")
        times = article_times(backend, rows)
    if history:
        _history_out(c, rows, times, fmt)
        return
    records = leader_records(rows, judge(rows, times, at), at)
    records.sort(key=_leader_order)
    hidden: list[dict] = []
    if at is not None:
        hidden = [r for r in records if not r["standing"]["shown"]]
        records = [r for r in records if r["standing"]["shown"]]
        if not records:
            fail(f"no one is known to hold a post in {c.name} on {at.text()}"
                 f" ({len(hidden)} seen at other times; --history lists them)")
        records.sort(key=lambda r: (_RANK.get(r["rank"], 2), tn.STATE_ORDER[r["standing"]["state"]]))
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
            for line in _not_shown_lines(hidden):
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
        rows = run_records(backend, "post_history", {"agency_ids": [c.id]})
        if not rows:
            fail(f"no one is recorded as holding a post in {c.name}")
        times = article_times(backend, rows)
    _history_out(c, rows, times, fmt)


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
    rows.sort(key=lambda r: (-r["score"], KIND_ORDER.get(r["kind"], 9), r["name"] or "", r["id"]))
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
        # in the schema's order: a UNION's rows come in no set order (Neo4j's differs from LadybugDB's)
        nodes = {r["label"]: r["count"] for r in run_records(backend, "stats_nodes")}
        edges = {r["type"]: r["count"] for r in run_records(backend, "stats_edges")}
        sch = schema()
        nodes = {k: nodes[k] for k in sorted(nodes, key=list(sch.nodes).index)}
        edges = {k: edges[k] for k in sorted(edges, key=list(sch.edges).index)}
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
    "former_head": "former head", "former_deputy": "former deputy", "former_member": "former member",
    "other_head": "head at another time", "other_deputy": "deputy at another time",
    "other_member": "member at another time",
}

_ALL_RES = {"issued_by", "implements", "implemented_by", "steered_by", "carried_out_by", "task", "project", "event"}
_ALL_AG = {"part_of", "has_part", "issued", "steers", "responsible_for", "attended", "event", "directed_by",
           "located_in"}
_ALL_PROJ = {"under", "responsible", "located_in", "event"}
_ALL_EVENT = {"chaired_by", "attended_by", "concerns", "located_in"}
# holders of a body's posts: those of the chain's time by rank; those whose own evidence says they
# no longer held it then (nguyên, cựu) as former_<rank>; those seen only at other times as other_<rank>
_LEADERS = {"head", "deputy", "former_head", "former_deputy", "other_head", "other_deputy"}
_MEMBERS = {"member", "former_member", "other_member"}


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
            return [("who_leads", _LEADERS | _MEMBERS), ("chain_agency", _ALL_AG)]
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


def _holder_relation(rank: str, st: tn.Standing, status: str | None, keep_undated: bool) -> str:
    """The chain's relation for a holder of a body's post, from their standing at the chain's time."""
    if st.shown or (st.state == "undated" and keep_undated and status not in tn.ENDED):
        return rank
    return ("former_" if st.state in ("ended", "formerly") else "other_") + rank


def _step_rows(backend, query: str, ids: list[str], at: tn.When | None = None) -> list[dict]:
    """The steps a chain query gives, as uniform dicts with ``src``, ``step`` and the child node.
    Holders of posts (``who_leads``) are judged at ``at`` (None: after all the evidence)."""
    if query == "who_leads":
        rows = run_records(backend, "who_leads", {"agency_ids": ids})
        standing = judge(rows, article_times(backend, rows), at)
        shown_roles = {r["role_id"] for r in rows if standing[(r["person_id"], r["role_id"])].shown}
        out = []
        for r in rows:
            st = standing[(r["person_id"], r["role_id"])]
            rank = r["rank"] or "member"
            # an undated holder stays a holder unless a dated one is known for a one-seat post
            keep = rank not in tn.ONE_SEAT or r["role_id"] not in shown_roles
            out.append({"src": r["agency_id"], "step": _holder_relation(rank, st, r["status"], keep),
                        "id": r["person_id"], "label": "Person", "name": r["person"], "title": r["title"],
                        "status": r["status"], "as_of": r["as_of"], "seen_on": _seen(r),
                        "standing": st.as_dict(at), "articles": r["articles"], "sentences": r["sentences"]})
        return out
    if query == "roles_of":
        out = []
        for r in run_records(backend, "roles_of", {"person_ids": ids}):
            out.append({"src": r["person_id"], "step": "holds", "id": r["agency_id"], "label": "Agency",
                        "name": r["organization"], "title": r["title"], "rank": r["rank"], "status": r["status"],
                        "as_of": r["as_of"], "seen_on": _seen(r), "articles": r["articles"],
                        "sentences": r["sentences"]})
        return out
    return run_records(backend, query, {"ids": ids})


_INFO_KEYS = ("kind", "issuer", "term", "place", "note", "title", "rank", "status", "seen_on", "standing")


def _child(row: dict) -> dict:
    node = {"relation": row["step"], "id": row["id"], "label": row["label"], "name": row["name"]}
    for k in _INFO_KEYS:
        if row.get(k) not in (None, ""):
            node[k] = row[k]
    node["as_of"] = iso(row.get("as_of"))
    node["evidence"] = source_list(row.get("articles"), row.get("sentences"))
    node["children"] = []
    return node


def chain_time(root: rs.Candidate, on: tn.When | None = None) -> tuple[tn.When | None, str]:
    """The time a chain shows holders at, and why: ``--on``; else a document's date, year or party
    term; else None ("latest": after all the evidence)."""
    if on is not None:
        return on, "asked (--on)"
    if root.label == "Resolution":
        i = root.info
        if _day(i.get("date")):
            return tn.parse_when(_day(i["date"])), "the document's date"
        if i.get("year"):
            try:
                return tn.parse_when(str(int(i["year"]))), "the document's year"
            except (tn.TimeError, ValueError):
                pass
        term = str(i.get("term") or "")
        if len(term) == 9 and term[4] == "-" and term[:4].isdigit() and term[5:].isdigit():
            lo, hi = tn.parse_when(term[:4]), tn.parse_when(term[5:])
            return tn.When(lo.lo, hi.hi, term), "the document's term"
    return None, "latest"


def build_chain(backend, root: rs.Candidate, depth: int = 3, on: tn.When | None = None) -> dict:
    """The chain of responsibility around ``root`` as a nested dict (``children`` per node), ``depth``
    steps deep, breadth first, each node expanded once (other sightings are marked ``seen``).

    The holders of a body's posts are those of the chain's time (:func:`chain_time`): ``on``, else
    a document's date (year, term), else after all the evidence. Those of other times are kept,
    marked: ``former_<rank>`` when their own evidence says they no longer held it then,
    ``other_<rank>`` when they were seen in it only at other times; each carries its ``standing``."""
    if root.label == "Resolution" and not root.info:  # given by its id: read what the number says of it
        same = [c for c in rs.resolution_candidates(backend, root.name) if c.id == root.id]
        if same:
            root.info.update(same[0].info)
    at, why = chain_time(root, on)
    info = {k: v for k, v in root.info.items() if v not in (None, "")}
    tree = {"id": root.id, "label": root.label, "name": root.name, **{k: iso(v) if isinstance(v, date) else v
                                                                        for k, v in info.items()},
            "time": {"at": at.text() if at is not None else "latest", "from": why},
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
            for row in _step_rows(backend, query, ids, at):
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
    _date_evidence(backend, tree)
    _order(tree)
    return tree


def _date_evidence(backend, tree: dict) -> None:
    """Give each step's evidence the time of its article (``when``: a date, ≤ a bound, or None) and
    put it in time order, so that the last is the latest (for a holder: the one their standing
    rests on)."""
    nodes, stack = [], [tree]
    while stack:
        n = stack.pop()
        nodes.append(n)
        stack.extend(n["children"])
    rows = [{"articles": [e["article"] for e in n.get("evidence") or []]} for n in nodes]
    times = article_times(backend, rows)
    for n in nodes:
        ev = n.get("evidence")
        if not ev:
            continue
        basis = (n.get("standing") or {}).get("article")
        for e in ev:
            w = times.get(e["article"], tn.NO_TIME)
            e["when"] = w.short() if w.kind != "none" else None
        ev.sort(key=lambda e: (e["article"] == basis,) + _time_order(times.get(e["article"], tn.NO_TIME)))


def _time_order(w: tn.When) -> tuple:
    """Undated first, then 'on or before' bounds, then dates, each oldest first."""
    if w.kind == "none":
        return (0, date.min)
    return (1, w.hi) if w.kind == "bound" else (2, w.lo)


_STEP_ORDER = ["issued_by", "implements", "implemented_by", "steered_by", "carried_out_by", "head", "deputy",
               "member", "former_head", "other_head", "former_deputy", "other_deputy", "former_member",
               "other_member", "holds", "part_of", "has_part", "issued", "steers", "responsible_for", "responsible",
               "under", "task", "project", "event", "chaired", "chaired_by", "attended", "attended_by",
               "concerns", "directed", "directed_by", "located_in"]


def _seen_key(seen_on: str | None) -> tuple:
    """Dated first (latest first), then '≤ bound' (latest first), then undated: never NULL first."""
    s = seen_on or ""
    if not s:
        return (2, 0)
    d = _day(s.lstrip("≤"))
    return (1 if s.startswith("≤") else 0, -(d.toordinal() if d else 0))


def _order(node: dict) -> None:
    rank = {s: i for i, s in enumerate(_STEP_ORDER)}

    def key(c: dict) -> tuple:
        st = c.get("standing")
        when = (tn.STATE_ORDER.get(st["state"], 99),) + _seen_key(c.get("seen_on")) if st else ()
        # ties end on the id: rows come in no set order, and Neo4j's differs from the embedded store's
        return (rank.get(c["relation"], 99), c.get("seen", False)) + when + (c["name"] or "", c.get("id") or "")

    node["children"].sort(key=key)
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
    st = node.get("standing")
    latest = not st or st["at"] == "latest"
    if node.get("status") and node.get("status") != "current" and latest:
        bits.append(node["status"])  # at a chain's time, the standing says it
    if st and (st["state"] not in ("held", "presumed", "ended") if latest else st["state"] != "held"):
        bits.append(f"{st['state']}: {st['note']}" if st["note"] else st["state"])
    elif label == "Person" and (node.get("seen_on") or "").startswith("≤"):
        bits.append(f"seen {node['seen_on']}")
    detail = ", ".join(b for b in bits if b)
    return node["name"] + (f" ({detail})" if detail else "")


def render_tree(tree: dict, width: int = 100, max_children: int = 25) -> str:
    """The chain as an indented tree for people to read, evidence shortened; at most ``max_children``
    steps of one kind under a node (0: all), then a line saying how many more there are."""
    lines = [f"{_describe(tree)}  [{tree['label']} {tree['id']}]"]
    t = tree.get("time")
    if t and t["at"] != "latest":
        lines.append(f"holders of posts as of {t['at']} ({t['from']}); others marked")

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
                when = f", {ev['when']}" if ev.get("when") else ""
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

