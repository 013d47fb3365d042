"""``govkg serve`` over HTTP, as a real process on a free port: each page's JSON twin carries what
the matching command prints with ``--format json``; unknown addresses and ids are 404 pages; every
name is escaped; the Cypher box only reads; nothing on a page points outside this machine."""

from __future__ import annotations

import doctest
import html
import importlib
import json
import random
import re
import shutil
import socket
import subprocess
import sys
from datetime import date
from urllib.parse import quote

import pytest

from cli_helpers import ok, one_line_error, run
from conftest import ARTICLES
from graph_fixture import _Builder, src, write_store, S
from serve_helpers import running

A0, A3 = "000_372fcefd87e77f7b", "003_cc153bd936ce14ee"


@pytest.fixture(scope="module")
def seed(seed_store):
    with running(seed_store) as server:
        yield server


def _search_id(db, text, kind):
    rows = json.loads(ok("search", text, "--format", "json", db=str(db)))
    return next(r["id"] for r in rows if r["kind"] == kind)


# -- the JSON twins are the commands' JSON ----------------------------------------------------------------

def test_search_twin_is_govkg_search(seed, seed_store):
    data = seed.json("/search.json?q=" + quote("nguyen ngoc tuan"))
    assert data["q"] == "nguyen ngoc tuan"
    assert data["results"] == json.loads(ok("search", "nguyen ngoc tuan", "--format", "json", db=str(seed_store)))
    assert seed.json("/search?q=can+tho&format=json")["results"] == json.loads(
        ok("search", "can tho", "--format", "json", db=str(seed_store)))
    assert seed.json("/search.json?q=zzzz+qqq")["results"] == []


def test_person_twin_is_roles_and_chain(seed, seed_store):
    db = str(seed_store)
    pid = _search_id(db, "Nguyễn Ngọc Tuấn", "Person")
    data = seed.json(f"/{pid}.json")
    assert data["person"] == {"id": pid, "label": "Person", "name": "Nguyễn Ngọc Tuấn"}
    assert data["roles"] == json.loads(ok("roles", pid, "--format", "json", db=db))
    assert data["chain"] == json.loads(ok("chain", pid, "--depth", "2", "--format", "json", db=db))
    assert data["on"] is None and data["not_shown"] == []
    pid2 = _search_id(db, "Trần Việt Trường", "Person")
    dated = seed.json(f"/{pid2}.json?on=2024-05-28")
    assert dated["roles"] == json.loads(ok("roles", pid2, "--on", "2024-05-28", "--format", "json", db=db))
    assert dated["on"] == "2024-05-28" and all(r["standing"]["shown"] for r in dated["roles"])
    html = seed.get(f"/{pid}").text
    for r in data["roles"]:
        assert f'href="/{r["agency_id"]}"' in html and r["organization"] in html


def test_agency_twin_is_who_leads_history_and_chain(seed, seed_store):
    db = str(seed_store)
    aid = _search_id(db, "UBND TP Cần Thơ", "Agency")
    data = seed.json(f"/{aid}.json")
    assert data["who_leads"] == json.loads(ok("who-leads", aid, "--format", "json", db=db))
    assert data["history"] == json.loads(ok("history", aid, "--format", "json", db=db))
    assert data["chain"] == json.loads(ok("chain", aid, "--depth", "1", "--format", "json", db=db))
    on = seed.json(f"/{aid}.json?on=2024-05-28")
    assert on["who_leads"] == json.loads(ok("who-leads", aid, "--on", "2024-05-28", "--format", "json", db=db))
    assert on["chain"] == json.loads(ok("chain", aid, "--depth", "1", "--on", "2024-05-28", "--format", "json", db=db))
    head = data["who_leads"][0]
    assert (head["rank"], head["person"]) == ("head", "Trần Việt Trường")
    html = seed.get(f"/{aid}").text
    assert f'href="/{head["person_id"]}"' in html and "59-NQ/TW" in html


def test_document_twin_is_chain(seed, seed_store):
    db = str(seed_store)
    doc = _search_id(db, "59-NQ/TW", "Resolution")
    data = seed.json(f"/{doc}.json")
    assert data == json.loads(ok("chain", doc, "--format", "json", db=db))
    assert [c["name"] for c in data["children"] if c["relation"] == "issued_by"] == ["Bộ Chính trị"]
    assert seed.json(f"/{doc}?format=json&on=2020&depth=1") == json.loads(
        ok("chain", doc, "--on", "2020", "--depth", "1", "--format", "json", db=db))
    html = seed.get(f"/{doc}").text
    svg = html[html.index("<svg"):html.index("</svg>")]
    for c in data["children"]:
        assert c["name"][:20] in svg  # every step is drawn (names are cut to fit their box)
    assert "98/NQ-CP" in html and "Bộ Chính trị" in html


