"""What govkg reads in the five sample articles, checked against their hand-checked facts
(tests/fixtures/seeds_expected.toml), through the real pipeline and store."""

from __future__ import annotations

from govkg.evaluate import score
from govkg.identity import key


def _records(kg) -> list[dict]:
    out = []
    for u, v, d in kg.edges("HOLDS"):
        agency = next(kg.g.successors(v))
        out.append({
            "person": kg.g.nodes[u]["name"], "title": kg.g.nodes[v]["title"],
            "organization": kg.g.nodes[agency]["name"], "status": d.get("status"),
            "as_of": None, "sources": [{"article": s.article, "evidence": s.sentence} for s in d["sources"]],
        })
    return out


def _docs(kg, number: str) -> list[dict]:
    return [d for _, d in kg.nodes("Resolution") if d["number"] == number or number in (d.get("aliases") or [])]


def _issuers(kg, rid: str) -> list[str]:
    return [kg.g.nodes[u]["name"] for u, _, k in kg.g.in_edges(rid, keys=True) if k == "ISSUED"]


def test_every_required_position_is_found_and_nothing_else(seed_graph, seeds_expected):
    report = score(_records(seed_graph), seeds_expected)
    assert [(m.person, m.title, m.organization) for m in report.misses] == []
    assert [(x.person, x.title, x.organization, x.evidence) for x in report.extras] == []
    assert report.true_positives == 17


def test_every_fact_carries_its_article_and_sentence(seed_graph, articles_dir):
    texts = {p.stem: p.read_text("utf-8") for p in articles_dir.glob("*.txt")}
    for u, v, d in seed_graph.edges("HOLDS"):
        assert d["sources"], (u, v)
        for s in d["sources"]:
            assert s.article in texts
            # the evidence is the article's own sentence (tone placement made uniform)
            assert key(s.sentence)[:40] in key(texts[s.article])


def test_required_documents_are_resolutions_with_type_and_issuer(seed_graph, seeds_expected):
    for art in seeds_expected["articles"].values():
        for doc in art["documents"]["required"]:
            found = _docs(seed_graph, doc["number"])
            assert found, doc["number"]
            assert any(d.get("doc_type") == doc["type"] for d in found), (doc["number"], found)
            assert any(key(d.get("issuer") or "") == key(doc["issuer"]) for d in found), (doc["number"], found)


def test_one_resolution_for_both_ways_of_writing_it(seed_graph):
    both = _docs(seed_graph, "45/2022/NQ-QH")
    assert len(both) == 1 and both == _docs(seed_graph, "45/2022/QH15")
    assert both[0]["number"] == "45/2022/QH15"


def test_the_two_programmes_03_ctr_tu_are_two(seed_graph):
    progs = _docs(seed_graph, "03-CTr/TU")
    assert sorted(d["term"] for d in progs) == ["2015-2020", "2020-2025"]
    assert {d["issuer"] for d in progs} == {"Thành ủy Hà Nội"}


def test_98_nq_cp_implements_59_nq_tw(seed_graph):
    links = [(seed_graph.g.nodes[u]["number"], seed_graph.g.nodes[v]["number"], d["sources"][0].sentence)
             for u, v, d in seed_graph.edges("IMPLEMENTS")]
    assert ("98/NQ-CP", "59-NQ/TW") in [(a, b) for a, b, _ in links]
    assert all(a != b for a, b, _ in links)


def test_required_projects_with_their_place(seed_graph, seeds_expected):
    projects = {key(d["name"]): d for _, d in seed_graph.nodes("Project")}
    for art in seeds_expected["articles"].values():
        for p in art["projects"]["required"]:
            assert key(p["name"]) in projects, p["name"]
            assert projects[key(p["name"])]["place"] in p["place"]


def test_meetings_with_date_and_chair(seed_graph, seeds_expected):
    events = []
    for eid, d in seed_graph.nodes("Event"):
        chairs = [seed_graph.g.nodes[u]["name"] for u, _, k in seed_graph.g.in_edges(eid, keys=True) if k == "CHAIRED"]
        about = [seed_graph.g.nodes[v].get("number") for _, v, k in seed_graph.g.out_edges(eid, keys=True) if k == "CONCERNS"]
        events.append((d["article"], d["kind"], d.get("date"), chairs, about))
    for art_id, art in seeds_expected["articles"].items():
        for ev in art["events"]:
            mine = [e for e in events if e[0] == art_id and ev["chaired_by"] in e[3]]
            assert mine, (art_id, ev)
            assert any(e[1] == ev["kind"] for e in mine), (art_id, ev, mine)
            if ev.get("date"):
                assert any(e[2] and e[2].isoformat() == ev["date"] for e in mine), (art_id, ev, mine)
            else:
                assert all(e[2] is None for e in mine), "an undated article's meeting gets no invented date"
            for doc in ev["concerns"]:
                assert any(doc in e[4] for e in mine), (art_id, doc, mine)


