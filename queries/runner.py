"""Named Cypher queries: ``queries/*.cypher`` files, run with parameters on any backend.

A named query is a ``.cypher`` file in this folder whose header says what it answers and what it
takes::

    // who_leads: everyone holding a post in the given agencies ...
    // params: agency_ids (list of Agency ids)
    MATCH ...

It is written in the Cypher that both the embedded store (LadybugDB) and Neo4j 5 accept, and values
always reach it as parameters, never pasted into its text. A *backend* is anything with
``.query(cypher, params) -> (columns, rows)``: ``govkg.graph.store.EmbeddedStore`` or
``govkg.graph.neo4j_store.Neo4jStore``.

A few queries are generated from the schema (counts per label and edge type, a node's name by id,
the fact edges around a node) so they follow it when it grows; ``generated_queries()`` gives their
text and a test checks the files match it.

A fact's sentences are rows of their own (the Sentence table); a named query returns them as a
column ``sentences`` holding their ids (``e.source_sentence_ids AS sentences``), and the runner
gives each id's text in its place, with one primary-key lookup per answer (:func:`with_sentences`).

This module imports nothing heavy: CLI lookups pay only for what they run.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent

_HEADER = re.compile(r"^//\s*(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<desc>.+?)\s*$")
_PARAMS = re.compile(r"^//\s*params\s*:\s*(?P<params>.*?)\s*$")

# the named queries a CLI lookup runs (the benchmark times these); the others are dumps or helpers
LOOKUP_QUERIES = (
    "find_person", "find_person_like", "find_agency", "find_agency_alias", "find_agency_like", "find_resolution",
    "find_resolution_like", "find_project", "find_project_like", "node_by_id", "search",
    "who_leads", "post_history", "post_holders", "roles_of", "chain_resolution", "chain_agency", "chain_person",
    "chain_project", "chain_event", "neighbours", "stats_nodes", "stats_edges", "stats_articles", "article_times",
)


class QueryError(Exception):
    """A query that could not run: unknown name, missing parameter or the engine's error (one line)."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]  # parameter names, in the order the header gives them
    params_doc: str  # the header's params line as written
    text: str  # the Cypher, header included (both engines accept // comments)
    path: Path

    @property
    def cypher(self) -> str:
        return self.text


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    name, desc, params_doc = path.stem, "", ""
    for line in lines:
        if not line.startswith("//"):
            break
        m = _PARAMS.match(line)
        if m:
            params_doc = m.group("params")
            continue
        m = _HEADER.match(line)
        if m and not desc:
            if m.group("name") != path.stem:
                raise QueryError(f"{path.name}: header names '{m.group('name')}', expected '{path.stem}'")
            desc = m.group("desc")
    params: tuple[str, ...] = ()
    if params_doc and params_doc.strip().lower() != "none":
        params = tuple(p.strip().split()[0] for p in params_doc.split(";") if p.strip())
    return NamedQuery(name, desc, params, params_doc, text, path)


@lru_cache(maxsize=None)
def _all() -> dict[str, NamedQuery]:
    return {p.stem: _parse(p) for p in sorted(QUERY_DIR.glob("*.cypher"))}


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return list(_all().values())


def load_query(name: str) -> NamedQuery:
    """The named query ``name``; QueryError if there is none."""
    try:
        return _all()[name]
    except KeyError:
        raise QueryError(f"no named query '{name}' (see 'govkg queries')") from None


def execute(backend, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list]]:
    """Run Cypher text on ``backend``; an engine error becomes a one-line QueryError."""
    try:
        return backend.query(cypher, params or {})
    except QueryError:
        raise
    except (RuntimeError, ValueError, TypeError) as e:  # what the embedded engine raises
        raise QueryError(first_line(str(e))) from None


def run_query(backend, name: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list]]:
    """Run the named query with ``params`` (exactly the parameters its header declares)."""
    q = load_query(name)
    params = dict(params or {})
    missing = [p for p in q.params if p not in params]
    if missing:
        raise QueryError(f"query '{name}' needs parameter{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)} ({q.params_doc})")
    extra = [p for p in params if p not in q.params]
    if extra:
        raise QueryError(f"query '{name}' takes no parameter {', '.join(extra)} "
                         f"(it takes: {q.params_doc or 'none'})")
    known = getattr(backend, "rows_by_id", None)
    if known is not None and name in BY_ID and list(params) == ["ids"] and params["ids"]:
        return known.answer(backend, q, params["ids"])
    return _execute_named(backend, q, params)


