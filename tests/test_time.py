"""Time: article dates and crawl-date bounds, the status a post shows, who held it at a date.

The end-to-end tests load four small articles (tests/fixtures/time) through ``govkg load``: a 2018
article naming Võ Thành Thống Chủ tịch UBND TP Cần Thơ, a 2024 one naming his successor Trần Việt
Trường and calling Thống "nguyên Chủ tịch" twice, an undated one still calling Thống Chủ tịch, and
a JSONL record with only a crawl date naming a deputy. The other tests build facts from real
sentences with the model, or judge statements with ``govkg.graph.tenure`` directly.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cli_helpers import ok, one_line_error, run
from govkg.graph import tenure as tn
from govkg.graph.model import KnowledgeGraph, Source, make_id

TIME = Path(__file__).resolve().parent / "fixtures" / "time"
UBND = "UBND TP Cần Thơ"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from govkg.pipeline import load_paths

    folder = tmp_path_factory.mktemp("time-store")
    summary = load_paths([str(TIME)], str(folder))
    assert summary.read == 4 and not summary.failed
    return str(folder)


def leaders(db, *args):
    return json.loads(ok("who-leads", UBND, "--format", "json", *args, db=db))


# -- the articles' time -------------------------------------------------------------------------------

def test_article_dates_and_the_crawl_bound_are_kept_apart(db):
    rows = json.loads(ok("cypher", "MATCH (a:Article) RETURN a.id AS id, a.date AS date, a.date_upper AS upper, "
                         "a.date_source AS src ORDER BY id", "--format", "json", db=db))
    got = {r["id"]: (r["date"], r["upper"], r["src"]) for r in rows}
    assert got == {
        "2018_can_tho": ("2018-03-15", None, "text"),
        "2024_can_tho": ("2024-05-28", None, "text"),
        "crawled_can_tho": (None, "2017-06-08", "crawl_date"),  # published on or before: never a date
        "undated_can_tho": (None, None, None),
    }


def test_a_record_carries_its_crawl_date_as_a_bound():
    from govkg.loaders.read import article_from_record

    a = article_from_record({"id": "x", "text": "Ông A phát biểu.", "crawl_date": "2017-06-08"}, where="x")
    assert a.date is None and a.date_upper == date(2017, 6, 8) and a.date_source == "crawl_date"
    b = article_from_record({"id": "x", "text": "Ông A phát biểu.", "date": "2021-04-21", "crawl_date": "2021-05-01"},
                           where="x")
    assert b.date == date(2021, 4, 21) and b.date_upper == date(2021, 5, 1) and b.date_source == "record"
    assert a.content_hash != article_from_record({"id": "x", "text": "Ông A phát biểu."}, where="x").content_hash


# -- who-leads without --on ---------------------------------------------------------------------------

def test_who_leads_status_follows_the_latest_dated_article(db):
    rows = leaders(db)
    heads = [(r["person"], r["status"], r["status_basis"], r["status_article"]) for r in rows if r["rank"] == "head"]
    # the 2024 article's "nguyên" decides; the undated article calling him Chủ tịch never overrides it
    assert heads == [("Trần Việt Trường", "current", "date", "2024_can_tho"),
                     ("Võ Thành Thống", "former", "date", "2024_can_tho")]
    thong = rows[1]
    assert (thong["held_from"], thong["held_to"], thong["as_of"]) == ("2018-03-15", "2018-03-15", "2024-05-28")
    assert thong["standing"]["state"] == "ended"


def test_who_leads_puts_dated_holders_above_bounded_above_undated(db):
    deputies = [r for r in leaders(db) if r["rank"] == "deputy"]
    assert [r["person"] for r in deputies] == ["Nguyễn Ngọc Hè", "Đào Anh Dũng", "Nguyễn Thực Hiện"]
    hè, dung, hien = deputies
    assert (hè["as_of"], hè["seen"]) == ("2024-05-28", "2024-05-28")
    assert (dung["as_of"], dung["last_bound"], dung["seen"], dung["status_basis"]) == (
        None, "2017-06-08", "≤2017-06-08", "bound")
    assert (hien["as_of"], hien["seen"], hien["status_basis"]) == (None, None, "undated")
    out = ok("who-leads", UBND, db=db)
    assert out.index("Nguyễn Ngọc Hè") < out.index("Đào Anh Dũng") < out.index("Nguyễn Thực Hiện")
    assert "≤2017-06-08" in out


def test_the_named_query_sorts_undated_last_on_its_own(db):
    from govkg.graph.store import EmbeddedStore
    from govkg.queries import resolve as rs
    from govkg.queries.runner import run_records

    store = EmbeddedStore(db)
    try:
        agency = rs.resolve_agency(store, UBND).id
        rows = run_records(store, "who_leads", {"agency_ids": [agency]})
        hist = run_records(store, "post_history", {"agency_ids": [agency]})
    finally:
        store.close()
    assert [r["person"] for r in rows if r["rank"] == "deputy"] == ["Nguyễn Ngọc Hè", "Đào Anh Dũng", "Nguyễn Thực Hiện"]
    assert [r["person"] for r in hist if r["rank"] == "deputy"] == ["Đào Anh Dũng", "Nguyễn Ngọc Hè", "Nguyễn Thực Hiện"]


# -- who-leads --on -----------------------------------------------------------------------------------

def test_who_leads_on_2018_shows_the_holder_then(db):
    rows = leaders(db, "--on", "2018-03-20")
    got = {(r["rank"], r["person"]): r["standing"] for r in rows}
    assert set(got) == {("head", "Võ Thành Thống"), ("deputy", "Đào Anh Dũng")}
    thong = got[("head", "Võ Thành Thống")]
    assert thong["state"] == "presumed" and thong["basis"] == "2018-03-15" and thong["article"] == "2018_can_tho"
    assert "stated former on 2024-05-28" in thong["note"] and "Trần Việt Trường" in thong["note"]
    assert got[("deputy", "Đào Anh Dũng")]["state"] == "presumed"  # its crawl date is before the date asked
    out = ok("who-leads", UBND, "--on", "2018-03-20", db=db)
    assert out.splitlines()[0] == f"{UBND}, on 2018-03-20"
    assert "not shown, seen only later: Trần Việt Trường" in out
    assert "undated, cannot be placed in time: Nguyễn Thực Hiện" in out


def test_who_leads_on_2024_shows_the_successor_only(db):
    rows = leaders(db, "--on", "2024-05-28")
    heads = [(r["person"], r["standing"]["state"]) for r in rows if r["rank"] == "head"]
    assert heads == [("Trần Việt Trường", "held")]
    out = ok("who-leads", UBND, "--on", "2024-05-28", db=db)
    assert "stated former by then: Võ Thành Thống" in out
    # last seen in 2017, more than a term before: not presumed to hold it still
    assert "Đào Anh Dũng" not in {r["person"] for r in rows} and "more than 5 years before: Đào Anh Dũng" in out


def test_who_leads_on_a_month_and_before_everything(db):
    rows = leaders(db, "--on", "2017-06")
    assert [(r["person"], r["standing"]["state"]) for r in rows] == [("Đào Anh Dũng", "possible")]
    msg = one_line_error(run("who-leads", UBND, "--on", "2001", db=db), 1)
    assert "no one is known to hold a post in UBND TP Cần Thơ on 2001" in msg and "--history" in msg


def test_who_leads_on_a_bad_date_is_one_line(db):
    assert "'2018-13-01' is not a date" in one_line_error(run("who-leads", UBND, "--on", "2018-13-01", db=db), 2)
    one_line_error(run("who-leads", UBND, "--on", "2018", "--history", db=db), 2)


# -- history ------------------------------------------------------------------------------------------

def test_history_reads_succession(db):
    posts = json.loads(ok("history", UBND, "--format", "json", db=db))
    chair = next(p for p in posts if p["title"] == "Chủ tịch")
    holders = chair["holders"]
    assert [h["person"] for h in holders] == ["Võ Thành Thống", "Trần Việt Trường"]
    thong, truong = holders
    assert (thong["first_seen"], thong["last_seen"], thong["status"]) == ("2018-03-15", "2024-05-28", "former")
    assert truong["follows"] == "Võ Thành Thống" and thong["follows"] is None
    assert [(s["when"], s["status"]) for s in thong["statements"]] == [
        ("2018-03-15", "current"), ("2024-05-28", "former"), ("undated", "current")]
    deputies = next(p for p in posts if p["title"] == "Phó Chủ tịch")["holders"]
    assert [h["person"] for h in deputies] == ["Đào Anh Dũng", "Nguyễn Ngọc Hè", "Nguyễn Thực Hiện"]
    assert all(h["follows"] is None for h in deputies)  # several deputies at once: no succession
    assert ok("history", UBND, db=db) == ok("who-leads", UBND, "--history", db=db)
    assert "≤2017-06-08" in ok("history", UBND, db=db)


# -- roles --------------------------------------------------------------------------------------------

def test_roles_on_a_date_keeps_the_contract(db):
    every = json.loads(ok("roles", "--all", "--format", "json", db=db))
    on = json.loads(ok("roles", "--all", "--on", "2018-03-20", "--format", "json", db=db))
    for rec in every + on:
        assert {"person", "title", "organization", "status", "as_of", "sources"} <= set(rec)
    assert {(r["person"], r["title"]) for r in on} == {
        ("Võ Thành Thống", "Chủ tịch"), ("Võ Thành Thống", "Phó Bí thư"), ("Đào Anh Dũng", "Phó Chủ tịch")}
    assert all(r["standing"]["at"] == "2018-03-20" and r["standing"]["shown"] for r in on)
    thong = [r for r in json.loads(ok("roles", "vo thanh thong", "--on", "2018", "--format", "json", db=db))]
    assert {r["title"] for r in thong} == {"Chủ tịch", "Phó Bí thư"}
    msg = one_line_error(run("roles", "Võ Thành Thống", "--on", "2024-05-28", db=db), 1)
    assert "no post is known to be held by Võ Thành Thống on 2024-05-28" in msg


# -- chain --------------------------------------------------------------------------------------------

def _kids(node, relation):
    return [c["name"] for c in node["children"] if c["relation"] == relation]


def test_chain_marks_holders_of_other_times(db):
    tree = json.loads(ok("chain", UBND, "--depth", "1", "--format", "json", db=db))
    assert tree["time"] == {"at": "latest", "from": "latest"}
    assert _kids(tree, "head") == ["Trần Việt Trường"]
    assert _kids(tree, "former_head") == ["Võ Thành Thống"]  # his own evidence says nguyên: never head
    assert _kids(tree, "deputy") == ["Nguyễn Ngọc Hè", "Đào Anh Dũng", "Nguyễn Thực Hiện"]  # dated, bounded, undated
    then = json.loads(ok("chain", UBND, "--depth", "1", "--on", "2018-05", "--format", "json", db=db))
    assert then["time"] == {"at": "2018-05", "from": "asked (--on)"}
    assert _kids(then, "head") == ["Võ Thành Thống"] and _kids(then, "other_head") == ["Trần Việt Trường"]
    thong = next(c for c in then["children"] if c["name"] == "Võ Thành Thống")
    assert thong["evidence"][-1]["article"] == "2018_can_tho" and thong["evidence"][-1]["when"] == "2018-03-15"
    text = ok("chain", UBND, "--depth", "1", "--on", "2018-05", db=db)
    assert "holders of posts as of 2018-05" in text and "head at another time: Trần Việt Trường" in text
    assert "former head: Võ Thành Thống" in ok("chain", UBND, "--depth", "1", db=db)


def test_chain_of_a_dated_document_shows_the_heads_of_its_time(tmp_path):
    kg = KnowledgeGraph()
    a18, a24 = "a2018", "a2024"
    kg.add_node("Article", a18, date=date(2018, 3, 15))
    kg.add_node("Article", a24, date=date(2024, 5, 28))
    ubnd = kg.add_node("Agency", make_id("Agency", "ubnd"), name=UBND, key="ủy ban nhân dân thành phố cần thơ",
                       folded="uy ban nhan dan thanh pho can tho")
    role = kg.add_node("Role", make_id("Role", "chu tich ubnd"), title="Chủ tịch", name="Chủ tịch " + UBND,
                       rank="head")
    kg.add_fact("OF", role, ubnd, Source(a18, "s", 0))
    thong = kg.add_node("Person", make_id("Person", "thong"), name="Võ Thành Thống", key="võ thành thống",
                        folded="vo thanh thong")
    truong = kg.add_node("Person", make_id("Person", "truong"), name="Trần Việt Trường", key="trần việt trường",
                         folded="tran viet truong")
    kg.add_fact("HOLDS", thong, role, Source(a18, S_THONG_2018, 0, "body", "current"))
    kg.add_fact("HOLDS", thong, role, Source(a24, S_THONG_NGUYEN, 300, "body", "former"))
    kg.add_fact("HOLDS", truong, role, Source(a24, S_TRUONG_2024, 0, "body", "current"))
    doc = kg.add_node("Resolution", make_id("Resolution", "45"), number="45/2017/NQ-HĐND", doc_type="Nghị quyết",
                      date=date(2017, 12, 7), key="45")
    kg.add_fact("RESPONSIBLE_FOR", ubnd, doc, Source(a18, S_THONG_2018, 0))
    from graph_fixture import write_store

    store = str(write_store(kg, tmp_path / "db"))
    tree = json.loads(ok("chain", "45/2017/NQ-HĐND", "--format", "json", db=store))
    assert tree["time"] == {"at": "2017-12-07", "from": "the document's date"}
    (body,) = [c for c in tree["children"] if c["relation"] == "carried_out_by"]
    assert _kids(body, "other_head") == ["Trần Việt Trường", "Võ Thành Thống"] and not _kids(body, "head")
    tree = json.loads(ok("chain", "45/2017/NQ-HĐND", "--on", "2019", "--format", "json", db=store))
    (body,) = [c for c in tree["children"] if c["relation"] == "carried_out_by"]
    assert _kids(body, "head") == ["Võ Thành Thống"] and _kids(body, "other_head") == ["Trần Việt Trường"]


# -- the model: statements of real sentences ----------------------------------------------------------

S_THONG_2018 = ("Sáng 15-3, ông Võ Thành Thống, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ, chủ trì buổi làm "
                "việc với Sở Xây dựng.")
S_THONG_NGUYEN = "Dự buổi gặp mặt có ông Võ Thành Thống, nguyên Phó Bí thư Thành ủy, nguyên Chủ tịch UBND TP Cần Thơ."
S_TRUONG_2024 = "Ngày 28-5, ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ, chủ trì buổi gặp mặt."
S_PLAIN = "Chủ tịch UBND TP Cần Thơ Võ Thành Thống chủ trì hội nghị."


def _fact(*sources, dates=None):
    kg = KnowledgeGraph()
    for aid, d in (dates or {}).items():
        kg.add_node("Article", aid, **d)
    kg.add_node("Person", "person/thong", name="Võ Thành Thống")
    kg.add_node("Role", "role/chu-tich", title="Chủ tịch", name="Chủ tịch " + UBND, rank="head")
    for s in sources:
        kg.add_fact("HOLDS", "person/thong", "role/chu-tich", s)
    return kg, kg.g.edges["person/thong", "role/chu-tich", "HOLDS"]


def test_four_nguyen_beat_one_plain_mention_in_one_article():
    srcs = [Source("a", S_PLAIN, 0, "body", "current")] + [
        Source("a", S_THONG_NGUYEN + f" ({i})", 100 * (i + 1), "body", "former") for i in range(4)]
    _, fact = _fact(*srcs, dates={"a": {"date": date(2024, 5, 28)}})
    assert fact["status"] == "former" and fact["status_basis"] == "date"
    # one against one: the article's first mention (its headline first) decides
    _, fact = _fact(Source("b", S_THONG_NGUYEN, 500, "body", "former"), Source("b", S_PLAIN, 0, "title", "current"),
                    dates={"b": {"date": date(2024, 5, 28)}})
    assert fact["status"] == "current"


def test_an_undated_source_never_overrides_a_dated_one():
    _, fact = _fact(Source("d", S_THONG_2018, 0, "body", "current"), Source("u", S_THONG_NGUYEN, 0, "body", "former"),
                    Source("c", S_THONG_NGUYEN, 0, "body", "former"),
                    dates={"d": {"date": date(2018, 3, 15)}, "u": {}, "c": {"date_upper": date(2019, 1, 1)}})
    assert (fact["status"], fact["status_basis"], fact["status_article"]) == ("current", "date", "d")
    assert (fact["first_bound"], fact["last_bound"]) == (date(2019, 1, 1), date(2019, 1, 1))
    # without a dated one, the latest bound decides; without a bound, the majority
    _, fact = _fact(Source("c1", S_THONG_2018, 0, "body", "current"), Source("c2", S_THONG_NGUYEN, 0, "body", "former"),
                    dates={"c1": {"date_upper": date(2017, 2, 6)}, "c2": {"date_upper": date(2017, 6, 8)}})
    assert (fact["status"], fact["status_basis"], fact.get("as_of")) == ("former", "bound", None)
    _, fact = _fact(Source("u1", S_PLAIN, 0, "body", "current"), Source("u2", S_PLAIN, 0, "body", "current"),
                    Source("u3", S_THONG_NGUYEN, 0, "body", "former"))
    assert (fact["status"], fact["status_basis"]) == ("current", "undated")


def test_removing_an_article_recomputes_the_status():
    kg, fact = _fact(Source("a18", S_THONG_2018, 0, "body", "current"),
                     Source("a24", S_THONG_NGUYEN, 0, "body", "former"),
                     dates={"a18": {"date": date(2018, 3, 15)}, "a24": {"date": date(2024, 5, 28)}})
    assert (fact["status"], fact["last_seen"], fact["held_to"]) == ("former", date(2024, 5, 28), date(2018, 3, 15))
    kg.remove_article("a24")
    fact = kg.g.edges["person/thong", "role/chu-tich", "HOLDS"]
    assert (fact["status"], fact["last_seen"], fact["status_article"]) == ("current", date(2018, 3, 15), "a18")


def test_a_statement_dated_by_its_sentence(tmp_path):
    """"Năm 2015, ông ... giữ chức": the recognisers may give a source ``stated_on``; it is the
    statement's time, kept through the store and RDF."""
    s = Source("a24", "Năm 2015, ông Võ Thành Thống giữ chức Chủ tịch UBND TP Cần Thơ.", 0, "body", "current", "2015")
    assert Source("a", "s", stated_on=date(2015, 11, 7)).stated_on == "2015-11-07"
    kg, fact = _fact(s, Source("a24", S_THONG_NGUYEN, 200, "body", "former"),
                     dates={"a24": {"date": date(2024, 5, 28)}})
    assert (fact["first_seen"], fact["held_from"], fact["last_seen"]) == (date(2015, 1, 1), date(2015, 1, 1),
                                                                         date(2024, 5, 28))
    assert fact["status"] == "former" and fact["as_of"] == date(2024, 5, 28)
    from govkg.graph.store import EmbeddedStore
    from graph_fixture import write_store

    back = EmbeddedStore(write_store(kg, tmp_path / "db")).read_graph()
    got = back.g.edges["person/thong", "role/chu-tich", "HOLDS"]
    assert [x.stated_on for x in got["sources"]] == ["2015", None]
    assert got["held_from"] == date(2015, 1, 1) and got["status_basis"] == "date"
    import io

    rdflib = pytest.importorskip("rdflib")
    from govkg.graph import rdf

    buf = io.StringIO()
    rdf.serialize(back, "turtle", buf)
    again = rdf.graph_from_rdf(rdflib.Graph().parse(data=buf.getvalue(), format="turtle"))
    assert sorted(x.stated_on or "" for x in again.g.edges["person/thong", "role/chu-tich", "HOLDS"]["sources"]) == [
        "", "2015"]


