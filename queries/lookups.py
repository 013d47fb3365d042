"""The lookups as library functions: what ``govkg roles``, ``who-leads``, ``history``, ``search``,
``stats``, ``chain`` and ``path`` print with ``--format json``, as plain records.

Every function takes a *backend* (``govkg.graph.store.EmbeddedStore`` or
``govkg.graph.neo4j_store.Neo4jStore``) and runs the named queries of ``govkg/queries/*.cypher``
on it; the command line (``govkg.commands.lookup``) and the web view (``govkg.web``) both call
them, so both show the same records. What a user typed is resolved to ids first
(``govkg.queries.resolve``); a lookup that finds nothing raises ``resolve.NotFound`` with the
one-line message the command line prints.

This module imports nothing heavy (no Click, no networkx unless ``find_path`` runs).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from govkg.graph import tenure as tn
from govkg.graph.schema import schema
from govkg.queries import resolve as rs
from govkg.queries.runner import run_records

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


# -- time: when facts were stated, who held a post at a date ----------------------------------------

def as_date(v: Any) -> date | None:
    """A date as a store or a row gives it (a date, an ISO string, a timestamp), or None.

    >>> as_date("2017-06-08T00:00:00"), as_date(None), as_date("≤2017")
    (datetime.date(2017, 6, 8), None, None)
    """
    if v is None or isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def article_times(backend, rows: list[dict], every: bool = False) -> dict[str, tn.When]:
    """When each article the rows cite was published (``every``: read all articles at once). A
    backend that keeps every article's time (``backend.article_times``, as the web view does, read
    once per store version) answers from it."""
    ids = sorted({a for r in rows for a in r.get("articles") or []})
    if not ids:
        return {}
    known = getattr(backend, "article_times", None)
    if known is not None:
        return {a: known[a] for a in ids if a in known}
    recs = run_records(backend, "all_article_times") if every else run_records(backend, "article_times", {"ids": ids})
    return times_of(recs)


def times_of(recs: list[dict]) -> dict[str, tn.When]:
    """``article_times`` rows as each article's time."""
    return {r["id"]: tn.article_when(as_date(r["date"]), as_date(r["date_upper"])) for r in recs}


def statements(r: dict, times: dict[str, tn.When], known: dict | None = None) -> list[tn.Statement]:
    """The statements of a HOLDS row (read only: they may be shared). ``known``: those already
    made, by (person, post), which a backend keeping them passes (``backend.statements``: a page
    of the web view asks for the same holders in its table, its chain and its history)."""
    k = (r["person_id"], r["role_id"])
    got = known.get(k) if known is not None else None
    if got is None:
        got = tn.statements_of(r["articles"], r.get("statuses"), r.get("zones"), r.get("offsets"), r.get("stated"),
                               times)
        if known is not None:
            known[k] = got
    return got


def holdings(rows: list[dict], times: dict[str, tn.When], known: dict | None = None) -> list[tn.Holding]:
    """HOLDS rows (who_leads, roles_of, all_roles, post_history) as holdings with their statements."""
    return [tn.Holding((r["person_id"], r["role_id"]), r["person"], r["person_id"], r["role_id"], r["title"],
                       r["agency_id"], r["rank"], statements(r, times, known))
            for r in rows]


def judge(rows: list[dict], times: dict[str, tn.When], at: tn.When | None,
          context: list[dict] | None = None, known: dict | None = None) -> dict[tuple, tn.Standing]:
    """The standing of each row's holder at ``at`` (None: after all the evidence), judged with the
    other holders in ``context`` (default: the rows themselves)."""
    hs = holdings(context if context is not None else rows, times, known)
    if context is not None and context is not rows:
        have = {h.key for h in hs}
        hs += holdings([r for r in rows if (r["person_id"], r["role_id"]) not in have], times, known)
    return tn.standings(hs, at)


def _seen(r: dict) -> str:
    return tn.seen_text(as_date(r.get("first_seen")), as_date(r.get("last_seen")), as_date(r.get("last_bound")))


def _time_fields(r: dict) -> dict:
    return {"first_seen": iso(r.get("first_seen")), "last_seen": iso(r.get("last_seen")),
            "first_bound": iso(r.get("first_bound")), "last_bound": iso(r.get("last_bound")),
            "held_from": iso(r.get("held_from")), "held_to": iso(r.get("held_to")),
            "status_basis": r.get("status_basis"), "status_article": r.get("status_article"), "seen": _seen(r) or None}


