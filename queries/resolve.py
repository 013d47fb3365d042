"""Resolve what a user typed to the ids of people, agencies, documents, projects.

Names are compared the way ``govkg.text`` normalises them: ``key`` (canonical spelling, case folded,
abbreviations expanded: "UBND TP Cần Thơ" = "Ủy ban nhân dân thành phố Cần Thơ") and ``fold`` (the
same without diacritics: "nguyen ngoc tuan"). Document numbers are compared after removing the
spaces around '-' and '/' and case ("03 -CTr/TU" = "03-ctr/tu"), and also against their aliases
("45/2022/NQ-QH" names 45/2022/QH15).

Each ``*_candidates`` function runs the exact named query (``find_person``, ``find_agency``,
``find_resolution``: one label scan with equality predicates) and, only when it finds nothing,
``find_agency_alias`` (agencies) and then the ``*_like`` one (prefix, then every word contained). Candidates carry a score: 5 or 4
for an exact match (same key, an alias), 3 for the same name without diacritics, 2 for a prefix, 1
for "contains every word". ``pick`` keeps the best-scored tier: one candidate there is the answer;
several are ambiguous (``Ambiguous`` lists them, with what tells them apart) rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from govkg.queries.runner import run_query
from govkg.identity import canonical, fold, key

LIMIT = 25

# an id made by graph.model.make_id: "<label>/<slug>-<8 hex>"
_ID = re.compile(r"^(person|role|agency|resolution|task|project|place|event)/[a-z0-9-]*-[0-9a-f]{8}$")
# something that looks like a document number: digits, then optionally /-separated parts
_NUMBER = re.compile(r"\d+(?:\s*[-/]\s*[0-9A-Za-zĐđƯư&.]+)*")
_NUMBER_ONLY = re.compile(r"^\s*(?:(?:số|so|no\.?)\s*)?\d+(?:\s*[-/]\s*[0-9A-Za-zĐđƯư&.]+)*\s*$", re.I)
_DOC_WORDS = re.compile(r"^\s*(nghị quyết|nghi quyet|chương trình|chuong trinh|quyết định|quyet dinh|kế hoạch|"
                        r"ke hoach|công văn|cong van|chỉ thị|chi thi|kết luận|ket luan|nghị định|nghi dinh|"
                        r"luật|luat|thông tư|thong tu|quy định|quy dinh|nq|ctr|qđ|qd|kh|cv)\b", re.I)


class ResolveError(Exception):
    """Nothing, or more than one thing, matches what the user typed."""


class NotFound(ResolveError):
    pass


class Ambiguous(ResolveError):
    def __init__(self, message: str, candidates: list["Candidate"]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass
class Candidate:
    id: str
    label: str
    name: str
    score: int
    info: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """One line with what tells this candidate apart from the others."""
        i = self.info
        bits: list[str] = []
        if self.label == "Resolution":
            bits = [i.get("doc_type"), f"issued by {i['issuer']}" if i.get("issuer") else None,
                    f"term {i['term']}" if i.get("term") else None,
                    str(i["year"]) if i.get("year") and not i.get("term") else None,
                    str(i["date"]) if i.get("date") else None]
        elif self.label == "Agency":
            bits = [i.get("kind"), i.get("place")]
        elif self.label == "Person":
            bits = [i.get("place"), i.get("posts")]
        elif self.label in ("Project", "Task"):
            bits = [self.label.lower(), i.get("place")]
        detail = " · ".join(str(b) for b in bits if b)
        return f"{self.name}" + (f"  ({detail})" if detail else "") + f"  [{self.id}]"

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "name": self.name, "score": self.score,
                **{k: v for k, v in self.info.items() if v not in (None, "")}}


# -- parameters of the find_* queries -------------------------------------------------------------

def _words(folded: str) -> list[str]:
    return [w for w in re.split(r"[\s,;()]+", folded) if w] or [folded]


def _tighten(s: str) -> str:
    """Remove spaces inside document numbers: '03 -CTr/TU' -> '03-CTr/TU', '45 / 2022' -> '45/2022'."""
    s = re.sub(r"(?<=\d)\s+-\s*(?=[^\W_])", "-", s)
    s = re.sub(r"(?<=[^\W_])\s*-\s+(?=[^\W\d_]+/)", "-", s)
    return re.sub(r"(?<=[^\W_])\s*/\s*(?=[^\W_])", "/", s)


def normalise_number(s: str) -> str:
    """A document number as compared: no spaces around '-' and '/', lower case, no 'số' before it."""
    s = canonical(s).strip()
    s = re.sub(r"^(?:số|so|no\.?)\s*", "", s, flags=re.I)
    return _tighten(s).replace(" ", "").lower()


def person_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_person`` (exact); ``like_params`` gives those of ``find_person_like``."""
    t = _tighten(text)
    return {"key": key(t), "folded": fold(t), "limit": limit}