def _execute_named(backend, q: NamedQuery, params: dict[str, Any]) -> tuple[list[str], list[list]]:
    """``q`` as the backend runs it best: a one-id list as that id where the engine scans for lists;
    its ``sentences`` column as their text."""
    if getattr(backend, "scans_id_lists", False):
        cols, rows = execute(backend, *_one_id_form(q, params))
    else:
        cols, rows = execute(backend, q.text, params)
    return with_sentences(backend, cols, rows)


SENTENCE_TEXTS = ("// sentence_texts: the text of each Sentence given by id\n"
                  "UNWIND $ids AS i MATCH (s:Sentence {id: i}) RETURN s.id, s.text")


KEPT_SENTENCES = 300_000  # a long-lived backend's kept sentences start again when an answer would pass this


def with_sentences(backend, cols: list[str], rows: list[list]) -> tuple[list[str], list[list]]:
    """``rows`` with the Sentence ids of their ``sentences`` column (lists of ids) replaced by the
    sentences' text (a missing one is ''): one lookup for all the rows, of the ids the backend
    does not keep (a long-lived one keeps them in a dict ``kept_sentences``)."""
    if "sentences" not in cols or not rows:
        return cols, rows
    at = cols.index("sentences")
    kept = getattr(backend, "kept_sentences", None)
    texts = {} if kept is None else kept
    wanted = {i for r in rows for i in r[at] or ()}
    if kept is not None and len(kept) + len(wanted) > KEPT_SENTENCES:
        kept.clear()  # full: start again (before choosing what to ask, so none of these goes missing)
    ids = sorted(i for i in wanted if i not in texts)
    if ids:
        texts.update(execute(backend, SENTENCE_TEXTS, {"ids": ids})[1])
    out = []
    for r in rows:
        r = list(r)
        r[at] = [texts.get(i, "") for i in r[at] or ()]
        out.append(r)
    return cols, out


# queries taking only ``ids`` whose every row starts with ``src``, the id it answers for, and that
# neither order, count nor limit across ids: their answer for a list is the answers for each id
BY_ID = frozenset({"chain_resolution", "chain_agency", "chain_person", "chain_project", "chain_event",
                   "neighbours"})


class RowsById:
    """The rows of ``BY_ID`` queries by (query, id), kept by a long-lived backend for one store
    version (the web view's: the pages of people sharing a body read that body's chain once).
    It holds at most ``max_rows`` rows and starts again when full."""

    def __init__(self, max_rows: int = 200_000) -> None:
        self.max_rows = max_rows
        self.rows: dict[tuple[str, str], list] = {}
        self.columns: dict[str, list[str]] = {}
        self.size = 0

    def answer(self, backend, q: NamedQuery, ids: list) -> tuple[list[str], list[list]]:
        """``q`` for ``ids``: the kept rows of the ids it holds, the store's for the others (kept)."""
        ids = list(dict.fromkeys(ids))
        kept = {i: self.rows[(q.name, i)] for i in ids if (q.name, i) in self.rows}
        missing = [i for i in ids if i not in kept]
        if missing:  # (the columns are known once any row of the query is kept)
            cols, rows = _execute_named(backend, q, {"ids": missing})
            if self.size + len(rows) > self.max_rows:
                self.rows.clear()
                self.size = 0
            self.columns[q.name] = cols
            got: dict[str, list] = {i: [] for i in missing}
            for r in rows:
                got.setdefault(r[0], []).append(r)
            for i, rs in got.items():
                self.rows[(q.name, i)] = rs
                self.size += len(rs)
            kept.update(got)
        return list(self.columns[q.name]), [list(r) for i in ids for r in kept[i]]


_ID_IN = re.compile(r"\b(\w+\.id) IN \$(\w+)\b")


