"""``govkg validate``, ``govkg import-rdf`` and ``govkg sparql``: the graph as linked data.

The mapping is in ``govkg.graph.rdf`` and written down in ``docs/rdf.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govkg.cli import db_option, emit, fail, fail_store
from govkg.graph import rdf

PARSE_FORMATS = tuple(rdf.RDFLIB_FORMAT)


def _parse(path: str, fmt: str | None, fast: bool = True):
    try:
        return rdf.parse_file(path, fmt, fast)
    except rdf.RdfError as e:
        fail(str(e))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(PARSE_FORMATS), default=None,
              help="RDF syntax of FILE [default: from its suffix].")
@click.option("--max", "max_results", default=50, show_default=True, type=click.IntRange(1, None),
              help="Show at most this many violations (warnings are grouped).")
def validate(file: str, fmt: str | None, max_results: int) -> None:
    """Check an RDF file against govkg's SHACL shapes (exit 1 when it does not conform)."""
    g = _parse(file, fmt, fast=False)  # pyshacl does many small lookups: rdflib's memory store suits it
    try:
        conforms, lines = rdf.validate_graph(g, max_results)
    except ImportError:
        fail("validate needs pyshacl: pip install 'govkg[rdf]'")
    if conforms:
        warnings = [x for x in lines if x.startswith("Warning")]
        click.echo(f"{file}: conforms to govkg's shapes ({len(g)} triples"
                   + (f"; {len(warnings)} kind{'s' if len(warnings) > 1 else ''} of warning)" if warnings else ")"))
        for line in lines:
            click.echo(f"  {line}")
        return
    click.echo(f"{file}: does NOT conform to govkg's shapes ({len(g)} triples)")
    for line in lines:
        click.echo(f"  {line}")
    sys.exit(1)


@click.command("import-rdf")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(PARSE_FORMATS), default=None,
              help="RDF syntax of FILE [default: from its suffix].")
@click.option("--replace", is_flag=True, help="Replace the store's content instead of merging into it.")
@db_option
def import_rdf(file: str, fmt: str | None, replace: bool, db: str | None) -> None:
    """Read a govkg RDF export back into a store (merged into what it holds, unless --replace)."""
    from govkg.graph.store import EmbeddedStore, StoreError

    try:
        kg = rdf.read_file(file, fmt)
    except rdf.RdfError as e:
        fail(str(e))
    nodes, facts = kg.g.number_of_nodes(), kg.g.number_of_edges()
    store = EmbeddedStore(db)
    try:
        with store.lock():
            if replace or not store.exists():
                how = "replacing what it held" if replace and store.exists() else "a new store"
                result = kg
            else:
                result = store.read_graph()
                store.close()
                result.merge(kg)
                how = "merged with what it held"
            store.write_graph(result)
    except StoreError as e:
        fail_store(e)
    finally:
        store.close()
    dropped = getattr(kg, "dropped_facts", 0)
    click.echo(f"imported {nodes} nodes and {facts} facts from {file} into {store.folder} ({how})"
               + (f"; skipped {dropped} facts whose ends are not in the file" if dropped else ""), err=True)


@click.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False), default=None,
              help="Read the query from this file.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True,
              help="Output format for SELECT results: a table for people, json or csv for programs.")
@click.option("--base", default=None, help="Base IRI of the store's resources [default: https://govkg.org/id/].")
@click.option("--from", "from_file", type=click.Path(dir_okay=False), default=None,
              help="Query this RDF file instead of the store.")
@click.option("--rdf-format", type=click.Choice(PARSE_FORMATS), default=None,
              help="RDF syntax of the --from file [default: from its suffix].")
@click.option("--allow-remote", is_flag=True,
              help="Allow SERVICE and FROM, which make the query engine connect to the addresses they name.")
@db_option
def sparql(query: str | None, query_file: str | None, fmt: str, base: str | None, from_file: str | None,
           rdf_format: str | None, allow_remote: bool, db: str | None) -> None:
    """Run a SPARQL query over the graph (the store, or an RDF file with --from).

    govkg's prefixes (org, foaf, prov, dcterms, eli, skos, rdfs, govkg ...) are predeclared.
    SELECT prints rows (in a table, IRIs under a known prefix are shortened: org:Post); ASK prints
    true or false; CONSTRUCT and DESCRIBE print Turtle. Queries only read: updates (INSERT, DELETE,
    LOAD ...) are refused, and so are SERVICE and FROM, which would reach other machines, unless
    --allow-remote.
    """
    if query and query_file:
        fail("give the query as an argument or with -f FILE, not both")
    if query_file:
        try:
            query = Path(query_file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(f"cannot read {query_file}: {getattr(e, 'strerror', None) or e}")
    if not query or not query.strip():
        fail("no query: give one as an argument or with -f FILE")
    try:
        rdf.check_sparql(query, allow_remote)  # before the graph is built: a refusal costs nothing
    except rdf.RdfError as e:
        fail(str(e), 2)
    if from_file:
        g = _parse(from_file, rdf_format)
    else:
        from govkg.graph.store import EmbeddedStore, StoreError

        try:
            base = rdf.check_base(base)
        except rdf.RdfError as e:
            fail(str(e))
        store = EmbeddedStore(db)
        if not store.exists():
            fail(f"no govkg store at {store.folder} (run 'govkg load' first, or pass --db)")
        try:
            g = rdf.cached_graph(store, base)  # Oxigraph on disk beside the store, made once per version
            if g is None:
                g = rdf.to_rdflib(store.read_graph(), base, rdf.new_graph())
        except StoreError as e:
            fail(str(e))
        except OSError as e:
            fail(f"cannot keep the RDF copy of the store in {store.folder}: {e.strerror or e}")
        finally:
            store.close()
    try:
        kind, result = rdf.sparql(g, query, compact=fmt == "table", allow_remote=allow_remote)
    except rdf.RdfError as e:
        fail(str(e))
    if kind == "ASK":
        click.echo("true" if result else "false")
    elif kind == "GRAPH":
        click.echo(result.serialize(format="turtle").rstrip("\n"))
    else:
        cols, rows = result
        emit(rows, fmt, cols)
