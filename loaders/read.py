"""Read articles from files, folders, JSONL/JSON, HTML pages and standard input.

:func:`iter_articles` yields one :class:`Article` per article read and one :class:`LoadError` per
thing that could not be read, and never raises for bad input. What it reads:

- a ``.txt`` file (or an explicitly named file with any other suffix): one article, its id the
  file stem; encoding detected (:mod:`.encoding`), metadata and page furniture sorted out
  (:mod:`.meta`);
- ``.jsonl`` / ``.ndjson`` (optionally ``.gz``): one article per line, streamed; a bad line is a
  LoadError at ``path:LINE`` and reading goes on;
- ``.json``: a JSON array of articles or one article object (read whole); a bad record is a
  LoadError at ``path#N`` (N counts records from 1);
- ``.html`` / ``.htm``: one article through trafilatura (:mod:`.html`);
- a folder: walked recursively in sorted order, taking the suffixes above and ignoring other
  files and hidden (dot) entries; symlinked folders are not followed;
- ``-``: standard input, holding JSONL (first non-blank character ``{``), an HTML page (``<``
  opening a tag) or one plain text article (id ``stdin-`` + 12 hex digits of the SHA-256 of its bytes).

A JSONL/JSON record needs ``id`` and ``text``; ``title``, ``date`` (ISO), ``source`` and ``url``
are taken when present, and ``crawl_date`` (ISO) as ``date_upper``: the article was published on
or before it, a bound kept apart from ``date``. A record's text is cleaned like a file's, but no date line is looked
for when the record has a date, and no title line (the record says what its title is).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .article import Article, LoadError
from .encoding import EMPTY, SNIFF_BYTES, NotText, decode_text, sniff_unicode
from .html import read_html
from .meta import clean_line, parse_body, parse_iso_date

STDIN = "-"
STDIN_WHERE = "<stdin>"
HTML_START = re.compile(rb"<[!?A-Za-z]")  # "<!DOCTYPE", "<html", "<?xml": not "< Trở về trang trước"
MAX_ARTICLE_BYTES = 50 * 1024 * 1024  # one text or HTML article larger than this is not an article

# Suffix -> kind, longest suffixes first so ".jsonl.gz" wins over ".gz".
KIND_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    (".ndjson.gz", "jsonl"),
    (".jsonl.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".jsonl", "jsonl"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "text"),
)

Loaded = Article | LoadError


def iter_articles(paths: Iterable[str | os.PathLike], *, stdin: BinaryIO | None = None) -> Iterator[Loaded]:
    """Yield an Article for every article read from ``paths`` and a LoadError for what could not be read.

    ``"-"`` reads standard input: ``stdin`` (a binary stream), by default ``sys.stdin.buffer``.
    """
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        elif os.path.isdir(path):
            yield from _read_folder(path)
        elif os.path.lexists(path):
            yield from _read_file(path, kind_of(path) or "text")
        else:
            yield LoadError(path, "no such file or folder")


def kind_of(name: str) -> str | None:
    """``text``, ``jsonl``, ``json`` or ``html`` from a file name's suffix; None if not one we read."""
    lower = name.lower()
    for suffix, kind in KIND_BY_SUFFIX:
        if lower.endswith(suffix):
            return kind
    return None


# ------------------------------------------------------------------------------------------------
# Folders and files


def _read_folder(folder: str) -> Iterator[Loaded]:
    """Every readable file under a folder, in sorted order; one LoadError if it holds no article."""
    files = 0
    articles = 0
    for found in _walk(folder):
        if isinstance(found, LoadError):
            yield found
            continue
        files += 1
        for loaded in _read_file(found, kind_of(found)):
            articles += isinstance(loaded, Article)
            yield loaded
    if not articles:
        reason = (
            "no readable articles in folder (no .txt, .jsonl, .jsonl.gz, .json, .html or .htm files)"
            if not files
            else f"no readable articles in folder (none of its {files} files could be read)"
        )
        yield LoadError(folder, reason)


