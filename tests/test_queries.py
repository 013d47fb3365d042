"""Named queries: their files, their portability, and their answers on the embedded store.

Every named query runs unchanged on two stores: the hand-built graph of the sample articles' seed
facts (``graph_fixture``) and the store ``govkg load`` builds from the real sample articles
(conftest's ``seed_store``).
"""

from __future__ import annotations

import re

import pytest

from graph_fixture import A0, A3, hand_store
from govkg.graph.schema import schema
from govkg.graph.store import EmbeddedStore
from govkg.queries import resolve as rs
from govkg.queries import runner as rq
from govkg.queries.runner import (
    LOOKUP_QUERIES,
    QUERY_DIR,
    QueryError,
    format_timings,
    generated_queries,
    list_queries,
    load_query,
    run_query,
    run_records,
    time_named_queries,
)


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    store = EmbeddedStore(hand_store(tmp_path_factory))
    yield store
    store.close()


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    store = EmbeddedStore(hand_store(tmp_path_factory, "history"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def real(seed_store):
    store = EmbeddedStore(seed_store)
    yield store
    store.close()


@pytest.fixture(params=["hand", "real"])
def store(request):
    return request.getfixturevalue(request.param)


def one(backend, label: str, text: str) -> str:
    fn = {"Person": rs.resolve_person, "Agency": rs.resolve_agency, "Resolution": rs.resolve_resolution}[label]
    return fn(backend, text).id


def params_for(backend) -> dict[str, dict]:
    """Parameters for every named query, on the sample entities of ``backend``."""
    person = one(backend, "Person", "Nguyễn Ngọc Tuấn")
    agency = one(backend, "Agency", "UBND TP Cần Thơ")
    doc = one(backend, "Resolution", "59-NQ/TW")
    projects = [c.id for c in rs.project_candidates(backend, "Hệ thống xử lý nước thải Yên Xá")]
    events = [r["id"] for r in run_records(backend, "chain_person", {"ids": [person]}) if r["label"] == "Event"]
    return {
        "all_roles": {},
        "find_person": rs.person_params("nguyen ngoc tuan"),
        "find_person_like": rs.like_params("ngoc tuan"),
        "find_agency": rs.agency_params("UBND TP Cần Thơ"),
        "find_agency_like": rs.like_params("UBND Cần Thơ"),
        "find_agency_alias": rs.agency_alias_params("Thành ủy TP Cần Thơ"),
        "find_resolution": rs.resolution_params("59-NQ/TW"),
        "find_resolution_like": rs.resolution_like_params("59-NQ"),
        "find_project": rs.project_params("Hệ thống xử lý nước thải Yên Xá"),
        "find_project_like": rs.project_like_params("yên xá"),
        "search": rs.search_params("can tho"),
        "who_leads": {"agency_ids": [agency]},
        "post_history": {"agency_ids": [agency]},
        "post_holders": {"role_ids": [r["role_id"] for r in run_records(backend, "roles_of", {"person_ids": [person]})]},
        "roles_of": {"person_ids": [person]},
        "chain_resolution": {"ids": [doc]},
        "chain_agency": {"ids": [agency]},
        "chain_person": {"ids": [person]},
        "chain_project": {"ids": projects},
        "chain_event": {"ids": events},
        "neighbours": {"ids": [person, agency]},
        "node_by_id": {"ids": [person, agency, doc, A0]},
        "stats_nodes": {},
        "stats_edges": {},
        "stats_articles": {},
        "article_times": {"ids": [A0, "003_cc153bd936ce14ee", "no-such-article"]},
        "all_article_times": {},
        "article": {"id": A0},
        "article_mentions": {"id": A0},
        "article_files": {},
    }


# -- the files -------------------------------------------------------------------------------------

def test_every_query_has_a_header_and_params():
    qs = list_queries()
    assert len(qs) >= 15
    for q in qs:
        assert q.description, f"{q.name}: no '// {q.name}: description' header"
        assert q.params_doc, f"{q.name}: no '// params:' header"
        used = set(re.findall(r"\$([A-Za-z_]\w*)", q.text))
        assert used == set(q.params), f"{q.name}: header declares {q.params}, text uses {sorted(used)}"


def test_lookup_queries_exist():
    names = {q.name for q in list_queries()}
    assert set(LOOKUP_QUERIES) <= names


def test_generated_queries_follow_the_schema():
    for name, text in generated_queries().items():
        on_disk = (QUERY_DIR / f"{name}.cypher").read_text("utf-8")
        assert on_disk == text, f"{name}.cypher is stale: run govkg.queries.runner.write_generated_queries()"
    stats_nodes = load_query("stats_nodes").text
    stats_edges = load_query("stats_edges").text
    for label in schema().nodes:
        assert f"(n:{label})" in stats_nodes
    for etype in schema().edges:
        assert f"[e:{etype}]" in stats_edges


PORTABILITY = [
    (r"=~", "regular expressions (=~) differ between engines"),
    (r"\blabels?\s*\(", "label()/labels() differ between engines"),
    (r"\btype\s*\(", "type() is Neo4j only"),
    (r"\bapoc\.", "APOC is a Neo4j plugin"),
    (r"\w\s*\[\s*-?\d+\s*\]", "list indexes are 0-based in Neo4j, 1-based in LadybugDB"),
    (r"\b(toString|toInteger|toFloat|elementId|id)\s*\(", "conversion/id functions differ between engines"),
    (r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP)\b", "named queries only read"),
    (r"\bWITH\b[^\n]*\bORDER BY\b", "LadybugDB wants SKIP/LIMIT after ORDER BY in WITH"),
    (r"\[\s*\w+\s+IN\b[^\]]*\|", "list comprehensions do not parse in LadybugDB"),
]


@pytest.mark.parametrize("q", list_queries(), ids=lambda q: q.name)
def test_queries_use_portable_cypher(q):
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("//"))
    for pattern, why in PORTABILITY:
        assert not re.search(pattern, body), f"{q.name}: {why}"


def test_run_query_checks_parameters(hand):
    with pytest.raises(QueryError, match="needs parameter agency_ids"):
        run_query(hand, "who_leads", {})
    with pytest.raises(QueryError, match="takes no parameter"):
        run_query(hand, "stats_nodes", {"x": 1})
    with pytest.raises(QueryError, match="no named query"):
        load_query("nope")


def test_engine_errors_are_one_line(hand):
    from govkg.queries.runner import execute

    with pytest.raises(QueryError) as e:
        execute(hand, "MATCH (n:Person) RETURN n.name +")
    assert "\n" not in str(e.value) and "line: 1" in str(e.value)


# -- every query runs, on both stores ------------------------------------------------------------------

def test_every_named_query_runs(store):
    params = params_for(store)
    assert set(params) == {q.name for q in list_queries()}, "add the new query to params_for()"
    for name, p in params.items():
        cols, rows = run_query(store, name, p)
        assert cols, name


class AsWritten:
    """The embedded store, given each named query's text as written (as Neo4j gets it)."""

    def __init__(self, store) -> None:
        self.store = store

    def query(self, cypher, params=None):
        return self.store.query(cypher, params)


def test_one_id_lists_give_the_same_answers(store):
    """A list parameter holding one id runs as a primary-key lookup on the embedded store
    (``x.id = $v`` instead of ``x.id IN $list``): every named query answers the same as written,
    with one id and with several."""
    assert store.scans_id_lists
    rewritten = 0
    for name, p in params_for(store).items():
        lists = [k for k, v in p.items() if isinstance(v, list) and v]
        for k in lists:
            for value in p[k][:2]:
                one = {**p, k: [value]}
                text, _ = rq._one_id_form(load_query(name), one)
                rewritten += f"${k}__one" in text
                assert sorted(map(repr, run_query(store, name, one)[1])) == \
                    sorted(map(repr, run_query(AsWritten(store), name, one)[1])), (name, k, value)
        if lists:
            assert sorted(map(repr, run_query(store, name, p)[1])) == \
                sorted(map(repr, run_query(AsWritten(store), name, p)[1])), name
    assert rewritten >= 10  # the queries that take ids are rewritten, so this compares something


class Keeping(AsWritten):
    """The embedded store with a :class:`RowsById`, as the web view holds one."""

    def __init__(self, store, max_rows: int) -> None:
        super().__init__(store)
        self.scans_id_lists = True
        self.rows_by_id = rq.RowsById(max_rows)


@pytest.mark.parametrize("max_rows", [100_000, 3])
def test_chain_steps_kept_by_id_give_the_same_answers(store, max_rows):
    """The chain queries answered from rows kept by id (some ids kept, some not, repeated, in any
    order, with a store of rows that fills up and starts again) are the queries' answers."""
    kept = Keeping(store, max_rows)
    asked = 0
    for name, p in params_for(store).items():
        if name not in rq.BY_ID:
            continue
        ids = p["ids"]
        for sub in (ids[:1], ids, list(reversed(ids)) + ids[:1], ids[1:]):
            if not sub:
                continue
            want = sorted(map(repr, run_query(AsWritten(store), name, {"ids": sub})[1]))
            cols, rows = run_query(kept, name, {"ids": sub})
            assert cols == run_query(AsWritten(store), name, {"ids": sub})[0]
            assert sorted(map(repr, rows)) == want, (name, sub)
            assert all(r[0] in sub for r in rows)
            asked += bool(rows)
    assert asked >= 4 and kept.rows_by_id.size > 0


# -- answers ----------------------------------------------------------------------------------------

SEED_LEADERS = [
    ("UBND TP Cần Thơ", "Trần Việt Trường", "Chủ tịch"),
    ("Thành ủy Cần Thơ", "Nguyễn Văn Hiếu", "Bí thư"),
    ("UBND tỉnh Đồng Tháp", "Phạm Thiện Nghĩa", "Chủ tịch"),
    ("HĐND TP Hà Nội", "Nguyễn Ngọc Tuấn", "Chủ tịch"),
    ("Ban Chỉ đạo Chương trình 03-CTr/TU", "Nguyễn Ngọc Tuấn", "Trưởng ban"),
]


@pytest.mark.parametrize("agency,person,title", SEED_LEADERS)
def test_who_leads_the_seed_agencies(store, agency, person, title):
    rows = run_records(store, "who_leads", {"agency_ids": [one(store, "Agency", agency)]})
    assert rows[0]["rank"] == "head"
    assert (rows[0]["person"], rows[0]["title"]) == (person, title)
    assert rows[0]["sentences"] and rows[0]["articles"]
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks, key=["head", "deputy", "member"].index)


