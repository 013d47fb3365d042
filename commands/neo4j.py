"""``govkg push``, and the ``--neo4j URI`` option the lookups and ``cypher`` share.

The password comes from ``NEO4J_PASSWORD`` only: it is never an option and never printed. This
module does not import the Neo4j driver itself; ``govkg.graph.neo4j_store`` does, when it connects.
"""

from __future__ import annotations

import os
import sys
import time

import click

from govkg.cli import db_option, fail

PASSWORD_ENV = "NEO4J_PASSWORD"


def neo4j_options(f):
    """``--neo4j URI``, ``--user`` and ``--database``: run on a Neo4j server instead of the store."""
    f = click.option("--database", "neo4j_database", default="neo4j", show_default=True, metavar="NAME",
                     help="Neo4j database (with --neo4j).")(f)
    f = click.option("--user", "neo4j_user", default="neo4j", show_default=True, envvar="NEO4J_USER",
                     show_envvar=True, help="Neo4j user (with --neo4j).")(f)
    f = click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
                     help=f"Run on this Neo4j server (neo4j://host:7687, bolt://...) instead of the store; "
                          f"the password is read from ${PASSWORD_ENV}.")(f)
    return f


def neo4j_store(uri: str, user: str, database: str | None):
    """A Neo4jStore for ``uri`` with the password from the environment (fails with one line if unset)."""
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        fail(f"set {PASSWORD_ENV} to the Neo4j password for user '{user}' (it is never taken from the command line)")
    from govkg.graph.neo4j_store import Neo4jStore

    return Neo4jStore(uri, user, password, database)


def open_backend(db: str | None, neo4j_uri: str | None = None, user: str = "neo4j", database: str | None = "neo4j",
                 write: bool = False):
    """The backend a command reads: the Neo4j server when ``--neo4j`` is given, else the embedded store
    (opened read-only unless ``write``). Fails with one line when the store does not exist."""
    if neo4j_uri:
        return neo4j_store(neo4j_uri, user, database)
    if not write:
        from govkg.kept import kept_backend

        kept = kept_backend(db)  # answering for `govkg keep-open`: the store it keeps open
        if kept is not None:
            return kept
    from govkg.graph.store import EmbeddedStore, StoreError

    store = EmbeddedStore(db)
    if not store.exists():
        fail(f"no govkg store at {store.folder} (run 'govkg load' first, or pass --db)")
    try:
        store.connection(write=write)
    except StoreError as e:
        fail(str(e))
    return store


@click.command("push")
@db_option
@click.option("--neo4j", "neo4j_uri", required=True, metavar="URI",
              help=f"The Neo4j server (neo4j://host:7687, bolt://...); password from ${PASSWORD_ENV}.")
@click.option("--user", "neo4j_user", default="neo4j", show_default=True, envvar="NEO4J_USER", show_envvar=True,
              help="Neo4j user.")
@click.option("--database", "neo4j_database", default="neo4j", show_default=True, metavar="NAME",
              help="Neo4j database.")
@click.option("--batch-size", type=click.IntRange(1, 1_000_000), default=10000, show_default=True,
              help="Rows per transaction.")
def push(db, neo4j_uri, neo4j_user, neo4j_database, batch_size):
    """Write the store to a Neo4j server: uniqueness constraints, then what it lacks or holds
    differently, in batched transactions (nothing is deleted).

    Pushing the same store twice writes nothing the second time. The password is read from
    $NEO4J_PASSWORD.
    """
    from govkg.graph.store import EmbeddedStore, StoreError

    target = neo4j_store(neo4j_uri, neo4j_user, neo4j_database)
    store = EmbeddedStore(db)
    if not store.exists():
        fail(f"no govkg store at {store.folder} (run 'govkg load' first, or pass --db)")
    t0 = time.perf_counter()
    try:
        target.driver()  # connect (and check the credentials) before reading the store
        kg = store.read_graph()
        store.close()
        total = target.push_size(kg)
        with click.progressbar(length=total, label="pushing", file=sys.stderr,
                               show_pos=True) as bar:
            summary = target.push(kg, batch_size=batch_size, progress=bar.update)
    except StoreError as e:
        fail(str(e))
    finally:
        target.close()
    nodes, edges = sum(summary["nodes"].values()), sum(summary["edges"].values())
    where = f"{target.uri}" + (f" (database {neo4j_database})" if neo4j_database else "")
    sentences = sum(summary["sentences"].values())
    click.echo(f"pushed {nodes} nodes ({summary['nodes_created']} new) and {edges} relationships "
               f"({summary['relationships_created']} new), with {sentences} source sentences "
               f"({summary['sentences_created']} new), to {where} in {time.perf_counter() - t0:.1f} s")
    for label, n in summary["nodes"].items():
        if n:
            click.echo(f"  {label:<16}{n:>10}")
    for etype, n in summary["edges"].items():
        if n:
            click.echo(f"  {etype:<16}{n:>10}")