# -- tenure: the rules on statements ------------------------------------------------------------------

def _st(day: str | None, status: str = "current", article: str = "a", upper: str | None = None) -> tn.Statement:
    w = tn.parse_when(day) if day else (tn.article_when(None, date.fromisoformat(upper)) if upper else tn.NO_TIME)
    return tn.Statement(w, status, article)


def _holding(person: str, *stmts, rank: str = "head", role: str = "chu-tich", agency: str = "ubnd",
             title: str = "Chủ tịch") -> tn.Holding:
    return tn.Holding((person, role), person, person, role, title, agency, rank, list(stmts))


def _states(holdings, on):
    at = tn.parse_when(on) if on else None
    return {k[0] if k[1] == "chu-tich" else k: (s.state, s.shown) for k, s in tn.standings(holdings, at).items()}


def test_a_successor_ends_the_presumption_in_a_one_seat_post():
    hs = [_holding("P", _st("2018-03-15")), _holding("Q", _st("2020-06-01"))]
    assert _states(hs, "2021-01-01") == {"P": ("succeeded", False), "Q": ("presumed", True)}
    assert _states(hs, "2019-01-01") == {"P": ("presumed", True), "Q": ("later", False)}
    assert _states(hs, None) == {"P": ("succeeded", False), "Q": ("presumed", True)}
    # deputies are many: a later deputy ends nobody's presumption
    hs = [_holding("P", _st("2018-03-15"), rank="deputy"), _holding("Q", _st("2020-06-01"), rank="deputy")]
    assert _states(hs, "2021-01-01") == {"P": ("presumed", True), "Q": ("presumed", True)}