def _walk(folder: str) -> Iterator[str | LoadError]:
    """Paths of the files we read under ``folder``, depth first in name order."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield LoadError(folder, _os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(entry.path)
        elif kind_of(entry.name):
            yield entry.path


def _read_file(path: str, kind: str | None) -> Iterator[Loaded]:
    """The articles of one file of the given kind."""
    if kind == "jsonl":
        yield from _read_jsonl(path)
        return
    try:
        size = os.stat(path).st_size
        if size > MAX_ARTICLE_BYTES and kind != "json":
            yield LoadError(path, f"file too large for one article ({size // (1024 * 1024)} MB)")
            return
        data = Path(path).read_bytes()
    except OSError as error:
        yield LoadError(path, _os_reason(error))
        return
    if kind == "json":
        yield from _read_json(path, data)
    elif kind == "html":
        yield read_html(data, article_id=_stem(path), where=path, path=path)
    else:
        yield _text_article(data, article_id=_stem(path), where=path, path=path)


def _stem(path: str) -> str:
    """The file name without its suffix: the id of a text or HTML article."""
    return Path(path).stem


def _os_reason(error: OSError) -> str:
    """One line for an OSError: "permission denied", "no such file or folder", or its message."""
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return (error.strerror or str(error) or type(error).__name__).lower()


# ------------------------------------------------------------------------------------------------
# Text


def _text_article(data: bytes, *, article_id: str, where: str, path: str | None) -> Loaded:
    """One article from the bytes of a plain text file."""
    try:
        text = decode_text(data)
    except NotText as error:
        return LoadError(where, str(error))
    body = parse_body(text)
    if not body.text:
        return LoadError(where, "no body text left after removing page furniture")
    return Article(
        id=article_id,
        text=body.text,
        title=body.title,
        date=body.date,
        date_source="text" if body.date else None,
        source=body.source,
        outlet=body.outlet,
        path=path,
        leftovers=body.leftovers,
    )


# ------------------------------------------------------------------------------------------------
# JSONL and JSON records


def _read_jsonl(path: str) -> Iterator[Loaded]:
    """Stream a JSONL file (gzipped or not): one article or LoadError per non-blank line."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    line_number = 0
    records = 0
    try:
        with opener(path, "rb") as handle:
            for line_number, line in enumerate(_jsonl_lines(handle), 1):
                if line.strip():
                    records += 1
                    yield record_from_line(line, where=f"{path}:{line_number}", path=path)
    except (OSError, EOFError, zlib.error, UnicodeError) as error:
        yield LoadError(f"{path}:{line_number + 1}" if records else path, _stream_reason(error))
        return
    if not records:
        yield LoadError(path, EMPTY)


def _stream_reason(error: Exception) -> str:
    """One line for an error met while streaming a (gzipped) file."""
    if isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error)):
        return f"broken gzip data: {error or type(error).__name__}"
    if isinstance(error, UnicodeError):
        return "undecodable bytes"
    return _os_reason(error)


def _jsonl_lines(handle: BinaryIO) -> Iterable[bytes | str]:
    """The lines of a JSONL stream: the bytes lines, or text lines when it is UTF-16/32.

    UTF-8 lines stay bytes: ``json.loads`` reads them directly, a UTF-8 mark included.
    """
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    codec = sniff_unicode(head)
    if codec is None or codec == "utf-8":
        return handle
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # a mark: let the codec read and drop it
        codec = codec[:-3]
    return io.TextIOWrapper(handle, encoding=codec)


def record_from_line(line: bytes | str, *, where: str, path: str | None = None) -> Loaded:
    """An Article or LoadError from one JSONL line."""
    try:
        record = json.loads(line)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return LoadError(where, f"malformed JSON: {_json_reason(error)}")
    return article_from_record(record, where=where, path=path)


def _records_from_lines(lines: Iterable[bytes | str], where: str) -> Iterator[Loaded]:
    """Articles and LoadErrors from the lines of JSONL read from standard input."""
    for line_number, line in enumerate(lines, 1):
        if line.strip():
            yield record_from_line(line, where=f"{where}:{line_number}")


