"""The vocabulary every recogniser reads, from the TOML files in ``data/``, through one typed loader.

Each file is one section (``titles.toml`` -> :class:`Titles`, ``names.toml`` -> :class:`Names` ...);
:func:`vocab` reads them all once and returns a frozen :class:`Vocab`. Adding a title, a kind of
body, a family name or an abbreviation is one line in one of those files.

A researcher can add words without touching the package: ``GOVKG_DATA`` names one or more folders
(separated by ``os.pathsep``) holding files of the same names; their tables are merged into the
packaged ones (tables by key, lists appended). After changing it in a running process, call
:func:`reset`, which also empties every cache derived from the vocabulary (compiled patterns).

>>> v = vocab()
>>> v.titles.specs["Thủ tướng"].body
'Chính phủ'
>>> "Nguyễn" in v.names.surnames
True
>>> v.documents.issuer_codes["BCT"]
'Bộ Công Thương'
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, TypeVar

FILES = ("titles", "names", "agencies", "places", "documents", "foreign", "abbreviations", "outlets", "chain")


class VocabError(ValueError):
    """A data file that cannot be read or lacks what a recogniser needs (one line for the user)."""


# --------------------------------------------------------------------------------------------
# Reading and merging the files


def extra_dirs() -> list[Path]:
    """The folders ``GOVKG_DATA`` names, in order."""
    raw = os.environ.get("GOVKG_DATA", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def merge(base: Any, extra: Any) -> Any:
    """``extra`` merged into ``base``: tables by key (recursively), lists appended without repeats,
    anything else replaced.

    >>> merge({"a": [1, 2], "t": {"x": 1}}, {"a": [2, 3], "t": {"y": 2}, "b": 0})
    {'a': [1, 2, 3], 't': {'x': 1, 'y': 2}, 'b': 0}
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def _read(name: str) -> dict:
    try:
        raw = tomllib.loads(resources.files("govkg").joinpath(f"data/{name}.toml").read_text("utf-8"))
    except tomllib.TOMLDecodeError as e:  # a packaging error: say which file
        raise VocabError(f"data/{name}.toml: {e}") from None
    for folder in extra_dirs():
        path = folder / f"{name}.toml"
        if not path.is_file():
            continue
        try:
            raw = merge(raw, tomllib.loads(path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise VocabError(f"{path}: cannot read extra vocabulary: {e}") from None
    return raw


def _tuple(xs) -> tuple[str, ...]:
    return tuple(dict.fromkeys(xs or ()))


# --------------------------------------------------------------------------------------------
# Typed sections


@dataclass(frozen=True)
class TitleSpec:
    """One title as data/titles.toml states it."""

    name: str  # canonical ("Phó Trưởng ban")
    rank: str  # head, deputy, member
    body: str | None = None  # the body it implies when none is written ("Thủ tướng" -> Chính phủ)
    prefix: str | None = None  # the word a dropped body name starts with ("Bộ trưởng Công Thương")
    needs_body: bool = False  # means nothing without a written body (Ủy viên)
    alone: bool = False  # holds no other state post in the same breath (Thủ tướng)
    bodies: tuple[str, ...] = ()  # the only kinds of body it can be of (empty: any)
    not_before: tuple[str, ...] = ()  # words after it that make it no title ("Trợ lý Bộ trưởng": see names)
    plural: bool = True  # may be shared by a list of holders ("Thứ trưởng A và B")
    foreign: bool = False  # a title only other countries have ("Tỉnh trưởng", "Thị trưởng", "Tổng thống")


@dataclass(frozen=True)
class Compound:
    """A word that is a title and its body at once ("Tỉnh ủy viên", "ĐBQH", "TUV")."""

    form: str
    title: str
    body: str  # a body as written ("Tỉnh ủy", "Quốc hội", "Ban Thường vụ Tỉnh ủy")


@dataclass(frozen=True)
class Titles:
    specs: dict[str, TitleSpec]  # every written form (variants, generated deputies, aliases) -> spec
    compounds: dict[str, Compound]  # written form -> compound
    status_markers: dict[str, str]  # "nguyên" -> former ...
    status_after: dict[str, str]  # words after a holder that change the status ("nghỉ hưu" -> ended)
    transitions: dict[str, str]  # "được bầu làm" -> elected ...
    joiners: tuple[str, ...]  # between segments of one chain ("kiêm", "đồng thời là")
    name_then_chain: tuple[str, ...]  # between a name and its chain ("là", "hiện là")
    owned_by: tuple[str, ...]  # before a title: the title is someone else's ("của", "thay mặt")
    not_a_holder: tuple[str, ...]  # before a title: the title is not a post of the next name ("Trợ lý")
    plural_markers: tuple[str, ...]  # before a title: several holders follow ("các", "hai")
    not_titles: tuple[str, ...]  # phrases whose words never open a title ("chức vụ")


@dataclass(frozen=True)
class Names:
    surnames: frozenset[str]
    honorifics: tuple[str, ...]
    ranks: tuple[str, ...]
    stop_words: frozenset[str]  # capitalised words that are never a given name
    stop_phrases: tuple[str, ...]  # capitalised phrases a name ends before ("Đại biểu", "Hội đồng")
    sentence_openers: frozenset[str]
    single_letter_given: frozenset[str]  # given names of one letter ("A" in Hầu A Lềnh)
    place_like_people: frozenset[str]  # names that are a person's unless a place word precedes ("Hồ Chí Minh")
    known_people: tuple[str, ...]  # people named without a Vietnamese family name ("Thuận Hữu")
    not_after: tuple[str, ...]  # nouns after which a name is a place's ("giáo xứ Kim Hòa", "đường Lê Lợi")
    middle_names: frozenset[str]  # a two-word name ending so was cut ("Nguyễn Văn")


@dataclass(frozen=True)
class Kind:
    """A kind of body (data/agencies.toml [kinds.X])."""

    kind: str
    heads: tuple[str, ...]
    short: str
    branch: str
    place: str = "optional"  # required, optional, none
    level: str | None = None
    tail: str = "none"
    parents: tuple[str, ...] = ()  # kinds of body it sits under when written after it
    short_place: bool = False  # named with a city's name alone ("Sở Y tế Hà Nội", not "... TP Hà Nội")


@dataclass(frozen=True)
class National:
    name: str
    branch: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class Agencies:
    kinds: dict[str, Kind]
    domains_bo: tuple[str, ...]
    domains_so: tuple[str, ...]
    domain_aliases: dict[str, str]
    after_name_verbs: tuple[str, ...]
    name_stop_words: tuple[str, ...]
    party_bans: tuple[str, ...]
    national: dict[str, National]
    steering_end_words: tuple[str, ...]
    raw: dict  # the merged file, for sections a recogniser reads as they are


@dataclass(frozen=True)
class Places:
    city_provinces: frozenset[str]
    province_aliases: dict[str, str]
    district_words: dict[str, str]
    ward_words: dict[str, str]
    province_words: dict[str, str]
    city_in_province: dict[str, str]  # a city whose articles' "tỉnh" is its province's (Huế -> Thừa Thiên Huế)


@dataclass(frozen=True)
class Documents:
    type_words: dict[str, str]
    code_types: dict[str, str]
    issuer_codes: dict[str, str]
    party_issuer_codes: dict[str, str]
    generic_words: tuple[str, ...] = ()  # "văn bản": a document, its kind from the symbol
    named_types: tuple[str, ...] = ()  # kinds written with a name before the number ("Luật Xây dựng số")
    implied_symbols: dict[str, str] = field(default_factory=dict)  # "Nghị định" -> "NĐ-CP"
    word_over_code: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> words that win over it
    department_codes: dict[str, str] = field(default_factory=dict)  # "STNMT" -> "Sở Tài nguyên và Môi trường"
    local_codes: dict[str, str] = field(default_factory=dict)  # "UBND" -> "UBND"


@dataclass(frozen=True)
class IssuerWords:
    """How a sentence names who issued a document (data/chain.toml [issuers])."""

    posts: dict[str, str]  # issuing posts as written -> the issuer's name ("Thủ tướng" -> Thủ tướng Chính phủ)
    post_parents: dict[str, str]  # an issuing post -> the body it belongs to
    verbs: tuple[str, ...]  # "ban hành", "có", "ký" ...
    adverbs: tuple[str, ...]  # "vừa", "đã" ... between the body and the verb
    after: tuple[str, ...]  # "của", "do", "được" after the number
    at: tuple[str, ...]  # "tại" after a body, before the document


@dataclass(frozen=True)
class Organisations:
    """Named enterprises, banks and schools (data/chain.toml [organisations])."""

    heads: dict[str, str]  # head word -> kind
    known: dict[str, tuple[str, ...]]  # canonical name -> other names
    parts: dict[str, str]  # words naming a body inside another ("Ban cán sự Đảng", "Đoàn kiểm tra của") -> kind
    head_forms: dict[str, str]  # a head word as written -> as named ("Cty" -> "Công ty")
    branch: str
    kinds_branch: dict[str, str]
    stop_words: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    """The words the chain readers use (data/chain.toml)."""

    issuers: IssuerWords
    organisations: Organisations
    raw: dict  # the merged file, for sections read as they are


@dataclass(frozen=True)
class Foreign:
    countries: tuple[str, ...]
    people: frozenset[str]
    places: tuple[str, ...]  # foreign provinces and cities that mark an official as foreign
    regions: tuple[str, ...]  # continents and regions ("Châu Âu", "Đông Nam Á"): never a person's name
    state_forms: tuple[str, ...]  # words of a state's name before its country ("Cộng hòa Liên bang")


@dataclass(frozen=True)
class Abbreviations:
    expand: dict[str, str]
    expand_exact: dict[str, str]


class Vocab:
    """The vocabulary, each part read from its file the first time it is asked for: a lookup that
    needs only the abbreviations does not parse the titles, the chain words and the rest."""

    @cached_property
    def titles(self) -> Titles:
        return _titles(_read("titles"))

    @cached_property
    def names(self) -> Names:
        return _names(_read("names"))

    @cached_property
    def agencies(self) -> Agencies:
        return _agencies(_read("agencies"))

    @cached_property
    def places(self) -> Places:
        return _places(_read("places"))

    @cached_property
    def documents(self) -> Documents:
        return _documents(_read("documents"))

    @cached_property
    def foreign(self) -> Foreign:
        return _foreign(_read("foreign"))

    @cached_property
    def abbreviations(self) -> Abbreviations:
        ab = _read("abbreviations")
        return Abbreviations(dict(ab.get("expand", {})), dict(ab.get("expand_exact", {})))

    @cached_property
    def outlets(self) -> dict:
        return _read("outlets")

    @cached_property
    def chain(self) -> Chain:
        return _chain(_read("chain"))


def _titles(raw: dict) -> Titles:
    specs: dict[str, TitleSpec] = {}

    def spec_of(name: str, s: dict) -> TitleSpec:
        return TitleSpec(name, s["rank"], s.get("body"), s.get("prefix"), s.get("needs_body", False),
                         s.get("alone", False), _tuple(s.get("bodies")), _tuple(s.get("not_before")),
                         s.get("plural", s["rank"] != "head"), s.get("foreign", False))

    for name, s in raw.get("titles", {}).items():
        if "rank" not in s:
            raise VocabError(f"data/titles.toml: title {name!r} has no rank")
        t = spec_of(name, s)
        specs[name] = t
        for v in s.get("variants", []):
            specs[v] = t
        if s["rank"] == "head" and not s.get("no_deputy"):
            dep = TitleSpec(f"Phó {name}", "deputy", t.body, t.prefix, t.needs_body, False, t.bodies, (), True,
                            t.foreign)
            specs.setdefault(f"Phó {name}", dep)
            specs.setdefault(f"Phó {name[0].lower()}{name[1:]}", dep)
    for alias, canon in raw.get("aliases", {}).items():
        if canon not in specs:
            raise VocabError(f"data/titles.toml: alias {alias!r} names an unknown title {canon!r}")
        specs[alias] = specs[canon]
    compounds = {}
    for form, c in raw.get("compounds", {}).items():
        if c.get("title") not in specs:
            raise VocabError(f"data/titles.toml: compound {form!r} names an unknown title {c.get('title')!r}")
        compounds[form] = Compound(form, c["title"], c["body"])
    statuses = {w: status for status, words in raw.get("status_markers", {}).items() for w in words}
    after = {w: status for status, words in raw.get("status_after", {}).items() for w in words}
    transitions = {w: status for status, words in raw.get("transitions", {}).items() for w in words}
    chains = raw.get("chains", {})
    return Titles(specs, compounds, statuses, after, transitions, _tuple(chains.get("joiners")),
                  _tuple(chains.get("name_then_chain")), _tuple(chains.get("owned_by")),
                  _tuple(chains.get("not_a_holder")), _tuple(chains.get("plural_markers")),
                  _tuple(chains.get("not_titles")))


def _names(raw: dict) -> Names:
    return Names(frozenset(w.split()[0] for w in raw.get("surnames", [])), _tuple(raw.get("honorifics")),
                 tuple(sorted(_tuple(raw.get("ranks")), key=len, reverse=True)),
                 frozenset(raw.get("stop_words", [])), _tuple(raw.get("stop_phrases")),
                 frozenset(raw.get("sentence_openers", [])), frozenset(raw.get("single_letter_given", [])),
                 frozenset(raw.get("place_like_people", [])), _tuple(raw.get("known_people")),
                 _tuple(raw.get("not_after")), frozenset(raw.get("middle_names", [])))


def _agencies(raw: dict) -> Agencies:
    kinds = {}
    for kind, s in raw.get("kinds", {}).items():
        try:
            kinds[kind] = Kind(kind, _tuple(s["heads"]), s["short"], s["branch"], s.get("place", "optional"),
                               s.get("level"), s.get("tail", "none"), _tuple(s.get("parents")),
                               s.get("short_place", False))
        except KeyError as e:
            raise VocabError(f"data/agencies.toml: kind {kind!r} lacks {e.args[0]!r}") from None
    national = {name: National(name, s.get("branch", "state"), _tuple(s.get("aliases")), s.get("parent"))
                for name, s in raw.get("national", {}).items()}
    domains = raw.get("domains", {})
    return Agencies(kinds, _tuple(domains.get("bo")), _tuple(domains.get("so")), dict(raw.get("domain_aliases", {})),
                    _tuple(raw.get("after_names", {}).get("verbs")), _tuple(raw.get("names", {}).get("stop_words")),
                    _tuple(raw.get("party_ban", {}).get("names")), national,
                    _tuple(raw.get("steering", {}).get("end_words")), raw)


def _places(raw: dict) -> Places:
    return Places(frozenset(raw.get("city_provinces", [])), dict(raw.get("province_aliases", {})),
                  dict(raw.get("district_words", {})), dict(raw.get("ward_words", {})),
                  dict(raw.get("province_words", {})), dict(raw.get("city_in_province", {})))


def _documents(raw: dict) -> Documents:
    return Documents(dict(raw.get("type_words", {})), dict(raw.get("code_types", {})),
                     dict(raw.get("issuer_codes", {})), dict(raw.get("party_issuer_codes", {})),
                     _tuple(raw.get("generic_words")), _tuple(raw.get("named_types")),
                     dict(raw.get("implied_symbols", {})),
                     {k: _tuple(v) for k, v in raw.get("word_over_code", {}).items()},
                     dict(raw.get("department_codes", {})), dict(raw.get("local_codes", {})))


def _chain(raw: dict) -> Chain:
    i = raw.get("issuers", {})
    o = raw.get("organisations", {})
    issuers = IssuerWords(dict(i.get("posts", {})), dict(i.get("post_parents", {})), _tuple(i.get("verbs")),
                          _tuple(i.get("adverbs")), _tuple(i.get("after")), _tuple(i.get("at")))
    orgs = Organisations(dict(o.get("heads", {})), {k: _tuple(v) for k, v in o.get("known", {}).items()},
                         dict(o.get("parts", {})), dict(o.get("head_forms", {})),
                         o.get("branch", "enterprise"), dict(o.get("kinds_branch", {})), _tuple(o.get("stop_words")))
    return Chain(issuers, orgs, raw)


def _foreign(raw: dict) -> Foreign:
    return Foreign(_tuple(raw.get("countries")), frozenset(raw.get("people", [])), _tuple(raw.get("places")),
                   _tuple(raw.get("regions")), _tuple(raw.get("state_forms")))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """Every data file, typed, each read once when first needed; with extra vocabulary
    (``GOVKG_DATA``) all at once, so that a mistake in it is told whatever the command."""
    v = Vocab()
    if extra_dirs():
        for name in FILES:
            getattr(v, name)
    return v


# --------------------------------------------------------------------------------------------
# Caches derived from the vocabulary

_DERIVED: list = []
F = TypeVar("F", bound=Callable)


def derived(fn: F) -> F:
    """``functools.lru_cache`` for something built from the vocabulary (a compiled pattern, an
    index): :func:`reset` empties it with the vocabulary."""
    cached = lru_cache(maxsize=None)(fn)
    _DERIVED.append(cached)
    return cached  # type: ignore[return-value]


def reset() -> None:
    """Read the data files again (after ``GOVKG_DATA`` changed) and forget what was built from them."""
    vocab.cache_clear()
    for fn in _DERIVED:
        fn.cache_clear()
    from govkg import identity

    identity.key.cache_clear()
    identity.fold.cache_clear()