def test_a_deputy_who_became_head_left_the_deputy_post():
    hs = [_holding("P", _st("2018-03-15"), rank="deputy", role="pho", title="Phó Chủ tịch"),
          _holding("P", _st("2020-06-01"))]
    st = tn.standings(hs, tn.parse_when("2021"))
    assert st[("P", "pho")].state == "succeeded" and "Chủ tịch" in st[("P", "pho")].note
    assert st[("P", "chu-tich")].state == "presumed"
    assert tn.standings(hs, tn.parse_when("2019"))[("P", "pho")].state == "presumed"
    # head on or before 2017-02-06 and in 2021 (held over 2017-05): no longer the deputy of 2013
    hs = [_holding("P", _st("2013-10-23"), rank="deputy", role="pho", title="Phó Thủ tướng"),
          _holding("P", _st(None, upper="2017-02-06"), _st("2021-03-31", article="b"), title="Thủ tướng")]
    st = tn.standings(hs, tn.parse_when("2017-05"))
    assert st[("P", "pho")].state == "succeeded" and "held Thủ tướng then" in st[("P", "pho")].note


def test_nguyen_after_the_date_leaves_the_holder_presumed_with_a_note():
    h = _holding("P", _st("2018-03-15"), _st("2024-05-28", "former", "b"))
    s = tn.standing_of(h, tn.parse_when("2020-01-01"))
    assert s.state == "presumed" and "stated former on 2024-05-28" in s.note
    assert tn.standing_of(h, tn.parse_when("2024-06-01")).state == "ended"
    assert tn.standing_of(h, tn.parse_when("2024-05-28")).state == "ended"  # former on that very day
    only_former = _holding("P", _st("2024-05-28", "former"))
    assert tn.standing_of(only_former, tn.parse_when("2018")).state == "formerly"  # held once, when unknown


