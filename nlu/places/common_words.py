"""Everyday Vietnamese words that are also commune names, kept in one reviewable place.

They only matter for words typed without accents or capitals after a marker
("phuong an ninh" is a security plan, "o xa trung tam" is "far from the centre"):
then these are read as words, unless a province or district follows the name.
"""

from __future__ import annotations

# "xã hội" is "society", not a commune called Hội…
NOT_A_NAME = frozenset({"hoi"})

# Unit names found as ordinary words in citizens' messages (our training data, folded).
COMMON_PHRASES = frozenset(
    {
        "an binh", "an lac", "an ninh", "an toan", "ban co", "ban cong", "ban dat",
        "bien dong", "can dang", "cho quan", "dien van", "dieu tri", "dinh cu", "doan ket",
        "doc lap", "dong co", "dong ho", "dong tien", "dong tinh", "dong xa", "dong y",
        "gia cam", "gia dinh", "hanh phuc", "hop dong", "ky thuong", "la gi", "lam ca",
        "nghi lam", "nha mat", "phong van", "phu trach", "phuong cong", "thai do", "the duc",
        "thiet ke", "thong nhat", "thuong binh", "tien an", "tien bo", "tien dien",
        "trung tam", "trung thu", "tu do", "tu nhan", "van ban", "van hoa", "van phong",
        "vu cong",
    }
)  # fmt: skip

# Sentence words that start or end a run of unaccented lower-case words far more
# often than a commune name does ("xa la gi" = "what is the commune").
LEADING_WORDS = frozenset(
    {"la", "co", "thi", "ma", "bi", "da", "dang", "se", "van", "khong", "ko"}
)
TRAILING_WORDS = frozenset(
    {
        "co", "khong", "ko", "thi", "ma", "bi", "da", "duoc", "dang", "se", "van", "roi",
        "nay", "day", "oi", "nhe", "vay", "gi", "qua", "cung", "nhu", "voi", "va", "hay",
    }
)  # fmt: skip
