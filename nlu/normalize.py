"""Turning whatever a chat client delivers into text the NLU can rely on.

Messages arrive pasted from web pages (HTML, entities), from phones that send combining
accents, with invisible direction marks and zero-width joiners, and sometimes as a whole
letter. ``clean`` makes them safe and comparable without changing their meaning;
``normalize`` additionally expands teen code for the classifier; ``features`` folds
diacritics so that "duong ngo" and "đường ngõ" produce the same character n-grams.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from nlu.teencode import WORDS, expand
from nlu.text import fold, nfc

# The classifier reads at most this much: the gist of a long letter is in its first lines,
# and a 20,000-character paste must not cost more than a short message.
MAX_CLASSIFY_CHARS = 2000
# Cleaning itself is linear, but nothing beyond this is ever looked at.
MAX_INPUT_CHARS = 50_000

_HTML_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,500}>")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1{2,}")
_LONG_WORD = re.compile(r"\w*([^\W\d_])\1{2,}\w*")
_REPEATED_PUNCT = re.compile(r"([!?,;:\-_=*~#])\1+")
_DOTS = re.compile(r"\.{3,}")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:])")
# Runs of horizontal space, and single tabs and the like: all that "[^\S\n]+" → " " changes.
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_NEWLINES = re.compile(r"\s*\n\s*")
_LATIN = re.compile(r"[a-z]")


def _keep_char(ch: str) -> str:
    """Drop format characters (zero-width, bidi marks, BOM) and control characters."""
    if ch in "\n\t":
        return ch
    category = unicodedata.category(ch)
    if category in ("Cf", "Cs", "Co", "Cn"):
        return ""
    if category == "Cc":
        return " "
    return ch


def _shorten(match: re.Match[str]) -> str:
    """ "quáaaa" → "quá", but "CCCD" is a word of the abbreviation table, not a shout."""
    word = match.group(0)
    return word if word.lower() in WORDS else _REPEATED_LETTER.sub(r"\1", word)


def coerce(text: object) -> str:
    """Whatever the caller passed, a ``str``: bad input must get an answer, not a crash."""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", errors="replace")
    return "" if text is None else str(text)


def clean(text: object) -> str:
    """NFC, no markup, no invisible characters, tidy spaces and punctuation."""
    raw = coerce(text)[:MAX_INPUT_CHARS]
    if "<" in raw:
        raw = _SCRIPT_STYLE.sub(" ", raw)
        raw = _HTML_TAG.sub(" ", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    raw = nfc(raw)
    if not raw.isprintable():  # printable text has no control or format characters
        raw = "".join(_keep_char(ch) for ch in raw)
    if _REPEATED_LETTER.search(raw):  # every long-word match holds one; most texts none
        raw = _LONG_WORD.sub(_shorten, raw)
    raw = _REPEATED_PUNCT.sub(r"\1", raw)
    raw = _DOTS.sub("...", raw)
    raw = _HORIZONTAL_SPACE.sub(" ", raw)
    raw = _SPACE_BEFORE_PUNCT.sub(r"\1", raw)
    if "\n" in raw:
        raw = _NEWLINES.sub("\n", raw)
    return raw.strip()


def normalize(text: object) -> str:
    """What the classifier reads: cleaned, capped, teen code and abbreviations expanded."""
    return normalize_cleaned(clean(text))


def normalize_cleaned(cleaned: str) -> str:
    """``normalize`` for text that has already been through ``clean``."""
    return expand(cleaned[:MAX_CLASSIFY_CHARS]).lower()


def _latin_fold_table() -> dict[int, str]:
    """``fold`` of each Latin letter and combining accent, for ``str.translate``."""
    table: dict[int, str] = {}
    for code in _LATIN_CODES:
        decomposed = unicodedata.normalize("NFD", chr(code))
        folded = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        folded = folded.replace("đ", "d")
        if folded != chr(code):
            table[code] = folded
    return table


# Latin letters (Vietnamese ones included) and combining accents. Each decomposes into
# characters of these ranges, and only the accents, which folding drops, are ever reordered
# by NFD: folding such text character by character gives exactly what ``fold`` gives.
_LATIN_CODES = (*range(0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff]")
_FOLD_TABLE = _latin_fold_table()
# Only the white space that ``\s+`` → " " would change: runs, and single tabs or newlines.
_SPACES = re.compile(r"\s{2,}|[^\S ]")


@lru_cache(maxsize=1024)
def features(normalized: str) -> str:
    """Folded form for character n-grams, robust to missing diacritics: ``fold``, by table
    when the text is Latin. Cached: the letter check and the n-grams fold the same text."""
    lowered = normalized.lower()
    if _NOT_LATIN.search(lowered) is None:
        return _SPACES.sub(" ", lowered.translate(_FOLD_TABLE)).strip()
    return fold(normalized)


def has_letters(text: str) -> bool:
    """True when the text holds at least one Latin letter (with or without accents)."""
    return _LATIN.search(features(text)) is not None
