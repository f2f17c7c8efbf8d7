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
EXACT_FULL, EXACT_SHORT, PREFIX, OLD_NAME, OLD_PREFIX = 0, 1, 2, 3, 4
MAX_PREFIX_HITS = 120


@dataclass(frozen=True, slots=True)
class _Hit:
    rank: int
    accents_differ: bool
    unit: NewUnit
    via_old_name: str | None = None


def _split(
    toks: list[Tok], index: PlaceIndex
) -> tuple[list[Tok], frozenset[str] | None, str | None]:
    """Name words, then any province/district the citizen appended ("Tây Mỗ Hà Nội")."""
    for n in range(len(toks), 0, -1):
        ctx = scan_context(toks, n, index)
        if ctx.end != len(toks):
            continue
        key = name_key(toks[:n])
        if key in index.new_by_key or key in index.old_by_key or index.has_prefix(key):
            return toks[:n], ctx.provinces, ctx.district
    return toks, None, None


def _prefix_ok(toks: list[Tok], unit: NewUnit) -> bool:
    """Accents typed on the words so far agree with the name's (accented queries only)."""
    full = toks[:-1]
    if not compatible(full, unit.sigs[: len(full)], strict=True):
        return False
    words = unit.short_words
    return len(words) <= len(full) or words[len(full)].startswith(toks[-1].text.lower())


def _hits(
    toks: list[Tok], kind: str | None, district: str | None, home: str | None, index: PlaceIndex
) -> list[_Hit]:
    key = name_key(toks)
    strict = accented(toks)
    hits: list[_Hit] = []
    for unit in index.new_by_key.get(key, ()):
        rank = EXACT_FULL if kind == unit.kind else EXACT_SHORT
        hits.append(_Hit(rank, not compatible(toks, unit.sigs, strict=strict), unit))
    prefixed = index.prefixed(key)
    if len(prefixed) > MAX_PREFIX_HITS:
        # A letter or two ("t") matches hundreds; rank only a first slice, home first.
        prefixed.sort(key=lambda u: u.province_code != home)
        prefixed = prefixed[:MAX_PREFIX_HITS]
    for unit in prefixed:
        if unit.key != key:
            hits.append(_Hit(PREFIX, strict and not _prefix_ok(toks, unit), unit))
    for old in index.old_by_key.get(key, ()):
        if district is not None and old.district_key != district:
            continue
        differ = not compatible(toks, old.sigs, strict=strict)
        hits.extend(_Hit(OLD_NAME, differ, index.units[code], old.full) for code in old.codes)
    if len(hits) < MAX_PREFIX_HITS // 4:
        for old in index.old_prefixed(key, MAX_PREFIX_HITS // 4):
            if old.key != key:
                head = toks[:-1]
                differ = strict and not compatible(head, old.sigs[: len(head)], strict=True)
                hits.extend(_Hit(OLD_PREFIX, differ, index.units[c], old.full) for c in old.codes)
    return hits


def find_units(query: str, *, province_code: str | None = None, limit: int = 8) -> list[UnitMatch]:
    """Ranked units for a typed name: exact name, exact short name, prefix, then old names
    (exact, then prefix); old names come first when the citizen wrote "cũ"."""
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
    hits = _hits(name, kind, district, province_code, index)
    if provinces is not None:
        hits = [h for h in hits if h.unit.province_code in provinces] or hits

    def order(hit: _Hit) -> tuple[bool, int, bool, str]:
        away = province_code is not None and hit.unit.province_code != province_code
        rank = hit.rank - 5 if old_asked and hit.rank >= OLD_NAME else hit.rank
        return away, rank, hit.accents_differ, hit.unit.name

    seen: set[str] = set()
    out: list[UnitMatch] = []
    for hit in sorted(hits, key=order):
        if hit.unit.code not in seen:
            seen.add(hit.unit.code)
            out.append(hit.unit.as_match(hit.via_old_name))
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
