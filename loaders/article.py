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
    # published on or before this day (a record's crawl date): a bound, never taken as the date
    date_upper: datetime.date | None = None
    # where the time comes from: "record", "page" (HTML metadata), "text" (a date line), or
    # "crawl_date" when there is only the bound; None when there is neither
    date_source: str | None = None
    source: str | None = None  # outlet name or domain as given ("dantri.com.vn", "Pháp luật và Xã hội")
    outlet: str | None = None  # outlet tag opening the body ("CT", "ĐTO"), without " -"
    url: str | None = None
    path: str | None = None  # the file it came from, if any
    leftovers: list[str] = field(default_factory=list)
    where: str | None = field(default=None, compare=False)  # how messages name it: a path, "path:LINE", "<stdin>"

    @property
    def content_hash(self) -> str:
        """A hash of what recognisers read: re-loading identical content is a no-op."""
        h = hashlib.sha256()
        for part in (self.title or "", self.date.isoformat() if self.date else "", self.text, *self.leftovers):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        if self.date_upper is not None:  # (absent from the hash when there is none: older hashes hold)
            h.update(b"\x01" + self.date_upper.isoformat().encode("ascii"))
        return h.hexdigest()[:32]

    @property
    def time_properties(self) -> dict:
        """The Article node's time: ``date``, ``date_upper``, ``date_source``."""
        source = self.date_source or ("text" if self.date else "crawl_date" if self.date_upper else None)
        return {"date": self.date, "date_upper": self.date_upper, "date_source": source}


@dataclass
class LoadError:
    """A file or record that could not be read, with the reason in one line."""

    where: str  # a path, "path:line" for a JSONL record, or "<stdin>"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