def _json_reason(error: ValueError) -> str:
    """A JSON error in one line, without the line number (the caller gives it)."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    if isinstance(error, UnicodeDecodeError):
        return "undecodable bytes (not UTF-8)"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _read_json(path: str, data: bytes) -> Iterator[Loaded]:
    """A JSON file holding one article object or an array of them."""
    if not data.strip():
        yield LoadError(path, EMPTY)
        return
    try:
        content = json.loads(data)
    except ValueError as error:
        yield LoadError(path, f"malformed JSON: {_json_reason(error)}")
        return
    if isinstance(content, dict):
        yield article_from_record(content, where=path, path=path)
    elif isinstance(content, list):
        if not content:
            yield LoadError(path, "empty JSON array")
        for number, record in enumerate(content, 1):
            yield article_from_record(record, where=f"{path}#{number}", path=path)
    else:
        yield LoadError(path, "not an article object or an array of articles")


def article_from_record(record: object, *, where: str, path: str | None = None) -> Loaded:
    """An Article from one JSON record (id, text; title, date, source, url), or a LoadError."""
    if not isinstance(record, dict):
        return LoadError(where, "not a JSON object")
    article_id = _record_id(record.get("id"))
    if article_id is None:
        return LoadError(where, "record has no usable id")
    raw_text = record.get("text")
    if not isinstance(raw_text, str) or not raw_text.strip():
        return LoadError(where, "record has no text")
    title = clean_line(record.get("title"))
    published = parse_iso_date(record.get("date"))
    body = parse_body(raw_text, title=title, find_title=False, find_date=published is None)
    if not body.text:
        return LoadError(where, "no body text left after removing page furniture")
    crawled = parse_iso_date(record.get("crawl_date"))  # published on or before it: a bound only
    return Article(
        id=article_id,
        text=body.text,
        title=title,
        date=published or body.date,
        date_upper=crawled,
        date_source="record" if published else "text" if body.date else "crawl_date" if crawled else None,
        source=clean_line(record.get("source")) or body.source,
        outlet=body.outlet,
        url=clean_line(record.get("url")),
        path=path,
        leftovers=body.leftovers,
    )


def _record_id(value: object) -> str | None:
    """A record's id as a non-empty string (integers are accepted), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# ------------------------------------------------------------------------------------------------
# Standard input


def _read_stdin(stream: BinaryIO) -> Iterator[Loaded]:
    """JSONL, an HTML page or one text article from a binary stream, told apart by the first character."""
    try:
        consumed: list[bytes] = []
        first = b""
        for line in stream:
            consumed.append(line)
            if line.strip():
                first = line
                break
        if not first:
            yield LoadError(STDIN_WHERE, EMPTY)
            return
        if sniff_unicode(consumed[0]) not in (None, "utf-8") or b"\x00" in first:
            yield from _read_stdin_decoded(b"".join(consumed) + stream.read())
            return
        start = first.lstrip()
        if start.startswith(b"\xef\xbb\xbf"):
            start = start[3:].lstrip()
        if start.startswith(b"{"):
            yield from _records_from_lines(itertools.chain(consumed, stream), STDIN_WHERE)
            return
        data = b"".join(consumed) + stream.read()
    except OSError as error:
        yield LoadError(STDIN_WHERE, _os_reason(error))
        return
    if HTML_START.match(start):
        yield read_html(data, article_id=_stdin_id(data), where=STDIN_WHERE)
    else:
        yield _text_article(data, article_id=_stdin_id(data), where=STDIN_WHERE, path=None)


def _read_stdin_decoded(data: bytes) -> Iterator[Loaded]:
    """Standard input in UTF-16/32: decoded whole, then told apart like the bytes would be."""
    try:
        text = decode_text(data)
    except NotText as error:
        yield LoadError(STDIN_WHERE, str(error))
        return
    start = text.lstrip()
    if start.startswith("{"):
        yield from _records_from_lines(text.splitlines(), STDIN_WHERE)
    elif HTML_START.match(start.encode("utf-8")):
        yield read_html(data, article_id=_stdin_id(data), where=STDIN_WHERE)
    else:
        yield _text_article(data, article_id=_stdin_id(data), where=STDIN_WHERE, path=None)


def _stdin_id(data: bytes) -> str:
    """The id of an article read from standard input: ``stdin-`` + 12 hex digits of its SHA-256."""
    return "stdin-" + hashlib.sha256(data).hexdigest()[:12]
