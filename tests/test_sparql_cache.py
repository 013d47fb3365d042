"""`govkg sparql` on the store queries an on-disk Oxigraph copy of its RDF kept beside it: made by
the first query after a load, reused until the next load, then replaced (the old copy removed)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govkg.cli import main

pytest.importorskip("oxrdflib")

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }"


def _count(db) -> int:
    r = CliRunner().invoke(main, ["sparql", COUNT, "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    return int(json.loads(r.output)[0]["n"])


def _caches(db) -> list:
    return sorted(p for p in db.iterdir() if p.name.startswith("rdf-cache-"))


def test_the_rdf_copy_is_made_once_per_version_of_the_store(tmp_path, articles_dir):
    db = tmp_path / "db"
    assert CliRunner().invoke(main, ["load", str(articles_dir / "000_372fcefd87e77f7b.txt"), "--db", str(db)]).exit_code == 0
    first = _count(db)
    [cache] = _caches(db)
    stamp = (cache / "complete").stat().st_mtime_ns
    assert _count(db) == first
    assert _caches(db) == [cache] and (cache / "complete").stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert CliRunner().invoke(main, ["load", str(articles_dir), "--db", str(db)]).exit_code == 0
    more = _count(db)
    assert more > first  # the copy follows the load
    [after] = _caches(db)
    assert after != cache and not cache.exists()
    # the same answer as a graph built in memory from the store
    from govkg.graph import rdf
    from govkg.graph.store import EmbeddedStore

    store = EmbeddedStore(db)
    g = rdf.to_rdflib(store.read_graph(), None, rdf.new_graph(fast=False))
    store.close()
    kind, (cols, rows) = rdf.sparql(g, COUNT)
    assert int(rows[0]["n"]) == more
