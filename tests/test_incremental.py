"""Loads into a store that exists write only what changes: what they leave must be exactly what
one load of the same articles into an empty store leaves (new facts, new sources for facts already
stored, node properties filled in, replaced articles, orphans removed). Real corpus articles, which
share people, agencies and places; skipped when the corpus is absent."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

from govkg.graph.schema import schema
from govkg.graph.store import EmbeddedStore
from govkg.pipeline import load_paths
from conftest import shared_path


def _records(n: int) -> list[dict]:
    with gzip.open(shared_path("corpus", "news-39k.jsonl.gz"), "rt", encoding="utf-8") as fh:
        return [json.loads(x) for x in itertools.islice(fh, n)]


def _write(path: Path, records: list[dict]) -> str:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path)


def _dump(folder: Path) -> dict:
    """The stored graph, without what differs by design: the order a fact's sources were added
    in, and the file each article was read from."""
    store = EmbeddedStore(folder)
    kg = store.read_graph()
    # every edge as the engine counts it: an edge left pointing at a removed node is counted here
    # though no match reaches it (as an edge kept from one side only would be, by DETACH DELETE)
    counts = {e: store.query(f"MATCH ()-[e:{e}]->() RETURN count(*)")[1][0][0] for e in schema().edges}
    # the sources' sentences, rows of their own: none cited missing, none left that nothing cites
    sentences = dict(store.rows("MATCH (s:Sentence) RETURN s.id, s.text"))
    store.close()
    facts = {}
    for u, v, k, d in kg.g.edges(keys=True, data=True):
        row = {x: y for x, y in d.items() if x != "sources"}
        facts[(u, v, k)] = (sorted(row.items()), sorted(repr(s) for s in d["sources"]))
    nodes = {n: sorted((k, repr(sorted(v) if isinstance(v, list) else v)) for k, v in d.items() if k != "path")
             for n, d in kg.g.nodes(data=True)}
    return {"nodes": nodes, "facts": facts, "counts": counts, "sentences": sentences}


def test_loads_added_one_after_another_equal_one_load_of_them_all(tmp_path):
    records = _records(400)
    first, second, third = records[:250], records[250:330], records[330:]
    whole = tmp_path / "whole"
    assert not load_paths([_write(tmp_path / "all.jsonl", records)], str(whole)).failed
    step = tmp_path / "step"
    assert not load_paths([_write(tmp_path / "1.jsonl", first)], str(step)).failed
    s2 = load_paths([_write(tmp_path / "2.jsonl", second)], str(step))
    assert s2.read == len(second) and not s2.failed
    s3 = load_paths([_write(tmp_path / "3.jsonl", third + first[:40])], str(step))  # 40 already stored
    assert s3.read == len(third) and s3.skipped == 40
    _same(_dump(step), _dump(whole))


def test_replacing_articles_removes_exactly_what_they_alone_stated(tmp_path):
    records = _records(300)
    # a third of the first 150 come back with their second half cut off, some with another title
    changed = []
    for i, r in enumerate(records[:150]):
        if i % 3 == 0:
            r = dict(r, text=r["text"][: len(r["text"]) // 2])
            if i % 2 == 0:
                r["title"] = r.get("title", "") + " (cập nhật)"
            changed.append(r)
    step = tmp_path / "step"
    assert not load_paths([_write(tmp_path / "before.jsonl", records)], str(step)).failed
    store = EmbeddedStore(step)
    kg = store.read_graph()
    store.close()
    ids = {r["id"] for r in changed}
    # a node keeps the properties an article gave it while other facts hold it (as it always did):
    # those of the nodes the replaced articles spoke of are compared by label only
    spoken_of = {n for u, v, d in kg.edges() if any(x.article in ids for x in d["sources"]) for n in (u, v)}
    before = _dump(step)["sentences"]
    s = load_paths([_write(tmp_path / "changed.jsonl", changed)], str(step))
    assert s.replaced == len(changed) and not s.failed
    assert s.facts_removed > 0  # the cut halves stated facts nothing else states
    final = {r["id"]: r for r in records}
    final.update({r["id"]: r for r in changed})
    whole = tmp_path / "whole"
    assert not load_paths([_write(tmp_path / "final.jsonl", list(final.values()))], str(whole)).failed
    got, want = _dump(step), _dump(whole)
    for n in spoken_of & set(got["nodes"]) & set(want["nodes"]):
        got["nodes"][n] = want["nodes"][n] = [x for x in got["nodes"][n] if x[0] == "label"]
    _same(got, want)
    # the sentences of the cut halves are gone with the facts they stated
    assert {before[i] for i in before.keys() - got["sentences"].keys()} - set(got["sentences"].values())


def test_a_load_with_nothing_new_reads_only_ids_and_writes_nothing(tmp_path):
    records = _records(120)
    db = tmp_path / "db"
    src = _write(tmp_path / "a.jsonl", records)
    assert not load_paths([src], str(db)).failed
    before = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in db.iterdir() if p.name != ".lock")
    s = load_paths([src], str(db))
    assert (s.read, s.skipped) == (0, len(records))
    assert sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in db.iterdir()
                  if p.name != ".lock") == before


def _same(got: dict, want: dict) -> None:
    """Equal graphs, or the first differences named."""
    for part in ("nodes", "facts"):
        a, b = got[part], want[part]
        assert sorted(set(a) - set(b))[:5] == [] and sorted(set(b) - set(a))[:5] == [], part
        diff = [(k, a[k], b[k]) for k in sorted(a) if a[k] != b[k]]
        assert not diff, f"{len(diff)} {part} differ, first {diff[0]}"
    assert got["counts"] == want["counts"]
    assert sorted(got["sentences"].keys() - want["sentences"].keys())[:5] == []
    assert sorted(want["sentences"].keys() - got["sentences"].keys())[:5] == []
    assert got["sentences"] == want["sentences"]


def test_a_store_of_an_older_format_gives_one_line_saying_what_to_do(tmp_path, articles_dir):
    import ladybug
    from click.testing import CliRunner

    from govkg.cli import main

    db = tmp_path / "db"
    assert not load_paths([str(articles_dir)], str(db)).failed
    d = ladybug.Database(str(db / "graph.lbug"))
    c = ladybug.Connection(d)
    c.execute("ALTER TABLE HOLDS DROP held_to")  # as a store written before that column existed
    c.close()
    d.close()
    new = _write(tmp_path / "new.jsonl", [{"id": "new-1", "text": "Ông Nguyễn Văn Bình, Chủ tịch UBND tỉnh Yên Bái, "
                                                                   "cho biết như vậy."}])
    for args in (["load", new], ["who-leads", "UBND TP Hà Nội"], ["export", "--format", "ntriples"]):
        r = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert r.exit_code in (1, 4), (args, r.output)
        lines = [x for x in r.output.splitlines() if "older version of govkg" in x]
        assert len(lines) == 1 and "HOLDS.held_to" in lines[0] and "load the articles again" in lines[0], r.output
        assert "Traceback" not in r.output