def test_steering_committee_has_two_deputies(hand):
    rows = run_records(hand, "who_leads", {"agency_ids": [one(hand, "Agency", "Ban Chỉ đạo Chương trình 03-CTr/TU")]})
    assert [(r["rank"], r["person"]) for r in rows][0] == ("head", "Nguyễn Ngọc Tuấn")
    assert sorted((r["rank"], r["person"]) for r in rows[1:]) == [
        ("deputy", "Dương Đức Tuấn"), ("deputy", "Nguyễn Doãn Toản")]


def test_roles_of_a_person_typed_without_diacritics(store):
    person = rs.resolve_person(store, "nguyen ngoc tuan")
    assert person.name == "Nguyễn Ngọc Tuấn"
    rows = run_records(store, "roles_of", {"person_ids": [person.id]})
    assert len(rows) >= 3
    assert {(r["title"], r["organization"]) for r in rows} >= {
        ("Phó Bí thư", "Thành ủy Hà Nội"), ("Chủ tịch", "HĐND TP Hà Nội"),
        ("Trưởng ban", "Ban Chỉ đạo Chương trình 03-CTr/TU")}


def test_all_roles_has_every_post(hand):
    rows = run_records(hand, "all_roles")
    assert len(rows) == 17
    assert all(r["articles"] and len(r["articles"]) == len(r["sentences"]) for r in rows)


