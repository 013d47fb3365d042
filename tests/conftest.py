"""Shared fixtures: the sample articles, their hand-checked facts, and a store built from them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ARTICLES = TESTS / "fixtures" / "articles"
SHARED = TESTS.parents[1] / "shared"  # beside the project: benchmarks, corpus, dev gold (may be absent)


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def seeds_expected() -> dict:
    """The hand-checked facts of the five sample articles (tests/fixtures/seeds_expected.toml)."""
    return tomllib.loads((TESTS / "fixtures" / "seeds_expected.toml").read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store folder loaded from the five sample articles, through the real pipeline."""
    from govkg.pipeline import load_paths

    folder = tmp_path_factory.mktemp("seed-store")
    summary = load_paths([str(ARTICLES)], str(folder))
    assert summary.read == 5 and not summary.failed
    return folder


@pytest.fixture(scope="session")
def seed_graph(seed_store):
    """The KnowledgeGraph read back from the sample store."""
    from govkg.graph.store import EmbeddedStore

    store = EmbeddedStore(seed_store)
    kg = store.read_graph()
    store.close()
    return kg


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there (a fresh clone has none)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not here (../shared is only beside a developer's checkout)")
    return p