def test_stated_before_and_after_is_held_and_a_term_later_lapsed():
    h = _holding("P", _st("2016-05-01"), _st("2019-05-01", article="b"))
    assert tn.standing_of(h, tn.parse_when("2017-08-01")).state == "held"
    assert tn.standing_of(h, tn.parse_when("2023-08-01")).state == "presumed"
    assert tn.standing_of(h, tn.parse_when("2025-08-01")).state == "lapsed"


def test_a_crawl_date_orders_only_where_it_is_sound():
    # P stated on or before 2017-06-08; Q dated 2017-07-01, after that bound: P surely came first
    hs = [_holding("P", _st(None, upper="2017-06-08")), _holding("Q", _st("2017-07-01", article="q"))]
    assert _states(hs, "2017-08-01") == {"P": ("succeeded", False), "Q": ("presumed", True)}
    # Q dated 2017-05-01, before P's bound: either may be the later one, and both are shown
    hs = [_holding("P", _st(None, upper="2017-06-08")), _holding("Q", _st("2017-05-01", article="q"))]
    assert _states(hs, "2017-08-01") == {"P": ("presumed", True), "Q": ("presumed", True)}
    # a bound after the date: maybe before, maybe after it
    assert _states(hs[:1], "2017-06-01") == {"P": ("possible", True)}
    assert _states(hs[:1], "2010-06-01") == {"P": ("later", False)}  # a bound years after says nothing of 2010


