"""Who does what to whom in a sentence, as pure functions from the sentence (and the bodies and
documents already found in it) to typed mentions; the article state (loaders/chain.py) turns
them into facts.

- :func:`find_organisations`: named enterprises, banks and schools the state works through
  ("Tập đoàn Điện lực Việt Nam", "EVN", "Công ty cổ phần Thảo Điền", "Trường ĐH Tân Tạo");
- :func:`document_issuer`: who issued a document, from the words around its number ("... của Bộ
  Chính trị", "Bộ Xây dựng đã có Văn bản số ...", "... do Sở Xây dựng cấp");
- :func:`carried_out`: a body that carries a document out, as the subject of "thực hiện" or
  "triển khai" with the document as object ("UBND tỉnh triển khai thực hiện Nghị quyết ...");
- :func:`directives`: a named person who asks (yêu cầu, đề nghị, chỉ đạo, giao) a body, the body
  right after the verb;
- :func:`investors`: the body a project belongs to ("chủ đầu tư là Công ty X", "do Công ty X làm
  chủ đầu tư").

Vocabulary: data/chain.toml.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from govkg.identity import key
from govkg.loaders.agencies import AgencyMention, parse_agency
from govkg.loaders.documents import DocumentMention
from govkg.text import UPPER, lower, trie_pattern
from govkg.vocab import derived, vocab

_W = r"[\wÀ-ỹ]"
_WB = r"(?![\wÀ-ỹ])"
_NOT_IN_WORD = (r"[\wÀ-ỹ]",)  # a word that starts a word (text.trie_pattern)


# --------------------------------------------------------------------------------------------
# Organisations


@dataclass(frozen=True)
class Organisation:
    """A named enterprise, bank or school."""

    name: str  # canonical when known ("EVN" -> "Tập đoàn Điện lực Việt Nam")
    kind: str  # tap_doan, tong_cong_ty, cong_ty, ngan_hang, truong ...
    branch: str
    start: int
    end: int
    text: str


@derived
def _org_patterns() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    o = vocab().chain.organisations
    known = {}
    for name, others in o.known.items():
        for form in (name, *others):
            known[form] = name
    # matched against the lower-cased sentence (same offsets): the names in any case
    known_re = re.compile(r"(?:" + trie_pattern({k.lower() for k in known}, _NOT_IN_WORD) + r")" + _WB)
    heads_re = re.compile(r"(?:" + trie_pattern(o.heads, _NOT_IN_WORD) + r")" + _WB)
    return known_re, known, heads_re, o.heads


_TOKEN = re.compile(r"\s+([\wÀ-ỹ](?:[\wÀ-ỹ'’&]|\.(?=[\wÀ-ỹ]))*|&|-|–)")


def _kind_of(name: str) -> str:
    _, _, heads_re, heads = _org_patterns()
    m = heads_re.match(name)
    return heads[m.group(0)] if m else "doanh_nghiep"


def find_organisations(sentence: str, taken: list[tuple[int, int]] = (), extra: dict[str, str] | None = None
                       ) -> list[Organisation]:
    """Named enterprises, banks and schools, left to right, outside the spans ``taken`` (bodies
    found otherwise); ``extra`` maps the short names an article gives them to their names.

    >>> [(o.name, o.kind) for o in find_organisations("Thủ tướng yêu cầu EVN thực hiện thoái vốn")]
    [('Tập đoàn Điện lực Việt Nam', 'tap_doan')]
    >>> [o.name for o in find_organisations("chủ đầu tư là Công ty CP Đầu tư và Xây dựng Tây Trường Sơn, đã")]
    ['Công ty CP Đầu tư và Xây dựng Tây Trường Sơn']
    >>> [o.name for o in find_organisations("Thanh tra Bộ GD&ĐT đối với Trường ĐH Tân Tạo.")]
    ['Trường ĐH Tân Tạo']
    """
    known_re, known, heads_re, heads = _org_patterns()
    low = lower(sentence)
    if not _org_gate().search(low) and not (extra and any(k in sentence for k in extra)):
        return []
    by_key = _known_by_key()
    o = vocab().chain.organisations
    out: list[Organisation] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in [*taken, *((k.start, k.end) for k in out)])

    for m in known_re.finditer(low):  # the names the press uses for the big ones, in any case
        if free(m.start(), m.end()):
            written = sentence[m.start():m.end()]
            name = by_key.get(key(written), written)
            kind = _kind_of(name)
            out.append(Organisation(name, kind, o.kinds_branch.get(kind, o.branch), m.start(), m.end(), written))
    for m in heads_re.finditer(sentence):  # a head word and its proper name
        if not free(m.start(), m.end()):
            continue
        end = _name_end(sentence, m.end())
        if end is None or not free(m.start(), end):
            continue
        text = sentence[m.start():end]
        kind = heads[m.group(0)]
        name = o.head_forms.get(m.group(0), m.group(0)) + text[len(m.group(0)):]  # "Cty TNHH X": Công ty TNHH X
        out.append(Organisation(name, kind, o.kinds_branch.get(kind, o.branch), m.start(), end, text))
    for short, name in (extra or {}).items():
        for m in re.finditer(r"(?<![\wÀ-ỹ])" + re.escape(short) + _WB, sentence):
            if free(m.start(), m.end()):
                kind = _kind_of(name)
                out.append(Organisation(name, kind, o.kinds_branch.get(kind, o.branch), m.start(), m.end(), short))
    return sorted(out, key=lambda x: x.start)


@derived
def org_gate_words() -> frozenset[str]:
    """Any head word or known name, lower case: without one a sentence names no enterprise."""
    o = vocab().chain.organisations
    return frozenset({h.lower() for h in o.heads} | {w.lower() for n, others in o.known.items() for w in (n, *others)})


@derived
def _org_gate() -> re.Pattern:
    return re.compile(trie_pattern(org_gate_words()))


@derived
def _known_by_key() -> dict[str, str]:
    _, known, _, _ = _org_patterns()
    return {key(form): name for form, name in known.items()}


_SHORT = re.compile(r"\s*\(\s*([^()]{2,40}?)\s*\)")
_BRACKET = re.compile(r"\(\s*[A-ZĐ0-9][^()]{1,39}\)")


def short_names(text: str) -> dict[str, str]:
    """The short names an article gives its enterprises in brackets: "Công ty cổ phần Thảo Điền
    (Thảo Điền Sapphire)" -> {"Thảo Điền Sapphire": "Công ty cổ phần Thảo Điền"}.

    >>> short_names("đối với Công ty cổ phần Thảo Điền (Thảo Điền Sapphire). Theo đó")
    {'Thảo Điền Sapphire': 'Công ty cổ phần Thảo Điền'}
    >>> short_names("Tổng công ty Đầu tư phát triển đường cao tốc Việt Nam (VEC) cho biết")
    {'VEC': 'Tổng công ty Đầu tư phát triển đường cao tốc Việt Nam'}
    """
    out: dict[str, str] = {}
    if "(" not in text:
        return out
    for b in _BRACKET.finditer(text):
        window = text[max(0, b.start() - 120):b.start()]
        orgs = [o for o in find_organisations(window) if o.end == len(window.rstrip())]
        if not orgs:
            continue
        org = orgs[-1]
        m = _SHORT.match(window + text[b.start():b.end()], org.end)
        if m is None:
            continue
        short = m.group(1).strip()
        words = short.split()
        if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words) or len(words) > 5:
            continue
        if short != org.name and short not in out:
            out[short] = org.name
    return out


def _name_end(s: str, pos: int) -> int | None:
    """Where the proper name after a head word ends: capitalised words, numbers, "và" or a
    lower-case word between capitalised ones ("Đầu tư phát triển đường cao tốc Việt Nam"); None
    when no capitalised word follows."""
    stop = set(vocab().chain.organisations.stop_words)
    tokens = [(t.group(1), t.start(1), t.end(1)) for t in itertools.islice(_TOKEN.finditer(s, pos, pos + 160), 14)]
    # only the tokens that follow one another directly (no punctuation between)
    run, last = [], pos
    for w, a, b in tokens:
        if s[last:a].strip():
            break
        run.append((w, a, b))
        last = b
    end, n = None, 0
    heads_re = _org_patterns()[2]
    for i, (w, a, b) in enumerate(run[:12]):
        if w in ("-", "–") and i + 1 < len(run) and heads_re.match(s, run[i + 1][1]):
            break  # "Công ty Nhôm Đắk Nông - Tập đoàn Công nghiệp Than ...": the parent follows
        # a number names only right after a capitalised word ("Sông Đà 10"), not after the
        # sentence's words ("... Thiên Nhân II thế chấp 39 lô đất")
        capital = w[0].isupper() or w[0].isdigit() and i > 0 and (run[i - 1][0][0].isupper() or run[i - 1][0][0].isdigit())
        if capital:
            end, n = b, n + 1
            continue
        if n == 0 and w not in ("cổ", "phần"):
            return None
        ahead = [x for x, _, _ in run[i + 1:i + 7]]
        if w in stop and w != "và" or not any(x[0].isupper() for x in ahead):
            break
        if w == "và" and not (ahead and ahead[0][0].isupper()):
            break
    return end


# --------------------------------------------------------------------------------------------
# Who issued a document


@dataclass(frozen=True)
class IssuerMention:
    """Who the words around a document's number say issued it: a body as written, or a post that
    issues in its own name ("Thủ tướng Chính phủ")."""

    how: str  # after ("... của Bộ Chính trị"), subject ("Bộ Xây dựng đã có Văn bản số"), at ("... tại Công văn")
    agency: AgencyMention | None = None
    post: str | None = None  # "Thủ tướng Chính phủ"
    organisation: Organisation | None = None


@derived
def _issuer_patterns() -> dict:
    w = vocab().chain.issuers
    docs = vocab().documents
    types = [*docs.type_words, *docs.generic_words]
    adv = r"(?:(?:" + "|".join(map(re.escape, w.adverbs)) + r")\s+)*"
    verbs = "|".join(sorted(map(re.escape, w.verbs), key=len, reverse=True))
    type_alt = "|".join(sorted(map(re.escape, types), key=len, reverse=True))
    posts = "|".join(sorted(map(re.escape, w.posts), key=len, reverse=True))
    return {
        # between a subject and the number: "đã có Văn bản số", "vừa ban hành Quyết định", "ký Quyết định"
        "subject": re.compile(r"^\s*" + adv + r"(?:" + verbs + r")\s+(?:(?i:" + type_alt + r")(?:\s+[\wÀ-ỹ]+){0,3}?\s+)?"
                              r"(?:(?i:số)\s+)?$"),
        # after the number: "ngày 31/3/2020 của", ", do", "được"
        "after": re.compile(r"\s*(?:\(\s*[^)]{0,40}\)\s*)?(?:,\s*)?(?:(?:ban hành\s+)?ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}"
                            r"(?:\s*[/.-]\s*\d{4})?\s*)?(?:,\s*)?(?P<word>" + "|".join(map(re.escape, w.after)) + r")\s+"),
        "posts": re.compile(r"(?:" + posts + r")" + _WB),
        # between two documents named together: ", ", " và ", ", Nghị quyết số "
        "and": re.compile(r"\s*(?:,|và|;)\s*(?:(?i:" + type_alt + r")\s+)?(?:(?i:số)\s+)?"),
        "at": re.compile(r"^\s+(?:" + "|".join(map(re.escape, w.at)) + r")\s+(?:(?i:" + type_alt + r")\s+)?(?:số\s+)?$"),
        "name": re.compile(rf"^(?:\s*,)?\s*(?:(?:ông|bà|đồng chí)\s+)?[{UPPER}][\wÀ-ỹ]*(?:\s[{UPPER}][\wÀ-ỹ]*){{1,4}}\s*,?"),
        "passive_verbs": re.compile(r"\s*(?:" + verbs + r")" + _WB),
    }


def _head_titles() -> re.Pattern:
    return _head_title_re()


@derived
def _head_title_re() -> re.Pattern:
    t = vocab().titles
    heads = [f for f, spec in t.specs.items() if spec.rank in ("head", "deputy")]
    return re.compile(r"(?:" + trie_pattern(heads) + r")\s+")


def document_issuer(sentence: str, doc: DocumentMention, agencies: list[AgencyMention],
                    organisations: list[Organisation] = (), following: list[DocumentMention] = ()) -> IssuerMention | None:
    """Who issued ``doc``, from the words around its number; None when they do not say.

    >>> from govkg.loaders.agencies import find_agencies
    >>> from govkg.loaders.documents import find_documents
    >>> def who(s):
    ...     d = find_documents(s)[0]
    ...     m = document_issuer(s, d, find_agencies(s))
    ...     return m and (m.how, m.post or (m.agency and m.agency.text))
    >>> who("Chỉ thị 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ")
    ('after', 'Thủ tướng Chính phủ')
    >>> who("giấy phép xây dựng số 95/GPXD ngày 18-6-2015, do Sở Xây dựng cấp")
    ('after', 'Sở Xây dựng')
    >>> who("Bộ Xây dựng đã có Văn bản số 1547/BXD-VLXD gửi Văn phòng Chính phủ")
    ('subject', 'Bộ Xây dựng')
    >>> who("Thủ tướng Chính phủ ký Quyết định 1013, hỗ trợ lãi suất")
    ('subject', 'Thủ tướng Chính phủ')
    >>> who("theo ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số 2502/UBND-THKH")
    ('at', 'UBND tỉnh')
    >>> who("tổ chức thực hiện Nghị quyết số 59-NQ/TW về xây dựng")
    >>> s = "Chỉ thị số 35-CT/TW và Kết luận số 118-KL/TW của Bộ Chính trị"
    >>> d = find_documents(s)
    >>> document_issuer(s, d[0], find_agencies(s), following=d).agency.core
    'Bộ Chính trị'
    """
    p = _issuer_patterns()
    # after the number: "... của Bộ Chính trị", "... do Sở Xây dựng cấp", "... được UBND TP HCM đưa ra";
    # past documents named with it ("Chỉ thị số 35-CT/TW và Kết luận số 118-KL/TW của Bộ Chính trị")
    end = doc.end
    for other in following:
        if other.start < end:
            continue
        if not p["and"].fullmatch(sentence, end, other.start):
            break
        end = other.end
    m = p["after"].match(sentence, end)
    if m is not None:
        found = _issuer_at(sentence, m.end(), agencies, organisations)
        if found is not None:
            if m.group("word") == "được":
                # "được UBND TP HCM đưa ra": only with a verb of issuing after the body
                end = found[1]
                if not p["passive_verbs"].match(sentence, end):
                    found = None
            if found is not None:
                return IssuerMention("after", *found[0])
    before = sentence[: doc.start]
    # before it, the subject of a verb of issuing: "Bộ Xây dựng đã có Văn bản số ...": the body, enterprise
    # or issuing post ending nearest the number (a post that holds a body's name wins: "Thủ tướng Chính phủ")
    cands = [(a.end, -a.start, "agency", a) for a in agencies if a.end <= doc.start]
    cands += [(o.end, -o.start, "organisation", o) for o in organisations if o.end <= doc.start]
    cands += [(m.end(), -m.start(), "post", m.group(0)) for m in p["posts"].finditer(before)]
    if not cands:
        return None
    end, _, kind, x = max(cands)
    gap = before[end:]
    if p["subject"].match(gap) or p["subject"].match(_after_name(gap)):
        if kind == "agency":
            return IssuerMention("subject", agency=x)
        if kind == "organisation":
            return IssuerMention("subject", organisation=x)
        return IssuerMention("subject", post=vocab().chain.issuers.posts[x])
    if kind == "agency" and p["at"].match(gap):
        return IssuerMention("at", agency=x)
    return None


def _after_name(gap: str) -> str:
    """The words after a person's name that follows the body ("Bộ Nội vụ Nguyễn Trọng Thừa đã ký")."""
    m = _issuer_patterns()["name"].match(gap)
    return gap[m.end():] if m else gap


