"""The features the built-in classifier sees.

Character n-grams over folded text (across word boundaries, so "ngap nuoc" also yields
"p nu") make "duong ngo bi ngap" and "đường ngõ bị ngập" look alike and tolerate typos;
word n-grams over folded text do the same for whole words and short phrases; word n-grams
over the text as typed keep what diacritics tell apart when the citizen did type them
("hỏng" broken vs "hồng" pink).
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from nlu.normalize import features

_TOKEN = r"(?u)\b\w+\b"


def _as_typed(text: str) -> str:
    return text


def build_vectorizer() -> FeatureUnion:
    """A fresh, unfitted feature extractor over normalised text."""
    chars = TfidfVectorizer(
        analyzer="char",
        ngram_range=(2, 5),
        preprocessor=features,
        sublinear_tf=True,
        dtype=np.float32,
    )
    folded_words = TfidfVectorizer(
        ngram_range=(1, 2),
        preprocessor=features,
        token_pattern=_TOKEN,
        sublinear_tf=True,
        dtype=np.float32,
    )
    typed_words = TfidfVectorizer(
        ngram_range=(1, 2),
        preprocessor=_as_typed,
        token_pattern=_TOKEN,
        sublinear_tf=True,
        dtype=np.float32,
    )
    return FeatureUnion(
        [("chars", chars), ("folded_words", folded_words), ("typed_words", typed_words)]
    )
