"""Rule-based priority: words that mean someone may get hurt make a report urgent.

Matching runs on folded text (no diacritics), where single words collide:
"cháy" (fire) folds like "chạy" (run), "sập" (collapse) like "sắp" (soon),
"ngập sâu" (deep flood) like "ngập sau" (flooded after). So the table holds
phrases, plus a short list of look-alike phrases that are removed first.
Review both tables together.
"""

from __future__ import annotations

import re

from nlu.text import fold

# fmt: off
# topic: folded phrases that make a report urgent.
URGENT_PHRASES: dict[str, tuple[str, ...]] = {
    "fire": (
        "dam chay", "boc chay", "chay nha", "chay rung", "chay no", "chay lon", "bi chay",
        "hoa hoan", "chap dien", "khoi lua",
    ),
    "explosion_gas_chemical": (
        "vu no", "phat no", "no binh gas", "no gas", "ro ri gas", "ro gas", "ro ri khi",
        "ro ri hoa chat", "tran hoa chat", "ro ri xang",
    ),
    "collapse": (
        "bi sap", "da sap", "sap sap", "sap nha", "sap do", "sap cau", "sap tran", "sap tuong",
        "sap mai",
        "nguy co sap", "sup do", "sut lun", "lun sut", "sap ham",
    ),
    "flood_landslide": (
        "ngap sau", "ngap qua dau goi", "ngap den dau goi", "ngap den bung", "ngap toi bung",
        "lu quet", "sat lo", "vo bo de", "tran de",
    ),
    "electric": ("dien giat", "dut day dien", "day dien roi", "day dien dut", "ro dien"),
    "health": ("ngo doc", "o dich", "bung phat dich", "cap cuu"),
    "drowning": ("duoi nuoc", "chet duoi"),
    "falling_tree_manhole": (
        "cay gay do", "cay do de", "cay do ngang", "bat goc", "mat nap ho ga",
        "ho ga khong nap", "ho ga mat nap", "ho ga bi mat nap",
    ),
    "violence": ("danh nhau", "dam chem", "cuop giat", "an cuop", "bat coc", "hanh hung"),
}

# Folded look-alikes that contain an urgent phrase but mean something ordinary.
NOT_URGENT_PHRASES: tuple[str, ...] = (
    "ngap sau mua", "ngap sau con mua", "ngap sau khi", "ngap sau moi", "ngap sau tran",
    "ngap sau buoi",
    "sap xep", "sap dat", "bi chay nuoc",
)
# fmt: on

_ALL_URGENT: tuple[str, ...] = tuple(
    phrase for phrases in URGENT_PHRASES.values() for phrase in phrases
)


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


_URGENT = _phrase_pattern(_ALL_URGENT)
_LOOKALIKE = _phrase_pattern(NOT_URGENT_PHRASES)
_MAX_CHARS = 20_000


def urgent_topic(text_folded: str) -> str | None:
    """Which urgent topic a report touches, for the explanation shown to officials."""
    if not isinstance(text_folded, str) or not text_folded:
        return None
    text = _LOOKALIKE.sub(" | ", fold(text_folded[:_MAX_CHARS]))
    found = _URGENT.search(text)
    if found is None:
        return None
    phrase = found.group(0)
    return next(topic for topic, phrases in URGENT_PHRASES.items() if phrase in phrases)


def priority_for(text_folded: str) -> str:
    """ "urgent" or "normal" from keywords; accepts folded or raw text (folding is idempotent).

    "complex" is never set by rules: only an official decides that.
    """
    return "normal" if urgent_topic(text_folded) is None else "urgent"