def like_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_person_like`` and ``find_agency_like`` (prefix, then all words)."""
    f = fold(_tighten(text))
    return {"folded": f, "words": _words(f), "limit": limit}


def _place_variants(k: str) -> list[str]:
    """Key variants without the place type: 'thành ủy thành phố cần thơ' -> 'thành ủy cần thơ'."""
    out = []
    for word in ("thành phố ", "tỉnh ", "quận ", "huyện ", "thị xã "):
        if word in k:
            out.append(re.sub(rf"(?<=\S) {word}", " ", k, count=1))
    return [v for v in dict.fromkeys(out) if v != k]


def agency_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_agency`` (same key, or the same without diacritics)."""
    t = _tighten(text)
    return {"key": key(t), "folded": fold(t), "limit": limit}


def agency_alias_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_agency_alias`` (aliases; the key without its place word)."""
    t = _tighten(text)
    k = key(t)
    variants = _place_variants(k)
    return {"spellings": list(dict.fromkeys([canonical(t).lower(), k])), "variants": variants,
            "foldeds": [fold(v) for v in variants], "limit": limit}


def _number_of(text: str) -> str:
    m = _NUMBER.search(text) if not _NUMBER_ONLY.match(text) else None
    return normalise_number(m.group(0) if m else text)


def resolution_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_resolution`` (the number or an alias, normalised)."""
    return {"numbers": [_number_of(text)], "limit": limit}


def resolution_like_params(text: str, limit: int = LIMIT) -> dict:
    return {"number": _number_of(text), "limit": limit}


