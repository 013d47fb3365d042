"""``govkg cypher``, ``govkg queries`` and ``govkg query``: Cypher on the store (or on Neo4j).

Parameters come with ``-p name=value`` and are typed: integers, floats, ``true``/``false``, ``null``,
ISO dates (``2024-05-28``), JSON lists (``[1,2]``, ``["a","b"]``) and objects; anything else is a
string, and ``-p name:str=value`` forces a string (also ``:int``, ``:float``, ``:bool``, ``:date``,
``:json``). A value is always sent as a query parameter, never pasted into the query text, so it can
never change what the query means.

Queries are read-only unless ``--write``: the embedded database is opened read-only, and a query
containing a write clause (CREATE, MERGE, SET, DELETE, REMOVE, DROP, ALTER, COPY, LOAD, INSTALL,
ATTACH, ... or a CALL of a procedure not known to be read-only) is refused before it runs. On Neo4j
the query runs in a read transaction.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import click

from govkg.cli import db_option, emit, fail, fail_store, format_option, table
from govkg.commands.neo4j import neo4j_options, neo4j_store
from govkg.queries.runner import QueryError, execute, list_queries, load_query, run_query

# -- parameters -----------------------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES = ("str", "int", "float", "bool", "date", "json")


INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


class ParamError(ValueError):
    pass


def parse_param(spec: str) -> tuple[str, Any]:
    """``name=value`` or ``name:type=value`` -> (name, typed value). Raises ParamError (one line)."""
    if "=" not in spec:
        raise ParamError(f"parameter '{spec}' is not name=value")
    name, raw = spec.split("=", 1)
    typ = None
    if ":" in name:
        name, typ = name.split(":", 1)
        typ = typ.strip().lower()
        if typ == "string":
            typ = "str"
        if typ not in TYPES:
            raise ParamError(f"parameter '{name}': unknown type '{typ}' (use one of {', '.join(TYPES)})")
    name = name.strip()
    if name.startswith("$"):
        name = name[1:]
    if not _NAME.match(name):
        raise ParamError(f"'{name}' is not a parameter name (letters, digits and _)")
    try:
        return name, _typed(raw, typ)
    except ParamError as e:
        raise ParamError(f"parameter '{name}': {e}") from None


def _typed(raw: str, typ: str | None) -> Any:
    if typ == "str":
        return raw
    if typ == "int":
        if not _INT.match(raw.strip()) and not raw.strip().lstrip("+-").isdigit():
            raise ParamError(f"'{raw}' is not an integer")
        return _int64(int(raw), raw)
    if typ == "float":
        try:
            value = float(raw)
        except ValueError:
            raise ParamError(f"'{raw}' is not a number") from None
        return _finite(value, raw)
    if typ == "bool":
        if raw.strip().lower() not in ("true", "false"):
            raise ParamError(f"'{raw}' is not true or false")
        return raw.strip().lower() == "true"
    if typ == "date":
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            raise ParamError(f"'{raw}' is not an ISO date (YYYY-MM-DD)") from None
    if typ == "json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError as e:
            raise ParamError(f"not valid JSON ({e.msg})") from None
    # inferred
    s = raw.strip()
    if s == "null":
        return None
    if s.lower() in ("true", "false"):
        return s.lower() == "true"
    if _INT.match(s):
        return _int64(int(s), raw)
    if _FLOAT.match(s):
        return _finite(float(s), raw)
    if _DATE.match(s):
        try:
            return date.fromisoformat(s)
        except ValueError:
            return raw
    if s.startswith("[") or s.startswith("{"):
        try:
            return json.loads(s)
        except json.JSONDecodeError as e:
            raise ParamError(f"looks like JSON but is not ({e.msg}); use name:str=... for a string") from None
    return raw


def _int64(value: int, raw: str) -> int:
    """An integer the engines can take (64 bits), or a ParamError saying how to pass it otherwise."""
    if not INT64_MIN <= value <= INT64_MAX:
        raise ParamError(f"{raw.strip()} does not fit in a 64-bit integer (pass it as a string with "
                         f"NAME:str=... or as a number with NAME:float=...)")
    return value


def _finite(value: float, raw: str) -> float:
    """A finite float, or a ParamError: 1e999 is infinity, which no stored value equals."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ParamError(f"{raw.strip()} is not a finite number")
    return value


