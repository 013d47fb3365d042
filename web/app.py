"""The web view's pages: each a function from a request (path and query) to the data it shows and
the template that shows it. The data is what the page's JSON twin (the same URL with ``.json``, or
``?format=json``) returns: the records of the library functions the command line prints with
``--format json`` (``govkg.queries.lookups``), read from the embedded store opened read-only.

Pages (every id is the node's id, so a page's URL is stable across loads):

- ``/`` what the store holds, and a search box; ``/search?q=TEXT`` people, agencies, documents and
  projects (diacritics optional, as ``govkg search``);
- ``/person/<id>`` posts over time, each with its evidence (and with ``?on`` its standing), and
  what the bodies the person leads answer for (``govkg roles`` and ``govkg chain --depth 2``);
- ``/agency/<id>`` head, deputies and members, the history of each post, parent and sub-bodies,
  the documents it issued, steers or answers for (``who-leads``, ``history``, ``chain --depth 1``);
- ``/resolution/<id>`` (also ``/project/``, ``/task/``, ``/event/``) the chain, drawn and listed
  (``govkg chain``); ``/article/<id>`` an article's text with every title mention marked and what
  became of it (``govkg explain``); ``/cypher?q=...&p=name=value`` read-only Cypher.

``?on=YYYY-MM-DD`` (or YYYY-MM, YYYY) shows the holders of posts at that date, as ``--on`` does;
``?depth=N`` and ``?max=N`` are ``chain``'s ``--depth`` and ``--max-children``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, quote, unquote, urlencode

from govkg.graph import tenure as tn
from govkg.queries import lookups as lk
from govkg.queries import resolve as rs
from govkg.queries.runner import QueryError, run_records
from govkg.web.articles import ArticleFiles, ArticleGone

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
PAGES = {"person": "Person", "agency": "Agency", "resolution": "Resolution", "project": "Project", "task": "Task",
         "event": "Event"}
CHAIN_LABELS = ("Resolution", "Project", "Task", "Event")
_NODE = re.compile(r"^/(person|agency|resolution|project|task|event)/([a-z0-9-]*-[0-9a-f]{8})$")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
                ".png": "image/png"}
CYPHER_TIMEOUT_MS = 10_000  # a query in the Cypher box runs at most this long
CYPHER_ROWS_SHOWN = 1000  # rows of a Cypher result shown on the page (the JSON twin has them all)
SECURITY_HEADERS = {
    # nothing but this server: no script at all, styles and images from here only
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class HTTPError(Exception):
    """A page that cannot be shown: its status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# -- the store, read-only, reopened when a load replaces it ----------------------------------------------