def test_the_province_an_article_never_names(seed_graph):
    # 002 never names Đồng Tháp: it follows from TP Cao Lãnh and the outlet tag ĐTO
    assert seed_graph.g.nodes["002_3b765d64efecc320"]["locality"] == "Đồng Tháp"
    names = {d["name"] for _, d in seed_graph.nodes("Agency")}
    assert {"UBND tỉnh Đồng Tháp", "Tỉnh ủy Đồng Tháp", "UBND TP Cao Lãnh"} <= names


def test_one_node_per_person_and_body_across_articles(seed_graph):
    people = [d["name"] for _, d in seed_graph.nodes("Person")]
    assert len(people) == len(set(people))
    thanh_uy = [n for n, d in seed_graph.nodes("Agency") if d["name"] == "Thành ủy Cần Thơ"]
    assert len(thanh_uy) == 1
    articles = {u for u, _, k in seed_graph.g.in_edges(thanh_uy[0], keys=True) if k == "MENTIONS"}
    assert {"000_372fcefd87e77f7b", "001_d7db6c298246974e"} <= articles


def test_steering_committee_named_short_is_the_full_one(seed_graph):
    steer = [d["name"] for _, d in seed_graph.nodes("Agency") if d["kind"] == "ban_chi_dao"]
    assert "Ban Chỉ đạo Chương trình 03-CTr/TU" in steer
    assert "Ban Chỉ đạo Chương trình" not in steer


def test_leftover_facts_are_marked(seed_graph):
    # "Thủ tướng Nguyễn Xuân Phúc" stands only in a related-article headline of 004
    for u, v, d in seed_graph.edges("HOLDS"):
        if seed_graph.g.nodes[u]["name"] == "Nguyễn Xuân Phúc":
            assert {s.zone for s in d["sources"]} == {"leftover"}
            assert d["confidence"] < 1.0


def test_former_and_acting_posts():
    from govkg.loaders.people import find_positions

    got = {(p.person, p.title.title, p.status) for p in find_positions(
        "Tối 12/5, ông Nguyễn Sự, nguyên Bí thư Thành ủy, Chủ tịch HĐND TP Hội An, đã gọi điện.")}
    assert got == {("Nguyễn Sự", "Bí thư", "former"), ("Nguyễn Sự", "Chủ tịch", "former")}
    got = {(p.person, p.status) for p in find_positions("Ông Hoàng Vũ Thảnh - quyền Chủ tịch UBND TP Vũng Tàu cho biết")}
    assert got == {("Hoàng Vũ Thảnh", "acting")}
    got = {(p.title.title, p.status) for p in find_positions(
        "bà Phạm Thị Thanh Trà - khi đó là Chủ tịch UBND tỉnh Yên Bái và hiện nay là Bí thư Tỉnh ủy Yên Bái")}
    assert got == {("Chủ tịch", "former"), ("Bí thư", "current")}


def test_a_foreign_title_is_not_a_vietnamese_post():
    from govkg.loaders.people import find_positions

    got = [(p.person, p.title.title) for p in find_positions(
        "Thủ tướng Nhật Bản Shinzo Abe đã hội đàm với Thủ tướng Nguyễn Xuân Phúc.")]
    assert got == [("Nguyễn Xuân Phúc", "Thủ tướng")]


def test_a_chain_belongs_to_the_name_right_after_it():
    from govkg.loaders.people import find_positions

    got = {(p.person, p.title.title) for p in find_positions(
        "Tới dự có Thứ trưởng Bộ Y tế Nguyễn Thanh Long, Phó Chủ tịch UBND Thành phố Ngô Văn Quý cùng lãnh đạo các sở")}
    assert got == {("Nguyễn Thanh Long", "Thứ trưởng"), ("Ngô Văn Quý", "Phó Chủ tịch")}


def test_steering_committee_names_end_where_they_should():
    from govkg.loaders.agencies import parse_agency

    cases = {
        "Ban Chỉ đạo Chương trình số 03 -CTr/TU chủ trì Hội nghị": ("Ban Chỉ đạo Chương trình 03-CTr/TU", None),
        "Ban Chỉ đạo 389 tỉnh cho biết": ("Ban Chỉ đạo 389", "tỉnh"),
        "Ban chỉ đạo phòng, chống dịch Covid-19 của Hà Nội, cho biết": ("Ban Chỉ đạo phòng, chống dịch Covid-19", None),
        "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19 thống nhất tạm ngưng": (
            "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19", None),
    }
    for text, (core, word) in cases.items():
        a = parse_agency(text, 0)
        assert (a.core, a.place_word) == (core, word), text
