"""The ``govkg`` command line: a thin Click layer over the library.

Each command lives in a module of ``govkg.commands`` that is imported only when that command
runs, so ``govkg who-leads`` does not pay for the Neo4j driver, rdflib or the HTML extractor.
"""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

import click

# Exit statuses, the same for every command (documented in `govkg --help` and the README)
EXIT_OK = 0
EXIT_FAILED = 1  # something named could not be read or found (the rest of a batch loaded), a bad query
EXIT_USAGE = 2  # a bad option, argument or parameter
EXIT_BUSY = 3  # another load is writing to the store (try again, or --wait SECONDS)
EXIT_STORE = 4  # the store folder cannot be used, the store is damaged, or writing it failed: nothing changed
EXIT_CODES_HELP = """\b
Exit status:
  0    done
  1    something named could not be read or found (a batch load still loads the rest), a bad query
  2    a bad option, argument or parameter
  3    the store is busy: another load is writing to it (try again, or give --wait SECONDS)
  4    a write (load, import-rdf, cypher --write) could not use the store (bad --db, damaged)
       or could not write it (disk full): it is as it was
  130  interrupted (Ctrl-C), 143 stopped by SIGTERM: the store is as it was"""

# command name -> "module:attribute" of its Click command; imported on first use
COMMANDS: dict[str, str] = {
    "load": "govkg.commands.load:load",
    "roles": "govkg.commands.lookup:roles",
    "who-leads": "govkg.commands.lookup:who_leads",
    "history": "govkg.commands.lookup:history",
    "search": "govkg.commands.lookup:search",
    "stats": "govkg.commands.lookup:stats",
    "chain": "govkg.commands.lookup:chain",
    "path": "govkg.commands.lookup:path",
    "cypher": "govkg.commands.cypher:cypher",
    "queries": "govkg.commands.cypher:queries",
    "query": "govkg.commands.cypher:query",
    "push": "govkg.commands.neo4j:push",
    "export": "govkg.commands.export:export",
    "validate": "govkg.commands.rdf:validate",
    "import-rdf": "govkg.commands.rdf:import_rdf",
    "sparql": "govkg.commands.rdf:sparql",
    "evaluate": "govkg.commands.evaluate:evaluate",
    "explain": "govkg.commands.explain:explain",
    "serve": "govkg.commands.serve:serve",
    "keep-open": "govkg.commands.serve:keep_open",
}

HELP: dict[str, str] = {
    "load": "Read articles and add what they say to the store.",
    "roles": "Posts a person holds (or every post, with --all).",
    "who-leads": "Who heads an agency, then its deputies (--on DATE: at that date).",
    "history": "Who held each post of an agency, in order, with first and last seen.",
    "search": "Find people, agencies and documents by name (diacritics optional).",
    "stats": "What the store holds.",
    "chain": "The chain of responsibility behind a document, agency, project or person.",
    "path": "The shortest chain of facts linking two entities.",
    "cypher": "Run a Cypher query on the store.",
    "queries": "List the named queries.",
    "query": "Run a named query.",
    "push": "Write the store to a Neo4j server.",
    "export": "Export the graph (RDF, GraphML, GEXF, Neo4j CSV, JSON).",
    "validate": "Check an RDF file against govkg's SHACL shapes.",
    "import-rdf": "Read a govkg RDF export back into a store.",
    "sparql": "Run a SPARQL query over the graph.",
    "evaluate": "Score the store against a gold file of hand-checked facts.",
    "explain": "Every title mention of an article and what became of it.",
    "serve": "Browse the store in a web browser (local, read-only).",
    "keep-open": "Keep the store open so that lookups answer at once.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported only when invoked (or when their help is asked)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as e:
            raise click.ClickException(f"command '{name}' is not available: {e}") from None

    def invoke(self, ctx: click.Context):
        from govkg.vocab import VocabError

        try:
            return super().invoke(ctx)
        except VocabError as e:  # a broken data file (or one GOVKG_DATA names): one line, not a traceback
            fail(f"vocabulary: {e}")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP.get(name, "")) for name in COMMANDS])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: who holds which post in Vietnam's state and party apparatus, from news articles.

    The store is ./govkg-data unless --db or GOVKG_DB says otherwise.
    """


# -- shared options and output helpers used by the command modules ------------------------------

def db_option(f):
    """``--db PATH``: the store folder (default ./govkg-data, or $GOVKG_DB)."""
    return click.option(
        "--db", "db", type=click.Path(file_okay=False), default=None, envvar="GOVKG_DB",
        show_envvar=True, help="Store folder [default: ./govkg-data].",
    )(f)


def format_option(choices=("table", "json", "csv"), default="table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format: a table for people, json or csv for programs.")


def fail(message: str, code: int = EXIT_FAILED) -> None:
    """One clear line on stderr and a non-zero exit: whitespace and line breaks collapsed, a dangling
    colon dropped, passwords masked (:func:`govkg.redact.redact`)."""
    from govkg.redact import redact

    line = " ".join(redact(str(message)).split()).rstrip(":").rstrip()
    click.echo(f"govkg: {line}", err=True)
    sys.exit(code)


def fail_store(error: Exception) -> None:
    """Fail with a StoreError's message and its exit status (3 busy, 4 unusable, else 1)."""
    fail(str(error), getattr(error, "exit_code", EXIT_FAILED))


class Interrupted(KeyboardInterrupt):
    """SIGTERM (or SIGINT) received: raised where the program is, so cleanups run as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def interrupt_signal(error: KeyboardInterrupt) -> int:
    """The signal behind a KeyboardInterrupt: SIGTERM for :class:`Interrupted` by it, else SIGINT."""
    return getattr(error, "signum", signal.SIGINT)


@contextmanager
def signals_interrupt(on_signal: Callable[[int], None] | None = None) -> Iterator[None]:
    """While inside, SIGTERM is handled like SIGINT (Ctrl-C).

    Without ``on_signal`` both raise :class:`Interrupted` where the program is. With it, the first
    signal only calls ``on_signal(signum)``: the program stops at its next safe point (a load between
    two articles, or before its write commits), so no library is interrupted half-way through an
    import or a query (some swallow the exception, some print it); a second signal raises at once.
    """
    received: list[int] = []

    def handler(signum, frame):
        if on_signal is not None and not received:
            received.append(signum)
            on_signal(signum)
            return
        raise Interrupted(signum)

    try:
        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: leave signals as they are
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def emit(rows: list[dict], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows as a table, JSON (one array) or CSV."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                        for v in (r.get(c) for c in columns)])
    else:
        click.echo(table(rows, columns))


def table(rows: list[dict], columns: list[str], max_width: int | None = None) -> str:
    """A plain-text table sized to the terminal."""
    if not rows:
        return "(nothing found)"
    max_width = max_width or max(40, (shutil.get_terminal_size().columns if sys.stdout.isatty() else 160) // max(1, len(columns)))

    def cell(v) -> str:
        s = "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()