def test_a_year_shows_both_holders_of_a_change_and_a_day_only_one():
    hs = [_holding("P", _st("2018-02-01"), _st("2018-09-01", "former", "x")),
          _holding("Q", _st("2018-09-01", article="x"))]
    assert _states(hs, "2018") == {"P": ("held", True), "Q": ("held", True)}
    assert _states(hs, "2018-10-01") == {"P": ("ended", False), "Q": ("presumed", True)}
    # someone held at that very day rules out one who only may have held it
    hs = [_holding("P", _st(None, upper="2018-12-01")), _holding("Q", _st("2018-10-01", article="x"))]
    assert _states(hs, "2018-10-01") == {"P": ("succeeded", False), "Q": ("held", True)}


def test_one_held_over_the_whole_date_rules_out_the_presumed():
    # the Prime Minister: P last stated in 2013; Q stated on or before 2017-02-06 and in 2021
    hs = [_holding("P", _st("2013-11-10")), _holding("Q", _st(None, upper="2017-02-06"), _st("2021-03-31", article="q"))]
    st = tn.standings(hs, tn.parse_when("2017-05"))
    assert (st[("Q", "chu-tich")].state, st[("Q", "chu-tich")].covers) == ("held", True)
    assert st[("P", "chu-tich")].state == "succeeded" and "but Q held it then" in st[("P", "chu-tich")].note


