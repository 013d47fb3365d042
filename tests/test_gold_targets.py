"""The figures govkg promises, held whenever ../shared (the hand-checked gold) is beside the
checkout: person-post precision and recall on each gold file, through the real load and
`govkg evaluate`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import shared_path
from govkg.cli import main

# gold file -> (precision at least, recall at least)
TARGETS = {
    "dev": (0.95, 0.93),
    "dev2": (0.97, 0.90),
    "dev-portal": (0.95, 0.88),
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_person_post_targets(name, tmp_path):
    articles = shared_path("gold", f"{name}-articles.jsonl")
    gold = shared_path("gold", f"{name}.json")
    db = tmp_path / name
    r = CliRunner().invoke(main, ["load", "-q", str(articles), "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["evaluate", str(gold), "--db", str(db), "--format", "json"])
    report = json.loads(r.output)
    p, rec = TARGETS[name]
    assert report["precision"] >= p, report["extras"]
    assert report["recall"] >= rec, report["misses"]


def test_the_seeds_score_perfectly(seed_store):
    """The five sample articles: every required fact, nothing else (their eight lookups are
    answered in tests/test_lookup_cli.py, from the copy of this gold in tests/fixtures)."""
    gold = shared_path("gold", "seeds.json")
    r = CliRunner().invoke(main, ["evaluate", str(gold), "--db", str(seed_store), "--format", "json"])
    report = json.loads(r.output)
    assert report["precision"] == 1.0 and report["recall"] == 1.0, (report["misses"], report["extras"])
