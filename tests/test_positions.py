"""Who holds which post: each class of construction the recognisers once missed, on constructed
sentences in the shapes the press writes (always), and on the real articles of the gold files
(when ../shared is there: the article is read and recognised whole, and the gold's fact must be
among what it states)."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from conftest import SHARED
from govkg.identity import key
from govkg.loaders.article import Article
from govkg.loaders.extract import article_graph
from govkg.loaders.people import find_positions, read_positions


def posts(sentence: str) -> set[tuple[str, str, str]]:
    """(person, title, body as written or implied) of one sentence."""
    return {(p.person, p.title.title, p.body.core if p.body is not None else p.title.body or "?")
            for p in find_positions(sentence)}


def facts(text: str, **meta) -> set[tuple[str, str, str, str]]:
    """(person, title, organization, status) of an article, through the whole recogniser."""
    kg = article_graph(Article("t", text, **meta))
    out = set()
    for u, v, d in kg.edges("HOLDS"):
        role = kg.g.nodes[v]
        agency = next(kg.g.nodes[a]["name"] for _, a, k in kg.g.out_edges(v, keys=True) if k == "OF")
        out.add((kg.g.nodes[u]["name"], role["title"], agency, d.get("status")))
    return out


# -- memberships, deputies and state titles ------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Đồng chí Trần Đại Quang, Ủy viên Bộ Chính trị, Chủ tịch nước dự lễ.",
     {("Trần Đại Quang", "Ủy viên", "Bộ Chính trị"), ("Trần Đại Quang", "Chủ tịch nước", "Nhà nước")}),
    ("ông Nguyễn Đức Lợi, Ủy viên Trung ương Đảng, Tổng Giám đốc TTXVN",
     {("Nguyễn Đức Lợi", "Ủy viên", "Ban Chấp hành Trung ương Đảng"),
      ("Nguyễn Đức Lợi", "Tổng Giám đốc", "Thông tấn xã Việt Nam")}),
    ("đồng chí Trần Tuấn Anh – UVTW Đảng, Bộ trưởng Bộ Công Thương",
     {("Trần Tuấn Anh", "Ủy viên", "Ban Chấp hành Trung ương Đảng"), ("Trần Tuấn Anh", "Bộ trưởng", "Bộ Công Thương")}),
    ("Thường trực Ban Bí thư Trần Cẩm Tú chủ trì", {("Trần Cẩm Tú", "Thường trực", "Ban Bí thư")}),
    ("Đồng chí Nguyễn Văn Bình, Bí thư Trung ương Đảng, Trưởng Ban Kinh tế Trung ương",
     {("Nguyễn Văn Bình", "Bí thư", "Ban Chấp hành Trung ương Đảng"),
      ("Nguyễn Văn Bình", "Trưởng ban", "Ban Kinh tế Trung ương")}),
    ("ông Thái Thanh Quý - Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng",
     {("Thái Thanh Quý", "Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng")}),
    ("Đồng chí Nguyễn Văn Viện - TUV – Bí thư Huyện ủy",
     {("Nguyễn Văn Viện", "Ủy viên", "Tỉnh ủy"), ("Nguyễn Văn Viện", "Bí thư", "Huyện ủy")}),
    ("ông Hoàng Đức Thắng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Trưởng Đoàn ĐBQH chuyên trách tỉnh Quảng Trị",
     {("Hoàng Đức Thắng", "Ủy viên", "Ban Thường vụ"), ("Hoàng Đức Thắng", "Phó Trưởng đoàn", "Đoàn ĐBQH")}),
    ("ông Quản Minh Cường, Bí thư Tỉnh ủy, ĐBQH khóa XV", {("Quản Minh Cường", "Bí thư", "Tỉnh ủy"),
                                                          ("Quản Minh Cường", "Đại biểu", "Quốc hội")}),
    ("Ông Lê Như Tiến, Đại biểu Quốc hội tỉnh Quảng Trị cho biết", {("Lê Như Tiến", "Đại biểu", "Quốc hội")}),
    ("Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh", {("Phạm Quang Vinh", "Đại sứ", "Đại sứ quán Việt Nam tại Hoa Kỳ")}),
    ("Tổng Lãnh sự Việt Nam tại Frankfurt Nguyễn Hồng Lĩnh",
     {("Nguyễn Hồng Lĩnh", "Tổng Lãnh sự", "Tổng Lãnh sự quán Việt Nam tại Frankfurt")}),
    ("Thượng tướng Nguyễn Văn Long (Thứ trưởng Bộ Công an, Thủ trưởng Cơ quan CSĐT Bộ Công an)",
     {("Nguyễn Văn Long", "Thứ trưởng", "Bộ Công an"), ("Nguyễn Văn Long", "Thủ trưởng", "Cơ quan Cảnh sát điều tra")}),
])
def test_memberships_deputies_and_envoys(sentence, expected):
    assert expected <= posts(sentence)


def test_deputies_as_a_body_hold_no_post():
    # "trả lời chất vấn trước đại biểu Quốc hội": the deputies in general, not the minister's post
    assert posts("Tiếp tục trả lời chất vấn trước đại biểu Quốc hội, Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến nói") \
        == {("Nguyễn Thị Kim Tiến", "Bộ trưởng", "Bộ Y tế")}


# -- lists, ranks, chains -----------------------------------------------------------------------

def test_lists_that_share_a_title():
    assert posts("các Phó Chủ tịch UBND tỉnh: Nguyễn Văn Sơn, Trần Thị Hà, Lê Văn Dũng dự họp") == {
        (n, "Phó Chủ tịch", "UBND") for n in ("Nguyễn Văn Sơn", "Trần Thị Hà", "Lê Văn Dũng")}
    assert posts("Thứ trưởng Bộ Y tế Nguyễn Viết Tiến và Lê Quang Cường dự họp") == {
        ("Nguyễn Viết Tiến", "Thứ trưởng", "Bộ Y tế"), ("Lê Quang Cường", "Thứ trưởng", "Bộ Y tế")}
    # a head title is one person's: the second name is someone else
    assert posts("Chủ tịch UBND tỉnh Nguyễn Văn Sơn và Trần Thị Hà dự họp") == {("Nguyễn Văn Sơn", "Chủ tịch", "UBND")}
    # the list stops where a name has a post of its own
    assert ("Lê Quang Cường", "Thứ trưởng", "Bộ Y tế") not in posts(
        "Thứ trưởng Bộ Y tế Nguyễn Viết Tiến và Lê Quang Cường, Giám đốc Sở Y tế Hà Nội dự họp")


def test_a_title_shared_by_a_list_of_people_with_their_own_posts():
    got = posts("các đồng chí Ủy viên Bộ Chính trị: Chủ tịch Quốc hội Nguyễn Thị Kim Ngân; "
                "Thủ tướng Chính phủ Nguyễn Xuân Phúc; Phó Chủ tịch Thường trực Quốc hội Tòng Thị Phóng.")
    for person in ("Nguyễn Thị Kim Ngân", "Nguyễn Xuân Phúc", "Tòng Thị Phóng"):
        assert (person, "Ủy viên", "Bộ Chính trị") in got
    assert ("Tòng Thị Phóng", "Phó Chủ tịch Thường trực", "Quốc hội") in got


@pytest.mark.parametrize("sentence, expected", [
    ("Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an phát biểu",
     {("Tô Lâm", "Ủy viên", "Bộ Chính trị"), ("Tô Lâm", "Bộ trưởng", "Bộ Công an")}),
    ("Thượng tướng Lê Quý Vương, Thứ trưởng Bộ Công an cho biết", {("Lê Quý Vương", "Thứ trưởng", "Bộ Công an")}),
    ("đồng chí Lê Văn Thị - Phó Bí thư Huyện ủy – Chủ tịch UBND huyện",
     {("Lê Văn Thị", "Phó Bí thư", "Huyện ủy"), ("Lê Văn Thị", "Chủ tịch", "UBND")}),
    ("Chủ tịch UBND TP.HCM - bà Nguyễn Thị Thu cho biết", {("Nguyễn Thị Thu", "Chủ tịch", "UBND")}),
])
def test_ranks_forms_of_address_and_dashes(sentence, expected):
    assert expected <= posts(sentence)


# -- bodies: abbreviations, parents, divisions, the Youth Union ---------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Bộ trưởng NN-PTNT Nguyễn Xuân Cường", ("Nguyễn Xuân Cường", "Bộ trưởng", "Bộ Nông nghiệp và Phát triển nông thôn")),
    ("Bộ trưởng Bộ VH-TT-DL Nguyễn Ngọc Thiện", ("Nguyễn Ngọc Thiện", "Bộ trưởng", "Bộ Văn hóa, Thể thao và Du lịch")),
    ("Bộ trưởng Bộ KH-ĐT Nguyễn Chí Dũng", ("Nguyễn Chí Dũng", "Bộ trưởng", "Bộ Kế hoạch và Đầu tư")),
    ("Thứ trưởng Bộ TT&TT Phan Tâm", ("Phan Tâm", "Thứ trưởng", "Bộ Thông tin và Truyền thông")),
    ("ông Trịnh Anh Tuấn, Phó Cục trưởng Cục Quản lý cạnh tranh (Bộ Công Thương)",
     ("Trịnh Anh Tuấn", "Phó Cục trưởng", "Cục Quản lý cạnh tranh")),
    ("ông Mai Văn Trinh, Cục trưởng Cục quản lý chất lượng giáo dục, Bộ GD&ĐT",
     ("Mai Văn Trinh", "Cục trưởng", "Cục Quản lý chất lượng giáo dục")),
    ("ông Lê Văn Tuấn, Cục phó Cục Tần số", ("Lê Văn Tuấn", "Phó Cục trưởng", "Cục Tần số")),
    ("Trưởng Ban Dân nguyện Nguyễn Thanh Hải", ("Nguyễn Thanh Hải", "Trưởng ban",
                                                "Ban Dân nguyện của Ủy ban Thường vụ Quốc hội")),
    ("Bí thư Tỉnh đoàn Nghệ An Nguyễn Văn Sơn", ("Nguyễn Văn Sơn", "Bí thư", "Tỉnh đoàn")),
    ("ông Võ Công Hùng (Chủ tịch Hội nông dân thị xã Buôn Hồ)", ("Võ Công Hùng", "Chủ tịch", "Hội Nông dân")),
    ("ông Bùi Văn Nam, Chánh Văn phòng Trung ương Đảng", ("Bùi Văn Nam", "Chánh Văn phòng", "Văn phòng Trung ương Đảng")),
])
def test_bodies_as_the_press_names_them(sentence, expected):
    assert expected in posts(sentence)


def test_divisions_are_named_with_the_body_they_belong_to():
    got = facts("Ông Bùi Quang Thái, Phó Trưởng phòng Quản lý thi và Kiểm định chất lượng giáo dục "
                "(Sở Giáo dục và Đào tạo Hà Nội) cho biết.")
    assert ("Bùi Quang Thái", "Phó Trưởng phòng",
            "Phòng Quản lý thi và Kiểm định chất lượng giáo dục (Sở Giáo dục và Đào tạo Hà Nội)", "current") in got


def test_not_posts():
    assert posts("Trợ lý Bộ trưởng Bộ Ngoại giao Vũ Quang Minh làm Trưởng đoàn") == set()  # an assistant
    assert posts("Thủ tướng Nhật Bản Shinzo Abe hội đàm") == set()  # a foreign post
    assert posts("Bộ trưởng Quốc phòng Mỹ James Mattis") == set()
    # "giữ chức vụ Trưởng Đoàn": no "Vụ trưởng" inside "chức vụ"
    assert {t for _, t, _ in posts("ông Nguyễn Đình Việt giữ chức vụ Trưởng Đoàn ĐBQH khóa XV tỉnh Sơn La")} == {"Trưởng đoàn"}


# -- status and transitions -------------------------------------------------------------------

def test_status_words():
    got = {(p.title.title, p.status) for p in find_positions(
        "bà Phạm Thị Thanh Trà - khi đó là Chủ tịch UBND tỉnh Yên Bái và hiện nay là Bí thư Tỉnh ủy Yên Bái")}
    assert got == {("Chủ tịch", "former"), ("Bí thư", "current")}
    assert {(p.title.title, p.status) for p in find_positions("quyền Bộ trưởng Công Thương Lê Mạnh Hùng")} == \
        {("Quyền Bộ trưởng", "acting")}
    got = {(p.title.title, p.status) for p in find_positions(
        "ông Nguyễn Văn Sơn, Phó Chủ tịch UBND tỉnh, được bầu giữ chức Chủ tịch UBND tỉnh")}
    assert got == {("Phó Chủ tịch", "former"), ("Chủ tịch", "elected")}
    got = {(p.title.title, p.status) for p in find_positions("ông Lê Văn Tám, Giám đốc Sở Y tế, nghỉ hưu từ 1/3")}
    assert got == {("Giám đốc", "ended")}


# -- what the article makes plain ---------------------------------------------------------------

def test_a_bare_title_is_told_by_the_article():
    text = ("Bộ Văn hóa, Thể thao và Du lịch vừa có văn bản gửi các địa phương. Văn bản của Bộ VHTTDL nêu rõ "
            "yêu cầu. Thứ trưởng Huỳnh Vĩnh Ái đã ký văn bản.")
    got = facts(text)
    assert ("Huỳnh Vĩnh Ái", "Thứ trưởng", "Bộ Văn hóa, Thể thao và Du lịch", "current") in got
    # a ministry named once, in passing, does not tell whose deputy he is
    assert not any(p == "Huỳnh Vĩnh Ái" for p, *_ in facts(
        "Thứ trưởng Huỳnh Vĩnh Ái đã ký văn bản, theo đề nghị của Bộ Y tế."))
    # two ministries: nobody can tell
    text2 = "Bộ Y tế và Bộ Công Thương họp. Thứ trưởng Huỳnh Vĩnh Ái đã ký văn bản."
    assert not any(p == "Huỳnh Vĩnh Ái" for p, *_ in facts(text2))
    # the same person's full post named elsewhere in the article
    text3 = "Thứ trưởng Bộ Tài chính Đỗ Hoàng Anh Tuấn cho biết. Sau đó, Thứ trưởng Tuấn nhấn mạnh."
    assert ("Đỗ Hoàng Anh Tuấn", "Thứ trưởng", "Bộ Tài chính", "current") in facts(text3)


def test_the_place_a_sentence_names_wins_over_the_article():
    text = ("Quảng Ninh tổ chức thi. Quảng Ninh có 20 điểm thi. "
            "Tại Hải Phòng, ông Nguyễn Xuân Trường, Giám đốc Sở GD&ĐT cho biết toàn thành phố có 2 khu vực thi.")
    got = facts(text)
    assert ("Nguyễn Xuân Trường", "Giám đốc", "Sở Giáo dục và Đào tạo Hải Phòng", "current") in got


def test_a_district_portal_names_its_own_bodies_without_their_place():
    text = "Đồng chí Lê Văn Thị - Phó Bí thư Huyện ủy – Chủ tịch UBND huyện phát biểu."
    got = facts(text, source="dakrlap.daknong.gov.vn")
    assert ("Lê Văn Thị", "Chủ tịch", "UBND huyện Đắk R'Lấp", "current") in got


def test_explain_accounts_for_every_title():
    r = read_positions("Thủ tướng Nhật Bản Shinzo Abe hội đàm với Thủ tướng Nguyễn Xuân Phúc. "
                       "Giám đốc Sở cho biết, ông Lê Văn An, Giám đốc nói")
    assert [(t.title, t.reason) for t in r.titles] == [
        ("Thủ tướng", "a foreign post"), ("Thủ tướng", None), ("Giám đốc", "no holder named"),
        ("Giám đốc", "no body written or implied")]


# -- the real articles of the gold files ---------------------------------------------------------

# (gold file, article id, person, title): one real case per class of construction
REAL = [
    ("dev2", "baomoi2017-22326233", "Trần Đại Quang", "Chủ tịch nước"),  # a given name that is a title word
    ("dev2", "baomoi2017-22235219", "Nguyễn Văn Bình", "Bí thư"),  # Bí thư Trung ương Đảng
    ("dev2", "baomoi2017-22321779", "Đinh Thế Huynh", "Thường trực"),  # Thường trực Ban Bí thư
    ("dev2", "baomoi2017-22252156", "Nguyễn Đức Lợi", "Bí thư"),  # a bare Đảng ủy of the chain's body
    ("dev2", "baomoi2017-22476011", "Nguyễn Chí Dũng", "Bộ trưởng"),  # KH-ĐT
    ("dev2", "baomoi2017-22417541", "Phạm Quang Vinh", "Đại sứ"),  # an envoy
    ("dev2", "baomoi2017-22683926", "Nguyễn Hồng Lĩnh", "Tổng Lãnh sự"),
    ("dev2", "baomoi2017-22728961", "Nguyễn Văn Thành", "Chủ tịch"),  # UBND TP Huế, not the province's
    ("dev2", "baomoi2017-22344432", "Võ Công Hùng", "Ủy viên"),  # "ông Hùng là Thị ủy viên"
    ("dev2", "baomoi2017-22344432", "Ngô Trung Việt", "Phó Bí thư Thường trực"),  # Thị ủy Buôn Hồ (Đắk Lắk)
    ("dev2", "baomoi2017-22542435", "Nguyễn Xuân Trường", "Giám đốc"),  # the sentence's own city
    ("dev2", "baomoi2017-22756932", "Đỗ Thắng Hải", "Thứ trưởng"),  # the ministry the sentence names
    ("dev2", "lh2026-d45a548794a5351f", "Lê Mạnh Hùng", "Quyền Bộ trưởng"),
    ("dev2", "lh2026-1affde45d8e55663710d414aeada3c53", "Nguyễn Văn Long", "Thủ trưởng"),
    ("dev", "baomoi2017-21510760", "Trần Quốc Khánh", "Thứ trưởng"),  # the one ministry of the article
    ("dev", "baomoi2017-22702182", "Tô Lâm", "Ủy viên"),  # a rank before a name-first chain
    ("dev-portal", "p009", "Quản Minh Cường", "Trưởng đoàn"),  # Trưởng Đoàn ĐBQH khóa XV tỉnh X
    ("dev-portal", "p009", "Hoàng Đức Thắng", "Ủy viên"),  # Ủy viên Ban Thường vụ Tỉnh ủy
    ("dev-portal", "p033", "Nguyễn Văn Viện", "Ủy viên"),  # TUV on a district's portal
    ("dev-portal", "p033", "Lê Văn Thị", "Chủ tịch"),  # UBND huyện: the portal's district
    ("dev-portal", "p041", "Lê Diễn", "Ủy viên"),  # UVTW Đảng
]


@lru_cache(maxsize=None)
def _gold(name: str) -> tuple[dict, dict]:
    gold = json.loads((SHARED / "gold" / f"{name}.json").read_text("utf-8"))
    articles = {}
    for line in (SHARED / "gold" / f"{name}-articles.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            articles[r["id"]] = r
    return gold, articles


def _article_facts(record: dict) -> set[tuple[str, str, str]]:
    import io

    from govkg.loaders import iter_articles
    from govkg.pipeline import extract_article

    [article] = list(iter_articles(["-"], stdin=io.BytesIO(json.dumps(record, ensure_ascii=False).encode())))
    kg = extract_article(article)
    out = set()
    for u, v, _ in kg.edges("HOLDS"):
        agency = next(a for _, a, k in kg.g.out_edges(v, keys=True) if k == "OF")
        out.add((key(kg.g.nodes[u]["name"]), key(kg.g.nodes[v]["title"]), key(kg.g.nodes[agency]["name"])))
    return out


@pytest.mark.parametrize("gold_name, aid, person, title", REAL, ids=[f"{g}:{p}:{t}" for g, _, p, t in REAL])
def test_real_articles(gold_name, aid, person, title):
    if not (SHARED / "gold" / f"{gold_name}.json").exists():
        pytest.skip("../shared/gold is not here")
    gold, articles = _gold(gold_name)
    match = [a for a in articles if a.startswith(aid)]
    assert len(match) == 1, aid
    aid = match[0]
    wanted = [p for p in gold["articles"][aid]["positions"]["required"] if p["person"] == person and p["title"] == title]
    assert wanted, (aid, person, title)
    got = _article_facts(articles[aid])
    p = wanted[0]
    orgs = {key(o) for o in [p["organization"], *p.get("aliases", [])]}
    titles = {key(t) for t in [p["title"], *p.get("title_aliases", [])]}
    assert any(f[0] == key(person) and f[1] in titles and f[2] in orgs for f in got), (p, sorted(got))


def test_a_run_of_thousands_of_titles_takes_linear_time():
    """A page that repeats a chain of titles thousands of times is read in time proportional to
    its length: four times the text costs about four times the CPU, far from the sixteen times a
    quadratic reading would (the bound is loose: it tells linear from quadratic, not speed)."""
    import time

    def cpu(n: int) -> float:
        text = "Ngày 1/2, tại Hà Nội, " + "Chủ tịch UBND TP Nguyễn Văn An, Phó Bí thư Thành ủy, " * n
        t = time.process_time()
        facts(text)
        return time.process_time() - t

    cpu(50)  # compiled patterns
    small, large = cpu(300), cpu(1200)
    assert large < 9 * small, (small, large)


def test_page_furniture_glued_to_a_title_and_names_cut_short():
    # a follow prompt glued to a caption: the title is the whole "Phó Bí thư", not "Bí thư"
    assert posts("Theo dõi Pháp luật trênPhó Bí thư Thành ủy Nguyễn Văn Phong phát biểu") == {
        ("Nguyễn Văn Phong", "Phó Bí thư", "Thành ủy")}
    # a name cut at a foreign word ("Nguyễn Văn O'Brien") is not a person unless the article names him in full
    assert not facts("Hà Nội. Chủ tịch UBND TP Hà Nội Nguyễn Văn O'Brien phát biểu.")


@pytest.mark.parametrize("sentence, person, body", [
    # words inside a body's name that would otherwise end it
    ("Ông Nguyễn Tử Hiếu - Phó Vụ trưởng Vụ Trang thiết bị và Công trình y tế (Bộ Y tế) trình bày",
     "Nguyễn Tử Hiếu", "Vụ Trang thiết bị và Công trình y tế"),
    ("Ông Hoàng Đình Cảnh, Phó Cục trưởng Cục Phòng, chống HIV/AIDS, Bộ Y tế thông tin",
     "Hoàng Đình Cảnh", "Cục Phòng, chống HIV/AIDS"),
])
def test_body_names_are_not_cut(sentence, person, body):
    assert any(p == person and b == body for p, _, b in posts(sentence))


def test_foreign_and_mass_organisation_bodies_are_not_vietnamese_state_posts():
    # a foreign parliament, its state form written before the country
    assert posts("ông Man Uyn Khai Than, Chủ tịch Quốc hội Cộng hòa Liên bang Myanmar") == set()
    # the Farmers' Union's central committee is not the Party's
    assert posts("Theo ông Lại Xuân Môn, Chủ tịch BCH Trung ương Hội Nông dân Việt Nam:") == set()
    # nor are the Youth Union's and the Women's Union's central boards ("Trung ương Đoàn", "Trung ương Hội")
    assert posts("Ông Trần Trọng Đại, Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương Đoàn phát biểu.") == set()
    assert posts("Bà Lê Thị Hà, Trưởng Ban Tuyên giáo Trung ương Hội Liên hiệp Phụ nữ Việt Nam cho biết.") == set()
    assert posts("Ông Trần Cẩm Tú, Chủ nhiệm Ủy ban Kiểm tra Trung ương, phát biểu.") == {
        ("Trần Cẩm Tú", "Chủ nhiệm", "Ủy ban Kiểm tra Trung ương")}


@pytest.mark.parametrize("text, core, end_word", [
    # long steering committees: "về" after their level opens the subject
    ("Ban Chỉ đạo Trung ương về phòng, chống tham nhũng họp phiên thứ 11",
     "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng", " họp"),
    ("Ban Chỉ đạo Nhà nước về đổi mới cơ chế quản lý đối với doanh nghiệp nhà nước đã họp",
     "Ban Chỉ đạo Nhà nước về đổi mới cơ chế quản lý đối với doanh nghiệp nhà nước", " đã"),
    # names end at a verb of the sentence, a date, or a new clause
    ("Cục Đường bộ phụ trách khu vực phía Bắc", "Cục Đường bộ", " phụ"),
    ("Cục Quản lý thị trường giữ chức vụ", "Cục Quản lý thị trường", " giữ"),
    # "hàng không" (aviation) holds "không" (not) and goes on
    ("Ban Chỉ đạo thực hiện Dự án Cảng hàng không quốc tế Long Thành họp",
     "Ban Chỉ đạo thực hiện Dự án Cảng hàng không quốc tế Long Thành", " họp"),
    ("UBND xã Tân Phú Ngày 24-6, ông An cho biết", "UBND", " Ngày"),
])
def test_body_names_end_where_the_sentence_goes_on(text, core, end_word):
    from govkg.loaders.agencies import parse_agency

    a = parse_agency(text, 0)
    assert a.core == core
    assert text[a.end:].startswith(end_word)


def test_a_national_steering_committee_belongs_to_no_province():
    got = facts("Hà Nội có 20 quận. Trưởng Ban Chỉ đạo Trung ương về phòng, chống tham nhũng Nguyễn Phú Trọng phát biểu.")
    assert ("Nguyễn Phú Trọng", "Trưởng ban", "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng", "current") in got


def test_a_parish_is_not_a_person():
    got = {p for p, *_ in posts("Giáo dân giáo xứ Kim Hòa, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân thăm hỏi")}
    assert got == {"Nguyễn Thị Kim Ngân"}


@pytest.mark.parametrize("sentence, expected", [
    # a title glued to the name before it where a line broke
    ("Ông Nguyễn Văn TámPhó giám đốc Sở GTVT TP HCM cho biết", ("Nguyễn Văn Tám", "Phó Giám đốc", "Sở Giao thông vận tải")),
    # a field's abbreviation that lost its "&"
    ("Theo đó,Thứ trưởng Bộ GD ĐT Nguyễn Thị Nghĩa đã yêu cầu", ("Nguyễn Thị Nghĩa", "Thứ trưởng", "Bộ Giáo dục và Đào tạo")),
    # a name right after a body's capitalised words ("Động Hà" is not the city of Đông Hà)
    ("Cục trưởng An toàn Lao Động Hà Tất Thắng cho biết", ("Hà Tất Thắng", "Cục trưởng", "Cục An toàn Lao Động")),
])
def test_crawled_text(sentence, expected):
    assert expected in posts(sentence)


def test_a_chain_runs_through_a_body_govkg_does_not_record():
    s = ("Chỉ có một chi tiết mà Phó Tổng cục trưởng Tổng cục TDTT, Phó Chủ tịch Liên đoàn bóng chuyền Việt Nam, "
         "ông Trần Đức Phấn, tiết lộ")
    assert posts(s) == {("Trần Đức Phấn", "Phó Tổng cục trưởng", "Tổng cục TDTT")}
    reasons = [t.reason for t in read_positions(s).titles]
    assert reasons[1].startswith("a body govkg does not record")


def test_a_word_after_a_title_is_a_given_name_only_where_a_clause_goes_on():
    # "Phó Chủ tịch Liên đoàn ...": "Liên" opens a noun, it is nobody's name
    assert not facts("Phó Chủ tịch Liên đoàn bóng chuyền nói. Danh sách: Nguyễn Kim Liên, Bùi Thị Ngà.")


@pytest.mark.parametrize("sentence, expected", [
    ("tại Trụ sở Chính phủ, Thủ tướng Chính Phủ Nguyễn Xuân Phúc đã chủ trì cuộc họp",
     ("Nguyễn Xuân Phúc", "Thủ tướng", "Chính phủ")),
    ("Phó Thủ tướng Trương Hòa Bình, Trưởng Ban chỉ đạo về các giải pháp ổn định đời sống cho nhân dân",
     ("Trương Hòa Bình", "Trưởng ban", "Ban Chỉ đạo về các giải pháp ổn định đời sống")),
    ("Chủ nhiệm UB Pháp luật Hoàng Thanh Tùng nêu rõ", ("Hoàng Thanh Tùng", "Chủ nhiệm", "Ủy ban Pháp luật của Quốc hội")),
])
def test_bodies_written_otherwise(sentence, expected):
    assert expected in posts(sentence)


@pytest.mark.parametrize("text, expected", [
    ("UBND tỉnh Quảng Nam quyết định bổ nhiệm chức vụ Giám đốc Sở Y tế tỉnh Quảng Nam đối với ông Nguyễn Văn Văn.",
     ("Nguyễn Văn Văn", "Giám đốc", "Sở Y tế Quảng Nam", "current")),
    ("Chủ tịch UBND tỉnh đã trao quyết định bổ nhiệm chức vụ Chánh Văn phòng UBND tỉnh Bình Định cho bà Trần Thị Hoa.",
     ("Trần Thị Hoa", "Chánh Văn phòng", "Văn phòng UBND tỉnh Bình Định", "current")),
    ("Ông Lê Văn Hùng, Phó Bí thư - Chủ tịch UBND huyện Tư Nghĩa, tỉnh Quảng Ngãi phát biểu.",
     ("Lê Văn Hùng", "Phó Bí thư", "Huyện ủy Tư Nghĩa", "current")),
])
def test_an_appointment_names_its_holder_after_the_post_and_a_bare_secretary_takes_the_committee_place(text, expected):
    """"bổ nhiệm chức vụ <post> đối với ông X" gives X the post; "Phó Bí thư – Chủ tịch UBND huyện X"
    is the deputy secretary of that district's party committee."""
    assert expected in facts(text)


@pytest.mark.parametrize("text, expected", [
    ("Nguyễn Văn Bình, Ủy viên Bộ Chính trị, làm Trưởng ban Kinh tế Trung ương.",
     ("Nguyễn Văn Bình", "Trưởng ban", "Ban Kinh tế Trung ương", "current")),
    ("Đồng chí Nguyễn Thiện Nhân, Ủy viên Bộ Chính trị, Bí thư Thành ủy TP Hồ Chí Minh làm Trưởng đoàn Đại biểu "
     "Quốc hội TP Hồ Chí Minh.", ("Nguyễn Thiện Nhân", "Trưởng đoàn", "Đoàn ĐBQH TP Hồ Chí Minh", "current")),
])
def test_a_chain_of_titles_goes_on_with_lam(text, expected):
    """"X, <titles>, làm <post>": the post X is put in holds, as with "kiêm"."""
    assert expected in facts(text)
