"""The features the built-in classifier sees.

Character n-grams over folded text make "duong ngo bi ngap" and "đường ngõ bị ngập" look
alike and tolerate typos; word n-grams over the text as typed keep what diacritics tell
apart when the citizen did type them ("hỏng" broken vs "hồng" pink).
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from nlu.normalize import features


def _as_typed(text: str) -> str:
    return text


def build_vectorizer() -> FeatureUnion:
    """A fresh, unfitted feature extractor over normalised text."""
    chars = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 5),
        preprocessor=features,
        sublinear_tf=True,
        min_df=1,
        dtype=np.float32,
    )
    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        preprocessor=_as_typed,
        token_pattern=r"(?u)\b\w+\b",
        sublinear_tf=True,
        dtype=np.float32,
    )
    return FeatureUnion([("chars", chars), ("words", words)])
