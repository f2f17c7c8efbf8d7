"""Turns questions and procedure entries into comparable terms.

Citizens type without diacritics, in teen code ("ko", "dk", "j") and with
filler ("cho em hỏi", "thủ tục"), so text is folded, abbreviations expanded,
filler dropped, and adjacent syllables paired: Vietnamese words are mostly
two syllables, and "khai sinh" must not match "khai tử" as well as it matches itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlu.text import fold

if TYPE_CHECKING:
    from nlu.procedures.schema import Procedure

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_CHARS = 2000

# Folded shorthand → folded full form.
ABBREVIATIONS: dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "hok": "khong",
    "hong": "khong",
    "khg": "khong",
    "j": "gi",
    "ji": "gi",
    "dk": "dang ky",
    "dky": "dang ky",
    "dki": "dang ky",
    "dangky": "dang ky",
    "dc": "duoc",
    "bn": "bao nhieu",
    "ntn": "nhu the nao",
    "lm": "lam",
    "ck": "chong",
    "vk": "vo",
    "mk": "minh",
    "mik": "minh",
    "mn": "moi nguoi",
    "ng": "nguoi",
    "nc": "nuoc",
    "ns": "noi",
    "trc": "truoc",
    "bik": "biet",
    "bit": "biet",
    "cccd": "can cuoc",
    "cmnd": "can cuoc",
    "cmt": "can cuoc",
    "gks": "giay khai sinh",
    "gpxd": "giay phep xay dung",
    "hkd": "ho kinh doanh",
    "bhyt": "bao hiem y te",
    "sdd": "so do",
    "ubnd": "uy ban",
    "tthc": "thu tuc",
    "sdt": "so dien thoai",
    "ct01": "to khai cu tru",
    "ct07": "xac nhan cu tru",
    "vneid": "vneid",
    "nnn": "nguoi nuoc ngoai",
}
# Leading letters of teen spelling: "wa" → "qua", "fai" → "phai", "jay" → "giay".
_PREFIXES: tuple[tuple[str, str], ...] = (("w", "qu"), ("f", "ph"), ("j", "gi"), ("z", "d"))
# Folded words that carry no meaning about which procedure is asked for.
STOPWORDS: frozenset[str] = frozenset(
    """toi minh em anh chi ban cho hoi muon can phai nao gi nhung cac la co khong a
    ah ak oi vay nhe nhi xin voi va cua duoc thi roi nay do ve lam sao gium giup
    nhieu moi nguoi oi uh uk ok vs ma thuc hien cau""".split()
)
# Folded filler phrases removed before splitting.
_FILLER = re.compile(
    r"\b(thu tuc|ho so|giay to|nhu the nao|the nao|bao lau|o dau|mat bao|"
    r"het bao|can nhung|chuan bi|xin hoi|cho hoi)\b"
)


def _expand(word: str) -> str:
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    # Vietnamese words never start with w, f, j or z, so these are always teen spelling.
    for short, full in _PREFIXES:
        if word.startswith(short) and len(word) > 1:
            return full + word[len(short) :]
    return word


def syllables(text: str) -> list[str]:
    """Folded, expanded, filler-free syllables of ``text`` (long input is cut)."""
    folded = fold(text[:MAX_QUERY_CHARS])
    expanded = " ".join(_expand(word) for word in _WORD.findall(folded))
    expanded = _FILLER.sub(" ", expanded)
    return [word for word in expanded.split() if word not in STOPWORDS]


def with_pairs(words: list[str]) -> list[str]:
    """Syllables plus each adjacent pair joined by ``_``."""
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def query_terms(text: str) -> tuple[list[str], list[str]]:
    """(syllables, syllables + pairs) of a citizen's question."""
    words = syllables(text)
    return words, with_pairs(words)


def document_tokens(proc: Procedure) -> list[str]:
    """Terms of an entry: the name counts twice, being the most precise phrasing."""
    tokens: list[str] = []
    for phrase in (proc.name_vi, proc.name_vi, *proc.keywords_vi, *proc.questions_vi):
        tokens.extend(with_pairs(syllables(phrase)))
    return tokens
