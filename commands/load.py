"""``govkg load PATH...``: read articles and add what they state to the store."""

from __future__ import annotations

import sys

import click

from govkg.cli import db_option, fail


@click.command("load")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only errors and the summary.")
def load(paths: tuple[str, ...], db: str | None, quiet: bool) -> None:
    """Read articles (.txt, .html, .jsonl[.gz], .json, folders, or - for stdin) into the store.

    An article already stored with the same content is skipped; one whose content changed is
    replaced. A file that cannot be read is named on stderr and the rest of the batch loads; the
    exit status is 1 when anything failed. Nothing stored before is lost if the load fails.
    """
    from govkg.graph.store import StoreError
    from govkg.loaders.article import LoadError
    from govkg.pipeline import load_paths

    show = not quiet and sys.stderr.isatty()
    counter = {"n": 0}

    def on_item(item) -> None:
        if isinstance(item, LoadError):
            click.echo(f"govkg: skipped {item}", err=True)
        counter["n"] += 1
        if show and counter["n"] % 200 == 0:
            click.echo(f"\r{counter['n']} articles read…", err=True, nl=False)

    try:
        summary = load_paths(paths, db, on_item=on_item)
    except StoreError as e:
        fail(str(e))
    except KeyboardInterrupt:
        fail("load interrupted; the store is as it was before this load", 130)
    if show and counter["n"] >= 200:
        click.echo("", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)
