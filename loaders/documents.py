"""Numbered documents by the official numbering, three regimes plus plain numbers:

- party documents ``59-NQ/TW``, ``03-CTr/TU`` (hyphen before the type code; numbered afresh each
  party term, so a programme's identity includes its term);
- legal normative documents ``30/2020/NĐ-CP``, ``45/2022/QH15`` (year in the symbol; QH15 names the
  legislature; ``45/2022/NQ-QH`` is the same resolution written otherwise), also written short with
  their type word ("Nghị định 37/2021");
- state administrative documents ``98/NQ-CP``, ``977/QĐ-TTg`` (no year: numbers restart each year,
  so the key takes the year from a date given with it, else from the article), and letters whose
  symbol opens with their issuer ("Công văn số 1547/BXD-VLXD": BXD, Bộ Xây dựng);
- plain numbers with their type word: "Công văn số 271 ngày 31/1/2024", "Quyết định 1013".

The tables (type words, type codes, issuer codes) are data: data/documents.toml.

>>> [(d.number, d.doc_type, d.regime) for d in find_documents("Nghị quyết số 59-NQ/TW của Bộ Chính trị")]
[('59-NQ/TW', 'Nghị quyết', 'party')]
>>> [(d.number, d.issuer_code) for d in find_documents("Nghị định số 121/2013/NĐ–CP ngày 10/10/2013")]
[('121/2013/NĐ-CP', 'CP')]
>>> [(d.number, d.doc_type, d.issuer_code) for d in find_documents("Bộ Xây dựng đã có Văn bản số 1547/BXD-VLXD gửi")]
[('1547/BXD-VLXD', 'Công văn', 'BXD')]
>>> [(d.number, d.aliases) for d in find_documents("Nghị định 37/2021 của Chính phủ sửa đổi")]
[('37/2021/NĐ-CP', ('37/2021',))]
>>> [(d.number, d.issuer_codes) for d in find_documents("Thông tư liên tịch số 13/2013/TTLT-BCA-BQP- VKSNDTC-TANDTC thì")]
[('13/2013/TTLT-BCA-BQP-VKSNDTC-TANDTC', ('BCA', 'BQP', 'VKSNDTC', 'TANDTC'))]
>>> [(d.number, d.regime) for d in find_documents("Thủ tướng Chính phủ ký Quyết định 1013, hỗ trợ")]
[('1013', 'plain')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from govkg.text import trie_pattern
from govkg.vocab import derived, vocab

_UP = "A-ZĐ"
_SEP = r"\s?[-–]\s?"  # "QĐ-UBND", "QĐ –XPVPHC", "BNV- CCVC", "NĐ–CP"
_CODE = rf"[{_UP}][{_UP}a-zđ0-9]"
DOC_NUMBER = re.compile(
    rf"(?P<num>\d(?<![\w/]\d)\d{{0,4}})(?:"  # the look back after the first digit: scanned for digits
    rf"(?:\s?[-–]\s?|\s)(?P<pcode>[{_UP}][{_UP}a-zđ]{{0,4}})/\s?(?P<pissuer>{_CODE}{{0,7}})"  # party
    rf"|[/-](?P<year>(?:19|20)\d\d)/(?P<ncode>{_CODE}{{0,9}}(?:{_SEP}{_CODE}{{0,7}}){{0,5}})"  # normative
    rf"|/(?P<acode>[{_UP}][{_UP}a-zđ]{{0,7}}){_SEP}(?P<aissuer>{_CODE}{{0,9}}(?:{_SEP}{_CODE}+)?)"  # admin
    rf")(?![\w/])"
)
_QCVN = re.compile(rf"Q(?<!\wQ)CVN\s?(?P<num>\d{{1,3}}(?:-[{_UP}]{{1,4}})?):(?P<year>(?:19|20)\d\d)/(?P<code>[{_UP}]{{2,8}})\b")


def __getattr__(name: str):
    # the tables are data (data/documents.toml)
    d = vocab().documents
    table = {"TYPE_WORDS": d.type_words, "CODE_TYPES": d.code_types, "ISSUER_CODES": d.issuer_codes,
             "PARTY_ISSUER_CODES": d.party_issuer_codes}
    if name in table:
        return table[name]
    raise AttributeError(name)


@derived
def _type_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    d = vocab().documents
    words = [*d.type_words, *d.generic_words]
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    named = "|".join(sorted(map(re.escape, d.named_types), key=len, reverse=True))
    # the type word right before a number ("Nghị quyết số", any case), or a law with its name
    # between them ("Luật Xây dựng số 50/2014/QH13", "bộ luật Hình sự số 100/2015/QH13")
    before = re.compile(r"(?:(?P<type>(?i:" + alt + r"))(?:\s+liên tịch)?\s+(?:(?i:số)\s+)?"
                        r"|(?P<law>(?i:" + named + r"))\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[\wÀ-ỹ]+){0,6}?(?:\s+\([^)]{1,20}\))?"
                        r"\s+số\s+)$")
    plain = re.compile(
        r"(?P<type>" + _any_case(sorted(words, key=lambda w: len(re.escape(w)), reverse=True)) + r")(?i:\s+"
        r"(?:số\s+(?P<num>\d{1,5})(?:/(?P<nyear>(?:19|20)\d\d)|/(?P<ncode>[A-ZĐ]{2,8}))?(?![\w/-])"
        # without "số": a number followed by its issuer or date, by punctuation or the sentence's end,
        # or a number with its year ("Nghị định 37/2021")
        r"|(?P<ybare>\d{1,4})/(?P<byear>(?:19|20)\d\d)(?![\w/-])"
        r"|(?P<bare>(?!(?:19|20)\d\d\b)\d{1,4})(?=\s+(?:của|ngày|năm|do|về)\s|\s*[,.;:)]|\s*$)))",
    )
    # any type word anywhere in the lower-cased sentence (one trie search, not one test per word)
    return before, plain, re.compile(trie_pattern({w.lower() for w in words}))


def _any_case(words) -> str:
    """What ``(?i:w1|w2|...)`` matches (``words`` tried in the order given), written to be scanned for
    its first letters: a class of every character one of them matches ignoring case, then each
    word's first letter checked (ignoring case) by looking back at it. A pattern compiled ignoring
    case is tried at every character; this one only where such a letter stands.

    >>> re.findall(_any_case(["Nghị quyết", "quyết định"]), "NGHỊ QUYẾT và Quyết định, nghị quyết")
    ['NGHỊ QUYẾT', 'Quyết định', 'nghị quyết']
    """
    # every character of the Basic Multilingual Plane that a first letter matches ignoring case (the
    # case partners of Latin letters, "K" the Kelvin sign among them, are all there)
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    chars = sorted(set(re.findall("[" + "".join(re.escape(w[0]) for w in words) + "]", bmp, re.IGNORECASE)))
    alts = "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in words)
    return "[" + "".join(map(re.escape, chars)) + "](?i:" + alts + ")"


# a space between "số" or a letter and a digit (looked for from the space: the same sentences)
_TYPE_NUMBER_HINT = re.compile(r"\s(?:(?<=số\s)|(?<=[a-zđA-ZĐạịếờưậ]\s))\d")
_DATE_AFTER = re.compile(r"\s*(?:,\s*)?(?:(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*((?:19|20)\d\d))?"
                         r"|(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d))(?![\d/])")
# "Ngày 15/6/2007, Bộ Bưu chính Viễn thông ban hành Quyết định 16/2007/QĐ-BCVT": the date of issue
# opens the clause whose verb issues the document
_DATE_OPENS = re.compile(r"(?:^|[.;:]\s*|,\s+|(?<=\s)(?=N))(?:[Vv]ào\s+)?[Nn]gày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*((?:19|20)\d\d))?"
                         r"(?:\s+vừa qua)?\s*,?\s+(?=\S)")
_QH_LEGISLATURE = re.compile(r"^QH(\d+)$")


@dataclass(frozen=True)
class DocumentMention:
    number: str  # normalised symbol
    doc_type: str | None
    regime: str  # party, normative, administrative, plain
    year: int | None  # in the symbol, or of a date given with it
    issuer_code: str | None  # TW, TU, CP, QH15, BXD ...
    date: date | None
    start: int
    end: int
    key_base: str  # identity without the year/term part
    aliases: tuple[str, ...] = ()  # the number as written when it differs ("37/2021")
    issuer_codes: tuple[str, ...] = ()  # every issuer of a joint document (TTLT-BCA-BQP)
    year_from: str | None = None  # "symbol" or "date": where ``year`` comes from
    day_month: tuple[int, int] | None = None  # a date written without its year ("ngày 29/4")

    def with_date_dropped(self) -> "DocumentMention":
        """The mention without a date that cannot be (one after the article's)."""
        from dataclasses import replace

        year = self.year if self.year_from == "symbol" else None
        return replace(self, date=None, day_month=None, year=year, year_from="symbol" if year else None)

    def with_year_dropped(self) -> "DocumentMention":
        """The mention without a year that cannot be (a symbol's year after the article's)."""
        from dataclasses import replace

        return replace(self, year=None, year_from=None, date=None, day_month=None)

    def with_day(self, d: date) -> "DocumentMention":
        """A date written without its year, completed with the article's."""
        from dataclasses import replace

        year = self.year if self.year_from == "symbol" else d.year
        return replace(self, date=d, day_month=None, year=year, year_from=self.year_from or "date")


def find_documents(sentence: str) -> list[DocumentMention]:
    """Every numbered document in a sentence."""
    slash = "/" in sentence  # every symbol (and QCVN) has one: without it only a type word and a plain number
    if not slash and not _TYPE_NUMBER_HINT.search(sentence):
        return []
    before_re, plain_re, type_word_re = _type_patterns()
    low = sentence.lower()
    typed = type_word_re.search(low) is not None
    if not slash and not typed:
        return []
    docs = vocab().documents
    out = []
    for m in DOC_NUMBER.finditer(sentence) if slash else ():
        word_type = _word_type(before_re, sentence, m.start())
        d, dm = _dated(sentence, m.start(), m.end())
        num = m.group("num").lstrip("0") or "0"
        num_written = m.group("num")
        if m.group("pcode"):
            code, issuer = m.group("pcode"), m.group("pissuer")
            number = f"{num_written}-{code}/{issuer}"
            doc_type = _reconcile(word_type, docs.code_types.get(code), code)
            out.append(DocumentMention(number, doc_type, "party", d.year if d else None, issuer, d,
                                       m.start(), m.end(), f"party:{num}-{code}/{issuer}".lower(),
                                       year_from="date" if d else None, day_month=dm))
        elif m.group("year"):
            parts = [p.strip() for p in re.split(r"[-–]", m.group("ncode"))]
            code = "-".join(parts)
            year = int(m.group("year"))
            written = m.group(0)
            number = f"{num_written}{'-' if written[len(num_written)] == '-' else '/'}{year}/{code}"
            leg = _QH_LEGISLATURE.match(parts[-1])
            codes: tuple[str, ...] = ()
            if leg or parts[-1] == "QH":
                # 45/2022/QH15 and 45/2022/NQ-QH are one resolution of the National Assembly
                doc_type = word_type or ("Nghị quyết" if parts[0] == "NQ" else None)
                base = f"normative:{num}/{year}/qh"
                issuer_code = parts[-1]
            else:
                bare = re.sub(r"\d+$", "", parts[0])  # "UBTVQH15": the Standing Committee of the 15th legislature
                doc_type = _reconcile(word_type, docs.code_types.get(parts[0]) or docs.code_types.get(bare), parts[0])
                base = f"normative:{num}/{year}/{code}".lower()
                issuer_code = parts[-1] if len(parts) > 1 else (bare if bare in docs.issuer_codes else None)
                if len(parts) > 2:
                    codes = tuple(parts[1:])  # a joint document: every issuer
            out.append(DocumentMention(number, doc_type, "normative", year, issuer_code, d, m.start(), m.end(),
                                       base, issuer_codes=codes, year_from="symbol", day_month=dm))
        else:
            code = m.group("acode")
            issuer = "-".join(p.strip() for p in re.split(r"[-–]", m.group("aissuer")))
            number = f"{num_written}/{code}-{issuer}"
            code_type = docs.code_types.get(code)
            if code_type is None and _is_issuer(code):
                # "1547/BXD-VLXD": a letter, its symbol opening with its issuer and the drafting unit
                doc_type, issuer_code = word_type or "Công văn", code
            else:
                doc_type, issuer_code = _reconcile(word_type, code_type, code), issuer
            out.append(DocumentMention(number, doc_type, "administrative", d.year if d else None, issuer_code, d,
                                       m.start(), m.end(), f"admin:{num}/{code}-{issuer}".lower(),
                                       year_from="date" if d else None, day_month=dm))
    for m in _QCVN.finditer(sentence) if slash else ():
        number = f"QCVN {m.group('num')}:{m.group('year')}/{m.group('code')}"
        out.append(DocumentMention(number, "Quy chuẩn kỹ thuật quốc gia", "normative", int(m.group("year")),
                                   m.group("code"), None, m.start(), m.end(), f"qcvn:{number}".lower(),
                                   year_from="symbol"))
    taken = [(x.start, x.end) for x in out]
    plain = plain_re.finditer(sentence) if typed else ()
    for m in plain:
        group = "num" if m.group("num") else "ybare" if m.group("ybare") else "bare"
        if any(a <= m.start(group) < b for a, b in taken):
            continue
        t = _type_word(m.group("type"))
        if t is None:
            continue  # "văn bản số 12": no kind of document written
        if group != "num" and not m.group("type")[0].isupper() and t in ("Báo cáo", "Đề án"):
            continue
        number = m.group(group)
        year = m.group("nyear") or m.group("byear")
        end = m.end()
        d, dm = _dated(sentence, m.start(group), end)
        if year:
            # "Nghị định 37/2021": normative, its year written, its issuer implied by its kind
            y = int(year)
            full = _implied_symbol(t, number, y)
            out.append(DocumentMention(full or f"{number}/{y}", t, "normative", y, None, d,
                                       m.start(group), end, f"normative:{number.lstrip('0') or '0'}/{y}/"
                                       + (full.split("/", 2)[2] if full else t).lower(),
                                       aliases=(f"{number}/{y}",) if full else (), year_from="symbol", day_month=dm))
        elif m.group("ncode"):
            code = m.group("ncode")  # "giấy phép xây dựng số 95/GPXD", "Quyết định số 464/BNV"
            issuer_code = code if _is_issuer(code) else None
            out.append(DocumentMention(f"{number}/{code}", t, "administrative", d.year if d else None, issuer_code,
                                       d, m.start(group), end, f"admin:{number.lstrip('0') or '0'}/{code}".lower(),
                                       year_from="date" if d else None, day_month=dm))
        else:
            out.append(DocumentMention(number, t, "plain", d.year if d else None, None, d,
                                       m.start(group), end, f"plain:{t}:{number}".lower(),
                                       year_from="date" if d else None, day_month=dm))
    return sorted(out, key=lambda x: x.start)


def _word_type(before_re: re.Pattern, sentence: str, start: int) -> str | None:
    tb = before_re.search(sentence[max(0, start - 60):start])
    if not tb:
        return None
    return _type_word(tb.group("type") or tb.group("law"))


def _reconcile(word_type: str | None, code_type: str | None, code: str) -> str | None:
    """The kind of a document from the word before it and the type code in its symbol: the word,
    unless the code names another kind ("Nghị định số 39-NQ/TW": a resolution)."""
    if word_type is None:
        return code_type
    if code_type is None or word_type == code_type:
        return word_type
    allowed = vocab().documents.word_over_code.get(code, ())
    return word_type if word_type in allowed else code_type


def _is_issuer(code: str) -> bool:
    d = vocab().documents
    code = issuer_code_of(code)
    return code in d.issuer_codes or code in d.local_codes or code in d.department_codes


def issuer_code_of(code: str) -> str:
    """An issuer code without the legislature it names: "UBTVQH15" -> "UBTVQH".

    >>> issuer_code_of("UBTVQH15"), issuer_code_of("BTC")
    ('UBTVQH', 'BTC')
    """
    return re.sub(r"(?<=[A-ZĐa-zđ])\d+$", "", code)


def _implied_symbol(doc_type: str, number: str, year: int) -> str | None:
    """ "Nghị định 37/2021" is 37/2021/NĐ-CP: a kind of document only one body issues."""
    tail = vocab().documents.implied_symbols.get(doc_type)
    return f"{number}/{year}/{tail}" if tail else None


def _type_word(w: str) -> str | None:
    d = vocab().documents
    for k in d.generic_words:
        if k.lower() == w.lower():
            return None
    for k in d.type_words:
        if k.lower() == w.lower():
            return d.type_words[k]
    return w


def _date_after(sentence: str, pos: int) -> date | tuple[int, int] | None:
    """The date written right after a number ("ngày 31/3/2020", "15/5/2013"); (day, month) when
    its year is not written ("ngày 29/4")."""
    m = _DATE_AFTER.match(sentence, pos)
    if not m:
        return None
    day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return _day(day, month, year)


def _day(day: str, month: str, year: str | None) -> date | tuple[int, int] | None:
    try:
        if year is None:
            date(2000, int(month), int(day))  # a real day of a month
            return int(day), int(month)
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_before(sentence: str, pos: int) -> date | tuple[int, int] | None:
    """ "Ngày 15/6/2007, Bộ Bưu chính Viễn thông ban hành Quyết định 16/2007/QĐ-BCVT": the date
    opening the clause, when the clause issues the document (its verb right before the number)."""
    head = sentence[max(0, pos - 160):pos]
    verbs = vocab().chain.issuers.verbs
    if not re.search(r"(?:" + "|".join(map(re.escape, verbs)) + r")\s+(?:[\wÀ-ỹ]+\s+){0,3}?(?:số\s+)?$", head):
        return None
    opens = list(_DATE_OPENS.finditer(head))
    if not opens:
        return None
    m = opens[-1]
    if re.search(r"[.;]", head[m.end():]):
        return None
    return _day(m.group(1), m.group(2), m.group(3))


def _dated(sentence: str, start: int, end: int) -> tuple[date | None, tuple[int, int] | None]:
    d = _date_after(sentence, end) or _date_before(sentence, start)
    if isinstance(d, tuple):
        return None, d
    return d, None


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