def project_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_project`` (the same name or key)."""
    return {"name": canonical(text), "key": key(text), "limit": limit}


def project_like_params(text: str, limit: int = LIMIT) -> dict:
    """Parameters of ``find_project_like`` (the words of the name, any case)."""
    low = canonical(text).lower()
    return {"lower": low, "words": _words(low), "limit": limit}


def search_params(text: str, limit: int = LIMIT) -> dict:
    f = fold(_tighten(text))
    return {"folded": f, "words": _words(f), "lower": canonical(text).lower(), "number": normalise_number(text),
            "limit": limit}


def looks_like_number(text: str) -> bool:
    """True for '59-NQ/TW', '03 -CTr/TU', 'số 271', 'Nghị quyết 98/NQ-CP'."""
    t = text.strip()
    if _NUMBER_ONLY.match(t):
        return True
    rest = _DOC_WORDS.sub("", t).strip()
    return bool(rest) and bool(_NUMBER_ONLY.match(rest))


# -- candidates -----------------------------------------------------------------------------------

def _merge(rows: list[dict], label: str, name_col: str = "name", info_cols: tuple = ()) -> list[Candidate]:
    """One candidate per id with its best score, best first."""
    best: dict[str, Candidate] = {}
    for r in rows:
        c = best.get(r["id"])
        if c is None or r["score"] > c.score:
            best[r["id"]] = Candidate(r["id"], r.get("label") or label, r[name_col] or r["id"], r["score"],
                                      {k: r.get(k) for k in info_cols})
    return sorted(best.values(), key=lambda c: (-c.score, c.name, c.id))


def _records(backend, name: str, params: dict) -> list[dict]:
    cols, rows = run_query(backend, name, params)
    return [dict(zip(cols, r)) for r in rows]


def _exact_then_like(backend, exact: str, exact_params: dict, like: str, like_params_: dict, label: str,
                     name_col: str = "name", info_cols: tuple = ()) -> list[Candidate]:
    """Candidates from the exact query; from the prefix/contains one only when there are none."""
    cands = _merge(_records(backend, exact, exact_params), label, name_col, info_cols)
    if not cands:
        cands = _merge(_records(backend, like, like_params_), label, name_col, info_cols)
    return cands


def person_candidates(backend, text: str, limit: int = LIMIT, with_posts: bool = True) -> list[Candidate]:
    if not text.strip():
        return []
    cands = _exact_then_like(backend, "find_person", person_params(text, limit), "find_person_like",
                             like_params(text, limit), "Person", info_cols=("place",))
    if with_posts and len(best_tier(cands)) > 1:
        describe_people(backend, best_tier(cands))
    return cands


def describe_people(backend, cands: list[Candidate]) -> None:
    """Fill ``info['posts']`` of person candidates with their posts (what tells namesakes apart)."""
    rows = _records(backend, "roles_of", {"person_ids": [c.id for c in cands]})
    posts: dict[str, list[str]] = {}
    for r in rows:
        posts.setdefault(r["person_id"], []).append(f"{r['title']} {r['organization']}")
    for c in cands:
        ps = posts.get(c.id, [])
        c.info["posts"] = "; ".join(ps[:3]) + (f"; +{len(ps) - 3} more" if len(ps) > 3 else "")


def agency_candidates(backend, text: str, limit: int = LIMIT) -> list[Candidate]:
    """By key or folded name; else by alias or key variant; else by prefix or words."""
    if not text.strip():
        return []
    info = ("kind", "place")
    cands = _merge(_records(backend, "find_agency", agency_params(text, limit)), "Agency", info_cols=info)
    if not cands:
        cands = _exact_then_like(backend, "find_agency_alias", agency_alias_params(text, limit), "find_agency_like",
                                 like_params(text, limit), "Agency", info_cols=info)
    return cands


def resolution_candidates(backend, text: str, term: str | None = None, issuer: str | None = None,
                          limit: int = LIMIT) -> list[Candidate]:
    if not text.strip():
        return []
    cands = _exact_then_like(backend, "find_resolution", resolution_params(text, limit), "find_resolution_like",
                             resolution_like_params(text, limit), "Resolution", name_col="number",
                             info_cols=("doc_type", "issuer", "term", "year", "date", "subject"))
    if term:
        want = re.sub(r"\s+", "", term).replace("–", "-")
        cands = [c for c in cands if re.sub(r"\s+", "", c.info.get("term") or "") == want]
    if issuer:
        ik, ifold = key(issuer), fold(issuer)
        cands = [c for c in cands if c.info.get("issuer") and (
            key(c.info["issuer"]) == ik or ifold in fold(c.info["issuer"]))]
    return cands


def project_candidates(backend, text: str, limit: int = LIMIT) -> list[Candidate]:
    if not text.strip():
        return []
    return _exact_then_like(backend, "find_project", project_params(text, limit), "find_project_like",
                            project_like_params(text, limit), "Project", info_cols=("place",))


def id_candidates(backend, text: str) -> list[Candidate]:
    """The node whose id is exactly ``text`` (any label; article ids too)."""
    t = text.strip()
    if not t or " " in t:
        return []
    rows = _records(backend, "node_by_id", {"ids": [t]})
    return [Candidate(r["id"], r["label"], r["name"] or r["id"], 9) for r in rows]


def thing_candidates(backend, text: str, term: str | None = None, issuer: str | None = None,
                     kinds: tuple[str, ...] = ("Resolution", "Person", "Agency", "Project")) -> list[Candidate]:
    """Candidates of any kind for ``govkg chain`` and ``govkg path``: an id, a document number, a
    person, an agency or a project. A document number (or --term/--issuer) looks at documents only.
    Exact names first (people, agencies, projects); aliases, prefixes and words only when no
    name is exactly what was typed."""
    if not text.strip():
        return []
    if _ID.match(text.strip()) or "/" not in text and "_" in text:
        found = id_candidates(backend, text)
        if found:
            return found
    if "Resolution" in kinds and (looks_like_number(text) or term or issuer):
        found = resolution_candidates(backend, text, term, issuer)
        if found or term or issuer:
            return found
    found: list[Candidate] = []
    if "Person" in kinds:
        found += _merge(_records(backend, "find_person", person_params(text)), "Person", info_cols=("place",))
    if "Agency" in kinds:
        found += _merge(_records(backend, "find_agency", agency_params(text)), "Agency", info_cols=("kind", "place"))
    if "Project" in kinds:
        found += _merge(_records(backend, "find_project", project_params(text)), "Project", info_cols=("place",))
    if not found:
        if "Agency" in kinds:
            found += _merge(_records(backend, "find_agency_alias", agency_alias_params(text)), "Agency",
                            info_cols=("kind", "place"))
        if not found and "Person" in kinds:
            found += _merge(_records(backend, "find_person_like", like_params(text)), "Person", info_cols=("place",))
        if not found and "Agency" in kinds:
            found += _merge(_records(backend, "find_agency_like", like_params(text)), "Agency",
                            info_cols=("kind", "place"))
        if not found and "Project" in kinds:
            found += _merge(_records(backend, "find_project_like", project_like_params(text)), "Project",
                            info_cols=("place",))
        if not found and "Resolution" in kinds:
            found += resolution_candidates(backend, text)
    found.sort(key=lambda c: (-c.score, c.label, c.name))
    top = best_tier(found)
    people = [c for c in top if c.label == "Person"]
    if len(top) > 1 and people:
        describe_people(backend, people)
    return found


def best_tier(cands: list[Candidate]) -> list[Candidate]:
    """The candidates sharing the best score (exact beats no-diacritics beats prefix beats words)."""
    if not cands:
        return []
    top = max(c.score for c in cands)
    return [c for c in cands if c.score == top]


_PLURAL = {"person": "people", "agency": "agencies", "entity": "entities"}
_LABEL_PLURAL = {"Person": "people", "Agency": "agencies", "Resolution": "documents", "Project": "projects",
                 "Task": "tasks"}


def pick(cands: list[Candidate], what: str, text: str) -> Candidate:
    """The one candidate of the best tier; NotFound or Ambiguous otherwise."""
    top = best_tier(cands)
    if not top:
        raise NotFound(f"no {what} matches '{text}'")
    if len(top) > 1:
        labels = {c.label for c in top}
        what = (_LABEL_PLURAL.get(labels.pop(), "entities") if len(labels) == 1
                else _PLURAL.get(what, what + "s"))
        raise Ambiguous(f"'{text}' matches {len(top)} {what}; be more precise"
                        + (" (or give --term/--issuer or an id)" if any(c.label == "Resolution" for c in top)
                           else " (or give an id)"), top)
    return top[0]


def _by_id(backend, text: str, prefix: str) -> list[Candidate] | None:
    t = text.strip()
    if _ID.match(t) and t.startswith(prefix):
        return id_candidates(backend, t)
    return None


def resolve_person(backend, text: str) -> Candidate:
    """The person named ``text`` (or whose id it is)."""
    found = _by_id(backend, text, "person/")
    return pick(found if found is not None else person_candidates(backend, text), "person", text)


def resolve_agency(backend, text: str) -> Candidate:
    """The agency named ``text`` (or whose id it is)."""
    found = _by_id(backend, text, "agency/")
    return pick(found if found is not None else agency_candidates(backend, text), "agency", text)


def resolve_resolution(backend, text: str, term: str | None = None, issuer: str | None = None) -> Candidate:
    """The document numbered ``text`` (or whose id it is), narrowed by ``term`` and ``issuer``."""
    found = _by_id(backend, text, "resolution/")
    if found is not None:
        return pick(found, "document", text)
    return pick(resolution_candidates(backend, text, term, issuer), "document", text)


def resolve_thing(backend, text: str, term: str | None = None, issuer: str | None = None) -> Candidate:
    return pick(thing_candidates(backend, text, term, issuer), "entity", text)
