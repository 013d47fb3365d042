import copy
import json
from pathlib import Path

import pytest

from govkg.evaluate import GoldError, load_gold, score

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "seeds_expected.toml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CAN_THO = "000_372fcefd87e77f7b"
HA_NOI_2018 = "004_aa9be8dcd83bf31c"


@pytest.fixture(scope="module")
def gold():
    return load_gold(FIXTURE)


def record(article, person, title, organization, evidence="câu trong bài", status="current"):
    return {
        "person": person,
        "title": title,
        "organization": organization,
        "status": status,
        "as_of": None,
        "sources": [{"article": article, "evidence": evidence}],
    }


def all_required(gold):
    return [
        record(aid, p["person"], p["title"], p["organization"])
        for aid, article in gold["articles"].items()
        for p in article["positions"]["required"]
    ]


def n_required(gold):
    return sum(len(a["positions"]["required"]) for a in gold["articles"].values())


# ---------------------------------------------------------------------------------------------
# load_gold


def _without_nulls(x):
    if isinstance(x, dict):
        return {k: _without_nulls(v) for k, v in x.items() if v is not None}
    if isinstance(x, list):
        return [_without_nulls(v) for v in x]
    return x


def test_fixture_has_the_five_sample_articles(gold):
    articles = sorted(p.stem for p in (HERE / "fixtures" / "articles").glob("*.txt"))
    assert sorted(gold["articles"]) == articles
    assert n_required(gold) == 17
    assert len(gold["lookups"]) == 8
    assert gold["articles"]["003_cc153bd936ce14ee"].get("published") is None  # null in the JSON


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.json").exists(), reason="needs /work/shared")
def test_toml_fixture_is_the_shared_seed_gold(gold):
    shared = load_gold(SHARED / "gold" / "seeds.json")
    for aid, article in shared["articles"].items():
        assert gold["articles"][aid]["positions"] == article["positions"]
    # and everything else too, TOML having no null
    assert gold == _without_nulls(shared)


@pytest.mark.parametrize(
    "name, content, complaint",
    [
        ("bad.json", "{not json", "not valid JSON"),
        ("bad.toml", "articles = [", "not valid TOML"),
        ("list.json", "[1, 2]", "'articles'"),
        ("no_articles.json", '{"about": "x"}', "'articles'"),
        ("empty.json", '{"articles": {}}', "empty"),
        ("positions.json", '{"articles": {"a": {"positions": []}}}', "articles.a.positions"),
        ("no_title.json", '{"articles": {"a": {"positions": {"required": [{"person": "X", "organization": "Y"}]}}}}',
         "articles.a.positions.required[0]: 'title'"),
        ("aliases.toml", '[[articles.a.positions.optional]]\nperson = "X"\ntitle = "T"\norganization = "O"\naliases = "O2"\n',
         "'aliases' must be a list"),
    ],
)
def test_bad_gold_files_raise_one_clear_line(tmp_path, name, content, complaint):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as e:
        load_gold(path)
    message = str(e.value)
    assert "\n" not in message and name in message and complaint in message


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "nowhere.json")


# ---------------------------------------------------------------------------------------------
# score


def test_all_required_facts_score_perfectly(gold):
    report = score(all_required(gold), gold)
    assert report.precision == report.recall == report.f1 == 1.0
    assert report.true_positives == n_required(gold)
    assert report.misses == [] and report.extras == []


def test_a_dropped_fact_is_a_listed_miss(gold):
    records = [r for r in all_required(gold) if r["person"] != "Võ Phan Thành Minh"]
    report = score(records, gold)
    assert report.precision == 1.0
    assert report.recall == pytest.approx((n_required(gold) - 1) / n_required(gold))
    [miss] = report.misses
    assert (miss.article, miss.person, miss.title, miss.organization) == (
        "002_3b765d64efecc320", "Võ Phan Thành Minh", "Chủ tịch", "UBND TP Cao Lãnh")
    assert report.articles["002_3b765d64efecc320"].false_negatives == 1


def test_a_wrong_organization_is_an_extra_with_its_evidence(gold):
    wrong = record(CAN_THO, "Trần Việt Trường", "Chủ tịch", "HĐND TP Cần Thơ", evidence="Chủ tịch HĐND TP Cần Thơ ...")
    report = score(all_required(gold) + [wrong], gold)
    assert report.recall == 1.0 and report.precision < 1.0
    [extra] = report.extras
    assert (extra.article, extra.organization, extra.evidence) == (CAN_THO, "HĐND TP Cần Thơ", "Chủ tịch HĐND TP Cần Thơ ...")
    text = report.format_text()
    assert "HĐND TP Cần Thơ" in text and "Chủ tịch HĐND TP Cần Thơ ..." in text
    assert json.loads(json.dumps(report.to_dict()))["extras"][0]["evidence"] == extra.evidence


