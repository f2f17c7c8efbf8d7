"""The fast feature transform gives scikit-learn's numbers on every path it can take:
big batches, single messages, strange text, and vectorizers it does not reproduce."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from nlu.classifier.compiled import Features
from nlu.classifier.features import build_vectorizer

TRAINING = [
    "đường ngõ 5 bị ngập nước",
    "duong ngo 10 ngap sau mua",
    "đèn đường hỏng cả tháng, tối om",
    "rác thải đổ bừa bãi bốc mùi",
    "làm giấy khai sinh cho con cần gì",
    "dang ky ket hon can giay to gi",
    "hồ sơ của tôi xử lý tới đâu rồi",
    "xin chào, cảm ơn nhiều",
]
ODD = ["", " ", "a", "đ", "x  y\n\n z", "🙂🙂🙂", "ngập\u200bnước", "\ud800 lẻ", "z" * 3000]


def _gap(union: FeatureUnion, texts: Sequence[str]) -> float:
    ours = Features(union).transform(texts)
    theirs = union.transform(texts)
    assert ours.shape == theirs.shape
    return float(abs(ours - theirs).max()) if ours.nnz or theirs.nnz else 0.0


def _fitted() -> FeatureUnion:
    union = build_vectorizer()
    union.fit(TRAINING)
    return union


def test_a_big_batch_matches_scikit_learn() -> None:
    texts = [f"{TRAINING[i % 8]} số {i} ở ngõ {i % 7}" for i in range(1000)]
    texts += ODD
    assert _gap(_fitted(), texts) < 1e-6


def test_one_message_at_a_time_matches_scikit_learn() -> None:
    union = _fitted()
    for text in [*TRAINING, *ODD]:
        assert _gap(union, [text]) < 1e-6


def test_unknown_words_give_an_empty_row_not_an_error() -> None:
    matrix = Features(_fitted()).transform(["qqqq wwww"])
    assert matrix.shape[0] == 1
    assert matrix.nnz == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="adgnouyđươăâêô ̀́\n\t .,", max_size=60), min_size=1, max_size=6))
def test_any_text_matches_scikit_learn(texts: list[str]) -> None:
    assert _gap(_fitted(), texts) < 1e-6


def test_settings_it_does_not_reproduce_fall_back_to_scikit_learn() -> None:
    union = FeatureUnion(
        [
            ("wb", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)),
            ("stop", TfidfVectorizer(stop_words=["bị"], ngram_range=(1, 2), sublinear_tf=True)),
        ]
    )
    union.fit(TRAINING)
    assert _gap(union, [*TRAINING, *ODD]) < 1e-6


def test_a_huge_alphabet_still_matches_scikit_learn() -> None:
    letters = [chr(0x4E00 + i) for i in range(6000)]  # too many to number 5-grams in int64
    corpus = ["".join(letters[i : i + 40]) for i in range(0, 6000, 40)]
    union = FeatureUnion(
        [("chars", TfidfVectorizer(analyzer="char", ngram_range=(1, 5), sublinear_tf=True))]
    )
    union.fit(corpus)
    probe = [corpus[3], corpus[7][::-1], "abc", ""]
    assert _gap(union, probe) < 1e-6