def parse_params(specs: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in specs:
        try:
            name, value = parse_param(spec)
        except ParamError as e:
            fail(str(e), 2)
        out[name] = value
    return out


# -- reading a query's text -----------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`|[0-9]+))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.S | re.X)

WRITE_WORDS = {
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "COPY", "LOAD", "INSTALL",
    "UNINSTALL", "ATTACH", "IMPORT", "EXPORT", "FOREACH", "CHECKPOINT", "GRANT", "REVOKE", "DENY", "RENAME",
    "TERMINATE", "TRUNCATE", "INSERT", "UPDATE",
}
# procedures known to only read (LadybugDB's table functions, Neo4j's db./dbms. catalogue procedures)
READ_PROCEDURES = {
    "show_tables", "table_info", "show_connection", "show_functions", "current_setting", "db_version",
    "show_indexes", "show_macros", "show_warnings", "show_attached_databases", "show_loaded_extensions",
    "show_official_extensions", "show_sequences", "show_projected_graphs", "storage_info", "stats_info",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.indexes", "db.constraints", "db.info",
    "db.ping", "dbms.components", "dbms.procedures", "dbms.functions", "dbms.showcurrentuser",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships", "db.index.vector.querynodes",
}


def _tokens(cypher: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of the query's significant tokens; strings and comments hide their words."""
    out = []
    for m in _TOKEN.finditer(cypher):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        out.append((kind, m.group(), m.start()))
    return out


def _where(cypher: str, offset: int) -> str:
    line = cypher.count("\n", 0, offset) + 1
    col = offset - (cypher.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


# After these a word is a name in an expression (a variable, a function), never the start of a clause
EXPRESSION_BEFORE = {"(", ",", "[", "=", "<", ">", "+", "-", "/", "%", "^", "|", "!"}  # not "*": WITH * SET ...
EXPRESSION_KEYWORDS = {
    "RETURN", "WITH", "WHERE", "AND", "OR", "XOR", "NOT", "IN", "IS", "AS", "BY", "DISTINCT", "UNWIND",
    "WHEN", "THEN", "ELSE", "CASE", "MATCH", "YIELD", "SKIP", "LIMIT", "CONTAINS", "STARTS", "ENDS",
}  # not ASC/DESC: "WITH n ORDER BY n.x DESC SET ..." writes


def _used_as_name(toks: list[tuple[str, str, int]], i: int) -> bool:
    """True when the write word at ``toks[i]`` is a name: a property, label, map key, or a variable
    ("MATCH (create:Person) RETURN create.name")."""
    prev = toks[i - 1][1] if i > 0 else ""
    nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
    if prev in (".", ":") or nxt == ":":  # a property, a label, a map key or a variable with a label
        return True
    if nxt == "(":  # CREATE (...), MERGE (...): no function has these names
        return False
    if prev in EXPRESSION_BEFORE or (i > 0 and toks[i - 1][0] == "word" and prev.upper() in EXPRESSION_KEYWORDS):
        return True
    return nxt in (".", ")", "]", "}", ",", "=", "<", ">", "+", "-", "*", "/") or nxt == ""


def write_clause(cypher: str) -> str | None:
    """Why ``cypher`` is not read-only ('CREATE at line 1, column 1'), or None when it only reads.

    >>> write_clause("MATCH (create:Person) WHERE create.name <> '' RETURN create, create.set AS delete")
    >>> write_clause("MATCH (n) WITH n CREATE (m:Person {name: n.name})")
    'CREATE at line 1, column 18'
    >>> write_clause("MATCH (n) DETACH DELETE n")
    'DETACH at line 1, column 11'
    """
    toks = _tokens(cypher)
    for i, (kind, text, pos) in enumerate(toks):
        if kind != "word":
            continue
        word = text.upper()
        if word not in WRITE_WORDS and word != "CALL":
            continue
        if _used_as_name(toks, i):
            continue
        if word in WRITE_WORDS:
            return f"{word} at {_where(cypher, pos)}"
        if word == "CALL":
            nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
            if nxt == "{" or nxt == "(":  # a subquery: its clauses are checked on their own
                continue
            name, j = [], i + 1
            while j < len(toks) and (toks[j][0] in ("word", "quoted") or toks[j][1] == "."):
                name.append(toks[j][1].strip("`"))
                j += 1
            proc = "".join(name).lower()
            if proc not in READ_PROCEDURES:
                return f"CALL {''.join(name) or '?'} at {_where(cypher, pos)} (not a procedure known to be read-only)"
    return None


def referenced_params(cypher: str) -> list[str]:
    """The ``$names`` the query uses, in order."""
    names = [t[1][1:].strip("`") for t in _tokens(cypher) if t[0] == "param"]
    return list(dict.fromkeys(names))


# -- results --------------------------------------------------------------------------------------

def plain(v: Any) -> Any:
    """A result value without engine internals: nodes and relationships as dicts of their properties
    with ``_label`` (``_type`` for relationships)."""
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        if "_LABEL" in v or "_ID" in v or "_NODES" in v:
            out: dict[str, Any] = {}
            if "_NODES" in v:
                return {"nodes": plain(v.get("_NODES")), "relationships": plain(v.get("_RELS"))}
            if "_SRC" in v:
                out["_type"] = v.get("_LABEL")
            else:
                out["_label"] = v.get("_LABEL")
            for k, x in v.items():
                if not k.startswith("_") and x is not None:
                    out[k] = plain(x)
            return out
        return {k: plain(x) for k, x in v.items()}
    return v


def _unique(cols: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in cols:
        n = seen.get(c, 0)
        seen[c] = n + 1
        out.append(c if n == 0 else f"{c}_{n + 1}")
    return out


def _cell(v: Any, lists_as_json: bool = False) -> Any:
    if isinstance(v, dict) or (isinstance(v, list) and (lists_as_json or any(isinstance(x, (dict, list)) for x in v))):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, date):
        return v.isoformat()
    return v


def output(cols: list[str], rows: list[list], fmt: str) -> None:
    cols = _unique(cols)
    recs = [dict(zip(cols, (plain(x) for x in r))) for r in rows]
    if fmt == "json":
        click.echo(json.dumps(recs, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        emit([{k: _cell(v, lists_as_json=True) for k, v in r.items()} for r in recs], "csv", cols)
    elif cols:
        click.echo(table([{k: _cell(v) for k, v in r.items()} for r in recs], cols)
                   if recs else "(no rows)")


# -- running --------------------------------------------------------------------------------------

_CONVERSION_TARGET = re.compile(r"\bto (\w+)|\bin (\w+) range|not a valid (\w+)", re.I)


def engine_message(message: str) -> str:
    """An engine error as it may be shown: a failed conversion names the type, never the stored value
    the engine quotes ("Cast failed. Trần Văn A is not in DOUBLE range").

    >>> engine_message('Conversion exception: Cast failed. Could not convert "Nguyễn Văn A" to INT8.')
    'Conversion exception: a value could not be converted to INT8 (compare values of one type; give a -p value its type with NAME:str=..., :int, :float or :date)'
    >>> engine_message("Binder exception: Undirected rel pattern 'e' has at least one matched rel table")[:58]
    'the embedded store keeps MENTIONS edges from their start o'
    """
    if message.startswith("Conversion exception") or "Cast failed" in message:
        m = _CONVERSION_TARGET.search(message)
        target = next((g for g in m.groups() if g), None) if m else None
        return ("Conversion exception: a value could not be converted" + (f" to {target.upper()}" if target else "")
                + " (compare values of one type; give a -p value its type with NAME:str=..., :int, :float or :date)")
    if message.startswith("Unable to cast Python instance"):  # pybind11: a parameter the engine cannot take
        return "a parameter value the database cannot take (give it a type with NAME:str=..., :int or :float)"
    if "Undirected rel pattern" in message or "Failed to get bwd data" in message:
        from govkg.graph.schema import schema

        kept = [e.name for e in schema().edges.values() if e.walked == "forward"]
        return (f"the embedded store keeps {', '.join(kept)} edges from their start only: write them with their "
                f"direction, from their start, as (a:Article)-[:MENTIONS]->(x), and name the edge types of an "
                f"undirected pattern (-[e:HOLDS|OF]-); Neo4j takes the query as it is")
    return message


def _run(cypher: str, params: dict, write: bool, db, neo4j_uri, neo4j_user, neo4j_database):
    """Run ``cypher`` on the store or on Neo4j; read-only unless ``write``. Fails with one line."""
    from govkg.graph.store import EmbeddedStore, StoreError

    if neo4j_uri:
        backend = neo4j_store(neo4j_uri, neo4j_user, neo4j_database)
        try:
            return backend.query(cypher, params, write=write)
        except QueryError as e:
            fail(f"query error: {engine_message(str(e))}")
        except StoreError as e:
            fail(str(e))
        finally:
            backend.close()
    store = EmbeddedStore(db)
    if not store.exists():
        fail(f"no govkg store at {store.folder} (run 'govkg load' first, or pass --db)")
    try:
        if write:
            with store.lock():
                store.connection(write=True)
                return execute(store, cypher, params)
        store.connection(write=False)
        return execute(store, cypher, params)
    except QueryError as e:
        msg = engine_message(str(e))
        if "read-only" in msg:
            msg = f"{msg} (add --write to allow it)"
        fail(f"query error: {msg}")
    except StoreError as e:
        fail_store(e)
    finally:
        store.close()


@click.command("cypher")
@click.argument("query", required=False)
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False), default=None,
              help="Read the query from FILE ('-' for standard input).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME[:TYPE]=VALUE",
              help="A query parameter ($NAME); repeatable. Typed: 42, 4.2, true, null, 2024-05-28, [1,2], "
                   "[\"a\"]; NAME:str=VALUE forces a string.")
@click.option("--write", is_flag=True, help="Allow the query to change the store.")
@db_option
@format_option()
@neo4j_options
def cypher(query, file, params, write, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Run a Cypher QUERY on the store (read-only unless --write).

    \b
    govkg cypher 'MATCH (p:Person) WHERE p.folded CONTAINS $q RETURN p.name' -p q=tuan
    govkg cypher -f query.cypher -p since=2024-01-01 --format json
    """
    if (query is None) == (file is None):
        fail("give a QUERY or -f FILE (one of them)", 2)
    if file is not None:
        try:
            query = click.open_file(file, encoding="utf-8").read()
        except OSError as e:
            fail(f"cannot read {file}: {e.strerror or e}", 2)
        except UnicodeDecodeError:
            fail(f"{file} is not UTF-8 text", 2)
    if not query.strip():
        fail("the query is empty", 2)
    values = parse_params(params)
    if not write:
        why = write_clause(query)
        if why:
            fail(f"refusing to run a query that writes ({why}); add --write to allow it", 2)
    used = referenced_params(query)
    missing = [p for p in used if p not in values]
    if missing:
        fail(f"the query uses ${missing[0]} but no -p {missing[0]}=VALUE was given", 2)
    unused = [p for p in values if p not in used]
    if unused:
        fail(f"-p {unused[0]} is not used by the query (it uses "
             f"{', '.join('$' + p for p in used) if used else 'no parameters'})", 2)
    cols, rows = _run(query, values, write, db, neo4j_uri, neo4j_user, neo4j_database)
    output(cols, rows, fmt)


@click.command("queries")
@format_option()
def queries(fmt):
    """List the named queries with what each answers and its parameters."""
    rows = [{"name": q.name, "description": q.description, "params": q.params_doc or "none"} for q in list_queries()]
    if fmt == "table":
        for r in rows:
            click.echo(f"{r['name']:<18} {r['description']}")
            click.echo(f"{'':<18}   params: {r['params']}")
    else:
        emit(rows, fmt, ["name", "description", "params"])


@click.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME[:TYPE]=VALUE",
              help="A parameter of the query (see 'govkg queries'); repeatable, typed as for 'govkg cypher'.")
@db_option
@format_option()
@neo4j_options
def query(name, params, db, fmt, neo4j_uri, neo4j_user, neo4j_database):
    """Run the named query NAME (see 'govkg queries') with its parameters.

    \b
    govkg query who_leads -p 'agency_ids=["agency/uy-ban-nhan-dan-thanh-pho-can-tho-5ddba57e"]'
    """
    from govkg.graph.store import StoreError

    from govkg.commands.neo4j import open_backend

    try:
        q = load_query(name)
    except QueryError as e:
        fail(str(e), 2)
    values = parse_params(params)
    missing = [p for p in q.params if p not in values]
    if missing:
        fail(f"query '{name}' needs -p {missing[0]}=... ({q.params_doc})", 2)
    backend = open_backend(db, neo4j_uri, neo4j_user, neo4j_database)
    try:
        cols, rows = run_query(backend, name, values)
    except QueryError as e:
        fail(f"query error: {e}")
    except StoreError as e:
        fail(str(e))
    finally:
        backend.close()
    output(cols, rows, fmt)