@pytest.mark.parametrize(
    "title, organization",
    [
        ("Chủ tịch", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("Chủ tịch", "UỶ BAN NHÂN DÂN TP Cần Thơ"),  # not an alias as written: abbreviation + tone + case
        ("chủ tịch", "UBND thành phố Cần Thơ"),
        ("Phó Bí thư", "Thành uỷ Cần Thơ"),
        ("Phó bí thư", "Thành uỷ Tp Cần Thơ"),
    ],
)
def test_abbreviations_tone_placement_and_case_still_match(gold, title, organization):
    report = score([record(CAN_THO, "Trần Việt Trường", title, organization)], gold)
    assert report.true_positives == 1 and report.false_positives == 0


@pytest.mark.parametrize(
    "person, title, organization",
    [
        ("Trần Việt Trường", "Chủ tịch", "UBND"),  # a substring of the organization
        ("Trần Việt Trường", "Chủ tịch", "UBND TP Cần Thơ mới"),
        ("Trần Việt Trường", "Phó Chủ tịch", "UBND TP Cần Thơ"),
        ("Trần Việt", "Chủ tịch", "UBND TP Cần Thơ"),
        ("Tran Viet Truong", "Chu tich", "UBND TP Can Tho"),  # no diacritic folding either
    ],
)
def test_no_lenient_matching(gold, person, title, organization):
    report = score([record(CAN_THO, person, title, organization)], gold)
    assert report.true_positives == 0 and report.false_positives == 1


def test_optional_positions_are_neither_true_nor_false_positives(gold):
    optional = record(HA_NOI_2018, "Nguyễn Xuân Phúc", "Thủ tướng", "Chính phủ")
    base = score(all_required(gold), gold)
    report = score(all_required(gold) + [optional], gold)
    assert (report.true_positives, report.false_positives) == (base.true_positives, 0)
    assert report.optional == 1 and report.articles[HA_NOI_2018].optional == 1


def test_records_about_other_articles_are_ignored(gold):
    stranger = record("baomoi2017-00000000", "Trần Việt Trường", "Chủ tịch", "UBND")
    report = score(all_required(gold) + [stranger], gold)
    assert report.false_positives == 0 and "baomoi2017-00000000" not in report.articles


def test_a_record_counts_for_each_gold_article_it_cites(gold):
    both = record(CAN_THO, "Nguyễn Văn Hiếu", "Bí thư", "Thành ủy Cần Thơ")
    both["sources"].append({"article": "001_d7db6c298246974e", "evidence": "Bí thư Thành ủy Nguyễn Văn Hiếu"})
    report = score([both], gold)
    assert report.articles["001_d7db6c298246974e"].true_positives == 1
    assert report.articles[CAN_THO].false_positives == 1  # not a fact of article 000


def test_duplicates_count_once(gold):
    records = all_required(gold)
    same_fact = [
        copy.deepcopy(records[0]),
        record(CAN_THO, "Trần Việt Trường", "Phó Bí thư", "Thành ủy TP Cần Thơ"),  # an alias: same position
    ]
    wrong = record(CAN_THO, "Trần Việt Trường", "Chủ tịch", "UBND")
    report = score(records + same_fact + [wrong, copy.deepcopy(wrong)], gold)
    assert report.true_positives == n_required(gold)
    assert report.false_positives == 1 and len(report.extras) == 1


def test_one_record_credits_one_position():
    gold = {"articles": {"a": {"positions": {"required": [
        {"person": "X", "title": "Phó Trưởng ban Thường trực", "organization": "Ban A", "title_aliases": ["Phó Trưởng ban"]},
        {"person": "X", "title": "Phó Trưởng ban", "organization": "Ban A"},
    ]}}}}
    one = score([record("a", "X", "Phó Trưởng ban", "Ban A")], gold)
    assert (one.true_positives, one.false_negatives) == (1, 1)
    # whichever order the records come in, both positions are credited
    two = score([record("a", "X", "Phó Trưởng ban", "Ban A"), record("a", "X", "Phó Trưởng ban Thường trực", "Ban A")], gold)
    assert (two.true_positives, two.false_negatives, two.false_positives) == (2, 0, 0)


def test_empty_denominators():
    gold = {"articles": {"a": {"positions": {"required": [], "optional": []}}}}
    nothing = score([], gold)
    assert (nothing.precision, nothing.recall, nothing.f1) == (1.0, 1.0, 1.0)
    only_extras = score([record("a", "X", "Chủ tịch", "UBND")], gold)
    assert (only_extras.precision, only_extras.recall, only_extras.f1) == (0.0, 1.0, 0.0)


def test_text_report_groups_misses_and_extras_by_article(gold):
    records = [r for r in all_required(gold) if r["sources"][0]["article"] != CAN_THO]
    records.append(record(HA_NOI_2018, "Ngô Thị Thanh Hằng", "Bí thư", "Thành ủy Hà Nội", evidence="bà Ngô Thị Thanh Hằng"))
    text = score(records, gold).format_text()
    lines = text.splitlines()
    assert lines[0].startswith("precision ")
    header = lines.index(f"{CAN_THO}: 0 found, 2 missed, 0 extra")
    assert lines[header + 1].lstrip().startswith("miss") and "Trần Việt Trường" in lines[header + 1]
    extra = next(line for line in lines if line.lstrip().startswith("extra"))
    assert "Ngô Thị Thanh Hằng" in extra and "bà Ngô Thị Thanh Hằng" in extra
