"""Reading a stored article again from the file it was loaded from, as ``govkg explain ID`` does.

The store keeps each article's id and the path of its file, not its text. A text or HTML file is
read again whole (:func:`govkg.loaders.iter_articles`). A JSONL file may hold tens of thousands of
articles (the 39k corpus is one 44 MB ``.jsonl.gz``): reading it through to find one id takes
seconds, so the first read of such a file indexes it once, keeping where each record's line
starts; later reads go straight to the line. In a gzipped file the index also keeps a copy of
the decompressor's state every megabyte of text (``zlib`` can copy it), so a line is reached by
decompressing at most a megabyte, not the whole file before it. The index is dropped when the
file changes (size or modification time). The line is then read into an Article by the loader's
own ``record_from_line``, so the article is the one ``govkg load`` read.

>>> import gzip, tempfile, os, json
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.jsonl.gz")
>>> with gzip.open(path, "wt", encoding="utf-8") as fh:
...     for i in range(3):
...         print(json.dumps({"id": f"x{i}", "text": f"Bài số {i}."}, ensure_ascii=False), file=fh)
>>> reader = ArticleFiles()
>>> reader.read(path, "x2").text
'Bài số 2.'
>>> reader.read(path, "x9")
Traceback (most recent call last):
...
govkg.web.articles.ArticleGone: no article x9 in ...a.jsonl.gz (the file has changed since it was loaded)
"""

from __future__ import annotations

import json
import os
import re
import threading
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field

CHECKPOINT_BYTES = 1 << 20  # decompressed bytes between two saved decompressor states
CHUNK = 1 << 16
_ID_AT_START = re.compile(rb'^\s*\{\s*"id"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+))')


class ArticleGone(Exception):
    """The article cannot be read again (its file is gone, changed or unreadable): one line."""


@dataclass
class _Index:
    signature: tuple
    lines: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> (offset, length, line number)
    checkpoints: list = field(default_factory=list)  # (decompressed offset, file offset, decompressor copy)
    offsets: list[int] = field(default_factory=list)  # the checkpoints' decompressed offsets, for bisect


def _signature(path: str) -> tuple:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _line_id(line: bytes) -> str | None:
    """The record id of a JSONL line: read from its start when it opens with ``{"id": ...``, else
    from the whole record."""
    m = _ID_AT_START.match(line)
    if m:
        if m.group(2) is not None:
            return m.group(2).decode()
        raw = m.group(1)
        value = json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode("utf-8", "replace")
        return value.strip() or None
    try:
        rec = json.loads(line)
    except ValueError:
        return None
    v = rec.get("id") if isinstance(rec, dict) else None
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return str(v)
    return v.strip() or None if isinstance(v, str) else None


