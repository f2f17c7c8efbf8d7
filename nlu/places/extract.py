"""Finds place phrases in a free-text message, so that names are only matched
after a marker ("phường", "xã", "P.", "ở") and never across the whole message
("đèn đường hỏng" is a broken street lamp, not Xã Đường Hồng)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nlu.places.common_words import COMMON_PHRASES, LEADING_WORDS, NOT_A_NAME, TRAILING_WORDS
from nlu.places.context import Context, is_old_word, joined, scan_context
from nlu.places.index import NewUnit, OldUnit, PlaceIndex
from nlu.places.tokens import Tok, accented, compatible, name_key, text_sigs

# (folded words, unit kind, is an abbreviation that needs a dot or capitals)
_WARD_MARKERS: tuple[tuple[tuple[str, ...], str, str | None], ...] = (
    (("thi", "tran"), "thi_tran", "thị trấn"),
    (("dac", "khu"), "dac_khu", "đặc khu"),
    (("phuong",), "phuong", "phường"),
    (("xa",), "xa", "xã"),
    (("p",), "phuong", None),
    (("x",), "xa", None),
    (("tt",), "thi_tran", None),
)
_ISLAND_MARKERS = (("huyen",), ("thanh", "pho"), ("tp",))
_WEAK_MARKERS: tuple[tuple[str, str], ...] = (("o", "ở"), ("tai", "tại"), ("thuoc", "thuộc"))
# Markers grouped by their first word, so most words of a message cost one set lookup.
_WARD_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str, str | None], ...]] = {
    first: tuple(m for m in _WARD_MARKERS if m[0][0] == first)
    for first in dict.fromkeys(m[0][0] for m in _WARD_MARKERS)
}
_ISLAND_FIRST = frozenset(words[0] for words in _ISLAND_MARKERS)
# Every phrase find_phrases yields starts from one of these words: a ward or island
# marker, "cũ", or a weak marker. A message with none of them names no place.
TRIGGER_KEYS = frozenset(
    {*_WARD_BY_FIRST, *_ISLAND_FIRST, "cu", *(key for key, _ in _WEAK_MARKERS)}
)
_MARKER_SIGS = {spelled: text_sigs(spelled) for *_, spelled in _WARD_MARKERS if spelled}
_WEAK_SIGS = {key: text_sigs(spelled)[0] for key, spelled in _WEAK_MARKERS}
# Share of accented words above which a message counts as "typed with accents".
ACCENTED_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Phrase:
    """A candidate place mention: the words matched and what the index knows of them."""

    text: str
    key: str
    kind: str | None
    strong: bool
    new: tuple[NewUnit, ...]
    old: tuple[OldUnit, ...]
    context: Context


def ward_marker(toks: Sequence[Tok], i: int) -> tuple[int, str] | None:
    """Length and kind of a ward marker starting at word i, if there is one."""
    if i >= len(toks):
        return None
    for words, kind, spelled in _WARD_BY_FIRST.get(toks[i].key, ()):
        size = len(words)
        part = toks[i : i + size]
        if tuple(t.key for t in part) != words:
            continue
        if spelled is None:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            follows = nxt.before if nxt else ""
            glued = nxt is not None and not follows and nxt.key.isdigit()
            if not (part[0].text.isupper() or "." in follows or glued):
                continue
        elif not (all(t.plain for t in part) or compatible(part, _MARKER_SIGS[spelled])):
            continue
        return size, kind
    return None


def _weak_marker(tok: Tok) -> bool:
    sig = _WEAK_SIGS.get(tok.key)
    return sig is not None and (tok.plain or tok.sig == sig)


def _lookup(
    toks: Sequence[Tok], index: PlaceIndex, *, accented_text: bool = False
) -> tuple[tuple[NewUnit, ...], tuple[OldUnit, ...]]:
    """Units with this name; exact accents win when the citizen typed accents."""
    key = name_key(toks)
    new_all = index.new_by_key.get(key, ())
    old_all = index.old_by_key.get(key, ())
    if not accented(toks):
        modes: tuple[bool, ...] = (False,)
    else:
        modes = (True,) if accented_text else (True, False)
    for strict in modes:
        new = tuple(u for u in new_all if compatible(toks, u.sigs, strict=strict))
        old = tuple(o for o in old_all if compatible(toks, o.sigs, strict=strict))
        if new or old:
            return new, old
    return (), ()


def _looks_like_words(words: Sequence[Tok]) -> bool:
    return (
        name_key(words) in COMMON_PHRASES
        or words[0].key in LEADING_WORDS
        or words[-1].key in TRAILING_WORDS
    )


def _name_at(
    toks: Sequence[Tok], s: int, index: PlaceIndex, *, strong: bool, accented_text: bool
) -> tuple[int, tuple[NewUnit, ...], tuple[OldUnit, ...]]:
    if s >= len(toks) or ward_marker(toks, s) or toks[s].key in NOT_A_NAME:
        return 0, (), ()
    for n in range(min(index.max_words, len(toks) - s), 0, -1):
        words = toks[s : s + n]
        if not joined(toks, s, n):
            continue
        if not strong and (n < 2 or not all(t.cap for t in words)):
            continue
        if n == 1 and not (words[0].cap or words[0].key.isdigit()):
            continue
        if all(t.plain and not t.cap for t in words) and _looks_like_words(words):
            ctx = scan_context(toks, s + n, index)
            if ctx.provinces is None and ctx.district is None:
                continue  # …unless a province or district follows: "xa van hoa dak lak"
        new, old = _lookup(words, index, accented_text=accented_text)
        if new or old:
            return n, new, old
    return 0, (), ()


def _phrase(
    text: str,
    toks: Sequence[Tok],
    first: int,
    s: int,
    n: int,
    kind: str | None,
    found: tuple[tuple[NewUnit, ...], tuple[OldUnit, ...]],
    strong: bool,
    index: PlaceIndex,
) -> Phrase:
    ctx = scan_context(toks, s + n, index)
    last = toks[max(ctx.end, s + n) - 1]
    said = text[toks[first].start : last.end]
    if said.count("(") > said.count(")"):
        said += ")"
    return Phrase(
        said,
        name_key(toks[s : s + n]),
        kind,
        strong,
        found[0],
        found[1],
        ctx,
    )


def _island_district(
    text: str, toks: Sequence[Tok], i: int, index: PlaceIndex, accented_text: bool
) -> Phrase | None:
    """ "huyện Côn Đảo", "thành phố Phú Quốc": each island district became, whole,
    the đặc khu of the same name in 2025."""
    if toks[i].key not in _ISLAND_FIRST:
        return None
    size = next(
        (len(w) for w in _ISLAND_MARKERS if tuple(t.key for t in toks[i : i + len(w)]) == w), 0
    )
    if not size:
        return None
    n, new, _ = _name_at(toks, i + size, index, strong=True, accented_text=accented_text)
    islands = tuple(u for u in new if u.kind == "dac_khu")
    if not n or not islands:
        return None
    return _phrase(text, toks, i, i + size, n, "dac_khu", (islands, ()), True, index)


def find_phrases(text: str, toks: Sequence[Tok], index: PlaceIndex) -> Iterator[Phrase]:
    """Strong markers first, then "<Name> cũ", then "ở/tại <Name>", in text order."""
    # In a message typed with accents, a name typed partly with accents must match
    # them: "phường cho quán karaoke" is "let the karaoke bar", not Phường Chợ Quán.
    accented_text = sum(not t.plain for t in toks) >= ACCENTED_SHARE * len(toks) > 0
    for i in range(len(toks)):
        marker = ward_marker(toks, i)
        if marker is None:
            island = _island_district(text, toks, i, index, accented_text)
            if island is not None:
                yield island
            continue
        if i > 0 and ward_marker(toks, i - 1):
            continue
        if marker[1] == "xa" and i > 0 and toks[i - 1].key == "thi":
            continue  # "thị xã" was a district-level town, not one commune
        size, kind = marker
        n, new, old = _name_at(toks, i + size, index, strong=True, accented_text=accented_text)
        if n:
            yield _phrase(text, toks, i, i + size, n, kind, (new, old), True, index)
    for i, tok in enumerate(toks):
        if not is_old_word(tok):
            continue
        for n in range(min(4, i), 1, -1):
            words = toks[i - n : i]
            if joined(toks, i - n, n + 1) and all(t.cap for t in words):
                _, old = _lookup(words, index, accented_text=accented_text)
                if old:
                    yield _phrase(text, toks, i - n, i - n, n, None, ((), old), False, index)
                    break
    for i, tok in enumerate(toks):
        if _weak_marker(tok):
            n, new, old = _name_at(toks, i + 1, index, strong=False, accented_text=accented_text)
            key = name_key(toks[i + 1 : i + 1 + n])
            # "ở Quảng Ninh", "ở Gò Vấp": a province or old district, not one ward.
            if n and key not in index.provinces and key not in index.districts:
                yield _phrase(text, toks, i, i + 1, n, None, (new, old), False, index)