def test_sentences_are_stored_once_and_queries_give_their_text(store):
    """A sentence stating several facts is one Sentence row; a named query's ``sentences`` column
    is the text of the ids its facts name, in their order."""
    from govkg.graph.rows import sentence_rows

    kg = store.read_graph()
    cited = sentence_rows(d for _, _, d in kg.g.edges(data=True))
    stored = dict(store.rows("MATCH (s:Sentence) RETURN s.id, s.text"))
    assert stored == {i: r["text"] for i, r in cited.items()}
    assert len(stored) < sum(len(d["sources"]) for _, _, d in kg.g.edges(data=True))
    q = rq.load_query("all_roles")
    cols, raw = store.query(q.text, {})
    at = cols.index("sentences")
    given = run_records(store, "all_roles")
    assert [r["sentences"] for r in given] == [[stored[i] for i in row[at]] for row in raw]
    assert all(t for r in given for t in r["sentences"])


def test_a_backend_that_keeps_sentences_asks_only_for_new_ones(store):
    class Keeping:
        def __init__(self, inner):
            self.inner, self.kept_sentences, self.asked = inner, {}, []

        def query(self, cypher, params=None):
            self.asked.append(cypher)
            return self.inner.query(cypher, params)

    b = Keeping(store)
    first = run_records(b, "all_roles")
    assert b.kept_sentences and sum("Sentence" in c for c in b.asked) == 1
    b.asked.clear()
    assert run_records(b, "all_roles") == first == run_records(store, "all_roles")
    assert not any("Sentence" in c for c in b.asked)


