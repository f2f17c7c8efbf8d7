"""The teen-code and abbreviation table, kept as plain data so a reviewer can read it.

Citizens text the way they talk ("ko dc", "ntn", "UBND P. Tây Mỗ"); the classifier and the
place resolver see the long forms, so a word learnt once counts for every way of typing it.
Ambiguous short forms are deliberately left out (see the comments) because a wrong
expansion does more harm than none: "hong" is both "không" and "hỏng" (broken), "kg" is a
kilogram, "bn" is both "bạn" and "bao nhiêu", "dt" is both "điện thoại" and "diện tích",
"dk" is both "được" and "đăng ký".
"""

from __future__ import annotations

import re

# Whole words, matched without regard to case. Keys are lower case.
WORDS: dict[str, str] = {
    # không
    "k": "không",
    "ko": "không",
    "kô": "không",
    "khg": "không",
    "kh": "không",
    "hok": "không",
    "hem": "không",
    # được, gì, như thế nào, bao nhiêu
    "dc": "được",
    "đc": "được",
    "j": "gì",
    "ntn": "như thế nào",
    "nhiu": "nhiêu",
    "bnhieu": "bao nhiêu",
    "bnhiu": "bao nhiêu",
    # everyday short forms
    "r": "rồi",
    "rùi": "rồi",
    "vs": "với",
    "ng": "người",
    "ngta": "người ta",
    "mn": "mọi người",
    "mk": "mình",
    "mik": "mình",
    "cx": "cũng",
    "cg": "cũng",
    "lm": "làm",
    "ns": "nói",
    "trc": "trước",
    "ms": "mới",
    "bh": "bây giờ",
    "bgio": "bây giờ",
    "bik": "biết",
    "bít": "biết",
    "hum": "hôm",
    "đag": "đang",
    "dag": "đang",
    "z": "vậy",
    "tks": "cảm ơn",
    "thks": "cảm ơn",
    "thanks": "cảm ơn",
    "thank": "cảm ơn",
    "sdt": "số điện thoại",
    "sđt": "số điện thoại",
    # administrative abbreviations
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "hdnd": "hội đồng nhân dân",
    "tdp": "tổ dân phố",
    "kdc": "khu dân cư",
    "kp": "khu phố",
    "tp": "thành phố",
    "mttq": "mặt trận tổ quốc",
    "tthc": "thủ tục hành chính",
    "cccd": "căn cước công dân",
    "cmnd": "chứng minh nhân dân",
    "bhyt": "bảo hiểm y tế",
    "bhxh": "bảo hiểm xã hội",
    "gpxd": "giấy phép xây dựng",
    "gplx": "giấy phép lái xe",
    "gcn": "giấy chứng nhận",
    "qsdđ": "quyền sử dụng đất",
    "qsdd": "quyền sử dụng đất",
    "pccc": "phòng cháy chữa cháy",
    "csgt": "cảnh sát giao thông",
    "attp": "an toàn thực phẩm",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "htx": "hợp tác xã",
}

# Unit prefixes written with a dot ("P. Tây Mỗ", "Q.3", "TX. Sơn Tây"); the dot is what
# makes them unambiguous, so they only match with it.
DOTTED: dict[str, str] = {
    "p": "phường",
    "q": "quận",
    "x": "xã",
    "tx": "thị xã",
    "tt": "thị trấn",
    "tp": "thành phố",
    "h": "huyện",
}

_DOTTED = re.compile(
    r"(?<!\w)(" + "|".join(sorted(DOTTED, key=len, reverse=True)) + r")\.\s*(?=\w)",
    re.IGNORECASE,
)


# Whole words that may be short forms (case-insensitively): only these reach Python, instead
# of every word of the message. ``_expand_word`` still checks ``word.lower()``, so the result
# is exactly that of replacing every ``\w+`` found in the table.
_CANDIDATE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def _expand_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return WORDS.get(word.lower(), word)


def _expand_dotted(match: re.Match[str]) -> str:
    return DOTTED[match.group(1).lower()] + " "


def expand(text: str) -> str:
    """Replace the short forms of the table by their long forms; all else is kept."""
    text = _DOTTED.sub(_expand_dotted, text)
    return _CANDIDATE.sub(_expand_word, text)