def _issuer_at(s: str, pos: int, agencies, organisations) -> tuple[tuple, int] | None:
    """The issuer named at ``pos``: a body, an issuing post, or a head title and its body
    ("Chủ tịch UBND tỉnh", "Bộ trưởng Bộ Y tế")."""
    p = _issuer_patterns()
    pm = p["posts"].match(s, pos)
    a = next((x for x in agencies if x.start == pos), None) or parse_agency(s, pos)
    if pm is not None and (a is None or a.start > pos):
        return (None, vocab().chain.issuers.posts[pm.group(0)], None), pm.end()
    if a is not None:
        return (a, None, None), a.end
    o = next((x for x in organisations if x.start == pos), None)
    if o is not None:
        return (None, None, o), o.end
    t = _head_titles().match(s, pos)
    if t is not None:
        a = next((x for x in agencies if x.start == t.end()), None) or parse_agency(s, t.end())
        if a is not None:
            return (a, None, None), a.end
    return None


# --------------------------------------------------------------------------------------------
# Who a project belongs to


_INVESTOR_AFTER = re.compile(r"\s*(?:\(\s*|,\s*)?(?:là\s+|làm\s+)?[Cc]hủ đầu tư" + _WB)
# "chủ đầu tư là X", "chủ đầu tư X", "chủ đầu tư dự án Y là X" (with a project named, "là" says it)
_INVESTOR_BEFORE = re.compile(r"[Cc]hủ đầu tư(?:\s*(?:,\s*)?(?:là\s+)?|\s+(?:của\s+)?(?:dự án|công trình)(?:\s+[^,;.]{1,120}?)?\s+là\s+)$")
_DO_INVESTOR = re.compile(r"\s+làm chủ đầu tư" + _WB)


def investors(sentence: str, actors: list[tuple[int, int]]) -> list[int]:
    """The actors (indices) the sentence names as a project's investor (chủ đầu tư).

    >>> s = "Cty TNHH The Sunrise Bay (Chủ đầu tư Dự án Khu đô thị mới quốc tế Đa Phước) cho biết"
    >>> investors(s, [(0, 24)])
    [0]
    >>> s = "Chủ đầu tư dự án là Công ty cổ phần Thảo Điền."
    >>> investors(s, [(20, 45)])
    [0]
    >>> investors("dự án do Tổng công ty VEC làm chủ đầu tư", [(9, 25)])
    [0]
    >>> investors("Bộ Xây dựng cho biết chủ đầu tư đã sai phạm", [(0, 11)])
    []
    """
    if "hủ đầu tư" not in sentence:
        return []
    out = []
    for i, (a, b) in enumerate(actors):
        if _INVESTOR_AFTER.match(sentence, b) or _DO_INVESTOR.match(sentence, b) and sentence[:a].rstrip().endswith("do"):
            out.append(i)
        elif _INVESTOR_BEFORE.search(sentence[max(0, a - 160):a]):
            out.append(i)
    return out
