"""Read one article from an HTML page with trafilatura: main text, title, date, site name, URL.

trafilatura is imported inside :func:`read_html` only: it takes a good part of a second to import,
and commands that never read HTML must not pay for it. The bytes go to trafilatura as they are,
so it reads the page's own charset declaration; only UTF-16/32 pages (which it does not detect)
are decoded here first. The extracted text then goes through the same cleaning as a text file.
"""

from __future__ import annotations

import warnings

from .article import Article, LoadError
from .encoding import BINARY, EMPTY, NotText, decode_text, has_binary_nuls, sniff_unicode
from .meta import clean_line, parse_body, parse_iso_date

NO_TEXT = "no extractable text in HTML page"

# Precision first: take the date the page declares, not one found somewhere in its prose.
DATE_EXTRACTION = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, *, article_id: str, where: str, path: str | None = None) -> Article | LoadError:
    """One :class:`Article` from the bytes of an HTML page, or a :class:`LoadError` saying why not."""
    if not data.strip():
        return LoadError(where, EMPTY)
    if has_binary_nuls(data):
        return LoadError(where, BINARY)
    page: bytes | str = data
    if sniff_unicode(data) not in (None, "utf-8"):
        try:
            page = decode_text(data)
        except NotText as error:
            return LoadError(where, str(error))
    extracted = _extract(page)
    if isinstance(extracted, str):
        return LoadError(where, extracted)
    text = extracted.get("text") or ""
    if not text.strip():
        return LoadError(where, NO_TEXT)
    title = clean_line(extracted.get("title"))
    published = parse_iso_date(extracted.get("date"))
    body = parse_body(text, title=title, find_title=title is None, find_date=published is None)
    if not body.text:
        return LoadError(where, NO_TEXT)
    return Article(
        id=article_id,
        text=body.text,
        title=body.title,
        date=published or body.date,
        date_source="page" if published else "text" if body.date else None,
        source=clean_line(extracted.get("sitename")) or clean_line(extracted.get("hostname")) or body.source,
        outlet=body.outlet,
        url=clean_line(extracted.get("url")),
        path=path,
        leftovers=body.leftovers,
        where=where,
    )


def _extract(page: bytes | str) -> dict | str:
    """trafilatura's main text and metadata as a dict, or the reason it found none."""
    import trafilatura  # slow to import: only when a page is read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trafilatura's own deprecation noise
            document = trafilatura.bare_extraction(
                page,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params=DATE_EXTRACTION,
            )
    except Exception as error:  # noqa: BLE001 - a third-party parser on untrusted input
        return f"HTML could not be parsed: {type(error).__name__}"
    if document is None:
        return NO_TEXT
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)