def test_undated_statements_cannot_be_placed():
    assert _states([_holding("P", _st(None))], "2018") == {"P": ("undated", False)}
    assert _states([_holding("P", _st(None))], None) == {"P": ("undated", False)}


def test_json_export_keeps_its_shape_and_adds_the_time(db):
    doc = json.loads(ok("export", "--format", "json", db=db))
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert all({"id", "label"} <= set(n) for n in doc["nodes"])
    assert nodes["crawled_can_tho"]["date_upper"] == "2017-06-08" and "date" not in nodes["crawled_can_tho"]
    assert nodes["2018_can_tho"]["date_source"] == "text"
    thong = next(n["id"] for n in doc["nodes"] if n.get("name") == "Võ Thành Thống")
    holds = [e for e in doc["edges"] if e["type"] == "HOLDS" and e["source"] == thong]
    chair = next(e for e in holds if nodes[e["target"]]["title"] == "Chủ tịch")
    assert (chair["status"], chair["status_basis"], chair["held_to"], chair["as_of"]) == (
        "former", "date", "2018-03-15", "2024-05-28")
    assert all({"article", "sentence"} <= set(s) and "stated_on" not in s for e in doc["edges"] for s in e["sources"])
    dung = next(e for e in doc["edges"] if e["type"] == "HOLDS" and nodes[e["source"]].get("name") == "Đào Anh Dũng")
    assert dung["last_bound"] == "2017-06-08" and "as_of" not in dung


