"""`govkg explain`: every title mention of an article, with the fact it gave or why it gave none.
On each sample article it accounts for every title mention, and its facts are the store's."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from conftest import ARTICLES
from govkg.cli import main
from govkg.identity import key
from govkg.loaders import iter_articles
from govkg.loaders.explain import explain
from govkg.loaders.people import _titles
from govkg.text import lower


def _samples():
    return [a for a in iter_articles([str(ARTICLES)])]


def test_every_title_mention_of_each_sample_is_accounted_for():
    lookup, _, pattern, compounds = _titles()
    for article in _samples():
        e = explain(article)
        seen = {(t.zone, t.sentence_start + t.mention.start) for t in e.titles}
        # every title the title pattern finds in the body is reported, with an outcome
        for m in pattern.finditer(lower(article.text)):
            at = m.start()
            assert any(abs(at - s) <= 12 for z, s in seen if z == "body"), (article.id, article.text[at:at + 40])
        for t in e.titles:
            assert t.outcome == "fact" or t.mention.reason, t
            assert t.sentence[t.mention.start:t.mention.end] == t.mention.text


def test_explain_facts_are_the_stored_facts(seed_store):
    r = CliRunner().invoke(main, ["roles", "--all", "--format", "json", "--db", str(seed_store)])
    stored = {(key(x["person"]), key(x["title"]), key(x["organization"]), s["article"])
              for x in json.loads(r.output) for s in x["sources"]}
    explained = set()
    for article in _samples():
        for t in explain(article).titles:
            for f in t.facts:
                explained.add((key(f["person"]), key(f["title"]), key(f["organization"]), article.id))
    assert explained == stored


def test_the_command_on_a_file_stdin_and_a_stored_id(seed_store):
    path = sorted(ARTICLES.glob("*.txt"))[0]
    r = CliRunner().invoke(main, ["explain", str(path)])
    assert r.exit_code == 0, r.output
    assert re.search(r"-> Trần Việt Trường \| Chủ tịch \| UBND TP Cần Thơ \(current, 1\.00\)", r.output)
    r2 = CliRunner().invoke(main, ["explain", "-", "--format", "json"], input=path.read_bytes())
    assert r2.exit_code == 0, r2.output
    [doc] = json.loads(r2.output)
    assert doc["facts"] >= 1 and all(m["outcome"] for m in doc["mentions"])
    r3 = CliRunner().invoke(main, ["explain", path.stem, "--db", str(seed_store)])
    assert r3.exit_code == 0, r3.output
    assert r3.output.splitlines()[1:] == r.output.splitlines()[1:]


def test_an_article_loaded_by_a_relative_path_is_explained_from_any_folder(tmp_path, monkeypatch):
    import shutil
    work = tmp_path / "work"
    work.mkdir()
    source = sorted(ARTICLES.glob("*.txt"))[0]
    shutil.copy(source, work / source.name)
    monkeypatch.chdir(work)
    r = CliRunner().invoke(main, ["load", source.name, "--db", str(tmp_path / "db")])
    assert r.exit_code == 0, r.output
    monkeypatch.chdir(tmp_path)
    r2 = CliRunner().invoke(main, ["explain", source.stem, "--db", str(tmp_path / "db")])
    assert r2.exit_code == 0, r2.output
    assert "Trần Việt Trường" in r2.output


def test_an_unknown_article_is_one_line(seed_store, tmp_path):
    r = CliRunner().invoke(main, ["explain", "no-such-article", "--db", str(seed_store)])
    assert r.exit_code == 1
    assert r.output.count("\n") == 1 and "no such file" in r.output and "Traceback" not in r.output