def test_article_twin_is_explain(seed, seed_store):
    data = seed.json(f"/article/{A0}.json")
    assert data["file"]["read"] is True and data["article"]["id"] == A0
    assert data["explain"] == json.loads(ok("explain", A0, "--format", "json", db=str(seed_store)))
    assert {m["name"] for m in data["mentions"]} >= {"Trần Việt Trường", "UBND TP Cần Thơ", "59-NQ/TW"}
    html = seed.get(f"/article/{A0}").text
    marks = re.findall(r'<mark id="m(\d+)" class="(fact)?"[^>]*>(.*?)<sup>', html)
    body = [m for m in data["explain"][0]["mentions"] if m["zone"] == "body"]
    assert [t for _, _, t in marks] == [m["text"] for m in body]
    assert sum(1 for _, f, _ in marks if f) == sum(1 for m in body if m["outcome"] == "fact")


def test_home_twin_is_stats(seed, seed_store):
    assert seed.json("/stats.json") == json.loads(ok("stats", "--format", "json", db=str(seed_store)))
    assert seed.json("/?format=json") == seed.json("/stats.json")
    assert "5 articles" in seed.get("/").text


# -- errors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, status, says", [
    ("/no/such/page", 404, "no page at /no/such/page"),
    ("/person/nobody-0000abcd", 404, "no person person/nobody-0000abcd"),
    ("/agency/nobody-0000abcd.json", 404, "no agency"),
    ("/resolution/x", 404, "no page"),
    ("/article/no-such-article", 404, "no article no-such-article"),
    ("/static/../cli.py", 404, "no "),
    ("/static/nothing.css", 404, "no file"),
    ("/search?q=tuan&limit=0", 400, "limit: 0 is not between 1 and 1000"),
    ("/search?q=tuan&limit=many", 400, "limit: 'many' is not a whole number"),
])
def test_bad_addresses_are_error_pages(seed, path, status, says):
    r = seed.get(path)
    assert r.status == status, (path, r.status)
    assert r.headers["Content-Type"].startswith("text/html")
    assert says in html.unescape(r.text) and "Traceback" not in r.text


def test_bad_parameters_and_wrong_kinds(seed, seed_store):
    db = str(seed_store)
    aid = _search_id(db, "UBND TP Cần Thơ", "Agency")
    pid = _search_id(db, "Trần Việt Trường", "Person")
    r = seed.get(f"/{aid}?on=2018-13")
    assert r.status == 400 and "on: '2018-13' is not a date (give YYYY-MM-DD, YYYY-MM or YYYY)" in html.unescape(r.text)
    assert seed.get(f"/{aid}?depth=99").status == 400
    wrong = pid.replace("person/", "agency/", 1)  # a person's slug under /agency/
    r = seed.get("/" + wrong)
    assert r.status == 404 and "no agency" in r.text
    r = seed.get("/search", method="POST")
    assert r.status == 405 and r.headers["Allow"] == "GET, HEAD"
    head = seed.get(f"/{aid}", method="HEAD")
    assert head.status == 200 and head.text == ""


def test_a_page_for_another_host_is_refused(seed):
    r = seed.get("/", headers={"Host": "attacker.example:80"})  # DNS rebinding
    assert r.status == 400 and "addressed to this machine" in r.text
    assert seed.get("/", headers={"Host": "localhost:1234"}).status == 200


def test_pages_load_nothing_from_elsewhere(seed, seed_store):
    db = str(seed_store)
    paths = ["/", "/search?q=can+tho", "/" + _search_id(db, "Nguyễn Ngọc Tuấn", "Person"),
             "/" + _search_id(db, "UBND TP Cần Thơ", "Agency"), "/" + _search_id(db, "59-NQ/TW", "Resolution"),
             f"/article/{A3}", "/cypher?q=MATCH+(n:Person)+RETURN+n.name+LIMIT+2"]
    for p in paths:
        r = seed.get(p)
        assert r.status == 200, p
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        # every address a page loads or links to is on this server
        for attr, url in re.findall(r'\b(src|href|action)="([^"]*)"', r.text):
            assert url.startswith(("/", "?", "#")), (p, attr, url)
        assert "<script" not in r.text and " style=" not in r.text, p
    assert seed.get("/static/style.css").headers["Content-Type"].startswith("text/css")


