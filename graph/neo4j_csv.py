"""CSV files for ``neo4j-admin database import full``: a graph too large to push over Bolt.

``write_neo4j_csv(kg, out_dir)`` writes one node file per label (``nodes_<Label>.csv``, header
``id:ID(<Label>)``, the typed properties, ``:LABEL``) and one relationship file per edge type and
pair of labels (``rels_<TYPE>_<From>_<To>.csv``, header ``:START_ID(<From>)``, ``:END_ID(<To>)``,
``:TYPE``, the typed properties), with the labels and property names of the embedded store and of
``govkg push``: sources as the parallel arrays ``source_articles``, ``source_sentence_ids`` ...,
their sentences in ``nodes_Sentence.csv`` (each once, by id), dates as ``:date``. Each label has its own id space, so the ``id`` property of every node is the
govkg id.

Arrays are joined with ``ARRAY_DELIMITER`` (U+00A6 BROKEN BAR), not ';', which sentences contain;
an element that contains it has it replaced by '|'. A list holding one empty string is an empty cell,
which the import reads as null. ``README.md`` beside the files gives the exact import command, then
the Cypher to run once the database is started: the constraints, and statements giving back the
per-source lists of edges that were [''] (``restore_statements``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from govkg.graph.rows import edge_properties, group_edges, group_nodes, node_properties
from govkg.graph.schema import schema

ARRAY_DELIMITER = "\u00a6"
ARRAY_DELIMITER_ARG = "U+00A6"

_SUFFIX = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOLEAN": ":boolean", "DATE": ":date",
           "STRING[]": ":string[]", "INT64[]": ":long[]", "DOUBLE[]": ":double[]"}


class _Cells:
    """Turns values into CSV cells, counting array elements that held the delimiter."""

    def __init__(self) -> None:
        self.replaced = 0
        self.multiline = False
        self.lone_empty: dict[tuple[str, str], int] = {}  # (label or type, property): lists [''] written

    def note(self, where: str, props: dict, columns) -> None:
        # a list holding one empty string is an empty cell, which the import tool reads as null
        for p in columns:
            if p.type.endswith("[]") and props[p.name] == [""]:
                self.lone_empty[(where, p.name)] = self.lone_empty.get((where, p.name), 0) + 1

    def cell(self, v, t: str) -> str:
        if v is None:
            return ""
        if t.endswith("[]"):
            parts = []
            for x in v:
                s = str(x)
                if ARRAY_DELIMITER in s:
                    s = s.replace(ARRAY_DELIMITER, "|")
                    self.replaced += 1
                self.multiline |= "\n" in s or "\r" in s
                parts.append(s)
            return ARRAY_DELIMITER.join(parts)
        if t == "DATE":
            return v.isoformat()
        if t == "BOOLEAN":
            return "true" if v else "false"
        s = str(v)
        self.multiline |= "\n" in s or "\r" in s
        return s


def _header(name: str, t: str) -> str:
    return name + _SUFFIX.get(t, "")


def write_neo4j_csv(kg, out_dir) -> dict:
    """Write ``kg`` as neo4j-admin import files and a README.md into ``out_dir`` (created if needed).

    Returns flat counts: ``{"nodes": n, "relationships": m, "files": k}``, plus
    ``replaced_delimiters`` when array elements held the delimiter. ``neo4j_csv_files(kg)`` gives the
    per-label and per-type counts and file names without writing anything.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sch = schema()
    cells = _Cells()
    counts = {"nodes": {}, "relationships": {}, "files": [], "array_delimiter": ARRAY_DELIMITER_ARG}
    node_files, rel_files = [], []
    by_label, by_type = group_nodes(kg), group_edges(kg)
    for label, nt in sch.tables.items():
        rows = by_label.get(label, [])
        counts["nodes"][label] = len(rows)
        if not rows:
            continue
        name = f"nodes_{label}.csv"
        with open(out / name, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([f"id:ID({label})"] + [_header(p.name, p.type) for p in nt.props] + [":LABEL"])
            for n, d in rows:
                props = node_properties(d, label)
                cells.note(label, props, nt.props)
                w.writerow([n] + [cells.cell(props[p.name], p.type) for p in nt.props] + [label])
        node_files.append(name)
    for etype, et in sch.edges.items():
        by_pair = by_type.get(etype, {})
        counts["relationships"][etype] = sum(len(r) for r in by_pair.values())
        for (a, b), rows in sorted(by_pair.items()):
            name = f"rels_{etype}_{a}_{b}.csv"
            with open(out / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow([f":START_ID({a})", f":END_ID({b})", ":TYPE"] + [_header(p.name, p.type) for p in et.props])
                for u, v, d in rows:
                    props = edge_properties(d, etype)
                    cells.note(etype, props, et.props)
                    w.writerow([u, v, etype] + [cells.cell(props[p.name], p.type) for p in et.props])
            rel_files.append(name)
    counts["files"] = node_files + rel_files
    counts["replaced_delimiters"] = cells.replaced
    (out / "README.md").write_text(_readme(node_files, rel_files, counts, cells.multiline, cells.lone_empty),
                                   encoding="utf-8")
    summary = {"nodes": sum(n for lb, n in counts["nodes"].items() if lb in sch.nodes),
               "sentences": counts["nodes"].get(sch.sentence.label, 0),
               "relationships": sum(counts["relationships"].values()), "files": len(counts["files"])}
    if cells.replaced:
        summary["replaced_delimiters"] = cells.replaced
    return summary


def neo4j_csv_files(kg) -> dict:
    """What ``write_neo4j_csv`` writes for ``kg``: ``{"nodes": {label: n}, "relationships": {type: n},
    "files": [names]}``."""
    sch = schema()
    by_label, by_type = group_nodes(kg), group_edges(kg)
    nodes = {label: len(by_label.get(label, [])) for label in sch.tables}
    rels, node_files, rel_files = {}, [f"nodes_{lb}.csv" for lb, n in nodes.items() if n], []
    for etype in sch.edges:
        pairs = by_type.get(etype, {})
        rels[etype] = sum(len(es) for es in pairs.values())
        rel_files += [f"rels_{etype}_{a}_{b}.csv" for a, b in sorted(pairs)]
    return {"nodes": nodes, "relationships": rels, "files": node_files + rel_files}


def import_command(node_files: list[str], rel_files: list[str], multiline: bool = False,
                   database: str = "neo4j", folder: str = "import") -> str:
    """The ``neo4j-admin database import full`` command for these files (run from the Neo4j home,
    with the files copied into ``folder``)."""
    args = [f"bin/neo4j-admin database import full {database}", f"--array-delimiter={ARRAY_DELIMITER_ARG}"]
    if multiline:
        args.append("--multiline-fields=true")
    args += [f"--nodes={folder}/{f}" for f in node_files]
    args += [f"--relationships={folder}/{f}" for f in rel_files]
    return " \\\n    ".join(args)


def restore_statements(lone_empty: dict[tuple[str, str], int]) -> tuple[list[str], list[str]]:
    """Cypher giving back the lists [''] that the import read as null (an empty CSV cell), and the
    ones it cannot: a per-source list of an edge (``source_*``) is [''] exactly when the edge has
    one source and the list is null; any other such list is only counted.

    >>> restore_statements({("HOLDS", "source_stated_on"): 3})[0]
    ["MATCH ()-[e:HOLDS]->() WHERE e.source_stated_on IS NULL AND size(e.source_articles) = 1 SET e.source_stated_on = ['']"]
    """
    sch = schema()
    fixes, unfixed = [], []
    for (where, prop), n in sorted(lone_empty.items()):
        if where in sch.edges and prop.startswith("source_") and prop != "source_articles":
            fixes.append(f"MATCH ()-[e:{where}]->() WHERE e.{prop} IS NULL AND size(e.source_articles) = 1 "
                         f"SET e.{prop} = ['']")
        else:
            unfixed.append(f"{n} {where}.{prop}")
    return fixes, unfixed


def _readme(node_files: list[str], rel_files: list[str], counts: dict, multiline: bool,
            lone_empty: dict[tuple[str, str], int] | None = None) -> str:
    total_n = sum(counts["nodes"].values())
    total_r = sum(counts["relationships"].values())
    fixes, unfixed = restore_statements(lone_empty or {})
    constraints = "\n".join(c + ";" for c in schema().neo4j_constraints() + fixes)
    fixes_note = (", then give back the lists holding one empty string (an empty cell, which the import reads "
                  "as null)" if fixes else "")
    unfixed_note = ("Lists holding one empty string that the import leaves null: " + ", ".join(unfixed) + ".\n\n"
                    if unfixed else "")
    return f"""# govkg graph for `neo4j-admin database import full`

{total_n} nodes and {total_r} relationships, written by `govkg export --format neo4j-csv`, with the same
labels and property names as the embedded store and `govkg push` (sources as the parallel arrays
`source_articles`, `source_sentence_ids`, `source_starts`, `source_zones`, the sentences themselves
in `nodes_Sentence.csv`, each once; dates as Neo4j dates).

- one file per label, `nodes_<Label>.csv`: header `id:ID(<Label>)` (the govkg id, also stored as
  the property `id`; each label is its own id space), the typed properties, `:LABEL`;
- one file per relationship type and pair of labels, `rels_<TYPE>_<From>_<To>.csv`: header
  `:START_ID(<From>)`, `:END_ID(<To>)`, `:TYPE`, the typed properties;
- arrays are joined with U+00A6 (¦), not `;` which texts may contain, hence
  `--array-delimiter={ARRAY_DELIMITER_ARG}`{f" ({counts['replaced_delimiters']} array elements held it and have '|' instead)" if counts.get("replaced_delimiters") else ""}.

## Import

Stop the database (or use a new one), copy these files into the `import/` folder of the Neo4j
home, and run from the Neo4j home (Neo4j 5.19 or later takes the database name first; a full
import writes a new database: add `--overwrite-destination=true` to replace an existing one):

```sh
{import_command(node_files, rel_files, multiline)}
```

Then start the database (for a new name: `CREATE DATABASE neo4j` in the `system` database) and
create the uniqueness constraints govkg's queries rely on{fixes_note}:

```cypher
{constraints}
```

{unfixed_note}`govkg cypher --neo4j URI ...`, `govkg query --neo4j URI ...` and the lookups with `--neo4j URI` then
run on it.
"""
