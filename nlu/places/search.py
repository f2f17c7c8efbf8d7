"""Lookups for the bot's "which commune do you live in?" step: a short ranked
list of units for whatever the citizen typed, plus code and province lookups."""

from __future__ import annotations

from dataclasses import dataclass

from nlu.places.context import is_old_word, scan_context
from nlu.places.extract import ward_marker
from nlu.places.index import NewUnit, PlaceIndex, get_index
from nlu.places.models import UnitMatch
from nlu.places.tokens import Tok, accented, compatible, name_key, tokenize

MAX_QUERY_CHARS = 200
# Ranks: a lower number is shown first.
EXACT_FULL, EXACT_SHORT, PREFIX, OLD_NAME = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class _Hit:
    rank: int
    accents_differ: bool
    match: UnitMatch


def _split(
    toks: list[Tok], index: PlaceIndex
) -> tuple[list[Tok], frozenset[str] | None, str | None]:
    """Name words, then any province/district the citizen appended ("Tây Mỗ Hà Nội")."""
    for n in range(len(toks), 0, -1):
        ctx = scan_context(toks, n, index)
        if ctx.end != len(toks):
            continue
        key = name_key(toks[:n])
        if key in index.new_by_key or key in index.old_by_key or index.prefixed(key):
            return toks[:n], ctx.provinces, ctx.district
    return toks, None, None


def _prefix_ok(toks: list[Tok], unit: NewUnit) -> bool:
    """Accents typed on the words so far agree with the name's."""
    full = toks[:-1]
    return compatible(full, unit.sigs[: len(full)], strict=accented(toks)) and (
        toks[-1].plain or unit.short.lower().split()[len(full)].startswith(toks[-1].text.lower())
        if len(unit.short.split()) > len(full)
        else True
    )


def _hits(
    toks: list[Tok], kind: str | None, district: str | None, index: PlaceIndex
) -> list[_Hit]:
    key = name_key(toks)
    strict = accented(toks)
    hits: list[_Hit] = []
    for unit in index.new_by_key.get(key, ()):
        rank = EXACT_FULL if kind == unit.kind else EXACT_SHORT
        hits.append(_Hit(rank, not compatible(toks, unit.sigs, strict=strict), unit.as_match()))
    for unit in index.prefixed(key):
        if unit.key != key:
            hits.append(_Hit(PREFIX, not _prefix_ok(toks, unit), unit.as_match()))
    for old in index.old_by_key.get(key, ()):
        if district is not None and old.district_key != district:
            continue
        for code in old.codes:
            match = index.units[code].as_match(old.full)
            hits.append(_Hit(OLD_NAME, not compatible(toks, old.sigs, strict=strict), match))
    return hits


def find_units(query: str, *, province_code: str | None = None, limit: int = 8) -> list[UnitMatch]:
    """Ranked units for a typed name: exact name, exact short name, prefix, then old names."""
    if not isinstance(query, str) or limit <= 0:
        return []
    index = get_index()
    toks = tokenize(query[:MAX_QUERY_CHARS])
    kind: str | None = None
    marker = ward_marker(toks, 0) if toks else None
    if marker is None and toks and toks[0].key in {"p", "x", "tt"}:
        marker = (1, {"p": "phuong", "x": "xa", "tt": "thi_tran"}[toks[0].key])
    if marker is not None and len(toks) > marker[0]:
        kind, toks = marker[1], toks[marker[0] :]
    old_asked = any(is_old_word(t) for t in toks[1:])
    toks = [t for i, t in enumerate(toks) if i == 0 or not is_old_word(t)]
    if not toks:
        return []
    name, provinces, district = _split(toks, index)
    hits = _hits(name, kind, district, index)
    if provinces is not None:
        hits = [h for h in hits if h.match.province_code in provinces] or hits

    def order(hit: _Hit) -> tuple[bool, int, bool, str]:
        away = province_code is not None and hit.match.province_code != province_code
        rank = -1 if old_asked and hit.rank == OLD_NAME else hit.rank
        return away, rank, hit.accents_differ, hit.match.ward_name

    seen: set[str] = set()
    out: list[UnitMatch] = []
    for hit in sorted(hits, key=order):
        if hit.match.ward_code not in seen:
            seen.add(hit.match.ward_code)
            out.append(hit.match)
            if len(out) == limit:
                break
    return out


def unit_by_code(code: str) -> UnitMatch | None:
    unit = get_index().units.get(code) if isinstance(code, str) else None
    return unit.as_match() if unit else None


def all_units() -> list[UnitMatch]:
    return [u.as_match() for u in get_index().units.values()]


def province_name(code: str) -> str | None:
    """Full province name ("Thành phố Hà Nội") for a 2-digit 2025 province code."""
    return get_index().province_names.get(code) if isinstance(code, str) else None