def not_shown_lines(records: list[dict], per_line: int = 8) -> list[str]:
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


def person_roles(backend, person: rs.Candidate | None, at: tn.When | None = None,
                 judged: bool = False) -> tuple[list[dict], list[dict]]:
    """The posts of ``person`` (None: every post in the store) as ``govkg roles --format json``
    prints them, and those not held at ``at``: ``(records, hidden)``.

    With ``at`` (``--on``), each record has its holder's ``standing`` at ``at``, judged with the
    other holders of the same bodies, and only those held then are in ``records`` (the others in
    ``hidden``). ``judged`` adds the standing after all the evidence when ``at`` is None (a post
    someone else was stated in later shows 'succeeded'). NotFound when the person holds no post."""
    if person is None:
        rows = run_records(backend, "all_roles")
    else:
        rows = run_records(backend, "roles_of", {"person_ids": [person.id]})
        if not rows:
            raise rs.NotFound(f"no posts are recorded for {person.name}")
    standing = None
    if at is not None or judged:
        context = rows
        if person is not None:
            # a holder's standing rests on the other holders of the same posts (and the person's own
            # other posts): of everyone in these bodies, only they are judged
            context = run_records(backend, "post_holders", {"role_ids": sorted({r["role_id"] for r in rows})})
        standing = judge(rows, article_times(backend, context, every=person is None), at, context,
                         getattr(backend, "statements", None))
    records = role_records(rows, standing, at)
    hidden: list[dict] = []
    if at is not None:
        hidden = [r for r in records if not r["standing"]["shown"]]
        records = [r for r in records if r["standing"]["shown"]]
        records.sort(key=lambda r: (r["person"], r["person_id"], tn.STATE_ORDER[r["standing"]["state"]]))
    return records, hidden


# -- who-leads and history --------------------------------------------------------------------------

RANK = {"head": 0, "deputy": 1}


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


def leader_order(r: dict) -> tuple:
    """Heads, deputies, members; holders before former ones; dated before bounded before undated."""
    return (RANK.get(r["rank"], 2), r["status"] in tn.ENDED,
            tn.time_key(as_date(r["last_seen"]), as_date(r["last_bound"])), r["title"] or "", r["person"] or "")


def history_records(rows: list[dict], times: dict[str, tn.When] | None = None,
                    known: dict | None = None) -> list[dict]:
    """``post_history`` rows grouped per post, holders in the order they were seen (by their first
    date, or 'on or before' bound; undated last), each with its statements (when, status, article)
    and, in one-seat posts, ``follows``: the holder seen before whom this one was surely seen only
    after (every statement of it holding the post later than every one of the other's)."""
    times = times or {}
    posts: dict[str, dict] = {}
    for r in rows:
        p = posts.setdefault(r["role_id"], {"agency": r["agency"], "title": r["title"], "rank": r["rank"],
                                            "role_id": r["role_id"], "holders": []})
        stmts = sorted(statements(r, times, known),
                       key=lambda s: (s.when.hi or date.max, s.when.lo or date.min, s.article))
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
    firsts = [x for x in (as_date(h["first_seen"]), as_date(h["first_bound"])) if x is not None]
    if not firsts:
        return (1, date.max, date.max, h["person"])
    return (0, min(firsts), as_date(h["last_seen"]) or date.max, h["person"])


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


def leaders(backend, agency: rs.Candidate, at: tn.When | None = None) -> tuple[list[dict], list[dict]]:
    """Who holds a post in ``agency`` as ``govkg who-leads --format json`` prints them (heads,
    deputies, members; each with its ``standing`` at ``at``, None: after all the evidence), and
    with ``at`` those not held then: ``(records, hidden)``. Both empty when no one is recorded."""
    rows = run_records(backend, "who_leads", {"agency_ids": [agency.id]})
    if not rows:
        return [], []
    times = article_times(backend, rows)
    records = leader_records(rows, judge(rows, times, at, known=getattr(backend, "statements", None)), at)
    records.sort(key=leader_order)
    hidden: list[dict] = []
    if at is not None:
        hidden = [r for r in records if not r["standing"]["shown"]]
        records = [r for r in records if r["standing"]["shown"]]
        records.sort(key=lambda r: (RANK.get(r["rank"], 2), tn.STATE_ORDER[r["standing"]["state"]]))
    return records, hidden


