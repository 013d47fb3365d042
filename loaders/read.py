"""Read articles from files, folders, JSONL/JSON, HTML pages, pipes and standard input.

:class:`Reader` (and :func:`iter_articles`, which runs one) yields one :class:`Article` per article
read and one :class:`LoadError` per thing that could not be read, and never raises for bad input.
What it reads:

- a file, by its suffix: ``.txt`` one text article (encoding detected by :mod:`.encoding`, metadata
  and page furniture sorted out by :mod:`.meta`); ``.html`` / ``.htm`` one page (:mod:`.html`);
  ``.jsonl`` / ``.ndjson`` one article per line, streamed (a bad line is a LoadError at
  ``path:LINE`` and reading goes on); ``.json`` an array of articles or one article object (a bad
  record is a LoadError at ``path#N``, N counting records from 1). Any of them may be compressed
  with gzip, bzip2 or xz (``.gz``, ``.bz2``, ``.xz``; told by the first bytes, whatever the name).
  A file named on the command line with another suffix, or none, is *sniffed*: JSONL when it opens
  with a line holding a JSON object, JSON when with ``[`` (or an object spread over lines), HTML
  when with a tag, else text;
- a folder: walked recursively in sorted order, taking the suffixes above and ignoring other files
  and hidden (dot) entries; symlinked folders are not followed; a FIFO, socket or device inside it
  is skipped with a LoadError (reading one could wait forever);
- ``-`` (standard input), a pipe (``govkg load <(zcat x.jsonl.gz)``), a FIFO or a device named on
  the command line: read as a stream and sniffed as above. A stream that gives no data for
  ``timeout`` seconds is a LoadError: nothing waits forever (standard input from a terminal waits
  for its user).

Limits, whatever the file type, compressed or not: one text or HTML article, one JSONL line and one
JSON record hold at most :data:`MAX_ARTICLE_BYTES`; a ``.json`` file, read whole, at most
:data:`MAX_JSON_BYTES`. Nothing reads past them.

Ids. A JSONL/JSON record's ``id``. A text or HTML file's name without its suffixes (its stem),
unless files of one load share a stem: each of those is ``stem-`` + 8 hex digits of the SHA-256 of
its path within the folder given (for a file named on the command line, of its path as given; of
its absolute path when even that is shared), and :attr:`Reader.notes` says so. A text or HTML
article read from a stream is ``stdin-`` + 12 hex digits of the SHA-256 of its bytes, so the same
bytes get the same id however they come in.

A JSONL/JSON record needs ``id`` and ``text``; ``title``, ``date`` (ISO), ``source`` and ``url``
are taken when present, and ``crawl_date`` (ISO) as ``date_upper``: the article was published on
or before it, a bound kept apart from ``date``. A record's text is cleaned like a file's, but no
date line is looked for when the record has a date, and no title line (the record says what its
title is).
"""

from __future__ import annotations

import bz2
import errno
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import select
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .article import Article, LoadError
from .encoding import BINARY, EMPTY, SNIFF_BYTES, NotText, decode_text, has_binary_nuls, sniff_unicode
from .html import read_html
from .meta import clean_line, parse_body, parse_iso_date

STDIN = "-"
STDIN_WHERE = "<stdin>"
HTML_START = re.compile(rb"<[!?A-Za-z]")  # "<!DOCTYPE", "<html", "<?xml": not "< Trở về trang trước"
MB = 1024 * 1024
MAX_ARTICLE_BYTES = 10 * MB  # one article (a text or HTML file, a JSONL line, a JSON record); news is < 1 MB
MAX_JSON_BYTES = 1024 * MB  # a .json file is read whole; larger collections belong in JSONL, which streams
STREAM_TIMEOUT = 30.0  # seconds a pipe, FIFO or device may stay silent before it is given up
POLL_SLICE = 0.25  # seconds between checks while a stream is waited on
READ_CHUNK = 1 << 16

