"""Personal names: every person of every gold file is recognised as a name in its evidence
sentence, and each class of name the recogniser once dropped is read (constructed sentences in
the press's shapes; the real ones are in the gold files, read when ../shared is there)."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from govkg.loaders.names import _is_given, find_names
from govkg.vocab import vocab

_VIETNAMESE_MARKS = set("ăâđêôơưàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ")


def _vietnamese(name: str) -> bool:
    """A name written in Vietnamese: its syllables are Vietnamese syllables, and it carries a
    Vietnamese letter or starts with a Vietnamese family name ("Chan Chun Sing", "Ong Ye Kung",
    Singaporean names in Latin letters, are not)."""
    words = name.split()
    if not all(_is_given(w) for w in words):
        return False
    return bool(_VIETNAMESE_MARKS & set(name.lower())) or words[0] in vocab().names.surnames


def _gold_people():
    out = []
    for name in ("seeds", "dev", "dev2", "dev-portal", "chain-dev"):
        path = SHARED / "gold" / f"{name}.json"
        if not path.exists():
            continue
        gold = json.loads(path.read_text("utf-8"))
        for aid, article in gold["articles"].items():
            for kind in ("required", "optional"):
                for p in article.get("positions", {}).get(kind, []):
                    person, evidence = p.get("person"), p.get("evidence") or ""
                    if person and person in evidence and _vietnamese(person):
                        out.append((name, aid, person, evidence))
    return out


def test_every_gold_person_is_recognised_as_a_name():
    people = _gold_people()
    if not people:
        pytest.skip("../shared/gold is not here")
    missed = [(g, aid, person, ev) for g, aid, person, ev in people
              if person not in {n.name for n in find_names(ev)}]
    assert not missed, f"{len(missed)} of {len(people)} gold names not recognised: {missed[:10]}"
    assert len(people) > 500


@pytest.mark.parametrize("sentence, names", [
    # a given name that is also a title word
    ("Chủ tịch nước Trần Đại Quang tiếp Đại sứ Nhật Bản", ["Trần Đại Quang"]),
    ("ông Nguyễn Văn Hội, Đại biểu Quốc hội tỉnh Nghệ An", ["Nguyễn Văn Hội"]),
    ("Lê Tiến Trưởng, Tổng giám đốc Tập đoàn Dệt may", ["Lê Tiến Trưởng"]),
    # one-letter given names; family names of the mountain provinces
    ("Phó Trưởng ban Thường trực Ban Chỉ đạo Tây Bắc Hầu A Lềnh phát biểu", ["Hầu A Lềnh"]),
    ("ông Mùa A Sơn, Phó Chủ tịch UBND huyện", ["Mùa A Sơn"]),
    ("ông Quản Minh Cường, Bí thư Tỉnh ủy Cao Bằng", ["Quản Minh Cường"]),
    # two-syllable names
    ("Hà Ban - Phó Trưởng ban Tổ chức Trung ương", ["Hà Ban"]),
    # a place, a country or a ministry's field runs into the name
    ("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Đức Long đánh trống khai hội", ["Nguyễn Đức Long"]),
    ("Thứ trưởng Bộ Công Thương Đỗ Thắng Hải chủ trì", ["Đỗ Thắng Hải"]),
    ("Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh", ["Phạm Quang Vinh"]),
    ("Bí thư Thành ủy Thành phố Hồ Chí Minh Nguyễn Thiện Nhân", ["Nguyễn Thiện Nhân"]),
    # a glued word after the name
    ("Thủ tướng Phạm Minh Chínhyêu cầu các bộ", ["Phạm Minh Chính"]),
    # a title written in capitals
    ("Nguyên Tổng Bí Thư Nông Đức Mạnh dự lễ", ["Nông Đức Mạnh"]),
    # not names: places and longer proper nouns
    ("sân bay Tân Sơn Nhất và Đại sứ quán Bồ Đào Nha", []),
    ("vùng biển Thái Bình Dương", []),
    ("Hồ Chí Minh", ["Hồ Chí Minh"]),
    ("UBND TP Hồ Chí Minh", []),
])
def test_names_in_the_press_shapes(sentence, names):
    assert [n.name for n in find_names(sentence)] == names


def test_a_family_name_missing_from_the_list_is_read_after_a_form_of_address():
    got = find_names("bà Xồng Thị Mỷ, Phó Chủ tịch UBND huyện Mường Lát")
    assert [(n.name, n.known_surname) for n in got] == [("Xồng Thị Mỷ", False)]
    # but never without one: "Xồng Thị Mỷ" alone could be anything capitalised
    assert find_names("Xồng Thị Mỷ phát biểu") == []