def test_a_backend_whose_kept_sentences_fill_up_starts_again(store, monkeypatch):
    class Keeping:
        def __init__(self, inner):
            self.inner, self.kept_sentences = inner, {}

        def query(self, cypher, params=None):
            return self.inner.query(cypher, params)

    want = run_records(store, "all_roles")
    n = len({t for r in want for t in r["sentences"]})
    monkeypatch.setattr(rq, "KEPT_SENTENCES", n - 1)  # the second answer would pass it: kept starts again
    b = Keeping(store)
    assert run_records(b, "roles_of", {"person_ids": [one(store, "Person", "Nguyễn Ngọc Tuấn")]})
    assert b.kept_sentences
    assert run_records(b, "all_roles") == want
    assert len(b.kept_sentences) == n


def test_chain_of_59(store):
    doc = one(store, "Resolution", "59-NQ/TW")
    rows = run_records(store, "chain_resolution", {"ids": [doc]})
    steps = {(r["step"], r["name"]) for r in rows}
    assert ("issued_by", "Bộ Chính trị") in steps
    assert ("implemented_by", "98/NQ-CP") in steps
    issuer_of_98 = run_records(store, "chain_resolution", {"ids": [one(store, "Resolution", "98/NQ-CP")]})
    assert ("issued_by", "Chính phủ") in {(r["step"], r["name"]) for r in issuer_of_98}
    events = [r["id"] for r in rows if r["step"] == "event"]
    chairs = run_records(store, "chain_event", {"ids": events})
    assert "Trần Việt Trường" in {r["name"] for r in chairs if r["step"] == "chaired_by"}


def test_chain_of_59_bodies_carrying_it_out(hand):
    rows = run_records(hand, "chain_resolution", {"ids": [one(hand, "Resolution", "59-NQ/TW")]})
    assert "UBND TP Cần Thơ" in {r["name"] for r in rows if r["step"] == "carried_out_by"}
    assert any(r["step"] == "steered_by" and r["place"] == "Cần Thơ" for r in rows)


def test_post_history_is_in_order(history):
    agency = one(history, "Agency", "UBND TP Cần Thơ")
    rows = [r for r in run_records(history, "post_history", {"agency_ids": [agency]}) if r["title"] == "Chủ tịch"]
    assert [r["person"] for r in rows] == ["Lê Quang Mạnh", "Trần Việt Trường"]
    assert rows[0]["status"] == "former"
    assert str(rows[0]["first_seen"]) == "2019-03-01" and str(rows[1]["last_seen"]) == "2024-05-28"


def test_stats_queries_count_the_store(hand):
    from graph_fixture import build_seed_graph

    expected = build_seed_graph().stats()
    nodes = {r["label"]: r["count"] for r in run_records(hand, "stats_nodes") if r["count"]}
    edges = {r["type"]: r["count"] for r in run_records(hand, "stats_edges") if r["count"]}
    assert nodes == expected["nodes"] and edges == expected["edges"]
    arts = run_records(hand, "stats_articles")[0]
    assert (arts["articles"], arts["dated"], str(arts["first_date"])) == (5, 4, "2018-06-18")