def _one_id_form(q: NamedQuery, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The query as the embedded engine runs it fastest: ``x.id IN $ids`` scans the whole node table
    there, while ``x.id = $value`` is a primary-key lookup (a page's lookups ask about one node far
    more often than about several), so a list parameter holding one id is passed as that id. The
    answer is the same; Neo4j gets the text as written.

    >>> q = NamedQuery("t", "", ("ids",), "", "MATCH (n:Person) WHERE n.id IN $ids RETURN n.name", Path("t"))
    >>> _one_id_form(q, {"ids": ["person/a"]})
    ('MATCH (n:Person) WHERE n.id = $ids__one RETURN n.name', {'ids__one': 'person/a'})
    >>> _one_id_form(q, {"ids": ["person/a", "person/b"]})[1]
    {'ids': ['person/a', 'person/b']}
    """
    single = [k for k, v in params.items() if isinstance(v, (list, tuple)) and len(v) == 1]
    if not single:
        return q.text, params
    text = _one_id_text(q.text, tuple(sorted(single)))
    if text == q.text:
        return text, params
    out = {k: v for k, v in params.items() if k not in single}
    for k in single:
        if f"${k}__one" in text:
            out[f"{k}__one"] = params[k][0]
        if re.search(r"\$" + k + r"\b", text):
            out[k] = params[k]
    return text, out


@lru_cache(maxsize=None)
def _one_id_text(text: str, single: tuple[str, ...]) -> str:
    return _ID_IN.sub(lambda m: f"{m.group(1)} = ${m.group(2)}__one" if m.group(2) in single else m.group(0), text)


def run_records(backend, name: str, params: dict[str, Any] | None = None) -> list[dict]:
    """Run the named query and return its rows as dicts keyed by column."""
    cols, rows = run_query(backend, name, params)
    return [dict(zip(cols, r)) for r in rows]


def first_line(message: str) -> str:
    """The first non-empty line of an engine's message, as one line for the user."""
    for line in message.splitlines():
        if line.strip():
            return line.strip()
    return message.strip() or "unknown error"


# -- queries generated from the schema ------------------------------------------------------------

_NAME_PROPS = ("name", "number", "title")


def generated_queries() -> dict[str, str]:
    """The text of the schema-derived named queries (stats_nodes, stats_edges, node_by_id,
    neighbours), as their files should hold it."""
    from govkg.graph.schema import schema

    sch = schema()
    out = {}
    parts = [f"MATCH (n:{lb}) RETURN '{lb}' AS label, count(n) AS count" for lb in sch.nodes]
    out["stats_nodes"] = ("// stats_nodes: how many nodes of each label the store holds\n"
                          "// params: none\n" + "\nUNION ALL\n".join(parts) + "\n")
    parts = [f"MATCH ()-[e:{et}]->() RETURN '{et}' AS type, count(e) AS count" for et in sch.edges]
    out["stats_edges"] = ("// stats_edges: how many edges of each type the store holds\n"
                          "// params: none\n" + "\nUNION ALL\n".join(parts) + "\n")
    parts = []
    for lb, nt in sch.nodes.items():
        names = [p.name for p in nt.props]
        prop = next((p for p in _NAME_PROPS if p in names), "id")
        parts.append(f"MATCH (n:{lb}) WHERE n.id IN $ids RETURN n.id AS id, '{lb}' AS label, n.{prop} AS name")
    out["node_by_id"] = ("// node_by_id: the label and display name (name, number or title) of nodes given by id\n"
                         "// params: ids (list of node ids of any label)\n" + "\nUNION ALL\n".join(parts) + "\n")
    parts = []
    for et, e in sch.edges.items():
        if et == "MENTIONS":
            continue
        for a, b in e.pairs:
            ret = "e.source_articles AS articles, e.source_sentence_ids AS sentences"
            parts.append(f"MATCH (a:{a})-[e:{et}]->(b:{b}) WHERE a.id IN $ids\n"
                         f"RETURN a.id AS src, b.id AS dst, '{b}' AS label, '{et}' AS type, 'out' AS direction, {ret}")
            parts.append(f"MATCH (a:{a})-[e:{et}]->(b:{b}) WHERE b.id IN $ids\n"
                         f"RETURN b.id AS src, a.id AS dst, '{a}' AS label, '{et}' AS type, 'in' AS direction, {ret}")
    out["neighbours"] = ("// neighbours: every fact edge touching the given nodes, both directions, without MENTIONS "
                         "(what govkg path walks)\n"
                         "// params: ids (list of node ids of any label)\n" + "\nUNION ALL\n".join(parts) + "\n")
    return out


def write_generated_queries() -> list[Path]:
    """Rewrite the schema-derived query files (run after changing schema.toml)."""
    written = []
    for name, text in generated_queries().items():
        path = QUERY_DIR / f"{name}.cypher"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    _all.cache_clear()
    return written


# -- timing, for the benchmark script ---------------------------------------------------------------

DEFAULT_SAMPLES = {
    "person": "Nguyễn Ngọc Tuấn",
    "agency": "UBND TP Cần Thơ",
    "resolution": "59-NQ/TW",
    "project": "Hệ thống xử lý nước thải Yên Xá",
    "search": "can tho",
}


def time_named_queries(store, samples: dict[str, str] | None = None, repeat: int = 5) -> list[dict]:
    """Time each named lookup query in-process on ``store`` (best of ``repeat`` runs, after one warm-up).

    ``samples`` names what to look up, as a user types it: ``person``, ``agency``, ``resolution``,
    ``project``, ``search`` (defaults: ``DEFAULT_SAMPLES``, the sample articles' entities). The
    ``find_*`` queries run on those texts; the queries taking ids run on what they resolve to.
    Returns one dict per query: ``name``, ``ms`` (best time in milliseconds), ``rows``,
    ``params`` (a short description of the parameters used), ``cold_ms`` (the first run, which
    reads the tables from disk). Print it with ``format_timings``.
    """
    from govkg.queries import resolve as rs

    samples = {**DEFAULT_SAMPLES, **(samples or {})}
    plan: list[tuple[str, dict]] = []
    plan.append(("find_person", rs.person_params(samples["person"])))
    plan.append(("find_agency", rs.agency_params(samples["agency"])))
    plan.append(("find_resolution", rs.resolution_params(samples["resolution"])))
    plan.append(("find_project", rs.project_params(samples["project"])))
    plan.append(("search", rs.search_params(samples["search"])))
    plan.append(("find_person_like", rs.like_params(samples["person"])))
    plan.append(("find_agency_like", rs.like_params(samples["agency"])))
    plan.append(("find_resolution_like", rs.resolution_like_params(samples["resolution"])))
    plan.append(("find_agency_alias", rs.agency_alias_params(samples["agency"])))
    plan.append(("find_project_like", rs.project_like_params(samples["project"])))

    def ids(name: str, params: dict) -> list[str]:
        try:
            cols, rows = run_query(store, name, params)
        except QueryError:
            return []
        i = cols.index("id")
        return list(dict.fromkeys(r[i] for r in rows))[:3]

    people = ids("find_person", plan[0][1]) or ids("find_person_like", plan[5][1])
    agencies = ids("find_agency", plan[1][1]) or ids("find_agency_like", plan[6][1])
    docs = ids("find_resolution", plan[2][1]) or ids("find_resolution_like", plan[7][1])
    projects = ids("find_project", plan[3][1]) or ids("find_project_like", plan[-1][1])
    plan += [
        ("node_by_id", {"ids": people + agencies + docs}),
        ("who_leads", {"agency_ids": agencies[:1]}),
        ("post_history", {"agency_ids": agencies[:1]}),
        ("roles_of", {"person_ids": people[:1]}),
        ("chain_resolution", {"ids": docs[:1]}),
        ("chain_agency", {"ids": agencies[:1]}),
        ("chain_person", {"ids": people[:1]}),
        ("chain_project", {"ids": projects[:1]}),
        ("neighbours", {"ids": people[:1]}),
        ("stats_nodes", {}),
        ("stats_edges", {}),
        ("stats_articles", {}),
    ]
    posts = sorted({r["role_id"] for r in run_records(store, "roles_of", {"person_ids": people[:1]})}) if people else []
    plan.append(("post_holders", {"role_ids": posts}))
    cited = {a for r in run_records(store, "who_leads", {"agency_ids": agencies[:1]}) for a in r["articles"] or []}
    plan.append(("article_times", {"ids": sorted(cited)}))
    events = []
    if people:
        _, rows = run_query(store, "chain_person", {"ids": people[:1]})
        events = [r[2] for r in rows if r[3] == "Event"][:1]
    plan.append(("chain_event", {"ids": events}))

    out = []
    for name, params in plan:
        t = time.perf_counter()
        run_query(store, name, params)  # warm-up: compile, caches
        cold = time.perf_counter() - t
        best, nrows = float("inf"), 0
        for _ in range(max(1, repeat)):
            t = time.perf_counter()
            _, rows = run_query(store, name, params)
            best = min(best, time.perf_counter() - t)
            nrows = len(rows)
        shown = ", ".join(f"{k}={_short(v)}" for k, v in params.items() if k not in ("limit",))
        out.append({"name": name, "ms": round(best * 1000, 2), "cold_ms": round(cold * 1000, 2), "rows": nrows,
                    "params": shown})
    return out


def format_timings(timings: list[dict], target_ms: float = 50.0) -> str:
    """The timings of ``time_named_queries`` as aligned lines, flagging those over ``target_ms``."""
    width = max((len(t["name"]) for t in timings), default=10)
    lines = []
    for t in timings:
        flag = "" if t["ms"] <= target_ms else f"  (over {target_ms:g} ms)"
        lines.append(f"{t['name']:<{width}}  {t['ms']:8.2f} ms  (first run {t.get('cold_ms', t['ms']):7.2f} ms)"
                     f"  {t['rows']:6d} rows{flag}")
    return "\n".join(lines)


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 40 else s[:39] + "…"
