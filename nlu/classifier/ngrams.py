"""A text's n-grams as vocabulary columns, cut exactly as scikit-learn's analyzers cut them.

scikit-learn builds a list of every n-gram string and the caller then counts them in a
``Counter``: most of the classifier's time per message. Here each n-gram is looked up in the
vocabulary as it is cut, inside C-level ``map`` loops, and unknown ones come out as
``UNKNOWN`` for numpy to drop; counting is left to one numpy call per batch. Only the
settings our vectorizers use are reproduced (``char`` and ``word`` analyzers with their own
preprocessor, no stop words, no custom tokenizer); any other vectorizer keeps scikit-learn's
analyzer, so the columns are always the ones scikit-learn would count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from typing import Any, Protocol

from sklearn.feature_extraction.text import TfidfVectorizer

UNKNOWN = -1
Preprocess = Callable[[str], str]


class Cutter(Protocol):
    """Appends the column of every n-gram of a document (``UNKNOWN`` for unseen ones)."""

    def extend(self, document: str, out: list[int]) -> None: ...


def _unchanged(text: str) -> str:
    return text


class CharColumns:
    """``analyzer="char"``: white-space runs squeezed, then every n-gram of every length."""

    def __init__(self, vocabulary: dict[str, int], low: int, high: int, spaces: str) -> None:
        self.vocabulary = vocabulary
        self.low = low
        self.high = high
        self.spaces = re.compile(spaces)

    def extend(self, document: str, out: list[int]) -> None:
        text = self.spaces.sub(" ", document)
        length = len(text)
        get = self.vocabulary.get
        low = self.low
        if low == 1:
            out.extend(map(get, text, repeat(UNKNOWN)))
            low = 2
        cut = text.__getitem__
        for n in range(low, min(self.high + 1, length + 1)):
            count = length - n + 1
            grams = map(cut, map(slice, range(count), range(n, n + count)))
            out.extend(map(get, grams, repeat(UNKNOWN)))


class WordColumns:
    """``analyzer="word"``: tokens by the token pattern, then n-grams joined by one space."""

    def __init__(self, vocabulary: dict[str, int], low: int, high: int, pattern: str) -> None:
        self.vocabulary = vocabulary
        self.low = low
        self.high = high
        self.tokens = re.compile(pattern)

    def extend(self, document: str, out: list[int]) -> None:
        tokens = self.tokens.findall(document)
        get = self.vocabulary.get
        low = self.low
        if low == 1 or self.high == 1:
            out.extend(map(get, tokens, repeat(UNKNOWN)))
            low = 2
        for n in range(low, min(self.high + 1, len(tokens) + 1)):
            grams = map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False))
            out.extend(map(get, grams, repeat(UNKNOWN)))


class AnalyzerColumns:
    """Any other vectorizer: scikit-learn's own analyzer, then the vocabulary."""

    def __init__(self, vocabulary: dict[str, int], vectorizer: TfidfVectorizer) -> None:
        self.vocabulary = vocabulary
        self.vectorizer = vectorizer
        self._analyze: Callable[[str], list[str]] | None = None

    def extend(self, document: str, out: list[int]) -> None:
        if self._analyze is None:
            self._analyze = self.vectorizer.build_analyzer()
        out.extend(map(self.vocabulary.get, self._analyze(document), repeat(UNKNOWN)))

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_analyze": None}  # a partial of bound methods: rebuilt


def cutter_for(
    vectorizer: TfidfVectorizer, vocabulary: dict[str, int]
) -> tuple[Preprocess, Cutter]:
    """The preprocessor to run first (shared between blocks that use the same one) and the
    cutter for the preprocessed text; the fallback takes the raw text."""
    low, high = (int(n) for n in vectorizer.ngram_range)
    preprocessor = vectorizer.preprocessor
    plain = (
        callable(preprocessor)
        and vectorizer.input == "content"
        and vectorizer.stop_words is None
        and vectorizer.tokenizer is None
    )
    if plain and vectorizer.analyzer == "char":
        spaces = vectorizer._white_spaces.pattern
        return preprocessor, CharColumns(vocabulary, low, high, spaces)
    if plain and vectorizer.analyzer == "word":
        pattern = vectorizer.token_pattern
        if re.compile(pattern).groups <= 1:
            return preprocessor, WordColumns(vocabulary, low, high, pattern)
    return _unchanged, AnalyzerColumns(vocabulary, vectorizer)