def test_a_2016_document_has_one_prime_minister_not_the_one_quoted_as_nguyen():
    # crawl-dated 2017 articles: "nguyên Thủ tướng Nguyễn Tấn Dũng", "Thủ tướng Nguyễn Xuân Phúc"
    hs = [_holding("Dũng", _st(None, "former", upper="2017-06-01")),
          _holding("Phúc", _st(None, upper="2017-06-08", article="b"))]
    assert _states(hs, "2016") == {"Dũng": ("formerly", False), "Phúc": ("possible", True)}


@pytest.mark.parametrize("sentence, stated_on", [
    # a sentence dated years before its article states the post as of that year
    ("Năm 2005, ông Nguyễn Văn Bình, Chủ tịch UBND tỉnh Quảng Nam, đã ký quyết định.", "2005"),
    ("Tháng 11/2007, Chủ tịch UBND tỉnh Quảng Nam Nguyễn Văn Bình thăm Cuba.", "2007"),
    # a year that belongs to something else dates nothing: a birth, a law's name
    ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung thăm chị Trần Thị Thanh (sinh năm 1985) tại bệnh viện.", None),
    ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung thăm anh Lê Văn Tám (SN 1990).", None),
    ("Ông Nguyễn Văn Bình, Chủ tịch UBND tỉnh Quảng Nam, cho biết theo Luật Đất đai năm 2013 thì việc thu hồi "
     "là đúng.", None),
])
def test_a_sentence_dates_a_post_only_by_a_year_that_dates_the_sentence(sentence, stated_on):
    from govkg.loaders.article import Article
    from govkg.loaders.extract import article_graph

    kg = article_graph(Article("t", sentence, date=date(2017, 6, 20)))
    (_, _, d), = kg.edges("HOLDS")
    assert [s.stated_on for s in d["sources"]] == [stated_on]
