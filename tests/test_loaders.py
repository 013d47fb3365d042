"""Tests for govkg.loaders: the sample articles, encodings, bad input, JSONL/JSON, HTML and stdin."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import random
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from govkg.loaders import Article, LoadError, iter_articles, outlet_info
from govkg.loaders.meta import parse_body, parse_date_line, parse_iso_date

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SHARED = Path(__file__).parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "news-39k.jsonl.gz"

SAMPLE_000 = FIXTURES / "000_372fcefd87e77f7b.txt"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def load(*paths, **kwargs) -> list[Article | LoadError]:
    """Everything iter_articles yields for the given paths, as a list."""
    return list(iter_articles([str(p) for p in paths], **kwargs))


def only_article(*paths, **kwargs) -> Article:
    """The single Article the paths hold (the test fails on anything else)."""
    loaded = load(*paths, **kwargs)
    assert len(loaded) == 1 and isinstance(loaded[0], Article), loaded
    return loaded[0]


def errors_of(loaded) -> list[LoadError]:
    return [x for x in loaded if isinstance(x, LoadError)]


def articles_of(loaded) -> list[Article]:
    return [x for x in loaded if isinstance(x, Article)]


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    """The five sample articles, read through the folder walk, by id."""
    loaded = load(FIXTURES)
    assert not errors_of(loaded)
    return {a.id: a for a in articles_of(loaded)}


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed where the code page has them, tones combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            out += (base + "".join(c for c in decomposed if c in TONE_MARKS)).encode("cp1258")
    return bytes(out)


# ------------------------------------------------------------------------------------------------
# The sample articles


def test_samples_are_read_in_sorted_order_with_their_file_stems(samples):
    assert list(samples) == [
        "000_372fcefd87e77f7b",
        "001_d7db6c298246974e",
        "002_3b765d64efecc320",
        "003_cc153bd936ce14ee",
        "004_aa9be8dcd83bf31c",
    ]
    assert samples["000_372fcefd87e77f7b"].path == str(SAMPLE_000)


@pytest.mark.parametrize(
    "article_id, published",
    [
        ("000_372fcefd87e77f7b", date(2024, 5, 28)),  # "28/05/2024 - 15:58"
        ("001_d7db6c298246974e", date(2023, 6, 29)),  # " date 2023-06 Ngày 29-6, ..."
        ("002_3b765d64efecc320", date(2024, 3, 4)),  # "Cập nhật ngày: 04/03/2024 18:35:30"
        ("003_cc153bd936ce14ee", None),  # no publication date; dates in its sentences do not count
        ("004_aa9be8dcd83bf31c", date(2018, 6, 18)),  # "19:52 | 18/06/2018"
    ],
)
def test_sample_dates(samples, article_id, published):
    assert samples[article_id].date == published


def test_date_lines_are_removed_but_the_first_sentence_stays(samples):
    assert "28/05/2024" not in samples["000_372fcefd87e77f7b"].text
    assert "Cập nhật ngày" not in samples["002_3b765d64efecc320"].text
    assert "18/06/2018" not in samples["004_aa9be8dcd83bf31c"].text
    first = samples["001_d7db6c298246974e"].text
    assert first.startswith("Ngày 29-6, đồng chí Nguyễn Văn Hiếu, Ủy viên Dự khuyết Trung ương Đảng")
    assert "date 2023" not in first


def test_sample_outlet_tags_and_sources(samples):
    assert samples["000_372fcefd87e77f7b"].outlet == "CT"
    assert samples["002_3b765d64efecc320"].outlet == "ĐTO"
    assert samples["000_372fcefd87e77f7b"].source == "Báo Cần Thơ"
    assert samples["002_3b765d64efecc320"].source == "Báo Đồng Tháp Online"
    assert samples["003_cc153bd936ce14ee"].source == "Pháp luật và Xã hội"
    for other in ("001_d7db6c298246974e", "003_cc153bd936ce14ee", "004_aa9be8dcd83bf31c"):
        assert samples[other].outlet is None
    # the tag stays in the text: offsets are the article's own
    assert "(CT) - Ngày 28-5, ông Trần Việt Trường" in samples["000_372fcefd87e77f7b"].text
    assert "ĐTO - Đó là chỉ đạo" in samples["002_3b765d64efecc320"].text


def test_outlet_info_reads_the_data_file():
    assert outlet_info("CT") == {
        "tag": "CT", "name": "Báo Cần Thơ", "province": "Cần Thơ", "domain": "baocantho.com.vn"
    }
    assert outlet_info("(ĐTO)")["province"] == "Đồng Tháp"
    assert outlet_info("HNMO")["name"] == "Báo Hà Nội Mới"
    assert outlet_info("TTXVN")["province"] is None  # national
    assert outlet_info("XYZ") is None


def test_sample_titles(samples):
    assert samples["000_372fcefd87e77f7b"].title.startswith("Thay đổi tư duy, phương thức thực hiện")
    assert samples["001_d7db6c298246974e"].title is None
    assert samples["002_3b765d64efecc320"].title == "Tăng cường đổi mới công tác lãnh đạo, chỉ đạo điều hành"
    assert samples["003_cc153bd936ce14ee"].title == (
        "Rà soát lại các chỉ tiêu, nhiệm vụ để thực hiện hiệu quả Chương trình 03"
    )
    assert samples["004_aa9be8dcd83bf31c"].title == "Đẩy nhanh tiến độ các dự án trọng điểm"


def test_kicker_and_title_stay_in_the_text(samples):
    text = samples["000_372fcefd87e77f7b"].text
    assert text.startswith("Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ:\nThay đổi tư duy")


def test_web_leftovers_are_kept_out_of_the_text(samples):
    a000, a002, a003, a004 = (samples[k] for k in ("000_372fcefd87e77f7b", "002_3b765d64efecc320",
                                                    "003_cc153bd936ce14ee", "004_aa9be8dcd83bf31c"))
    assert "Chia sẻ bài viết" not in a000.text and "Chia sẻ bài viết" in a000.leftovers
    assert "Tin, ảnh: T. TRINH" in a000.leftovers
    assert "Trở về trang trước" not in a002.text and "Gửi bình luận của bạn" in a002.leftovers
    assert "Mở Zalo" not in a003.text
    assert "Mở Zalo, bấm quét QR để quét và xem trên điện thoại" in a003.leftovers
    assert "Theo dõi Pháp luật & Xã hội trên" in a003.leftovers and "Theo dõi" not in a003.text
    assert "Hà Nội triển khai hiệu quả các chương trình tín dụng chính sách xã hội" in a003.leftovers
    assert "tín dụng chính sách xã hội" not in a003.text
    assert "Pháp luật và Xã hội" in a003.leftovers
    assert "day nhanh tien do" not in a004.text
    assert "Thủ tướng Nguyễn Xuân Phúc" not in a004.text
    assert any("Thủ tướng Nguyễn Xuân Phúc: Hà Nội là trung tâm du lịch mới nổi" in x for x in a004.leftovers)
    assert sum(x.startswith("day nhanh tien do cac du an trong diem") for x in a004.leftovers) == 4
    assert "M" in a004.leftovers and "Nguồn :" in a004.leftovers
    assert not a004.text.startswith("M\n")


def test_the_body_keeps_the_facts(samples):
    a003 = samples["003_cc153bd936ce14ee"]
    assert "Phó Bí thư Thành ủy, Chủ tịch HĐND TP Nguyễn Ngọc Tuấn" in a003.text
    # the caption glued to the follow prompt stays, without its trailing " |"
    assert "Trưởng Ban Chỉ đạo Chương trình số 03 -CTr/TU phát biểu tại Hội nghị\n" in a003.text
    assert "\nĐại biểu phát biểu tại Hội nghị\n" in a003.text
    assert " |" not in a003.text
    a004 = samples["004_aa9be8dcd83bf31c"]
    assert "Phó Bí thư Thường trực Thành ủy Hà Nội Ngô Thị Thanh Hằng kết luận buổi làm việc." in a004.text
    assert "Công trình đường Vành đai phía Tây" in samples["000_372fcefd87e77f7b"].text


def test_everything_is_nfc_and_tidy(samples):
    for article in samples.values():
        for part in (article.text, article.title or "", *article.leftovers):
            assert unicodedata.is_normalized("NFC", part)
        assert "\n\n" not in article.text and "  " not in article.text
        assert all(line == line.strip() and line for line in article.text.split("\n"))


# ------------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: s.encode("utf-16"), id="utf-16 with mark"),
        pytest.param(lambda s: s.encode("utf-16-le"), id="utf-16-le without mark"),
        pytest.param(lambda s: s.encode("utf-16-be"), id="utf-16-be without mark"),
        pytest.param(lambda s: s.encode("utf-8-sig"), id="utf-8 with mark"),
        pytest.param(to_cp1258, id="windows-1258"),
        pytest.param(lambda s: unicodedata.normalize("NFD", s).encode("utf-8"), id="utf-8 decomposed"),
    ],
)
def test_encodings_give_back_the_same_article(tmp_path, encode):
    original = only_article(SAMPLE_000)
    copy = tmp_path / SAMPLE_000.name
    copy.write_bytes(encode(SAMPLE_000.read_text("utf-8")))
    again = only_article(copy)
    assert (again.id, again.text, again.title, again.date, again.outlet, again.leftovers) == (
        original.id, original.text, original.title, original.date, original.outlet, original.leftovers
    )


def test_windows_1258_really_writes_combining_tones():
    assert b"\xcc" in to_cp1258("Trường") or b"\xec" in to_cp1258("Trường")  # the test helper is honest


# ------------------------------------------------------------------------------------------------
# Bad input


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n ")
    assert load(tmp_path / "empty.txt") == [LoadError(str(tmp_path / "empty.txt"), "empty file")]
    assert load(tmp_path / "blank.txt") == [LoadError(str(tmp_path / "blank.txt"), "empty file")]


def test_binary_file(tmp_path):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(0).randbytes(3000))
    assert load(png) == [LoadError(str(png), "binary file, not text")]


def test_undecodable_bytes(tmp_path):
    latin = tmp_path / "french.txt"
    latin.write_bytes("Le comité a décidé de créer une équipe élargie. ".encode("latin-1") * 5)
    (error,) = load(latin)
    assert isinstance(error, LoadError) and error.reason.startswith("undecodable bytes")


def test_missing_path():
    assert load("/nonexistent/nowhere.txt") == [LoadError("/nonexistent/nowhere.txt", "no such file or folder")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("Bài báo không đọc được.", "utf-8")
    locked.chmod(0)
    try:
        assert load(locked) == [LoadError(str(locked), "permission denied")]
    finally:
        locked.chmod(0o644)


def test_only_furniture_is_no_article(tmp_path):
    page = tmp_path / "buttons.txt"
    page.write_text("Chia sẻ bài viết\n< Trở về trang trước\n", "utf-8")
    (error,) = load(page)
    assert isinstance(error, LoadError) and "furniture" in error.reason


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deeper").mkdir()
    (tmp_path / "a.txt").write_text("Ông Nguyễn Văn An làm việc với Sở Tài chính.", "utf-8")
    (tmp_path / "b" / "c.txt").write_text("Bà Trần Thị Bình chủ trì hội nghị tỉnh.", "utf-8")
    (tmp_path / "b" / "deeper" / "d.txt").write_text("Ủy ban nhân dân huyện họp phiên thường kỳ.", "utf-8")
    (tmp_path / "b" / "notes.csv").write_text("ignored,file\n", "utf-8")
    (tmp_path / "b" / ".hidden.txt").write_text("Ẩn đi.", "utf-8")
    (tmp_path / "b" / "deeper" / "empty.txt").write_bytes(b"")
    loaded = load(tmp_path)
    assert [a.id for a in articles_of(loaded)] == ["a", "c", "d"]
    assert [e.where for e in errors_of(loaded)] == [str(tmp_path / "b" / "deeper" / "empty.txt")]


def test_a_folder_with_nothing_readable(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n", "utf-8")
    (error,) = load(tmp_path)
    assert error.where == str(tmp_path) and error.reason.startswith("no readable articles")


def test_a_named_file_with_an_unknown_suffix_is_read_as_text(tmp_path):
    notes = tmp_path / "bai-viet.md"
    notes.write_text("Chủ tịch UBND tỉnh kiểm tra tiến độ dự án đường ven biển.", "utf-8")
    assert only_article(notes).id == "bai-viet"


# ------------------------------------------------------------------------------------------------
# JSONL and JSON

RECORDS = [
    {"id": "r1", "title": "Tỉnh họp bàn kế hoạch năm", "date": "2021-04-15T08:00:00", "source": "baothu.vn",
     "url": "https://baothu.vn/r1", "text": "Sáng 15/4, UBND tỉnh Thử Nghiệm họp bàn kế hoạch phát triển năm 2021."},
    {"id": "r2", "date": "2026-01-30T17:00:00+00:00",
     "text": "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu "
             "Ông Lê Văn Cường được bầu làm Chủ tịch HĐND xã. Nguồn: [Link nguồn]Nguồn: [Link nguồn]"},
    {"id": 3, "date": None, "text": "Thứ Hai, 28/05/2024\nHuyện ủy tổ chức hội nghị sơ kết công tác quý I."},
]


def write_jsonl(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.jsonl.gz"])
def test_jsonl_records(tmp_path, name):
    path = tmp_path / name
    write_jsonl(path, [json.dumps(r, ensure_ascii=False) for r in RECORDS])
    r1, r2, r3 = only_articles = articles_of(load(path))
    assert len(only_articles) == 3
    assert (r1.id, r1.title, r1.date, r1.source, r1.url, r1.path) == (
        "r1", "Tỉnh họp bàn kế hoạch năm", date(2021, 4, 15), "baothu.vn", "https://baothu.vn/r1", str(path)
    )
    assert r2.date == date(2026, 1, 31)  # 17:00 UTC is midnight in Vietnam
    assert r2.text == "Ông Lê Văn Cường được bầu làm Chủ tịch HĐND xã."
    assert r2.leftovers[0].startswith("Lưu bài viết thành công") and r2.leftovers[-1].startswith("Nguồn: [Link")
    assert (r3.id, r3.date, r3.text) == ("3", date(2024, 5, 28), "Huyện ủy tổ chức hội nghị sơ kết công tác quý I.")


def test_a_malformed_jsonl_line_is_reported_and_reading_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    write_jsonl(path, [good[0], '{"id": "broken", "text": "thiếu dấu ngoặc"', "", good[1],
                       json.dumps({"id": "", "text": "Không có mã."}), json.dumps({"id": "x"}), "[1, 2]"])
    loaded = load(path)
    assert [a.id for a in articles_of(loaded)] == ["r1", "r2"]
    errors = errors_of(loaded)
    assert [e.where for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6", f"{path}:7"]
    assert errors[0].reason.startswith("malformed JSON")
    assert errors[1].reason == "record has no usable id" and errors[2].reason == "record has no text"
    assert errors[3].reason == "not a JSON object"


def test_a_broken_gzip_is_one_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    words = random.Random(1).choices(["tỉnh", "huyện", "họp", "bàn", "dự án", "Sở", "kế hoạch", "năm"], k=60000)
    lines = [json.dumps({"id": f"r{i}", "text": " ".join(words[i * 20 : i * 20 + 20])}, ensure_ascii=False)
             for i in range(3000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    loaded = load(path)
    assert articles_of(loaded) and len(errors_of(loaded)) == 1
    assert "gzip" in errors_of(loaded)[0].reason


def test_json_array_and_object(tmp_path):
    array = tmp_path / "many.json"
    array.write_text(json.dumps(RECORDS[:1] + [{"id": "no-text"}] + RECORDS[2:], ensure_ascii=False), "utf-8")
    loaded = load(array)
    assert [a.id for a in articles_of(loaded)] == ["r1", "3"]
    assert errors_of(loaded) == [LoadError(f"{array}#2", "record has no text")]
    single = tmp_path / "one.json"
    single.write_text(json.dumps(RECORDS[0], ensure_ascii=False), "utf-8")
    assert only_article(single).id == "r1"


# ------------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}">
<title>Họp bàn tiến độ dự án cầu Thử Nghiệm - Báo Thử Nghiệm</title>
<meta property="og:site_name" content="Báo Thử Nghiệm">
<meta property="og:title" content="Họp bàn tiến độ dự án cầu Thử Nghiệm">
<meta property="article:published_time" content="2024-05-28T15:58:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<article><h1>Họp bàn tiến độ dự án cầu Thử Nghiệm</h1>
<p>(CT) - Ngày 28-5, ông Nguyễn Văn An, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Thử Nghiệm, chủ trì
cuộc họp về tiến độ dự án cầu bắc qua sông Thử Nghiệm.</p>
<p>Theo báo cáo của Ban Quản lý dự án, công trình đã hoàn thành 60% khối lượng, dự kiến thông xe vào
cuối năm nay. Ông Nguyễn Văn An yêu cầu các đơn vị đẩy nhanh công tác giải phóng mặt bằng.</p>
</article>
<footer><p>Chia sẻ bài viết</p></footer>
</body></html>"""


