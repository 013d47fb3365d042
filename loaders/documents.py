"""Numbered documents by the official numbering, three regimes plus plain numbers:

- party documents ``59-NQ/TW``, ``03-CTr/TU`` (hyphen before the type code; numbered afresh each
  party term, so a programme's identity includes its term);
- legal normative documents ``30/2020/NĐ-CP``, ``45/2022/QH15`` (year in the symbol; QH15 names the
  legislature; ``45/2022/NQ-QH`` is the same resolution written otherwise);
- state administrative documents ``98/NQ-CP``, ``977/QĐ-TTg`` (no year: numbers restart each year,
  so the key takes the year from a date given with it, else from the article);
- plain numbers with their type word: "Công văn số 271 ngày 31/1/2024".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from govkg.vocab import derived, vocab

_UP = "A-ZĐ"
DOC_NUMBER = re.compile(
    rf"(?<![\w/])(?P<num>\d{{1,5}})(?:"
    rf"\s?-\s?(?P<pcode>[{_UP}][{_UP}a-zđ]{{0,4}})/(?P<pissuer>[{_UP}][{_UP}a-zđ0-9]{{0,7}})"  # party
    rf"|/(?P<year>(?:19|20)\d\d)/(?P<ncode>[{_UP}][{_UP}a-zđ0-9]{{0,6}}(?:-[{_UP}][{_UP}a-zđ0-9]{{0,7}})?)"  # normative
    rf"|/(?P<acode>[{_UP}][{_UP}a-zđ]{{0,5}})-(?P<aissuer>[{_UP}][{_UP}a-zđ0-9]{{0,9}}(?:-[{_UP}][{_UP}a-zđ0-9]+)?)"  # admin
    rf")(?![\w/])"
)
def __getattr__(name: str):
    # the tables are data (data/documents.toml)
    d = vocab().documents
    table = {"TYPE_WORDS": d.type_words, "CODE_TYPES": d.code_types, "ISSUER_CODES": d.issuer_codes,
             "PARTY_ISSUER_CODES": d.party_issuer_codes}
    if name in table:
        return table[name]
    raise AttributeError(name)


@derived
def _type_patterns() -> tuple[re.Pattern, re.Pattern, tuple[str, ...]]:
    words = vocab().documents.type_words
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    before = re.compile(r"(?P<type>" + alt + r")(?:\s+liên tịch)?\s+(?:số\s+)?$", re.I)
    plain = re.compile(
        r"(?P<type>" + alt + r")\s+"
        r"(?:số\s+(?P<num>\d{1,5})(?![\w/-])"
        # without "số", only a number followed by its issuer or date: "Nghị quyết 39 của Bộ Chính trị"
        r"|(?P<bare>(?!(?:19|20)\d\d\b)\d{1,4})(?=\s+(?:của|ngày)\s))",
        re.IGNORECASE,
    )
    return before, plain, tuple(sorted({w.lower() for w in words}))


_TYPE_NUMBER_HINT = re.compile(r"(?:số|[a-zđA-ZĐạịếờưậ])\s\d")
_DATE_AFTER = re.compile(r"^\s*(?:,\s*)?ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*((?:19|20)\d\d)")
_QH_LEGISLATURE = re.compile(r"^QH(\d+)$")


@dataclass(frozen=True)
class DocumentMention:
    number: str  # normalised symbol
    doc_type: str | None
    regime: str  # party, normative, administrative, plain
    year: int | None  # in the symbol, or of a date given with it
    issuer_code: str | None  # TW, TU, CP, QH15 ...
    date: date | None
    start: int
    end: int
    key_base: str  # identity without the year/term part


def find_documents(sentence: str) -> list[DocumentMention]:
    """Every numbered document in a sentence."""
    if "/" not in sentence and not _TYPE_NUMBER_HINT.search(sentence):
        return []
    _TYPE_BEFORE, _PLAIN, _TYPE_LOWER = _type_patterns()
    CODE_TYPES = vocab().documents.code_types
    out = []
    for m in DOC_NUMBER.finditer(sentence):
        tb = _TYPE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()])
        word_type = _type_word(tb.group("type")) if tb else None
        d = _date_after(sentence, m.end())
        num = m.group("num").lstrip("0") or "0"
        num_written = m.group("num")
        if m.group("pcode"):
            code, issuer = m.group("pcode"), m.group("pissuer")
            number = f"{num_written}-{code}/{issuer}"
            doc_type = word_type or CODE_TYPES.get(code)
            out.append(DocumentMention(number, doc_type, "party", d.year if d else None, issuer, d,
                                       m.start(), m.end(), f"party:{num}-{code}/{issuer}".lower()))
        elif m.group("year"):
            code = m.group("ncode")
            year = int(m.group("year"))
            number = f"{num_written}/{year}/{code}"
            parts = code.split("-")
            leg = _QH_LEGISLATURE.match(parts[-1])
            if leg or parts[-1] == "QH":
                # 45/2022/QH15 and 45/2022/NQ-QH are one resolution of the National Assembly
                doc_type = word_type or ("Nghị quyết" if parts[0] == "NQ" else None)
                base = f"normative:{num}/{year}/qh"
                issuer_code = parts[-1]
            else:
                doc_type = word_type or CODE_TYPES.get(parts[0])
                base = f"normative:{num}/{year}/{code}".lower()
                issuer_code = parts[-1] if len(parts) > 1 else None
            out.append(DocumentMention(number, doc_type, "normative", year, issuer_code, d, m.start(), m.end(), base))
        else:
            code, issuer = m.group("acode"), m.group("aissuer")
            number = f"{num_written}/{code}-{issuer}"
            doc_type = word_type or CODE_TYPES.get(code)
            if code == "QĐ" and word_type == "Quy định":
                doc_type = "Quy định"
            out.append(DocumentMention(number, doc_type, "administrative", d.year if d else None, issuer, d,
                                       m.start(), m.end(), f"admin:{num}/{code}-{issuer}".lower()))
    taken = [(x.start, x.end) for x in out]
    low = sentence.lower()
    plain = _PLAIN.finditer(sentence) if any(w in low for w in _TYPE_LOWER) else ()
    for m in plain:
        group = "num" if m.group("num") else "bare"
        if any(a <= m.start(group) < b for a, b in taken):
            continue
        if group == "bare" and not m.group("type")[0].isupper() and m.group("type").lower() in ("báo cáo", "đề án"):
            continue
        number = m.group(group)
        d = _date_after(sentence, m.end())
        t = _type_word(m.group("type"))
        out.append(DocumentMention(number, t, "plain", d.year if d else None, None, d,
                                   m.start(group), m.end(), f"plain:{t}:{number}".lower()))
    return sorted(out, key=lambda x: x.start)


def _type_word(w: str) -> str:
    words = vocab().documents.type_words
    for k in words:
        if k.lower() == w.lower():
            return words[k]
    return w


def _date_after(sentence: str, pos: int) -> date | None:
    m = _DATE_AFTER.match(sentence[pos:pos + 30])
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def normalise_number(s: str) -> str:
    """What a user typed as a document number, spaced like govkg stores it ("03 -CTr/TU" -> "03-CTr/TU")."""
    return re.sub(r"\s*([-/])\s*", r"\1", s.strip())


def party_term(d: date | None, national: bool) -> str | None:
    """The party term a date falls in: national congresses open early in 2001, 2006 ... 2026;
    provincial and city party congresses in the autumn of 2000, 2005 ... 2025."""
    if d is None:
        return None
    if national:
        start = 2001 + 5 * ((d.year - 2001) // 5)
        if d.year == start and d.month < 2:
            start -= 5
    else:
        start = 2000 + 5 * ((d.year - 2000) // 5)
        if d.year == start and d.month < 10:
            start -= 5
    return f"{start}-{start + 5}"
