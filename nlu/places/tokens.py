"""Word tokens that remember their diacritics, so matching can be strict when the
citizen typed accents ("Cẩm Giàng") and tolerant when they did not ("cam giang")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from nlu.text import fold, nfc

# A letter glued to a number ("P12", "Q1") is its own word: an abbreviated marker.
_WORD = re.compile(r"\b[PpQqXxHh](?=\d{1,2}\b)|[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’]")


class Tok(NamedTuple):
    """A word of the input: `key` is folded, `sig` adds its sorted accent marks,
    `before` is the punctuation and space between it and the previous word.
    A named tuple, as a long letter builds thousands of them per message."""

    text: str
    key: str
    sig: str
    plain: bool
    cap: bool
    start: int
    end: int
    before: str


@lru_cache(maxsize=65536)
def _signature(word: str) -> tuple[str, str, bool]:
    lowered = word.lower()
    key = _APOSTROPHES.sub("", fold(lowered))
    marks = sorted(
        ch for ch in unicodedata.normalize("NFD", lowered) if unicodedata.category(ch) == "Mn"
    )
    if "đ" in lowered:
        marks.append("đ")
    # Sorting the marks makes "hoà" and "hòa" (two spelling conventions) equal.
    return key, key + "|" + "".join(marks), not marks


def prepare(text: str) -> str:
    """The form token offsets refer to (NFC), so phrases can be cut out of it."""
    return nfc(text)


def tokenize(text: str) -> list[Tok]:
    """Split into words; offsets refer to `prepare(text)`."""
    text = prepare(text)
    out: list[Tok] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        start, end = m.span()
        key, sig, plain = _signature(word)
        out.append(Tok(word, key, sig, plain, word[:1].isupper(), start, end, text[last:start]))
        last = end
    return out


def word_keys(text: str) -> Iterator[str]:
    """Folded keys of the words of `text`, as `tokenize` would give them, without
    building tokens: enough to rule a message out cheaply."""
    for m in _WORD.finditer(prepare(text)):
        yield _signature(m.group(0))[0]


def name_key(toks: Sequence[Tok]) -> str:
    return " ".join(t.key for t in toks)


@lru_cache(maxsize=32768)
def spelling(text: str) -> tuple[str, tuple[str, ...]]:
    """Key and accent signatures of a name; cached, as the data repeats names a lot."""
    toks = tokenize(text)
    return name_key(toks), tuple(t.sig for t in toks)


def text_key(text: str) -> str:
    """Folded, punctuation-free form used as the dictionary key of a name."""
    return spelling(text)[0]


def text_sigs(text: str) -> tuple[str, ...]:
    return spelling(text)[1]


def compatible(typed: Sequence[Tok], sigs: tuple[str, ...], *, strict: bool = False) -> bool:
    """True unless a word typed with accents carries different accents than the name.

    `strict` also holds unaccented words to the name's accents: someone who typed
    "Cẩm Giang" with accents meant Giang, not Giàng.
    """
    if len(typed) != len(sigs):
        return False
    return all((t.plain and not strict) or t.sig == s for t, s in zip(typed, sigs, strict=True))


def accented(typed: Sequence[Tok]) -> bool:
    return any(not t.plain for t in typed)