# Suffix -> kind. Compression suffixes come off first: "a.jsonl.gz" is JSONL.
KIND_BY_SUFFIX: dict[str, str] = {
    ".ndjson": "jsonl", ".jsonl": "jsonl", ".json": "json", ".html": "html", ".htm": "html", ".txt": "text",
}
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".lzma", ".zst")
# First bytes -> compression, and how to open it (None: the standard library here cannot).
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)

Loaded = Article | LoadError


class StreamTimeout(OSError):
    """A stream gave no data for the time limit."""


def iter_articles(paths: Iterable[str | os.PathLike], *, stdin: BinaryIO | None = None,
                  timeout: float = STREAM_TIMEOUT) -> Iterator[Loaded]:
    """Yield an Article for every article read from ``paths`` and a LoadError for what could not be read.

    ``"-"`` reads standard input: ``stdin`` (a binary stream), by default ``sys.stdin.buffer``.
    """
    return iter(Reader(paths, stdin=stdin, timeout=timeout))


def kind_of(name: str) -> str | None:
    """``text``, ``jsonl``, ``json`` or ``html`` from a file name's suffixes; None if not one we read.

    >>> kind_of("a.jsonl.gz"), kind_of("page.HTM"), kind_of("notes.md"), kind_of("x.json.bz2")
    ('jsonl', 'html', None, 'json')
    """
    base = _without_compression(name.lower())
    return KIND_BY_SUFFIX.get(os.path.splitext(base)[1])


def _without_compression(name: str) -> str:
    for suffix in COMPRESSION_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def stem_of(path: str) -> str:
    """A file's name without its suffix and compression suffix: the id of a text or HTML article.

    >>> stem_of("s/a/index.html"), stem_of("bai-viet.txt.gz"), stem_of("notes")
    ('index', 'bai-viet', 'notes')
    """
    return os.path.splitext(_without_compression(os.path.basename(path)))[0]


# ------------------------------------------------------------------------------------------------
# What a load will read: planned before anything is read, so ids and the byte total are known


@dataclass
class _Input:
    path: str  # as it will be opened
    where: str  # as errors name it
    kind: str | None  # from the suffix; None: sniff
    stream: bool = False  # a pipe, FIFO or device: no size, read with a time limit
    size: int = 0
    key: str = ""  # path within the folder given (or as given): what a colliding id is hashed from
    id: str = ""  # the id of a text or HTML article read from it


@dataclass
class _FolderEnd:
    folder: str
    files: int


