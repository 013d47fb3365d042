"""``govkg evaluate GOLD``: score what the store holds against hand-checked facts."""

from __future__ import annotations

import io
import json
import sys

import click

from govkg.cli import db_option, fail


def holding_records(store) -> list[dict]:
    """Every person-post fact in the store, exactly as ``govkg roles --all --format json`` prints it."""
    from govkg.commands.lookup import role_records
    from govkg.queries.runner import run_records

    return role_records(run_records(store, "all_roles"))


def exported_graph(store) -> dict:
    """The store's graph exactly as ``govkg export --format json`` writes it."""
    from govkg.commands.export import write_json

    buf = io.StringIO()
    write_json(store.read_graph(), buf)
    return json.loads(buf.getvalue())


@click.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(gold: str, db: str | None, fmt: str) -> None:
    """Precision, recall and F1 of person-post facts against GOLD (JSON or TOML, the gold format),
    then each miss and each extra with its evidence. When GOLD also holds documents, relations,
    projects, tasks or events, the chain of responsibility is scored too (P/R per block and per
    relation kind, type, issuer and place right among those found); in JSON under "chain"."""
    from govkg.evaluate import GoldError, load_gold, score
    from govkg.evaluate_chain import has_chain, score_chain, structure_problem
    from govkg.graph.store import EmbeddedStore, StoreError

    try:
        truth = load_gold(gold)
        problem = structure_problem(truth)
        if problem:
            raise GoldError(f"{gold}: {problem}")
        store = EmbeddedStore(db)
        positions = any(a.get("positions") for a in truth["articles"].values()) or not has_chain(truth)
        records = holding_records(store) if positions else []
        chain = score_chain(exported_graph(store), truth) if has_chain(truth) else None
    except (GoldError, StoreError) as e:
        fail(str(e))
    out: dict = {}
    text: list[str] = []
    if positions:
        report = score(records, truth)
        out = report.to_dict()
        text.append(report.format_text())
    if chain is not None:
        out["chain"] = chain.to_dict()
        text.append(chain.format_text())
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo("\n\n".join(text))
    sys.exit(0)