def test_neighbours_skip_mentions(hand):
    person = one(hand, "Person", "Trần Việt Trường")
    rows = run_records(hand, "neighbours", {"ids": [person]})
    assert rows and all(r["type"] != "MENTIONS" and r["label"] != "Article" for r in rows)
    assert {r["type"] for r in rows} >= {"HOLDS", "CHAIRED", "DIRECTED"}


def test_node_by_id(hand):
    rows = run_records(hand, "node_by_id", {"ids": [one(hand, "Resolution", "98/NQ-CP"), A3]})
    assert {(r["label"], r["name"]) for r in rows} == {
        ("Resolution", "98/NQ-CP"), ("Article", "Rà soát lại các chỉ tiêu, nhiệm vụ để thực hiện hiệu quả Chương trình 03")}


# -- resolving what users type -----------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["UBND TP Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ", "ubnd tp can tho",
                                   "Uỷ ban nhân dân TP Cần Thơ", "UBND thành phố Cần Thơ"])
def test_agency_spellings(store, typed):
    assert rs.resolve_agency(store, typed).name == "UBND TP Cần Thơ"


@pytest.mark.parametrize("typed", ["Thành ủy TP Cần Thơ", "Thành ủy thành phố Cần Thơ", "thanh uy can tho",
                                   "Thành uỷ Cần Thơ"])
def test_agency_aliases_and_place_words(hand, typed):
    assert rs.resolve_agency(hand, typed).name == "Thành ủy Cần Thơ"


def test_agency_ambiguous_lists_candidates(hand):
    with pytest.raises(rs.Ambiguous) as e:
        rs.resolve_agency(hand, "UBND")
    names = {c.name for c in e.value.candidates}
    assert {"UBND TP Cần Thơ", "UBND tỉnh Đồng Tháp", "UBND TP Hà Nội"} <= names
    with pytest.raises(rs.NotFound):
        rs.resolve_agency(hand, "Bộ Quốc phòng")


def test_alias_query(hand):
    rows = run_records(hand, "find_agency_alias", rs.agency_alias_params("Thành ủy TP Cần Thơ"))
    assert {(r["name"], r["score"]) for r in rows} == {("Thành ủy Cần Thơ", 5), ("Thành ủy Cần Thơ", 4)}
    rows = run_records(hand, "find_agency_alias", rs.agency_alias_params("Sở KH&ĐT Hà Nội"))
    assert {r["name"] for r in rows} == {"Sở Kế hoạch và Đầu tư Hà Nội"}
    assert run_records(hand, "find_agency", rs.agency_params("Thành ủy TP Cần Thơ")) == []


def test_like_queries_only_when_nothing_exact(hand):
    rows = run_records(hand, "find_agency_like", rs.like_params("UBND Cần Thơ"))
    assert [r["name"] for r in rows] == ["UBND TP Cần Thơ"]
    assert rs.resolve_agency(hand, "ubnd can tho").name == "UBND TP Cần Thơ"
    assert rs.resolve_agency(hand, "Ban Chỉ đạo Chương trình 03").name == "Ban Chỉ đạo Chương trình 03-CTr/TU"
    assert rs.resolve_person(hand, "ngoc tuan").name == "Nguyễn Ngọc Tuấn"
    rows = run_records(hand, "find_resolution_like", rs.resolution_like_params("45/2022"))
    assert [(r["number"], r["score"]) for r in rows] == [("45/2022/QH15", 2)]


def test_person_folded_and_ambiguous(hand):
    assert rs.resolve_person(hand, "NGUYEN NGOC TUAN").name == "Nguyễn Ngọc Tuấn"
    assert rs.resolve_person(hand, "Nguyễn Ngọc Tuấn").score == 4
    with pytest.raises(rs.Ambiguous) as e:
        rs.resolve_person(hand, "tuan")
    assert {c.name for c in e.value.candidates} == {"Nguyễn Ngọc Tuấn", "Dương Đức Tuấn"}
    assert all(c.info.get("posts") for c in e.value.candidates)  # what tells them apart


@pytest.mark.parametrize("typed,expected", [
    ("03 -CTr/TU", "03-ctr/tu"), ("03-ctr/tu", "03-ctr/tu"), ("số 271", "271"), ("45 / 2022 / QH15", "45/2022/qh15"),
    ("98/NQ-CP", "98/nq-cp"), ("59 - NQ/TW", "59-nq/tw"),
])
def test_normalise_number(typed, expected):
    assert rs.normalise_number(typed) == expected


