"""The vocabulary is data: a new title, a kind of body, a family name or an abbreviation is one
line of TOML, in data/ or in a folder named by GOVKG_DATA, and the recognisers read it."""

from __future__ import annotations

import pytest

from govkg import vocab as vocab_module
from govkg.identity import key
from govkg.loaders.names import find_names
from govkg.loaders.people import find_positions
from govkg.vocab import VocabError, vocab


@pytest.fixture
def extra(tmp_path, monkeypatch):
    """A GOVKG_DATA folder; the vocabulary is read again with it, and again without it after."""
    monkeypatch.setenv("GOVKG_DATA", str(tmp_path))
    yield tmp_path
    monkeypatch.delenv("GOVKG_DATA")
    vocab_module.reset()


def _write(folder, name, text):
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    vocab_module.reset()


def test_a_title_is_one_line(extra):
    sentence = "Tổng Thanh sát Nguyễn Văn Sơn phát biểu"
    assert find_positions(sentence) == []
    _write(extra, "titles", 'titles."Tổng Thanh sát" = { rank = "head", body = "Chính phủ" }\n')
    assert [(p.person, p.title.title, p.title.body) for p in find_positions(sentence)] == [
        ("Nguyễn Văn Sơn", "Tổng Thanh sát", "Chính phủ")]


def test_a_kind_of_body_is_one_line(extra):
    sentence = "ông Lê Văn An, Giám đốc Quỹ Phát triển đất tỉnh Nghệ An cho biết"
    assert not find_positions(sentence)
    _write(extra, "agencies", 'kinds.quy_dat = { heads = ["Quỹ Phát triển đất"], short = "Quỹ Phát triển đất", '
                              'branch = "state", place = "required" }\n')
    [p] = find_positions(sentence)
    assert (p.person, p.title.title, p.body.core, p.body.place.name) == ("Lê Văn An", "Giám đốc", "Quỹ Phát triển đất",
                                                                          "Nghệ An")


def test_a_family_name_is_one_line(extra):
    sentence = "Chủ tịch UBND huyện Xồng Văn Pó cho biết"
    assert find_names(sentence) == []
    _write(extra, "names", 'surnames = ["Xồng"]\n')
    assert [n.name for n in find_names(sentence)] == ["Xồng Văn Pó"]
    assert "Nguyễn" in vocab().names.surnames  # the packaged list is kept: lists are appended


def test_an_abbreviation_is_one_line(extra):
    assert key("Sở NV tỉnh Nghệ An") != key("Sở Nội vụ tỉnh Nghệ An")
    _write(extra, "abbreviations", 'expand.NV = "Nội vụ"\n')
    assert key("Sở NV tỉnh Nghệ An") == key("Sở Nội vụ tỉnh Nghệ An")


def test_a_broken_extra_file_is_one_clear_error(extra):
    _write(extra, "titles", 'titles."Ủy viên X" = { body = "Quốc hội" }\n')  # no rank
    with pytest.raises(VocabError, match="has no rank"):
        vocab()
    _write(extra, "titles", "titles = [\n")
    with pytest.raises(VocabError, match="cannot read extra vocabulary"):
        vocab()