# -- escaping -------------------------------------------------------------------------------------------------

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store whose names, numbers and sentences are markup."""
    b = _Builder()
    aid = "x1"
    b.kg.add_node("Article", aid, title=f"Tin {EVIL}", date=date(2024, 1, 2), path="/nowhere/x1.txt",
                  content_hash="h-x1")
    ag = b.agency(f'UBND <img src=x onerror="alert(2)"> Hà Nội', "ubnd", "state", "Hà Nội")
    who = b.person(f"Nguyễn {EVIL} Văn")
    S["evil"] = f"Chủ tịch {EVIL} phát biểu </blockquote><b>đậm</b> \" ' &amp;"
    b.holds(who, "Chủ tịch", "head", ag, src(aid, "evil"))
    doc = b.resolution("<svg onload=alert(3)>/NQ-CP", "Nghị quyết", "admin", "Chính phủ", 2024)
    b.fact("RESPONSIBLE_FOR", ag, doc, src(aid, "evil"))
    for aid_, nodes in b.mentions.items():
        from govkg.graph.model import Source

        for n in sorted(nodes):
            b.kg.add_fact("MENTIONS", aid_, n, Source(aid_, "", 0, "body"))
    db = write_store(b.kg, tmp_path_factory.mktemp("hostile"))
    with running(db) as server:
        yield server, db, who, ag, doc


def test_every_name_and_sentence_is_escaped(hostile):
    server, db, who, ag, doc = hostile
    pages = [f"/search?q={quote(EVIL)}", "/search?q=nguyen", f"/{who}", f"/{ag}", f"/{doc}", "/article/x1",
             "/cypher?q=" + quote("RETURN $x AS s, '<i>x</i>' AS t") + "&p=" + quote(f"x={EVIL}"),
             "/no-" + quote(EVIL)]
    for p in pages:
        r = server.get(p)
        assert "<script" not in r.text and "<img" not in r.text and "<svg onload" not in r.text, p
        assert "<b>đậm" not in r.text and "<i>x" not in r.text, p
    assert "Nguyễn &lt;script&gt;alert(1)&lt;/script&gt; Văn" in server.get(f"/{who}").text
    assert "&lt;/blockquote&gt;&lt;b&gt;đậm&lt;/b&gt;" in server.get(f"/{ag}").text
    drawn = server.get(f"/{doc}").text
    assert "&lt;svg onload=alert(3)&gt;/NQ-CP" in drawn and drawn.count("<svg") == 1
    assert server.json(f"/{who}.json")["person"]["name"] == f"Nguyễn {EVIL} Văn"  # JSON keeps the text as it is
    gone = server.get("/article/x1")
    assert gone.status == 200 and "/nowhere/x1.txt) is no longer there" in gone.text


# -- the Cypher box ---------------------------------------------------------------------------------------------

def test_cypher_reads_with_typed_parameters(seed, seed_store):
    q = "MATCH (p:Person)-[h:HOLDS]->(r:Role) WHERE r.title = $t RETURN p.name AS name ORDER BY name"
    data = seed.json("/cypher.json?q=" + quote(q) + "&p=" + quote("t=Chủ tịch"))
    expected = json.loads(ok("cypher", q, "-p", "t=Chủ tịch", "--format", "json", db=str(seed_store)))
    assert data["rows"] == expected and data["columns"] == ["name"] and data["error"] is None
    assert {"name": "Trần Việt Trường"} in data["rows"]
    typed = seed.json("/cypher.json?q=" + quote("RETURN $n + 1 AS n, $d AS d, $s AS s") + "&params="
                      + quote("n=41\nd=2024-05-28\ns:str=059"))
    assert typed["rows"] == [{"n": 42, "d": "2024-05-28", "s": "059"}]
    # a value is a parameter, never pasted into the query
    sneaky = seed.json("/cypher.json?q=" + quote("MATCH (p:Person) WHERE p.name = $n RETURN p.name")
                       + "&p=" + quote("n=x' OR 1=1 OR p.name = '"))
    assert sneaky["rows"] == []


@pytest.mark.parametrize("query, says", [
    ("CREATE (:Person {id: 'x'})", "refusing to run a query that writes (CREATE at line 1, column 1)"),
    ("MATCH (p:Person) SET p.name = 'x'", "refusing to run a query that writes (SET at line 1, column 18)"),
    ("MATCH (p:Person) DETACH DELETE p", "refusing to run a query that writes (DETACH"),
    ("CALL some_procedure()", "not a procedure known to be read-only"),
    ("MATCH (p:Person) WHERE p.name = $who RETURN p", "the query uses $who but no parameter who=VALUE"),
    ("MATCH (p:Person RETURN p", "query error:"),
])
def test_cypher_refuses_writes_and_reports_errors(seed, seed_store, query, says):
    before = json.loads(ok("stats", "--format", "json", db=str(seed_store)))
    r = seed.get("/cypher?q=" + quote(query))
    assert r.status == 400 and says in html.unescape(r.text), r.text[-600:]
    j = seed.get("/cypher.json?q=" + quote(query))
    assert j.status == 400 and says.split(" (")[0] in j.json()["error"]
    assert json.loads(ok("stats", "--format", "json", db=str(seed_store))) == before


def test_cypher_bad_parameter(seed):
    r = seed.get("/cypher.json?q=RETURN+%24n&p=" + quote("n:int=x"))
    assert r.status == 400 and r.json()["error"] == "parameter 'n': 'x' is not an integer"
    r = seed.get("/cypher.json?q=RETURN+1&p=" + quote("n=1"))
    assert r.status == 400 and r.json()["error"] == "parameter n is not used by the query (it uses no parameters)"


# -- the process -----------------------------------------------------------------------------------------------

def test_serve_without_a_store_is_one_line(tmp_path):
    one_line_error(run("serve", "--port", "0", db=str(tmp_path / "nowhere")), 1)


def test_serve_on_a_port_in_use_is_one_line(seed_store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        msg = one_line_error(run("serve", "--port", str(port), db=str(seed_store)), 1)
    assert f"cannot listen on 127.0.0.1:{port}" in msg


def test_a_new_load_is_seen_without_a_restart(tmp_path):
    db = tmp_path / "store"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(ARTICLES / f"{A0}.txt", first)
    ok("load", str(first), db=str(db))
    with running(db) as server:
        assert server.json("/search.json?q=" + quote("Nguyễn Văn Hiếu"))["results"] == []
        ok("load", str(ARTICLES / "001_d7db6c298246974e.txt"), db=str(db))
        found = server.json("/search.json?q=" + quote("Nguyễn Văn Hiếu"))["results"]
        assert [r["name"] for r in found if r["kind"] == "Person"] == ["Nguyễn Văn Hiếu"]


def test_an_article_whose_file_is_gone(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ARTICLES / f"{A3}.txt", folder)
    db = tmp_path / "store"
    ok("load", str(folder), db=str(db))
    (folder / f"{A3}.txt").unlink()
    with running(db) as server:
        data = server.json(f"/article/{A3}.json")
        assert data["file"]["read"] is False and "is no longer there" in data["file"]["problem"]
        assert data["explain"] == [] and {m["name"] for m in data["mentions"]} >= {"Nguyễn Ngọc Tuấn"}
        page = server.get(f"/article/{A3}")
        assert page.status == 200 and "cannot be shown" in page.text and "Nguyễn Ngọc Tuấn" in page.text


def test_articles_of_a_large_jsonl_file_are_read_through_its_index(tmp_path):
    import gzip

    from govkg.web.articles import CHECKPOINT_BYTES, ArticleFiles

    path = tmp_path / "many.jsonl.gz"
    body = ARTICLES.joinpath(f"{A0}.txt").read_text("utf-8")
    rng = random.Random(7)
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:  # megabytes that compress like news: several checkpoints
        while fh.tell() < 4 * CHECKPOINT_BYTES:
            noise = " ".join(rng.choice(body.split()) for _ in range(800))
            fh.write(json.dumps({"id": f"a{n}", "title": f"số {n}", "text": f"Bài {n}. {noise}"},
                                ensure_ascii=False) + "\n")
            n += 1
    files = ArticleFiles()
    for i in (0, n // 2, n - 1):
        a = files.read(str(path), f"a{i}")
        assert a.id == f"a{i}" and a.title == f"số {i}" and a.text.startswith(f"Bài {i}.")
    index = files._indexes[str(path)]
    assert len(index.checkpoints) >= 3 and len(index.lines) == n
    from govkg.loaders import iter_articles

    assert files.read(str(path), f"a{n - 3}") == next(a for a in iter_articles([str(path)]) if a.id == f"a{n - 3}")


@pytest.mark.parametrize("module", ["govkg.web.svg", "govkg.web.fragments", "govkg.web.articles"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted and result.failed == 0


def test_serve_imports_nothing_it_does_not_need(seed_store):
    code = ("import sys\nfrom govkg.web.app import App\napp = App(%r)\nr = app.handle('GET', '/search?q=tuan')\n"
            "assert r.status == 200, r.status\n"
            "heavy = [m for m in ('neo4j', 'rdflib', 'pyarrow', 'networkx', 'trafilatura') if m in sys.modules]\n"
            "assert not heavy, heavy\n") % str(seed_store)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_ctrl_c_stops_the_server_cleanly(seed_store):
    import signal

    with running(seed_store) as server:
        assert server.get("/").status == 200
        server.proc.send_signal(signal.SIGINT)
        server.proc.wait(timeout=15)
    # running() checked: exit status 0, no traceback