@dataclass
class Reader:
    """Reads what ``paths`` name; iterate it for Articles and LoadErrors.

    While it runs, ``done_bytes`` counts the bytes read from files (compressed bytes for compressed
    files) and ``total_bytes`` is the size of all the files it reads, or None when a stream is among
    them; ``notes`` says how ids were formed when they were not plain file stems. ``check()``, if
    given, is called at least every :data:`POLL_SLICE` seconds while a stream is waited on.
    """

    paths: Iterable[str | os.PathLike]
    stdin: BinaryIO | None = None
    timeout: float = STREAM_TIMEOUT
    check: Callable[[], None] | None = None  # called while waiting on a stream; may raise to stop reading
    done_bytes: int = 0
    total_bytes: int | None = None
    _plan: list | None = field(default=None, repr=False)
    _id_notes: list[str] = field(default_factory=list, repr=False)
    _content_ids: int = field(default=0, repr=False)

    def plan(self) -> list:
        """The inputs, LoadErrors and folder ends in the order they are read (computed once)."""
        if self._plan is None:
            plan: list = []
            for given in self.paths:
                plan.extend(_plan_path(os.fspath(given)))
            self._plan = plan
            inputs = [x for x in plan if isinstance(x, _Input)]
            self.total_bytes = None if any(x.stream for x in inputs) else sum(x.size for x in inputs)
            self._id_notes = _assign_ids([x for x in inputs if not x.stream and x.kind in (None, "text", "html")])
        return self._plan

    @property
    def notes(self) -> list[str]:
        """How ids were formed, when they were not plain file stems or record ids (for the summary)."""
        self.plan()
        out = list(self._id_notes)
        if self._content_ids:
            n = self._content_ids
            out.append(f"{n} article{'s' if n > 1 else ''} read from standard input or a pipe "
                       f"{'have' if n > 1 else 'has'} for id 'stdin-' and 12 hex digits of the SHA-256 of "
                       f"{'their' if n > 1 else 'its'} bytes")
        return out

    def __iter__(self) -> Iterator[Loaded]:
        folder_articles = 0
        for entry in self.plan():
            if isinstance(entry, LoadError):
                yield entry
            elif isinstance(entry, _FolderEnd):
                if not folder_articles:
                    yield LoadError(entry.folder, _empty_folder_reason(entry.files))
                folder_articles = 0
            else:
                for loaded in self._read_input(entry):
                    if isinstance(loaded, Article):
                        folder_articles += 1
                        self._content_ids += entry.stream and loaded.where == entry.where  # not a record: a content id
                    yield loaded

    def _count(self, n: int) -> None:
        self.done_bytes += n

    # -- one input -------------------------------------------------------------------------------
    def _read_input(self, inp: _Input) -> Iterator[Loaded]:
        if inp.path == STDIN:
            raw = self._stdin_raw()
        else:
            try:
                raw = _open_raw(inp, self.timeout, self._count, self.check)
            except OSError as error:
                yield LoadError(inp.where, _os_reason(error))
                return
        with raw:
            yield from _read_stream(raw, inp)

    def _stdin_raw(self) -> io.RawIOBase:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        try:
            fd = stream.fileno()
        except (OSError, AttributeError, ValueError):  # a BytesIO, or no descriptor
            return _StreamRaw(stream, self._count)
        timeout = None if os.isatty(fd) else self.timeout  # a terminal waits for its user
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return _FdRaw(os.dup(fd), self._count, stream=True, timeout=timeout, check=self.check)
        return _FdRaw(os.dup(fd), self._count)


def _plan_path(path: str) -> list:
    """What one path given on the command line holds."""
    if path == STDIN:
        return [_Input(STDIN, STDIN_WHERE, None, stream=True)]
    try:
        st = os.stat(path)
    except OSError as error:
        return [LoadError(path, _missing_reason(path, error))]
    if stat.S_ISDIR(st.st_mode):
        found = list(_walk(path, path))
        files = sum(isinstance(x, _Input) for x in found)
        return found + [_FolderEnd(path, files)]
    if stat.S_ISREG(st.st_mode):
        return [_Input(path, path, kind_of(path), size=st.st_size, key=os.path.normpath(path))]
    if stat.S_ISSOCK(st.st_mode):
        return [LoadError(path, "a socket, not a file")]
    return [_Input(path, path, None, stream=True)]  # a pipe, FIFO or device: its content decides


def _walk(folder: str, top: str) -> Iterator[_Input | LoadError]:
    """The files we read under ``folder``, depth first in name order; LoadErrors for what we cannot."""
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
            yield from _walk(entry.path, top)
            continue
        kind = kind_of(entry.name)
        if kind is None:
            continue
        try:
            st = os.stat(entry.path)
        except OSError as error:
            yield LoadError(entry.path, _missing_reason(entry.path, error))
            continue
        if stat.S_ISREG(st.st_mode):
            yield _Input(entry.path, entry.path, kind, size=st.st_size, key=os.path.relpath(entry.path, top))
        elif stat.S_ISDIR(st.st_mode):
            yield LoadError(entry.path, "a symbolic link to a folder: not followed")
        else:
            yield LoadError(entry.path, f"not a regular file ({_file_type(st.st_mode)})")


