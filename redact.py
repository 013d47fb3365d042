"""Keep secrets out of what govkg prints: passwords inside URIs, and the Neo4j password itself.

Every one-line error goes through :func:`redact` (``govkg.cli.fail`` calls it); anything else that
prints a URI a user gave, or an exception text that may hold one, should too.
"""

from __future__ import annotations

import os
import re

SECRET_ENV = ("NEO4J_PASSWORD",)  # variables whose values never appear in output
MIN_SECRET_LENGTH = 4  # shorter values are not searched for: they would mask ordinary words
MASK = "***"

# scheme://user:password@host -- the password ends at the last "@" before the path (it may hold "@")
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/@\s:]*):(?P<password>[^/\s]*)@")


def redact(text: str, secrets: tuple[str, ...] | None = None) -> str:
    """``text`` with the password of every ``scheme://user:password@host`` and every secret value masked.

    ``secrets`` defaults to the values of the variables in :data:`SECRET_ENV`.

    >>> redact("cannot reach Neo4j at bolt://neo4j:s3cr@t@db.example:7687/x: refused", secrets=())
    'cannot reach Neo4j at bolt://neo4j:***@db.example:7687/x: refused'
    >>> redact("bolt://neo4j@localhost:7687 refused the password hunter22", secrets=("hunter22",))
    'bolt://neo4j@localhost:7687 refused the password ***'
    """
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)
    if secrets is None:
        secrets = tuple(os.environ.get(name) or "" for name in SECRET_ENV)
    for secret in secrets:
        if len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, MASK)
    return text


def redact_uri(uri: str) -> str:
    """A URI as it may be shown: without the password of its user part.

    >>> redact_uri("neo4j+s://admin:pw@graph.example.org")
    'neo4j+s://admin:***@graph.example.org'
    """
    return redact(uri, secrets=())
