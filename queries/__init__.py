"""Named Cypher queries (``*.cypher`` in this folder) and the Python that runs them with parameters.

Both the embedded store and Neo4j run them unchanged; see ``runner`` for the file format and
``resolve`` for turning what a user types into ids.
"""

from govkg.queries.runner import (
    LOOKUP_QUERIES,
    NamedQuery,
    QueryError,
    format_timings,
    list_queries,
    load_query,
    run_query,
    run_records,
    time_named_queries,
)

__all__ = [
    "LOOKUP_QUERIES",
    "NamedQuery",
    "QueryError",
    "format_timings",
    "list_queries",
    "load_query",
    "run_query",
    "run_records",
    "time_named_queries",
]