class ArticleFiles:
    """Articles read again from their files, with an index per large JSONL file (thread-safe)."""

    def __init__(self) -> None:
        self._indexes: dict[str, _Index] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def read(self, path: str | None, article_id: str):
        """The Article ``article_id`` from ``path``; ArticleGone (one line) when it cannot be read."""
        from govkg.loaders.article import Article, LoadError

        if not path:
            raise ArticleGone(f"the store does not say which file {article_id} came from (it was read from "
                              "standard input)")
        if not os.path.exists(path):
            raise ArticleGone(f"the file {article_id} was loaded from ({path}) is no longer there")
        if self._is_jsonl(path) and self._plain_utf8(path):
            got = self._from_jsonl(path, article_id)
        else:
            from govkg.loaders import iter_articles

            found = [a for a in iter_articles([path]) if not isinstance(a, Article) or a.id == article_id]
            got = next((a for a in found if isinstance(a, Article)), None)
            if got is None and found:
                raise ArticleGone(f"{article_id} cannot be read again: {found[0]}")
        if isinstance(got, LoadError):
            raise ArticleGone(f"{article_id} cannot be read again: {got}")
        if got is None:
            raise ArticleGone(f"no article {article_id} in {path} (the file has changed since it was loaded)")
        return got

    def warm(self, paths) -> None:
        """Index these files now (a server does it in the background at start)."""
        for p in paths:
            try:
                if p and os.path.exists(p) and self._is_jsonl(p) and self._plain_utf8(p):
                    self._index(p)
            except (OSError, EOFError, zlib.error, ValueError):
                continue

    # -- JSONL ---------------------------------------------------------------------------------
    @staticmethod
    def _is_jsonl(path: str) -> bool:
        from govkg.loaders.read import kind_of

        return kind_of(path) == "jsonl"

    @staticmethod
    def _plain_utf8(path: str) -> bool:
        """Lines of bytes can be indexed: UTF-8 (or ASCII), not UTF-16/32; gzip or uncompressed."""
        from govkg.loaders.encoding import sniff_unicode

        with open(path, "rb") as fh:
            head = fh.read(4096)
        if head[:2] == b"\x1f\x8b":
            return True
        if not path.lower().endswith((".jsonl", ".ndjson")):
            return False  # another compression: read it through
        return sniff_unicode(head) in (None, "utf-8", "utf-8-sig")

    def _lock_for(self, path: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(path, threading.Lock())

    def _index(self, path: str) -> _Index:
        with self._lock_for(path):
            sig = _signature(path)
            idx = self._indexes.get(path)
            if idx is None or idx.signature != sig:
                idx = self._build(path, sig)
                self._indexes[path] = idx
            return idx

    def _from_jsonl(self, path: str, article_id: str):
        from govkg.loaders.read import record_from_line

        try:
            idx = self._index(path)
            at = idx.lines.get(article_id)
            if at is None:
                return None
            offset, length, number = at
            line = self._line(path, idx, offset, length)
        except (OSError, EOFError, zlib.error) as e:
            raise ArticleGone(f"{path} cannot be read: {e}") from None
        got = record_from_line(line, where=f"{path}:{number}", path=path)
        if getattr(got, "id", article_id) != article_id:
            return None
        return got

    def _build(self, path: str, sig: tuple) -> _Index:
        idx = _Index(sig)
        pending = b""
        pos = 0  # decompressed offset of pending's first byte
        number = 0
        for data, cp in self._stream(path, idx):
            buf = pending + data
            start = 0
            while True:
                nl = buf.find(b"\n", start)
                if nl < 0:
                    break
                number += 1
                line = buf[start:nl]
                if line.strip():
                    aid = _line_id(line)
                    if aid is not None and aid not in idx.lines:
                        idx.lines[aid] = (pos + start, nl - start, number)
                start = nl + 1
            pending = buf[start:]
            pos += start
        if pending.strip():
            number += 1
            aid = _line_id(pending)
            if aid is not None and aid not in idx.lines:
                idx.lines[aid] = (pos, len(pending), number)
        idx.offsets = [c[0] for c in idx.checkpoints]
        return idx

    def _stream(self, path: str, idx: _Index | None = None, start=None):
        """Decompressed chunks of the file (from checkpoint ``start``), saving checkpoints in ``idx``."""
        with open(path, "rb") as fh:
            head = fh.read(2)
            gz = head == b"\x1f\x8b"
            if not gz:
                fh.seek(0 if start is None else start[1])
                while True:
                    data = fh.read(CHUNK)
                    if not data:
                        return
                    yield data, None
            if start is None:
                fh.seek(0)
                d = zlib.decompressobj(31)
                out_pos = 0
                if idx is not None:
                    idx.checkpoints.append((0, 0, d.copy()))
            else:
                out_pos, file_pos, saved = start
                fh.seek(file_pos)
                d = saved.copy()
            last_cp = out_pos
            while True:
                raw = fh.read(CHUNK)
                if not raw:
                    return
                while raw:
                    data = d.decompress(raw)
                    raw = b""
                    if d.eof:  # a gzip file may be several members one after another
                        raw = d.unused_data
                        d = zlib.decompressobj(31)
                    out_pos += len(data)
                    yield data, None
                if idx is not None and out_pos - last_cp >= CHECKPOINT_BYTES and not d.unconsumed_tail:
                    idx.checkpoints.append((out_pos, fh.tell(), d.copy()))
                    last_cp = out_pos

    def _line(self, path: str, idx: _Index, offset: int, length: int) -> bytes:
        if not idx.checkpoints:  # plain JSONL: the offset is the file's
            with open(path, "rb") as fh:
                fh.seek(offset)
                return fh.read(length)
        cp = idx.checkpoints[bisect_right(idx.offsets, offset) - 1]
        pos = cp[0]
        out = bytearray()
        for data, _ in self._stream(path, None, cp):
            end = pos + len(data)
            if end > offset:
                out += data[max(0, offset - pos):offset + length - pos]
                if len(out) >= length:
                    break
            pos = end
        return bytes(out[:length])