def _assign_ids(inputs: list[_Input]) -> list[str]:
    """Give each file its article id (the stem, or stem + hash when stems collide); notes for the summary."""
    by_stem: dict[str, list[_Input]] = {}
    for inp in inputs:
        by_stem.setdefault(stem_of(inp.path), []).append(inp)
    shared = 0
    example = ""
    for stem, group in by_stem.items():
        if len(group) == 1:
            group[0].id = stem
            continue
        keys = [inp.key.replace(os.sep, "/") for inp in group]
        if len(set(keys)) < len(keys):
            keys = [os.path.abspath(inp.path) for inp in group]
        for inp, key in zip(group, keys):
            inp.id = f"{stem}-{hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
        shared += len(group)
        example = example or f"{group[0].key} is {group[0].id}"
    if not shared:
        return []
    return [f"{shared} files share their name with another file of this load; each has for id its name "
            f"and 8 hex digits of the SHA-256 of its path within the folder given ({example})"]


def _empty_folder_reason(files: int) -> str:
    if not files:
        return "no readable articles in folder (no .txt, .jsonl, .json, .html or .htm files, plain or compressed)"
    return f"no readable articles in folder (none of its {files} files could be read)"


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _missing_reason(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "a broken symbolic link (its target does not exist)"
    if error.errno == errno.ENOTDIR:
        return "no such file or folder (a part of the path is a file)"
    return _os_reason(error)


def _os_reason(error: OSError) -> str:
    """One line for an OSError: "permission denied", "no such file or folder", or its message."""
    if isinstance(error, StreamTimeout):
        return str(error)
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return (error.strerror or str(error) or type(error).__name__).lower()


# ------------------------------------------------------------------------------------------------
# Byte streams: a descriptor counted as it is read, streams read with a time limit


class _FdRaw(io.RawIOBase):
    """A file descriptor read with ``os.read``, counting the bytes read. A stream (a pipe, FIFO, device,
    standard input) is waited on in slices, calling ``check()`` between them (it may raise, to stop a
    load), and for at most ``timeout`` seconds in all before :class:`StreamTimeout` (None: no limit)."""

    def __init__(self, fd: int, count, *, stream: bool = False, timeout: float | None = None, check=None) -> None:
        self._fd = fd
        self._count = count
        self._timeout = timeout
        self._check = check
        self._poll = None
        if stream:
            self._poll = select.poll()
            self._poll.register(fd, select.POLLIN | select.POLLPRI)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._poll is not None:
                self._wait()
            try:
                data = os.read(self._fd, len(buffer))
            except BlockingIOError:
                continue
            break
        n = len(data)
        buffer[:n] = data
        self._count(n)
        return n

    def _wait(self) -> None:
        waited = 0.0
        while not self._poll.poll(POLL_SLICE * 1000):
            if self._check is not None:
                self._check()
            waited += POLL_SLICE
            if self._timeout is not None and waited >= self._timeout:
                raise StreamTimeout(f"no data for {self._timeout:g} s (nothing writes to it?)")

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


class _StreamRaw(io.RawIOBase):
    """A Python binary stream (a BytesIO given as standard input) as a counted raw stream."""

    def __init__(self, stream: BinaryIO, count) -> None:
        self._stream = stream
        self._count = count

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._count(n)
        return n


class _Chain(io.RawIOBase):
    """Bytes already read (the sniffed head), then the rest of a stream."""

    def __init__(self, head: bytes, rest) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buffer)


def _open_raw(inp: _Input, timeout: float, count, check) -> io.RawIOBase:
    """The counted raw stream of a file, or of a pipe/FIFO/device opened without blocking."""
    if not inp.stream:
        return _FdRaw(os.open(inp.path, os.O_RDONLY | os.O_CLOEXEC), count)
    fd = os.open(inp.path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)  # a FIFO with no writer: no wait
    return _FdRaw(fd, count, stream=True, timeout=timeout, check=check)


