"""Reads what follows a place name: "cũ", a district, a province ("phường 25,
quận Bình Thạnh cũ", "xã Khe Tre (Huế)"), so the name can be disambiguated."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nlu.places.index import PlaceIndex
from nlu.places.tokens import Tok, accented, compatible, name_key, text_sigs

SENTENCE_END = re.compile(r"[.!?;\n]")
NAME_BREAK = re.compile(r"[^\s\-–]")
_OLD_SIG = text_sigs("cũ")[0]
_DISTRICT_MARKERS: set[tuple[str, ...]] = {
    ("quan",),
    ("huyen",),
    ("thi", "xa"),
    ("q",),
    ("h",),
    ("tx",),
}
_CITY_MARKERS: set[tuple[str, ...]] = {("thanh", "pho"), ("tp",)}
_PROVINCE_MARKERS: set[tuple[str, ...]] = {("tinh",)}
_CONTEXT_SPAN = 10
# Words between a name and its province: "xã Yên Phong ở Bắc Ninh", "thuộc huyện …".
_CONNECTORS = {"o", "tai", "thuoc"}


@dataclass(frozen=True, slots=True)
class Context:
    provinces: frozenset[str] | None = None
    district: str | None = None
    old: bool = False
    end: int = 0


def is_old_word(tok: Tok) -> bool:
    return tok.key == "cu" and (tok.plain or tok.sig == _OLD_SIG)


def joined(toks: Sequence[Tok], start: int, n: int) -> bool:
    """True when words start..start+n-1 are not separated by punctuation."""
    return all(not NAME_BREAK.search(toks[k].before) for k in range(start + 1, start + n))


def longest(
    toks: Sequence[Tok],
    start: int,
    table: Mapping[str, object],
    spellings: Mapping[str, frozenset[tuple[str, ...]]],
    limit: int = 5,
) -> tuple[int, str]:
    """Longest run of words from `start` naming an entry of `table`, accents permitting."""
    for n in range(min(limit, len(toks) - start), 0, -1):
        if not joined(toks, start, n):
            continue
        words = toks[start : start + n]
        key = name_key(words)
        strict = accented(words)
        if key in table and any(
            compatible(words, sigs, strict=strict) for sigs in spellings.get(key, ())
        ):
            return n, key
    return 0, ""


def _marker(toks: Sequence[Tok], i: int, markers: set[tuple[str, ...]]) -> int:
    for size in (2, 1):
        words = tuple(t.key for t in toks[i : i + size])
        if len(words) == size and words in markers:
            return size
    return 0


def scan_context(toks: Sequence[Tok], start: int, index: PlaceIndex) -> Context:
    provinces: frozenset[str] | None = None
    district: str | None = None
    old = False
    i = start
    while i < len(toks) and i < start + _CONTEXT_SPAN:
        if SENTENCE_END.search(toks[i].before):
            break
        if is_old_word(toks[i]):
            old, i = True, i + 1
            continue
        if toks[i].key in _CONNECTORS and i + 1 < len(toks):
            ahead = scan_context(toks, i + 1, index)
            if ahead.end > i + 1:
                return Context(
                    provinces if ahead.provinces is None else ahead.provinces,
                    district if ahead.district is None else ahead.district,
                    old or ahead.old,
                    ahead.end,
                )
            break
        dm = _marker(toks, i, _DISTRICT_MARKERS)
        cm = _marker(toks, i, _CITY_MARKERS)
        pm = _marker(toks, i, _PROVINCE_MARKERS)
        skip = dm or cm or pm
        nd, dkey = longest(toks, i + skip, index.districts, index.district_spellings)
        if dm and i + dm < len(toks) and toks[i + dm].key.isdigit():
            nd, dkey = 1, "quan " + toks[i + dm].key  # "Q.1", "quận 1"
            if dkey not in index.districts:
                nd = 0
        np_, pkey = (
            (0, "") if dm else longest(toks, i + skip, index.provinces, index.province_spellings)
        )
        if cm and np_ and np_ == nd and provinces is None and district is None:
            # "thành phố Vĩnh Long" was a city inside the province of the same name.
            provinces, district, i = index.provinces[pkey], dkey, i + skip + np_
        elif np_ and (np_ >= nd or cm or pm) and provinces is None:
            provinces, i = index.provinces[pkey], i + skip + np_
        elif nd and district is None:
            district, i = dkey, i + skip + nd
        else:
            break
    return Context(provinces, district, old, i)
