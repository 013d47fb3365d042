"""`govkg evaluate` on real stores: the sample articles, and the 40 hand-checked corpus articles
when ../shared is beside the checkout (skipped on a fresh clone)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from govkg.cli import main
from conftest import TESTS, shared_path


def test_the_samples_score_perfectly(seed_store):
    r = CliRunner().invoke(main, ["evaluate", str(TESTS / "fixtures" / "seeds_expected.toml"),
                                  "--db", str(seed_store), "--format", "json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["precision"] == 1.0 and report["recall"] == 1.0
    assert report["misses"] == [] and report["extras"] == []


def test_a_missing_gold_file_is_one_line(seed_store, tmp_path):
    r = CliRunner().invoke(main, ["evaluate", str(tmp_path / "nope.json"), "--db", str(seed_store)])
    assert r.exit_code != 0
    assert "Traceback" not in r.output


def test_the_dev_set_meets_the_targets(tmp_path):
    """Precision first: on 40 real articles (a quarter with nothing to find), P >= 0.95, R >= 0.85."""
    articles = shared_path("gold", "dev-articles.jsonl")
    gold = shared_path("gold", "dev.json")
    db = tmp_path / "dev"
    assert CliRunner().invoke(main, ["load", str(articles), "--db", str(db)]).exit_code == 0
    r = CliRunner().invoke(main, ["evaluate", str(gold), "--db", str(db), "--format", "json"])
    report = json.loads(r.output)
    assert report["precision"] >= 0.95, report["extras"]
    assert report["recall"] >= 0.85, report["misses"]