def _read_all(stream, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes: one more than the limit tells that there were too many."""
    return stream.read(limit + 1)


def _read_stream(raw: io.RawIOBase, inp: _Input) -> Iterator[Loaded]:
    """Decompress, sniff and read one input."""
    where = inp.where
    why = ""
    try:
        buffered = io.BufferedReader(raw, READ_CHUNK)
        content, why = _decompressed(buffered)
        if content is None:
            yield LoadError(where, why)
            return
        head = content.read(SNIFF_BYTES)
        kind = inp.kind or sniff_kind(head)
        if kind in ("text", "html") and has_binary_nuls(head):
            yield LoadError(where, BINARY)  # /dev/zero, an image: stop at the first bytes
            return
        stream = io.BufferedReader(_Chain(head, content), READ_CHUNK)
        if kind == "jsonl":
            yield from _read_jsonl(stream, head, where, None if inp.stream else inp.path, why)
            return
        if inp.size > MAX_ARTICLE_BYTES and kind != "json" and why == "":
            yield LoadError(where, f"file too large for one article ({inp.size // MB} MB; at most "
                                   f"{MAX_ARTICLE_BYTES // MB} MB)")
            return
        limit = MAX_JSON_BYTES if kind == "json" else MAX_ARTICLE_BYTES
        data = _read_all(stream, limit)
    except (OSError, EOFError, zlib.error, lzma.LZMAError, UnicodeError) as error:
        yield LoadError(where, _stream_reason(error, why))
        return
    if len(data) > limit:
        what = "a JSON file (write it as JSONL, one article a line: it is streamed)" if kind == "json" \
            else "one article"
        yield LoadError(where, f"too large for {what}: more than {limit // MB} MB")
        return
    path = None if inp.stream else os.path.abspath(inp.path)  # explain finds it again from any folder
    article_id = inp.id or _stdin_id(data)
    if kind == "json":
        yield from _read_json(data, where, path)
    elif kind == "html":
        yield read_html(data, article_id=article_id, where=where, path=path)
    else:
        yield _text_article(data, article_id=article_id, where=where, path=path)


def _decompressed(buffered: io.BufferedReader):
    """(the content stream, "" or the compression) or (None, why it cannot be read)."""
    magic = buffered.peek(6)[:6]
    for mark, name in MAGIC:
        if magic.startswith(mark):
            if name == "gzip":
                return gzip.GzipFile(fileobj=buffered, mode="rb"), name
            if name == "bzip2":
                return bz2.BZ2File(buffered, "rb"), name
            if name == "xz":
                return lzma.LZMAFile(buffered, "rb"), name
            try:  # Python 3.14 reads zstd
                from compression import zstd  # type: ignore[import-not-found]
            except ImportError:
                return None, ("zstd-compressed, which this Python's standard library cannot read: "
                              "decompress it first (zstd -d)")
            return zstd.ZstdFile(buffered, "rb"), name
    return buffered, ""


def sniff_kind(head: bytes) -> str:
    """``jsonl``, ``json``, ``html`` or ``text`` from the first bytes of a file or stream.

    >>> sniff_kind(b'{"id": 1, "text": "a"}\\n{"id": 2'), sniff_kind(b'{\\n  "id": 1,\\n'), sniff_kind(b"[{")
    ('jsonl', 'json', 'json')
    >>> sniff_kind(b"<!DOCTYPE html><html>"), sniff_kind("Ông Nguyễn Văn A".encode())
    ('html', 'text')
    """
    codec = sniff_unicode(head)
    if codec is not None and codec != "utf-8":
        start = head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n").encode("utf-8")
    else:
        start = head.lstrip()
        if start.startswith(b"\xef\xbb\xbf"):
            start = start[3:].lstrip()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        line, newline, _ = start.partition(b"\n")
        if not newline:  # a first line longer than the head: a long JSONL record (or one object)
            return "jsonl"
        try:
            return "jsonl" if isinstance(json.loads(line), dict) else "json"
        except ValueError:
            return "json"  # an object spread over lines
    if HTML_START.match(start):
        return "html"
    return "text"


def _stream_reason(error: Exception, compression: str = "") -> str:
    """One line for an error met while reading a (compressed) file or stream."""
    packed = f"{compression} data" if compression else "compressed data"
    if isinstance(error, EOFError):
        return f"broken {packed}: it ends before its end marker (a truncated file?)"
    if isinstance(error, (gzip.BadGzipFile, zlib.error, lzma.LZMAError)):
        return f"broken {packed}: {error or type(error).__name__}"
    if compression and isinstance(error, OSError) and not isinstance(error, StreamTimeout) and error.errno is None:
        return f"broken {packed}: {error}"  # bz2's "Invalid data stream"
    if isinstance(error, UnicodeError):
        return "undecodable bytes"
    return _os_reason(error)


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
        where=where,
    )


def _stdin_id(data: bytes) -> str:
    """The id of an article read from a stream: ``stdin-`` + 12 hex digits of its SHA-256."""
    return "stdin-" + hashlib.sha256(data).hexdigest()[:12]


# ------------------------------------------------------------------------------------------------
# JSONL and JSON records


def _read_jsonl(stream: io.BufferedReader, head: bytes, where: str, path: str | None,
                compression: str = "") -> Iterator[Loaded]:
    """One article or LoadError per non-blank line; an overlong line ends the reading of the stream."""
    line_number = 0
    records = 0
    try:
        lines = _text_lines(stream, head)
        while True:
            line = lines.readline(MAX_ARTICLE_BYTES + 1)
            if not line:
                break
            line_number += 1
            if len(line) > MAX_ARTICLE_BYTES:
                yield LoadError(f"{where}:{line_number}", f"line longer than {MAX_ARTICLE_BYTES // MB} MB: "
                                                          "not an article; the rest is not read")
                return
            if line.strip():
                records += 1
                yield record_from_line(line, where=f"{where}:{line_number}", path=path)
    except (OSError, EOFError, zlib.error, lzma.LZMAError, UnicodeError) as error:
        yield LoadError(f"{where}:{line_number + 1}" if records else where, _stream_reason(error, compression))
        return
    if not records:
        yield LoadError(where, EMPTY)


def _text_lines(stream: io.BufferedReader, head: bytes):
    """The stream as it yields lines: itself (bytes lines), or decoded when it is UTF-16/32.

    UTF-8 lines stay bytes: ``json.loads`` reads them directly, a UTF-8 mark included.
    """
    codec = sniff_unicode(head)
    if codec is None or codec == "utf-8":
        return stream
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # a mark: let the codec read and drop it
        codec = codec[:-3]
    return io.TextIOWrapper(stream, encoding=codec)


def record_from_line(line: bytes | str, *, where: str, path: str | None = None) -> Loaded:
    """An Article or LoadError from one JSONL line."""
    try:
        record = json.loads(line)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return LoadError(where, f"malformed JSON: {_json_reason(error)}")
    except RecursionError:
        return LoadError(where, "malformed JSON: nested too deeply")
    return article_from_record(record, where=where, path=path)


def _json_reason(error: ValueError) -> str:
    """A JSON error in one line, without the line number (the caller gives it)."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    if isinstance(error, UnicodeDecodeError):
        return "undecodable bytes (not UTF-8)"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _read_json(data: bytes, where: str, path: str | None) -> Iterator[Loaded]:
    """A JSON document holding one article object or an array of them."""
    if not data.strip():
        yield LoadError(where, EMPTY)
        return
    try:
        content = json.loads(data)
    except ValueError as error:
        yield LoadError(where, f"malformed JSON: {_json_reason(error)}")
        return
    except RecursionError:
        yield LoadError(where, "malformed JSON: nested too deeply")
        return
    if isinstance(content, dict):
        yield article_from_record(content, where=where, path=path)
    elif isinstance(content, list):
        if not content:
            yield LoadError(where, "empty JSON array")
        for number, record in enumerate(content, 1):
            yield article_from_record(record, where=f"{where}#{number}", path=path)
    else:
        yield LoadError(where, "not an article object or an array of articles")


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
    if len(raw_text) > MAX_ARTICLE_BYTES:
        return LoadError(where, f"record too large for one article: more than {MAX_ARTICLE_BYTES // MB} MB of text")
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
        where=where,
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
