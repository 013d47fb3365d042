"""``govkg evaluate GOLD``: score what the store holds against hand-checked facts."""

from __future__ import annotations

import json
import sys

import click

from govkg.cli import db_option, fail


def holding_records(store) -> list[dict]:
    """Every person-post fact in the store, exactly as ``govkg roles --all --format json`` prints it."""
    from govkg.commands.lookup import role_records
    from govkg.queries.runner import run_records

    return role_records(run_records(store, "all_roles"))


@click.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(gold: str, db: str | None, fmt: str) -> None:
    """Precision, recall and F1 of person-post facts against GOLD (JSON or TOML, the gold format),
    then each miss and each extra with its evidence."""
    from govkg.evaluate import GoldError, load_gold, score
    from govkg.graph.store import EmbeddedStore, StoreError

    try:
        truth = load_gold(gold)
        store = EmbeddedStore(db)
        records = holding_records(store)
    except (GoldError, StoreError) as e:
        fail(str(e))
    report = score(records, truth)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(report.format_text())
    sys.exit(0)
