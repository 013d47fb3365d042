"""The unit every loader produces: one article, its metadata, its body and its web leftovers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
import datetime


@dataclass
class Article:
    """One news article as read from a file, a JSONL line, an HTML page or standard input.

    ``text`` is the body only (NFC). Lines that are web page furniture (share buttons, related
    article headlines, unaccented slug lines, QR prompts) are kept apart in ``leftovers``:
    recognisers still read them, but facts found there are marked as coming from a leftover.
    """

    id: str
    text: str
    title: str | None = None
    date: datetime.date | None = None
    source: str | None = None  # outlet name or domain as given ("dantri.com.vn", "Pháp luật và Xã hội")
    outlet: str | None = None  # outlet tag opening the body ("CT", "ĐTO"), without " -"
    url: str | None = None
    path: str | None = None  # the file it came from, if any
    leftovers: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """A hash of what recognisers read: re-loading identical content is a no-op."""
        h = hashlib.sha256()
        for part in (self.title or "", self.date.isoformat() if self.date else "", self.text, *self.leftovers):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:32]


@dataclass
class LoadError:
    """A file or record that could not be read, with the reason in one line."""

    where: str  # a path, "path:line" for a JSONL record, or "<stdin>"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
