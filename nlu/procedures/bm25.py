"""Okapi BM25, written out because the knowledge base is small and a dependency
would cost more than these lines. Each term's postings are precomputed weight
arrays, so a question costs one vectorised add per word: the 5 ms budget holds
at 1,000 procedures."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray


class Bm25Index:
    """Ranks documents (token lists) for a query; ``k1`` and ``b`` are the usual knobs."""

    def __init__(self, docs: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.6) -> None:
        self.size = len(docs)
        lengths = [len(doc) for doc in docs]
        avg = (sum(lengths) / self.size) if self.size else 1.0
        freq: Counter[str] = Counter()
        for doc in docs:
            freq.update(set(doc))
        self._idf = {term: self._idf_of(df) for term, df in freq.items()}
        self._unseen_idf = self._idf_of(0)
        lists: dict[str, tuple[list[int], list[float]]] = {}
        self._doc_terms: list[frozenset[str]] = []
        for number, doc in enumerate(docs):
            norm = k1 * (1.0 - b + b * (lengths[number] / avg if avg else 1.0))
            counts = Counter(doc)
            self._doc_terms.append(frozenset(counts))
            for term, tf in counts.items():
                numbers, weights = lists.setdefault(term, ([], []))
                numbers.append(number)
                weights.append(self._idf[term] * tf * (k1 + 1.0) / (tf + norm))
        self._postings: dict[str, tuple[NDArray[np.intp], NDArray[np.float64]]] = {
            term: (np.array(numbers, dtype=np.intp), np.array(weights, dtype=np.float64))
            for term, (numbers, weights) in lists.items()
        }

    def _idf_of(self, df: int) -> float:
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def idf(self, term: str) -> float:
        """Rarity of a term; a term never seen counts as the rarest possible."""
        return self._idf.get(term, self._unseen_idf)

    def scores(self, query: Sequence[str]) -> NDArray[np.float64]:
        """One score per document (0 where no query term occurs)."""
        totals = np.zeros(self.size, dtype=np.float64)
        for term in set(query):
            posting = self._postings.get(term)
            if posting is not None:
                totals[posting[0]] += posting[1]
        return totals

    def coverage(self, query: Sequence[str], number: int) -> float:
        """Share of the query's rarity that document ``number`` contains (0..1):
        low coverage means the words that matter were not found."""
        terms = set(query)
        total = sum(self.idf(term) for term in terms)
        if total <= 0.0:
            return 0.0
        found = sum(self.idf(term) for term in terms if term in self._doc_terms[number])
        return found / total
