"""Shared fixtures: the sample articles, their hand-checked facts, and a store built from them."""

from __future__ import annotations

import os
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


# -- Neo4j ------------------------------------------------------------------------------------------

class Neo4jTarget:
    """Where the Neo4j tests run: ``uri``, ``user``, ``password``, ``database``; ``store()`` connects."""

    def __init__(self, uri: str, user: str, password: str, database: str, server=None) -> None:
        self.uri, self.user, self.password, self.database, self.server = uri, user, password, database, server

    def store(self):
        from govkg.graph.neo4j_store import Neo4jStore

        return Neo4jStore(self.uri, self.user, self.password, self.database)


def neo4j_unavailable(reason: str):
    """Skip (a laptop without Java or Maven), or fail when GOVKG_NEO4J_REQUIRED is set (CI)."""
    if os.environ.get("GOVKG_NEO4J_REQUIRED"):
        pytest.fail(f"the Neo4j tests must run here (GOVKG_NEO4J_REQUIRED) but {reason}", pytrace=False)
    pytest.skip(f"Neo4j tests skipped: {reason}")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """A Neo4j 5 server for the whole session.

    With NEO4J_URI (and NEO4J_PASSWORD, NEO4J_USER, NEO4J_DATABASE: an empty database, which the
    tests clear between tests) the tests use that server. Otherwise the session builds one from
    Maven Central (tests/neo4j, once: ~/.m2 keeps it), starts it on a free loopback port and stops it
    by its process id at the end. Without Java 17+ or Maven the Neo4j tests skip, saying why.
    """
    uri = os.environ.get("NEO4J_URI")
    if uri:
        password = os.environ.get("NEO4J_PASSWORD")
        if password is None:
            neo4j_unavailable("NEO4J_URI is set without NEO4J_PASSWORD")
        target = Neo4jTarget(uri, os.environ.get("NEO4J_USER", "neo4j"), password,
                             os.environ.get("NEO4J_DATABASE", "neo4j"))
        store = target.store()
        try:
            _, rows = store.query("MATCH (n) RETURN count(n) AS n")
        finally:
            store.close()
        if rows[0][0]:
            pytest.skip(f"Neo4j database '{target.database}' at {uri} is not empty: the tests clear it between "
                        f"tests, so point NEO4J_DATABASE at an empty one")
        yield target
        return
    import neo4j_server as ns

    why = ns.missing_tools()
    if why:
        neo4j_unavailable(why)
    try:
        server = ns.Neo4jServer.start(tmp_path_factory.mktemp("neo4j-server"))
    except ns.ServerError as e:
        neo4j_unavailable(str(e))
    try:
        yield Neo4jTarget(server.uri, server.user, server.password, "neo4j", server)
    finally:
        server.stop()
