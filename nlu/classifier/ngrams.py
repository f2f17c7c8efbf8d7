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
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

UNKNOWN = -1
Preprocess = Callable[[str], str]


class Cutter(Protocol):
    """The known n-grams of a batch of documents, as (row, column) pairs, repeats included."""

    def columns(self, documents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]: ...


class _OneByOne:
    """Batch ``columns`` from a per-document ``extend``."""

    def extend(self, document: str, out: list[int]) -> None:
        raise NotImplementedError

    def columns(self, documents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        found: list[int] = []
        sizes: list[int] = []
        for document in documents:
            before = len(found)
            self.extend(document, found)
            sizes.append(len(found) - before)
        column = np.asarray(found, dtype=np.int64)
        row = np.repeat(np.arange(len(documents), dtype=np.int64), sizes)
        known = column != UNKNOWN
        return row[known], column[known]


def _unchanged(text: str) -> str:
    return text


class CharColumns(_OneByOne):
    """``analyzer="char"``: white-space runs squeezed, then every n-gram of every length.

    A batch is cut in numpy: each character becomes its number in the vocabulary's alphabet
    (0 for any other character, which no known n-gram contains) and each n-gram the number
    whose digits in base ``len(alphabet) + 1`` are its characters. That numbering is
    one-to-one, so finding it among the vocabulary's numbers is an exact lookup, not a hash.
    """

    def __init__(self, vocabulary: dict[str, int], low: int, high: int, spaces: str) -> None:
        self.vocabulary = vocabulary
        self.low = low
        self.high = high
        self.spaces = re.compile(spaces)
        alphabet = sorted({ch for gram in vocabulary for ch in gram})
        self.base = len(alphabet) + 1
        self.keys: np.ndarray | None = None
        if not alphabet or self.base ** max(high, 1) >= 2**62:
            return  # numbers would overflow: cut one document at a time
        self.digits = np.zeros(ord(alphabet[-1]) + 1, dtype=np.int64)
        self.digits[[ord(ch) for ch in alphabet]] = np.arange(1, self.base)
        grams = list(vocabulary)
        keys = np.array([self._number(gram) for gram in grams], dtype=np.int64)
        order = np.argsort(keys)
        self.keys = keys[order]
        self.targets = np.array([vocabulary[g] for g in grams], dtype=np.int64)[order]
        # a character outside the alphabet keeps documents apart in the joined batch
        self.separator = next(chr(c) for c in range(32, 0x110000) if chr(c) not in alphabet)

    def _number(self, gram: str) -> int:
        return sum(int(self.digits[ord(ch)]) * self.base**i for i, ch in enumerate(gram))

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

    def columns(self, documents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if self.keys is None:
            return super().columns(documents)
        texts = [self.spaces.sub(" ", document) for document in documents]
        joined = self.separator.join(texts)
        points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        inside = points < len(self.digits)
        digit = np.where(inside, self.digits[np.where(inside, points, 0)], 0)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths + 1)[: len(digit)]
        rows: list[np.ndarray] = []
        columns: list[np.ndarray] = []
        number = np.zeros(len(digit), dtype=np.int64)
        whole = np.ones(len(digit), dtype=bool)
        for n in range(1, self.high + 1):
            size = len(digit) - n + 1
            if size <= 0:
                break
            tail = digit[n - 1 :]
            number = number[:size] + tail * self.base ** (n - 1)
            whole = whole[:size] & (tail != 0)
            if n < self.low:
                continue
            at = np.flatnonzero(whole)
            found = np.searchsorted(self.keys, number[at])
            found[found == len(self.keys)] = 0
            hit = self.keys[found] == number[at]
            rows.append(row_of[at[hit]])
            columns.append(self.targets[found[hit]])
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(rows), np.concatenate(columns)


class WordColumns(_OneByOne):
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


class AnalyzerColumns(_OneByOne):
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