@pytest.mark.parametrize("charset, encode", [("utf-8", str.encode), ("windows-1258", to_cp1258)])
def test_html_page(tmp_path, charset, encode):
    page = tmp_path / "cau-thu-nghiem.html"
    page.write_bytes(encode(PAGE.replace("{charset}", charset)))
    article = only_article(page)
    assert article.id == "cau-thu-nghiem"
    assert article.title == "Họp bàn tiến độ dự án cầu Thử Nghiệm"
    assert article.date == date(2024, 5, 28)
    assert article.source == "Báo Thử Nghiệm"
    assert article.outlet == "CT"
    assert "ông Nguyễn Văn An, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Thử Nghiệm" in article.text
    assert "Trang chủ" not in article.text
    assert unicodedata.is_normalized("NFC", article.text)


def test_html_page_without_text(tmp_path):
    page = tmp_path / "empty.htm"
    page.write_text("<html><head><title>Trống</title></head><body><div> </div></body></html>", "utf-8")
    (error,) = load(page)
    assert isinstance(error, LoadError) and error.reason == "no extractable text in HTML page"


def test_reading_text_does_not_import_trafilatura():
    code = (
        "import sys; from govkg.loaders import iter_articles; "
        f"list(iter_articles([{str(SAMPLE_000)!r}])); "
        "sys.exit('trafilatura' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ------------------------------------------------------------------------------------------------
# Standard input


def test_stdin_plain_text():
    data = SAMPLE_000.read_bytes()
    article = only_article("-", stdin=io.BytesIO(data))
    assert article.id.startswith("stdin-") and len(article.id) == len("stdin-") + 12
    assert article.id == only_article("-", stdin=io.BytesIO(data)).id  # the same bytes, the same id
    assert article.outlet == "CT" and article.date == date(2024, 5, 28) and article.path is None


def test_stdin_jsonl():
    lines = "\n\n" + "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n{oops\n"
    loaded = load("-", stdin=io.BytesIO(lines.encode("utf-8")))
    assert [a.id for a in articles_of(loaded)] == ["r1", "r2", "3"]
    assert [e.where for e in errors_of(loaded)] == ["<stdin>:6"]


def test_stdin_html_and_empty():
    article = only_article("-", stdin=io.BytesIO(PAGE.replace("{charset}", "utf-8").encode()))
    assert article.title == "Họp bàn tiến độ dự án cầu Thử Nghiệm" and article.id.startswith("stdin-")
    assert load("-", stdin=io.BytesIO(b"  \n")) == [LoadError("<stdin>", "empty file")]


def test_stdin_utf16_text():
    article = only_article("-", stdin=io.BytesIO(SAMPLE_000.read_text("utf-8").encode("utf-16")))
    assert article.outlet == "CT"


# ------------------------------------------------------------------------------------------------
# Metadata details


@pytest.mark.parametrize(
    "line, expected",
    [
        ("28/05/2024 - 15:58", date(2024, 5, 28)),
        ("Cập nhật ngày: 04/03/2024 18:35:30", date(2024, 3, 4)),
        ("19:52 | 18/06/2018", date(2018, 6, 18)),
        ("Thứ Hai, 28/05/2024", date(2024, 5, 28)),
        ("Chủ nhật, 2/6/2024, 07:30 (GMT+7)", date(2024, 6, 2)),
        ("28-5-2024", date(2024, 5, 28)),
        ("ngày 28 tháng 5 năm 2024", date(2024, 5, 28)),
        ("Thứ sáu, ngày 31 tháng 5 năm 2024", date(2024, 5, 31)),
        ("31/02/2024", None),  # no such day
        ("Ngày 28/5/2024, UBND tỉnh họp.", None),  # a sentence, not a date line
    ],
)
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


def test_a_date_inside_a_body_sentence_is_not_the_publication_date():
    body = parse_body("Tiêu đề bài viết về hội nghị\nNgày 28/5/2024, UBND tỉnh tổ chức hội nghị tổng kết.")
    assert body.date is None and body.title == "Tiêu đề bài viết về hội nghị"


@pytest.mark.parametrize(
    "value, expected",
    [("2021-04-15", date(2021, 4, 15)), ("2021-04-15T08:00:00", date(2021, 4, 15)),
     ("2013-10-22T11:48", date(2013, 10, 22)), ("2026-02-01T22:00:00+00:00", date(2026, 2, 2)),
     (None, None), ("", None), ("không rõ", None), (20210415, None)],
)
def test_iso_dates(value, expected):
    assert parse_iso_date(value) == expected


def test_sentences_are_not_follow_prompts_and_datelines_are_not_outlets():
    body = parse_body(
        "Theo dõi chặt chẽ diễn biến mực nước trên các sông, chủ động ứng phó.\n"
        "TP.HCM - Sáng nay, UBND thành phố họp về chống ngập.",
        find_title=False,
    )
    assert body.leftovers == [] and body.outlet is None


def test_html_entities_and_invisible_characters():
    body = parse_body("Bộ GD&amp;ĐT\u200b họp\xa0báo&nbsp;chiều nay về kỳ thi tốt nghiệp.\ufeff", find_title=False)
    assert body.text == "Bộ GD&ĐT họp báo chiều nay về kỳ thi tốt nghiệp."


# ------------------------------------------------------------------------------------------------
# The shared corpus (skipped where it is absent; never needed to pass)


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")
def test_corpus_smoke():
    first = list(itertools.islice(iter_articles([str(CORPUS)]), 200))
    assert len(first) == 200 and all(isinstance(a, Article) for a in first)
    for article in first:
        assert article.text and unicodedata.is_normalized("NFC", article.text)
        assert all(unicodedata.is_normalized("NFC", part) for part in article.leftovers)