def test_looks_like_number():
    assert rs.looks_like_number("59-NQ/TW") and rs.looks_like_number("Nghị quyết 98/NQ-CP")
    assert rs.looks_like_number("số 271") and not rs.looks_like_number("UBND TP Cần Thơ")


def test_resolutions_by_number_alias_term_issuer(store):
    assert rs.resolve_resolution(store, "45/2022/NQ-QH").name == "45/2022/QH15"
    assert rs.resolve_resolution(store, "Nghị quyết 98/NQ-CP").name == "98/NQ-CP"
    with pytest.raises(rs.Ambiguous) as e:
        rs.resolve_resolution(store, "03 -CTr/TU")
    assert sorted(c.info["term"] for c in e.value.candidates) == ["2015-2020", "2020-2025"]
    assert all("Thành ủy Hà Nội" in c.describe() for c in e.value.candidates)
    assert rs.resolve_resolution(store, "03-CTr/TU", term="2020 - 2025").info["term"] == "2020-2025"
    with pytest.raises(rs.Ambiguous):
        rs.resolve_resolution(store, "03-CTr/TU", issuer="thanh uy ha noi")
    with pytest.raises(rs.NotFound):
        rs.resolve_resolution(store, "03-CTr/TU", term="1990-1995")


def test_thing_candidates(hand):
    assert rs.resolve_thing(hand, "59-NQ/TW").label == "Resolution"
    assert rs.resolve_thing(hand, "nguyen van hieu").label == "Person"
    assert rs.resolve_thing(hand, "HĐND TP Hà Nội").label == "Agency"
    assert rs.resolve_thing(hand, "Khu liên hiệp xử lý chất thải Nam Sơn").label == "Project"
    pid = one(hand, "Person", "Nguyễn Văn Hiếu")
    assert rs.resolve_thing(hand, pid).id == pid
    assert rs.resolve_person(hand, pid).name == "Nguyễn Văn Hiếu"
    aid = one(hand, "Agency", "HĐND TP Hà Nội")
    assert rs.resolve_agency(hand, aid).name == "HĐND TP Hà Nội"
    with pytest.raises(rs.NotFound):
        rs.resolve_person(hand, "person/nobody-00000000")
    assert rs.resolve_thing(hand, A0).label == "Article"


def test_search_params_are_parameters_not_text(hand):
    # a value that would change a string-built query is only a value here
    rows = run_records(hand, "search", rs.search_params("x' OR 1=1 //"))
    assert rows == []


# -- timing helper for the benchmark script -------------------------------------------------------

def test_time_named_queries(hand):
    timings = time_named_queries(hand, repeat=1)
    names = {t["name"] for t in timings}
    assert {"who_leads", "roles_of", "chain_resolution", "find_agency", "search"} <= names
    assert all(t["ms"] >= 0 for t in timings)
    text = format_timings(timings)
    assert "who_leads" in text and "ms" in text


def test_people_of_one_name_are_listed_in_the_same_order_every_time(tmp_path):
    """Thirty people called Nguyễn Văn Dũng, more than a candidate list holds: the list is the
    same whatever order the engine meets them in (by name, then id), so a user sees the same
    candidates each time they type the name."""
    from graph_fixture import write_store

    from govkg.graph.model import KnowledgeGraph, make_id
    from govkg.graph.store import EmbeddedStore
    from govkg.identity import fold, key

    kg = KnowledgeGraph()
    ids = [make_id("Person", f"{key('Nguyễn Văn Dũng')} | {i}") for i in range(30)]
    for pid in sorted(ids, reverse=True):
        kg.add_node("Person", pid, name="Nguyễn Văn Dũng", key=pid, folded=fold("Nguyễn Văn Dũng"), ranks=[])
    store = EmbeddedStore(write_store(kg, tmp_path / "same-name"))
    try:
        for typed in ("Nguyễn Văn Dũng", "nguyen van"):  # the exact query, then the prefix one
            cands = rs.person_candidates(store, typed, with_posts=False)
            assert [c.id for c in cands] == sorted(ids)[: rs.LIMIT], typed
    finally:
        store.close()
