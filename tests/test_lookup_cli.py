"""The lookup commands through the CLI: roles, who-leads, search, stats, chain, path.

Each seed lookup of the gold file runs on the hand-built store and on the store ``govkg load``
builds from the sample articles.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph_fixture import build_seed_graph, hand_store
from cli_helpers import ok, one_line_error, run


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return str(hand_store(tmp_path_factory))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return str(hand_store(tmp_path_factory, "history"))


@pytest.fixture(scope="module")
def real(seed_store):
    return str(seed_store)


@pytest.fixture(params=["hand", "real"])
def db(request):
    return request.getfixturevalue(request.param)




# -- the seed lookups (tests/fixtures/seeds_expected.toml [[lookups]]) ----------------------------------

def test_every_seed_lookup_answers(db, seeds_expected):
    lookups = seeds_expected["lookups"]
    assert len(lookups) == 8
    for lk in lookups:
        ask = lk["ask"]
        if ask.startswith("who leads "):
            rows = json.loads(ok("who-leads", ask[len("who leads "):], "--format", "json", db=db))
            head = rows[0]
            assert head["rank"] == "head"
            assert (head["person"], head["title"]) == (lk["expect_person"], lk["expect_title"]), ask
        elif ask.startswith("roles of "):
            rows = json.loads(ok("roles", "nguyen ngoc tuan", "--format", "json", db=db))
            assert len(rows) >= lk["expect_count_at_least"]
            assert {r["person"] for r in rows} == {"Nguyễn Ngọc Tuấn"}
        elif ask.startswith("who issued "):
            tree = json.loads(ok("chain", ask.split()[-1], "--format", "json", "--depth", "1", db=db))
            issuers = [c["name"] for c in tree["children"] if c["relation"] == "issued_by"]
            assert issuers == [lk["expect_organization"]]
        elif ask.startswith("what implements "):
            tree = json.loads(ok("chain", ask.split()[-1], "--format", "json", "--depth", "1", db=db))
            docs = [c["name"] for c in tree["children"] if c["relation"] == "implemented_by"]
            assert docs == [lk["expect_document"]]
        else:
            pytest.fail(f"unknown lookup {ask!r}")


# -- roles ---------------------------------------------------------------------------------------------

CONTRACT = {"person", "title", "organization", "status", "as_of", "sources"}


def test_roles_all_json_contract(db):
    out = ok("roles", "--all", "--format", "json", db=db)
    data = json.loads(out)  # one JSON array, nothing else on stdout
    assert isinstance(data, list) and len(data) >= 15
    for rec in data:
        assert CONTRACT <= set(rec)
        assert isinstance(rec["person"], str) and isinstance(rec["title"], str)
        assert isinstance(rec["organization"], str)
        assert rec["as_of"] is None or (len(rec["as_of"]) == 10 and rec["as_of"][4] == "-")
        assert rec["sources"] and all(set(s) >= {"article", "evidence"} for s in rec["sources"])
    orgs = {r["organization"] for r in data}
    assert {"UBND TP Cần Thơ", "Thành ủy Cần Thơ", "HĐND TP Hà Nội"} <= orgs
    undated = [r for r in data if r["person"] == "Nguyễn Ngọc Tuấn"]
    assert undated and all(r["as_of"] is None for r in undated)  # article 003 has no date


def test_roles_all_scores_perfectly_on_the_hand_store(hand, seeds_expected):
    from govkg.evaluate import score

    records = json.loads(ok("roles", "--all", "--format", "json", db=hand))
    report = score(records, seeds_expected)
    assert report.recall == 1.0 and report.precision == 1.0


def test_roles_table_and_csv(hand):
    out = ok("roles", "Trần Việt Trường", db=hand)
    assert "Chủ tịch" in out and "UBND TP Cần Thơ" in out and "Phó Bí thư" in out
    csv_out = ok("roles", "tran viet truong", "--format", "csv", db=hand)
    header = csv_out.splitlines()[0].split(",")
    assert header[:5] == ["person", "title", "organization", "status", "as_of"]
    assert len(csv_out.strip().splitlines()) == 3


def test_roles_needs_person_or_all(hand):
    one_line_error(run("roles", db=hand))
    one_line_error(run("roles", "x", "--all", db=hand))


def test_roles_ambiguous_lists_candidates(hand):
    r = run("roles", "tuan", db=hand)
    msg = one_line_error(r, 3)
    assert "2 people" in msg and "more precise" in msg
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    assert any("Nguyễn Ngọc Tuấn" in x and "HĐND TP Hà Nội" in x for x in lines)
    assert any("Dương Đức Tuấn" in x and "UBND TP Hà Nội" in x for x in lines)
    r = run("roles", "tuan", "--format", "json", db=hand)
    assert r.exit_code == 3 and len(json.loads(r.stdout)) == 2


def test_roles_nothing_found(hand):
    msg = one_line_error(run("roles", "Hồ Chí Minh", db=hand), 1)
    assert "no person matches" in msg


# -- who-leads -----------------------------------------------------------------------------------------

def test_who_leads_table_heads_then_deputies(hand):
    out = ok("who-leads", "Ban Chỉ đạo Chương trình 03 -CTr/TU", db=hand)
    lines = out.splitlines()
    assert lines[0] == "Ban Chỉ đạo Chương trình 03-CTr/TU"
    body = lines[3:]
    assert body[0].startswith("head") and "Nguyễn Ngọc Tuấn" in body[0] and "Trưởng ban" in body[0]
    assert all(x.startswith("deputy") for x in body[1:]) and len(body) == 3
    assert "003_cc153bd936ce14ee" in out  # a source


def test_who_leads_json_and_csv(hand):
    rows = json.loads(ok("who-leads", "thanh uy can tho", "--format", "json", db=hand))
    assert [(r["rank"], r["person"]) for r in rows] == [("head", "Nguyễn Văn Hiếu"), ("deputy", "Trần Việt Trường")]
    assert rows[0]["as_of"] == "2023-06-29" and rows[0]["sources"][0]["article"] == "001_d7db6c298246974e"
    csv_out = ok("who-leads", "thanh uy can tho", "--format", "csv", db=hand)
    assert csv_out.splitlines()[0].startswith("agency,rank,title,person,status,as_of")


def test_who_leads_ambiguous_and_unknown(hand):
    r = run("who-leads", "UBND", db=hand)
    one_line_error(r, 3)
    assert len(r.stdout.strip().splitlines()) >= 3 and "Đồng Tháp" in r.stdout
    one_line_error(run("who-leads", "Bộ Quốc phòng", db=hand), 1)


def test_who_leads_history(history):
    posts = json.loads(ok("who-leads", "UBND TP Cần Thơ", "--history", "--format", "json", db=history))
    chair = next(p for p in posts if p["title"] == "Chủ tịch")
    holders = chair["holders"]
    assert [h["person"] for h in holders] == ["Lê Quang Mạnh", "Trần Việt Trường"]
    assert holders[0]["status"] == "former" and holders[0]["first_seen"] == "2019-03-01"
    assert holders[0]["last_seen"] == "2021-08-02"
    assert holders[1]["follows"] == "Lê Quang Mạnh" and holders[1]["last_seen"] == "2024-05-28"
    out = ok("who-leads", "UBND TP Cần Thơ", "--history", db=history)
    assert out.index("Lê Quang Mạnh") < out.index("Trần Việt Trường")


# -- search, stats --------------------------------------------------------------------------------------

def test_search_without_diacritics(db):
    rows = json.loads(ok("search", "nguyen ngoc tuan", "--format", "json", db=db))
    assert rows[0]["kind"] == "Person" and rows[0]["name"] == "Nguyễn Ngọc Tuấn"
    assert "HĐND TP Hà Nội" in rows[0]["detail"]
    rows = json.loads(ok("search", "can tho", "--format", "json", db=db))
    assert {"UBND TP Cần Thơ", "Thành ủy Cần Thơ"} <= {r["name"] for r in rows if r["kind"] == "Agency"}
    rows = json.loads(ok("search", "59-NQ/TW", "--format", "json", db=db))
    assert ("Resolution", "59-NQ/TW") in {(r["kind"], r["name"]) for r in rows}
    one_line_error(run("search", "zzzz qqq", db=db), 1)


def test_stats(hand):
    data = json.loads(ok("stats", "--format", "json", db=hand))
    expected = build_seed_graph().stats()
    assert {k: v for k, v in data["nodes"].items() if v} == expected["nodes"]
    assert {k: v for k, v in data["edges"].items() if v} == expected["edges"]
    assert data["articles"] == {"count": 5, "dated": 4, "first_date": "2018-06-18", "last_date": "2024-05-28"}
    out = ok("stats", db=hand)
    assert out.startswith("5 articles") and "HOLDS" in out and "Person" in out


# -- chain -----------------------------------------------------------------------------------------------

def _kids(node, relation):
    return [c for c in node["children"] if c["relation"] == relation]


def test_chain_59_on_samples(db):
    tree = json.loads(ok("chain", "59-NQ/TW", "--format", "json", db=db))
    assert tree["label"] == "Resolution" and tree["name"] == "59-NQ/TW"
    assert [c["name"] for c in _kids(tree, "issued_by")] == ["Bộ Chính trị"]
    (nq98,) = _kids(tree, "implemented_by")
    assert nq98["name"] == "98/NQ-CP" and [c["name"] for c in _kids(nq98, "issued_by")] == ["Chính phủ"]
    assert nq98["evidence"] and "thực hiện Nghị quyết số 59-NQ/TW" in nq98["evidence"][0]["evidence"]
    chairs = [ch["name"] for e in _kids(tree, "event") for ch in _kids(e, "chaired_by")]
    assert "Trần Việt Trường" in chairs


def test_chain_59_bodies_and_their_heads(hand):
    tree = json.loads(ok("chain", "59-NQ/TW", "--format", "json", db=hand))
    bodies = {c["name"]: c for c in _kids(tree, "carried_out_by")}
    assert "UBND TP Cần Thơ" in bodies
    assert [(h["name"], h["title"]) for h in _kids(bodies["UBND TP Cần Thơ"], "head")] == [("Trần Việt Trường", "Chủ tịch")]
    steering = _kids(tree, "steered_by")
    assert steering and steering[0]["place"] == "Cần Thơ"
    text = ok("chain", "59-NQ/TW", db=hand)
    assert text.splitlines()[0].startswith("59-NQ/TW")
    for needle in ("issued by: Bộ Chính trị", "implemented by: 98/NQ-CP", "carried out by: UBND TP Cần Thơ",
                   "head: Trần Việt Trường", "chaired by: Trần Việt Trường", "“"):
        assert needle in text
    assert max(len(x) for x in text.splitlines()) < 200  # evidence shortened


def test_chain_depth(hand):
    tree = json.loads(ok("chain", "59-NQ/TW", "--format", "json", "--depth", "1", db=hand))
    assert tree["children"] and all(c["children"] == [] for c in tree["children"])
    tree = json.loads(ok("chain", "59-NQ/TW", "--format", "json", "--depth", "0", db=hand))
    assert tree["children"] == []


def test_chain_59_bodies_from_articles(real):
    tree = json.loads(ok("chain", "59-NQ/TW", "--format", "json", db=real))
    bodies = [c for c in _kids(tree, "carried_out_by") + _kids(tree, "steered_by") if "Cần Thơ" in c["name"]]
    assert bodies


def test_chain_03_is_ambiguous(db):
    r = run("chain", "03-CTr/TU", db=db)
    msg = one_line_error(r, 3)
    assert "2 documents" in msg and "--term" in msg
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    assert any("2015-2020" in x for x in lines) and any("2020-2025" in x for x in lines)
    assert all("Thành ủy Hà Nội" in x for x in lines)


def _steering_of_03(db):
    tree = json.loads(ok("chain", "03-CTr/TU", "--term", "2020-2025", "--format", "json", db=db))
    assert tree["term"] == "2020-2025"
    steering = _kids(tree, "steered_by")
    assert [s["name"] for s in steering] == ["Ban Chỉ đạo Chương trình 03-CTr/TU"]
    heads = [(h["name"], h["title"]) for h in _kids(steering[0], "head")]
    deputies = sorted(h["name"] for h in _kids(steering[0], "deputy"))
    assert heads == [("Nguyễn Ngọc Tuấn", "Trưởng ban")]
    assert deputies == ["Dương Đức Tuấn", "Nguyễn Doãn Toản"]


def test_chain_03_term_2020_steering_committee(hand):
    _steering_of_03(hand)
    # the id works as well as --term
    tree = json.loads(ok("chain", "03-CTr/TU", "--term", "2020-2025", "--format", "json", db=hand))
    again = json.loads(ok("chain", tree["id"], "--format", "json", db=hand))
    assert again["id"] == tree["id"]


def test_chain_03_term_2020_steering_committee_from_articles(real):
    _steering_of_03(real)


def test_chain_of_a_person(hand):
    tree = json.loads(ok("chain", "nguyen ngoc tuan", "--format", "json", db=hand))
    posts = {c["name"]: c for c in _kids(tree, "holds")}
    assert set(posts) == {"Thành ủy Hà Nội", "HĐND TP Hà Nội", "Ban Chỉ đạo Chương trình 03-CTr/TU"}
    bcd = posts["Ban Chỉ đạo Chương trình 03-CTr/TU"]
    assert [c["name"] for c in _kids(bcd, "steers")] == ["03-CTr/TU"]
    assert _kids(bcd, "responsible_for")
    assert _kids(tree, "chaired")
    text = ok("chain", "Nguyễn Ngọc Tuấn", db=hand)
    assert "holds: Ban Chỉ đạo Chương trình 03-CTr/TU (Trưởng ban)" in text


def test_chain_of_an_agency_and_a_project(hand):
    tree = json.loads(ok("chain", "UBND TP Cần Thơ", "--format", "json", db=hand))
    assert [c["name"] for c in _kids(tree, "head")] == ["Trần Việt Trường"]
    assert {c["name"] for c in _kids(tree, "responsible_for")} >= {"59-NQ/TW", "98/NQ-CP"}
    tree = json.loads(ok("chain", "Khu liên hiệp xử lý chất thải Nam Sơn", "--format", "json", db=hand))
    assert [c["name"] for c in _kids(tree, "under")] == ["03-CTr/TU"]


def test_chain_tree_caps_long_lists(hand):
    from govkg.commands.lookup import render_tree

    tree = {"id": "x", "label": "Agency", "name": "X", "children": [
        {"relation": "issued", "id": f"d{i}", "label": "Resolution", "name": f"{i}/NQ", "evidence": [],
         "children": []} for i in range(30)]}
    text = render_tree(tree, max_children=10)
    assert text.count("issued: ") == 10 and "… 20 more issued" in text
    assert render_tree(tree, max_children=0).count("issued: ") == 30


def test_chain_nothing(hand):
    one_line_error(run("chain", "99-NQ/XX", db=hand), 1)


# -- path -------------------------------------------------------------------------------------------------

def test_path_between_two_officials(db):
    data = json.loads(ok("path", "Trần Việt Trường", "nguyen van hieu", "--format", "json", db=db))
    steps = data["steps"]
    assert [s["relation"] for s in steps] == ["HOLDS", "OF", "OF", "HOLDS"]
    assert steps[1]["to"] == "Thành ủy Cần Thơ" and steps[-1]["to"] == "Nguyễn Văn Hiếu"
    assert [s["direction"] for s in steps] == ["out", "out", "in", "in"]
    assert all(s["evidence"] and s["article"] for s in steps)
    text = ok("path", "Trần Việt Trường", "nguyen van hieu", db=db)
    assert "4 steps" in text and "—HOLDS→" in text and "←OF—" in text


def test_path_skips_articles_and_places(hand):
    # both are mentioned by no common article and are in different provinces: only posts link them
    data = json.loads(ok("path", "Phạm Thiện Nghĩa", "Võ Phan Thành Minh", "--format", "json", db=hand))
    assert all(s["from_label"] != "Article" and s["to_label"] != "Article" for s in data["steps"])
    r = run("path", "Phạm Thiện Nghĩa", "Võ Phan Thành Minh", "--max-hops", "2", db=hand)
    one_line_error(r, 1)


# -- errors and imports ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["who-leads", "UBND TP Cần Thơ"], ["roles", "--all"], ["search", "x"], ["stats"],
                                  ["chain", "59-NQ/TW"], ["path", "a", "b"]])
def test_missing_store_is_one_line(tmp_path, args):
    msg = one_line_error(run(*args, db=str(tmp_path / "nowhere")), 1)
    assert "no govkg store" in msg


def test_lookup_process_imports_only_what_it_needs(hand):
    code = (
        "import sys\n"
        "from govkg.cli import main\n"
        "try:\n"
        f"    main(['who-leads', 'UBND TP Cần Thơ', '--db', {hand!r}])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "heavy = [m for m in ('neo4j', 'rdflib', 'pyarrow', 'networkx', 'trafilatura') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "Trần Việt Trường" in r.stdout