class Store:
    """The embedded store opened read-only, one query at a time. A ``govkg load`` swaps a new
    database file in: the next request sees the change (file identity) and reopens it."""

    def __init__(self, folder: str | os.PathLike | None) -> None:
        from govkg.graph.store import EmbeddedStore

        self.store = EmbeddedStore(folder)
        self.lock = threading.RLock()
        self._signature: tuple | None = None  # the open database file's identity (a load swaps in a new one)
        self._kept: dict[str, tuple] = {}  # name -> (store version, what was made from it)

    @property
    def folder(self) -> Path:
        return self.store.folder

    def _current(self) -> tuple | None:
        try:
            st = os.stat(self.store.db_path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def open(self) -> None:
        """Open the store now (fails with StoreError when there is none)."""
        with self.backend():
            pass

    @contextmanager
    def backend(self) -> Iterator[Any]:
        from govkg.graph.store import StoreError

        with self.lock:
            sig = self._current()
            if sig is None:
                self.store.close()
                self._signature = None
                raise StoreError(f"no govkg store at {self.store.folder} (run 'govkg load' first, or pass --db)")
            if sig != self._signature:
                self.store.close()
                self.store.connection(write=False)
                self._signature = sig
            yield self.store

    def kept(self, name: str, make):
        """What ``make()`` gives, made once per store version (call it inside ``backend()``)."""
        got = self._kept.get(name)
        if got is None or got[0] != self._signature:
            got = self._kept[name] = (self._signature, make())
        return got[1]

    def forget(self, name: str) -> None:
        """Drop what :meth:`kept` holds under ``name`` (the benchmark times pages with nothing kept)."""
        self._kept.pop(name, None)

    def article_times(self, backend) -> dict:
        """When every stored article was published, read once per store version (call it inside
        ``backend()``): a page's lookups then take the times of the articles they cite from it."""
        from govkg.queries.lookups import times_of

        return self.kept("article_times", lambda: times_of(run_records(backend, "all_article_times")))

    def rows_by_id(self):
        """The chain steps read so far, by query and id, for this store version (call it inside
        ``backend()``)."""
        from govkg.queries.runner import RowsById

        return self.kept("rows_by_id", RowsById)

    def kept_sentences(self) -> dict:
        """The text of the sentences read so far, by id, for this store version (call it inside
        ``backend()``; the runner fills it, and starts it again past ``runner.KEPT_SENTENCES``)."""
        return self.kept("kept_sentences", dict)

    def read_sentences(self, backend) -> int:
        """Read every stored sentence into :meth:`kept_sentences` when the store has at most
        ``runner.KEPT_SENTENCES`` of them (the 39k-article store has 92,000, ~20 MB): pages then
        give their evidence without a lookup. Returns how many were read (0 when too many)."""
        from govkg.queries.runner import KEPT_SENTENCES

        n = backend.query("MATCH (s:Sentence) RETURN count(*)")[1][0][0]
        if n > KEPT_SENTENCES:
            return 0
        self.kept_sentences().update(backend.query("MATCH (s:Sentence) RETURN s.id, s.text")[1])
        return n

    def memo(self, backend) -> "Memo":
        """A page's backend over ``backend`` (call it inside ``backend()``): its queries once each,
        with what this store version keeps."""
        return Memo(backend, self.article_times(backend), self.rows_by_id(), self.kept_sentences())

    def close(self) -> None:
        with self.lock:
            self.store.close()
            self._signature = None


class Memo:
    """A backend that runs each distinct query once: within one page, the lookups ask some things
    twice (an agency page's holders for ``who-leads`` and for ``chain``, the times of the same
    articles), and the second answer is the first one's."""

    def __init__(self, backend, article_times: dict | None = None, rows_by_id=None,
                 kept_sentences: dict | None = None) -> None:
        self.backend = backend
        self.article_times = article_times  # every article's time, when the caller keeps them (lookups.article_times)
        self.statements: dict = {}  # each holder's statements, made once a page (lookups.statements)
        self.rows_by_id = rows_by_id  # chain steps by id, kept by the caller (queries.runner.RowsById)
        # sentences by id, kept by the caller (queries.runner.with_sentences); else this page's own
        self.kept_sentences = {} if kept_sentences is None else kept_sentences
        self.scans_id_lists = getattr(backend, "scans_id_lists", False)  # the runner's hint (queries.runner)
        self.seen: dict[str, tuple[list, list]] = {}

    def query(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[list]]:
        k = cypher + "\x00" + json.dumps(params or {}, sort_keys=True, default=str)
        if k not in self.seen:
            self.seen[k] = self.backend.query(cypher, params)
        cols, rows = self.seen[k]
        return list(cols), [list(r) for r in rows]


# -- parameters ------------------------------------------------------------------------------------------

def _one(q: dict, name: str, default: str | None = None) -> str | None:
    v = q.get(name)
    return v[-1] if v else default


def on_param(q: dict) -> tn.When | None:
    text = (_one(q, "on") or "").strip()
    if not text:
        return None
    try:
        return tn.parse_when(text)
    except tn.TimeError as e:
        raise HTTPError(400, f"on: {e}") from None


def int_param(q: dict, name: str, default: int, lo: int, hi: int | None) -> int:
    text = (_one(q, name) or "").strip()
    if not text:
        return default
    try:
        v = int(text)
    except ValueError:
        raise HTTPError(400, f"{name}: '{text}' is not a whole number") from None
    if v < lo or (hi is not None and v > hi):
        raise HTTPError(400, f"{name}: {v} is not between {lo} and {hi}" if hi is not None
                        else f"{name}: {v} is less than {lo}")
    return v


# -- links -----------------------------------------------------------------------------------------------

def node_url(node_id: str | None, on: str | None = None) -> str | None:
    """The page of a node id ('person/...', 'agency/...'), keeping ``?on``; None for a place, a post."""
    if not node_id or "/" not in node_id:
        return None
    kind = node_id.split("/", 1)[0]
    if kind not in PAGES:
        return None
    return "/" + quote(node_id, safe="/") + (f"?{urlencode({'on': on})}" if on else "")


def article_url(article_id: str | None) -> str | None:
    return "/article/" + quote(article_id, safe="") if article_id else None


def json_url(path: str, query: dict) -> str:
    """The JSON twin of the page at ``path`` with ``query``."""
    rest = {k: v for k, v in query.items() if k != "format"}
    base = "/stats.json" if path in ("/", "/stats") else path + ".json"
    return base + ("?" + urlencode(rest, doseq=True) if rest else "")


# -- the application ---------------------------------------------------------------------------------------

class App:
    """The pages over one store. ``handle(method, target)`` answers a request; nothing it raises
    reaches the client as a traceback."""

    def __init__(self, db: str | os.PathLike | None, log=None) -> None:
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        self.store = Store(db)
        self.files = ArticleFiles()
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(node_url=node_url, article_url=article_url, rel_text=lk.RELATION_TEXT,
                                describe=lk.describe, shorten=lk.shorten, store_folder=str(self.store.folder),
                                kind_word={"Person": "person", "Agency": "body", "Resolution": "document",
                                           "Project": "project", "Task": "task", "Event": "event"},
                                person_timeline=person_timeline, history_timeline=history_timeline,
                                chain_drawing=chain_drawing, cell=cypher_cell, chain_list=chain_list,
                                evidence=evidence, leaders_rows=leaders_rows, history_rows=history_rows,
                                seen=seen, standing=standing)

    # -- dispatch ------------------------------------------------------------------------------------------
    def handle(self, method: str, target: str) -> Response:
        t0 = time.perf_counter()
        path, _, query_text = target.partition("?")
        query = parse_qs(query_text, keep_blank_values=True)
        try:
            if method not in ("GET", "HEAD"):
                raise HTTPError(405, f"{method} is not answered here: every page is read with GET")
            resp = self._route(path, query)
        except HTTPError as e:
            resp = self._error(e.status, e.message, path)
        except Exception as e:  # a bug must not show a traceback: one line in the log, a 500 page
            from govkg.graph.store import StoreError

            if isinstance(e, StoreError):
                resp = self._error(503, str(e), path)
            else:
                self.log(f"govkg serve: {path}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
                resp = self._error(500, f"internal error ({type(e).__name__}); the server log has one line about it",
                                   path)
        resp.headers.setdefault("Server-Timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}")
        return resp

    def _route(self, raw_path: str, query: dict) -> Response:
        fmt_json = _one(query, "format") == "json"
        path = raw_path
        if path.endswith(".json") and path.startswith(("/person/", "/agency/", "/resolution/", "/project/",
                                                       "/task/", "/event/", "/article/", "/search.json",
                                                       "/cypher.json", "/stats.json")):
            path, fmt_json = path[:-5], True
        if path.startswith("/static/"):
            return self._static(path[len("/static/"):])
        if path == "/favicon.ico":
            return self._static("favicon.svg")
        if path in ("/", "/stats"):
            return self._page("home.html", self.home(), fmt_json, raw_path, query)
        if path == "/search":
            return self._page("search.html", self.search(query), fmt_json, raw_path, query)
        if path == "/cypher":
            data = self.cypher(query)
            return self._page("cypher.html", data, fmt_json, raw_path, query, 400 if data.get("error") else 200)
        if path.startswith("/article/"):
            return self._page("article.html", self.article(unquote(path[len("/article/"):]), query), fmt_json,
                              raw_path, query)
        m = _NODE.match(path)
        if m:
            label = PAGES[m.group(1)]
            node_id = f"{m.group(1)}/{m.group(2)}"
            if label == "Person":
                return self._page("person.html", self.person(node_id, query), fmt_json, raw_path, query)
            if label == "Agency":
                return self._page("agency.html", self.agency(node_id, query), fmt_json, raw_path, query)
            return self._page("chain.html", self.chain(node_id, label, query), fmt_json, raw_path, query)
        raise HTTPError(404, f"there is no page at {raw_path}")

    # -- output --------------------------------------------------------------------------------------------
    def _page(self, template: str, data: dict, fmt_json: bool, path: str, query: dict, status: int = 200) -> Response:
        view = data.pop("_view", {})  # what only the page needs (marked text, form values)
        if fmt_json:
            body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
            return Response(status, "application/json; charset=utf-8", body, dict(SECURITY_HEADERS))
        html = self.env.get_template(template).render(data=data, view=view, json_link=json_url(path, query),
                                                      query=query)
        return Response(status, "text/html; charset=utf-8", html.encode("utf-8"), dict(SECURITY_HEADERS))

    def _error(self, status: int, message: str, path: str) -> Response:
        titles = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 500: "Internal error",
                  503: "No store"}
        try:
            html = self.env.get_template("error.html").render(status=status, title=titles.get(status, "Error"),
                                                              message=message, path=path, data={}, view={})
        except Exception:  # the error page itself failed: plain text, still no traceback
            return Response(status, "text/plain; charset=utf-8", f"{status} {message}\n".encode(),
                            dict(SECURITY_HEADERS))
        headers = dict(SECURITY_HEADERS)
        if status == 405:
            headers["Allow"] = "GET, HEAD"
        return Response(status, "text/html; charset=utf-8", html.encode("utf-8"), headers)

    def _static(self, name: str) -> Response:
        if not re.fullmatch(r"[A-Za-z0-9_-]+\.[a-z]+", name):
            raise HTTPError(404, f"there is no file {name}")
        p = STATIC / name
        if not p.is_file() or p.suffix not in STATIC_TYPES:
            raise HTTPError(404, f"there is no file {name}")
        headers = dict(SECURITY_HEADERS)
        headers["Cache-Control"] = "max-age=3600"
        return Response(200, STATIC_TYPES[p.suffix], p.read_bytes(), headers)

    # -- lookups -------------------------------------------------------------------------------------------
    def _node(self, b, node_id: str, label: str) -> rs.Candidate:
        found = [c for c in rs.id_candidates(b, node_id) if c.label == label]
        if not found:
            raise HTTPError(404, f"there is no {label.lower()} {node_id} in the store")
        return found[0]

    @staticmethod
    def _who(c: rs.Candidate) -> dict:
        return {"id": c.id, "label": c.label, "name": c.name}

    def home(self) -> dict:
        with self.store.backend() as b:  # the counts change only when a load replaces the store
            return json.loads(json.dumps(self.store.kept("stats", lambda: lk.stats(b))))

    def search(self, query: dict) -> dict:
        text = (_one(query, "q") or "").strip()
        limit = int_param(query, "limit", 20, 1, 1000)
        if not text:
            return {"q": "", "results": []}
        with self.store.backend() as b:
            return {"q": text, "results": lk.search(b, text, limit)}

    def person(self, node_id: str, query: dict) -> dict:
        at = on_param(query)
        depth = int_param(query, "depth", 2, 0, 10)
        with self.store.backend() as store:
            b = self.store.memo(store)
            c = self._node(b, node_id, "Person")
            try:
                roles, hidden = lk.person_roles(b, c, at)
            except rs.NotFound:
                roles, hidden = [], []
            tree = lk.build_chain(b, c, depth, at)
        return {"person": self._who(c), "on": at.text() if at else None, "roles": roles, "not_shown": hidden,
                "chain": tree}

    def agency(self, node_id: str, query: dict) -> dict:
        at = on_param(query)
        depth = int_param(query, "depth", 1, 1, 10)
        with self.store.backend() as store:
            b = self.store.memo(store)
            c = self._node(b, node_id, "Agency")
            leaders, hidden = lk.leaders(b, c, at)
            history = lk.post_history(b, c)
            tree = lk.build_chain(b, c, depth, at)
        return {"agency": self._who(c), "on": at.text() if at else None, "who_leads": leaders,
                "not_shown": hidden, "history": history, "chain": tree}

    def chain(self, node_id: str, label: str, query: dict) -> dict:
        at = on_param(query)
        depth = int_param(query, "depth", 3, 0, 10)
        max_children = int_param(query, "max", 25, 0, None)
        with self.store.backend() as store:
            b = self.store.memo(store)
            c = self._node(b, node_id, label)
            tree = lk.build_chain(b, c, depth, at)
        tree["_view"] = {"max": max_children, "on": at.text() if at else None, "depth": depth}
        return tree

    def article(self, article_id: str, query: dict) -> dict:
        from govkg.loaders.explain import explain

        with self.store.backend() as b:
            rows = run_records(b, "article", {"id": article_id})
            if not rows:
                raise HTTPError(404, f"there is no article {article_id} in the store")
            mentions = run_records(b, "article_mentions", {"id": article_id})
        info = {k: lk.iso(v) if k in ("date", "date_upper") else v for k, v in rows[0].items()}
        order = {"Person": 0, "Agency": 1, "Resolution": 2, "Project": 3, "Task": 4, "Event": 5}
        mentions.sort(key=lambda r: (order.get(r["label"], 9), r["name"] or ""))
        file = {"path": info["path"], "read": False, "problem": None}
        explained, view = [], {}
        try:
            article = self.files.read(info["path"], article_id)
        except ArticleGone as e:
            problem = str(e)
            if info["path"] and not os.path.isabs(info["path"]):
                problem += f" (a relative path, looked for from the folder govkg serve runs in, {os.getcwd()})"
            file["problem"] = problem
        else:
            file["read"] = True
            e = explain(article)
            explained = [e.to_dict()]
            used: set[int] = set()
            view = {"body": _marked(article.text, explained[0]["mentions"], "body"),
                    "leftovers": [_marked(x, explained[0]["mentions"], "leftover", used) for x in article.leftovers]}
        return {"article": info, "file": file, "explain": explained, "mentions": mentions, "_view": view}

    def cypher(self, query: dict) -> dict:
        from govkg.commands.cypher import (ParamError, _unique, engine_message, parse_param, plain, referenced_params,
                                           write_clause)
        from govkg.queries.runner import execute

        text = _one(query, "q") or ""
        specs = list(query.get("p", []))
        for block in query.get("params", []):
            specs += [line.strip() for line in block.splitlines() if line.strip()]
        data: dict[str, Any] = {"query": text, "params": {}, "columns": [], "rows": [], "error": None,
                                "_view": {"specs": "\n".join(specs)}}
        if not text.strip():
            return data
        try:
            values = dict(parse_param(s) for s in specs)
        except ParamError as e:
            data["error"] = str(e)
            return data
        data["params"] = values
        why = write_clause(text)
        if why:
            data["error"] = f"refusing to run a query that writes ({why}): the web view only reads"
            return data
        used = referenced_params(text)
        missing = [p for p in used if p not in values]
        if missing:
            data["error"] = f"the query uses ${missing[0]} but no parameter {missing[0]}=VALUE was given"
            return data
        unused = [p for p in values if p not in used]
        if unused:
            data["error"] = (f"parameter {unused[0]} is not used by the query (it uses "
                             f"{', '.join('$' + p for p in used) if used else 'no parameters'})")
            return data
        try:
            with self.store.backend() as b:
                conn = b.connection()
                conn.set_query_timeout(CYPHER_TIMEOUT_MS)
                try:
                    cols, rows = execute(b, text, values)
                finally:
                    conn.set_query_timeout(0)
        except QueryError as e:
            msg = engine_message(str(e))
            if "nterrupt" in msg or "timeout" in msg.lower():
                msg = f"the query ran longer than {CYPHER_TIMEOUT_MS // 1000} s and was stopped"
            data["error"] = f"query error: {msg}"
            return data
        cols = _unique(cols)
        data["columns"] = cols
        data["rows"] = [dict(zip(cols, (plain(x) for x in r))) for r in rows]
        return data

    def warm(self) -> None:
        """What a server does once at start, in the background, so that the first visit to a page is
        as quick as the next: index the large JSONL files the articles came from (an article page
        then reads its text at once), read every article's time and, when there are not too many,
        every evidence sentence, compile the templates, and open
        the pages of the person, the body and the document with the most facts, now and as of a
        date, which reads the tables those pages use. One line in the log says when it is done."""
        t0 = time.perf_counter()
        try:
            with self.store.backend() as b:
                paths = [r["path"] for r in run_records(b, "article_files") if r["articles"] > 1]
                busiest = [b.query(q)[1] for q in _BUSIEST]
            self.files.warm(paths)
            with self.store.backend() as b:
                self.store.article_times(b)
                self.store.read_sentences(b)
            for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
                self.env.get_template(name)
            for rows in busiest:
                if rows and rows[0][0]:
                    self.handle("GET", "/" + rows[0][0])
                    self.handle("GET", "/" + rows[0][0] + "?on=2020")  # the same as of a date
        except Exception:  # warming is only an optimisation: the pages still answer, a little slower at first
            return
        self.log(f"govkg serve: warmed up in {time.perf_counter() - t0:.1f} s")


_BUSIEST = (  # the nodes whose pages read the most, for App.warm
    "MATCH (p:Person)-[:HOLDS]->() RETURN p.id, count(*) AS n ORDER BY n DESC, p.id LIMIT 1",
    "MATCH (a:Agency)<-[:OF]-(:Role)<-[:HOLDS]-() RETURN a.id, count(*) AS n ORDER BY n DESC, a.id LIMIT 1",
    "MATCH (r:Resolution)<-[e]-() RETURN r.id, count(e) AS n ORDER BY n DESC, r.id LIMIT 1",
)


# -- drawings and cells, for the templates (already escaped: Markup) -------------------------------------------

def person_timeline(roles: list[dict], on: str | None = None):
    """A person's posts as a timeline: one row per post, from first to last seen."""
    from markupsafe import Markup

    from govkg.web.svg import timeline_svg

    rows = []
    for r in roles:
        st = r.get("standing") or {}
        state = st.get("state") if st.get("state") not in (None, "held", "presumed") else (r.get("status") or "current")
        rows.append({"label": f"{r['title']} · {r['organization']}",
                     "sub": ", ".join(x for x in (r.get("status"), st.get("state")) if x),
                     "state": state, "start": r.get("first_seen"), "end": r.get("last_seen"),
                     "bound": r.get("last_bound"), "agency_id": r.get("agency_id")})
    return Markup(timeline_svg(rows, lambda row: node_url(row["agency_id"], on)))


def history_timeline(post: dict):
    """The holders of one post, in the order they were seen, as a timeline."""
    from markupsafe import Markup

    from govkg.web.svg import timeline_svg

    rows = [{"label": h["person"], "sub": ", ".join(x for x in (h.get("status"), f"after {h['follows']}"
                                                                 if h.get("follows") else None) if x),
             "state": h.get("status") or "current", "start": h.get("first_seen"), "end": h.get("last_seen"),
             "bound": h.get("last_bound"), "person_id": h["person_id"]} for h in post["holders"]]
    return Markup(timeline_svg(rows, lambda row: node_url(row["person_id"])))


def chain_drawing(tree: dict, on: str | None = None):
    """The chain drawn as a tree of linked boxes."""
    from markupsafe import Markup

    from govkg.web.svg import chain_svg

    return Markup(chain_svg(tree, lambda n: node_url(n.get("id"), on)))


def chain_list(node: dict, max_children: int = 25, on: str | None = None):
    """A chain listed step by step, with evidence (``fragments.chain_list``)."""
    from markupsafe import Markup

    from govkg.web.fragments import chain_list as listed

    return Markup(listed(node, max_children, on, node_url))


def evidence(sources: list[dict], first_article: str | None = None):
    """A fact's sources, those of ``first_article`` (the one its status rests on) first."""
    from markupsafe import Markup

    from govkg.web.fragments import evidence_html, status_first

    return Markup(evidence_html(status_first(sources, first_article)))


def seen(r: dict):
    """When a fact was seen, as the tables show it."""
    from markupsafe import Markup

    from govkg.web.fragments import seen_html

    return Markup(seen_html(r))


def standing(st: dict | None):
    """A holder's standing at a date."""
    from markupsafe import Markup

    from govkg.web.fragments import standing_html

    return Markup(standing_html(st))


def leaders_rows(rows: list[dict], on: str | None = None):
    """The rows of a body's holders table (written in Python: a body of 200 members)."""
    from markupsafe import Markup

    from govkg.web.fragments import leaders_rows as rows_html

    return Markup(rows_html(rows, on, node_url))


def history_rows(holders: list[dict]):
    """The rows of one post's history table."""
    from markupsafe import Markup

    from govkg.web.fragments import history_rows as rows_html

    return Markup(rows_html(holders, node_url))


def cypher_cell(v: Any) -> str:
    """A Cypher result value as a table cell's text (escaped by the template)."""
    from datetime import date

    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _marked(text: str, mentions: list[dict], zone: str, used: set | None = None) -> list[dict]:
    """``text`` cut into plain and marked pieces: each title mention of ``zone`` found where the
    explanation places it (its ``sentence_start`` plus its ``start``, in the text the recognisers
    read: the same length, tone marks placed one way) is a piece with its number in the
    explanation and its outcome. ``used`` keeps a mention from being marked in two leftover lines."""
    from govkg.text import retone

    spans = []
    for i, m in enumerate(mentions, 1):
        if m["zone"] != zone or (used is not None and i in used):
            continue
        a = m["sentence_start"] + m["start"]
        z = a + (m["end"] - m["start"])
        if retone(text[a:z]) == m["text"]:
            spans.append((a, z, i, m))
            if used is not None:
                used.add(i)
    spans.sort(key=lambda s: (s[0], -s[1]))
    pieces, at = [], 0
    for a, z, i, m in spans:
        if a < at:
            continue  # overlaps the one before: listed, not marked twice
        if a > at:
            pieces.append({"text": text[at:a]})
        pieces.append({"text": text[a:z], "n": i, "fact": m["outcome"] == "fact", "outcome": m["outcome"]})
        at = z
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces
