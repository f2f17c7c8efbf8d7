"""The classifier's folded text is exactly ``fold``: its table-driven fast path for Latin
text must never give the classifier a different string than the general one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.normalize import features
from nlu.text import fold

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
VIETNAMESE += "ùúủũụừứửữựỳýỷỹỵ"


def test_every_latin_letter_and_accent_folds_as_fold_does() -> None:
    for code in (*range(0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)):
        text = f"{chr(code)} {chr(code).upper()}x\u0301{chr(code)}"
        assert features(text) == fold(text), hex(code)


def test_vietnamese_examples_fold_to_plain_letters() -> None:
    assert features("Đường  ngõ\n5 BỊ ngập\u0300") == "duong ngo 5 bi ngap"
    assert features("Ǆ ǅ İ ẞ Ɓ") == fold("Ǆ ǅ İ ẞ Ɓ")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \t\n\u00a0\u0300\u0303.,!?0123456789"))
def test_vietnamese_text_folds_as_fold_does(text: str) -> None:
    assert features(text) == fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_folds_as_fold_does(text: str) -> None:
    assert features(text) == fold(text)