def post_history(backend, agency: rs.Candidate) -> list[dict]:
    """Each post of ``agency`` with everyone seen in it, in order, as ``govkg history --format
    json`` prints it (:func:`history_records`); empty when no one is recorded."""
    rows = run_records(backend, "post_history", {"agency_ids": [agency.id]})
    if not rows:
        return []
    return history_records(rows, article_times(backend, rows), getattr(backend, "statements", None))


# -- search and stats --------------------------------------------------------------------------------

KIND_ORDER = {"Person": 0, "Agency": 1, "Resolution": 2, "Project": 3}


def search(backend, text: str, limit: int = 20) -> list[dict]:
    """People, agencies, documents and projects whose name contains ``text`` (diacritics optional),
    best first, as ``govkg search --format json`` prints them: ``kind``, ``name``, ``detail`` (a
    person's posts, an agency's full name, a document's issuer, a project's place), ``id``."""
    rows = run_records(backend, "search", rs.search_params(text, limit))
    people = [rs.Candidate(r["id"], "Person", r["name"], r["score"]) for r in rows if r["kind"] == "Person"]
    if people:
        rs.describe_people(backend, people)
        posts = {c.id: c.info.get("posts") for c in people}
        for r in rows:
            if r["kind"] == "Person":
                r["detail"] = posts.get(r["id"]) or ""
    rows.sort(key=lambda r: (-r["score"], KIND_ORDER.get(r["kind"], 9), r["name"] or "", r["id"]))
    return [{k: r[k] for k in ("kind", "name", "detail", "id")} for r in rows]


def stats(backend) -> dict:
    """What the store holds, as ``govkg stats --format json`` prints it: ``nodes`` per label,
    ``edges`` per type, ``articles`` (count, dated, first and last date)."""
    # in the schema's order: a UNION's rows come in no set order (Neo4j's differs from LadybugDB's)
    nodes = {r["label"]: r["count"] for r in run_records(backend, "stats_nodes")}
    edges = {r["type"]: r["count"] for r in run_records(backend, "stats_edges")}
    sch = schema()
    nodes = {k: nodes[k] for k in sorted(nodes, key=list(sch.nodes).index)}
    edges = {k: edges[k] for k in sorted(edges, key=list(sch.edges).index)}
    arts = run_records(backend, "stats_articles")[0]
    articles = {"count": arts["articles"], "dated": arts["dated"], "first_date": iso(arts["first_date"]),
                "last_date": iso(arts["last_date"])}
    return {"nodes": nodes, "edges": edges, "articles": articles}


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
_ALL_PROJ = {"under", "responsible", "steered_by", "located_in", "event"}
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
            return [("chain_project", {"responsible", "steered_by"})]
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


def _step_rows(backend, query: str, ids: list[str], at: tn.When | None = None, members: bool = True) -> list[dict]:
    """The steps a chain query gives, as uniform dicts with ``src``, ``step`` and the child node.
    Holders of posts (``who_leads``) are judged at ``at`` (None: after all the evidence); without
    ``members`` only heads and deputies (a member's post never bears on how a head or a deputy
    stands: only holders of the same post and the same person's higher posts do)."""
    if query == "who_leads":
        rows = run_records(backend, "who_leads", {"agency_ids": ids})
        if not members:
            rows = [r for r in rows if r["rank"] in ("head", "deputy")]
        standing = judge(rows, article_times(backend, rows), at, known=getattr(backend, "statements", None))
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
        if as_date(i.get("date")):
            return tn.parse_when(as_date(i["date"])), "the document's date"
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
            members = any(steps & _MEMBERS for _, steps in items)
            for row in _step_rows(backend, query, ids, at, members):
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
    d = as_date(s.lstrip("≤"))
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


def describe(node: dict) -> str:
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
    lines = [f"{describe(tree)}  [{tree['label']} {tree['id']}]"]
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
            lines.append(f"{prefix}{'└── ' if last else '├── '}{rel}: {describe(c)}{tail}")
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


def path_records(backend, a: rs.Candidate, b: rs.Candidate, max_hops: int = 12,
                 via_places: bool = False) -> list[dict] | None:
    """The steps of the shortest chain of facts from ``a`` to ``b`` as ``govkg path --format json``
    prints them (``steps``), with the names of both ends; None when there is none."""
    steps = find_path(backend, a.id, b.id, max_hops, via_places)
    if steps is None:
        return None
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
    return rows
