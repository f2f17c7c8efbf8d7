"""The fitted model reduced to arrays, so one message costs well under a millisecond.

scikit-learn's ``transform``/``predict_proba`` spend most of their time validating input,
which is right for a batch and far too slow for one chat message (the target is p99 ≤ 5 ms).
After training we keep only what the arithmetic needs — vocabularies, idf weights, the SVM
weights and the sigmoid calibration — and compute exactly what scikit-learn would.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]
from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import FeatureUnion

from nlu.classifier.ngrams import Cutter, Preprocess, cutter_for

# Above this many n-grams in a batch, scipy counts them faster than one numpy sort.
_SCIPY_COUNTS = 50_000


class Features:
    """The feature union's ``transform`` (sublinear tf × idf, l2 norm per block): Python only
    cuts n-grams into column numbers (``ngrams``); counting and arithmetic are numpy, once
    per batch. Blocks that share a preprocessor (the folded text) get it computed once."""

    def __init__(self, union: FeatureUnion) -> None:
        steps: dict[Preprocess, list[Cutter]] = {}
        idf: list[np.ndarray] = []
        starts: list[int] = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            vocabulary = {str(k): int(v) + offset for k, v in vectorizer.vocabulary_.items()}
            vectorizer.stop_words_ = None  # pruned terms are not needed to predict
            preprocess, cutter = cutter_for(vectorizer, vocabulary)
            steps.setdefault(preprocess, []).append(cutter)
            idf.append(np.asarray(vectorizer.idf_, dtype=np.float32))
            starts.append(offset)
            offset += len(vocabulary)
        self.steps: list[tuple[Preprocess, list[Cutter]]] = list(steps.items())
        self.idf = np.concatenate(idf)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.width = offset

    def columns(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every known n-gram of every text: (row, column) pairs, repeats included."""
        rows: list[np.ndarray] = []
        columns: list[np.ndarray] = []
        for preprocess, cutters in self.steps:
            documents = [preprocess(text) for text in texts]
            for cutter in cutters:
                row, column = cutter.columns(documents)
                rows.append(row)
                columns.append(column)
        return np.concatenate(rows), np.concatenate(columns)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        rows = len(texts)
        row, column = self.columns(texts)
        if len(column) > _SCIPY_COUNTS:  # scipy sorts row by row: faster for big batches
            ones = np.ones(len(column), dtype=np.float32)
            counted = csr_matrix((ones, (row, column)), shape=(rows, self.width))
            counted.sum_duplicates()
            column, counts = counted.indices.astype(np.int64), counted.data
            row = np.repeat(np.arange(rows, dtype=np.int64), np.diff(counted.indptr))
        else:  # one sort costs less than building a scipy matrix for a few messages
            cell, how_many = np.unique(row * self.width + column, return_counts=True)
            row, column = np.divmod(cell, self.width)
            counts = how_many.astype(np.float32)
        weight = (1.0 + np.log(counts)) * self.idf[column]
        blocks = len(self.starts)
        group = row * blocks + np.searchsorted(self.starts, column, side="right") - 1
        norms = np.sqrt(np.bincount(group, weights=weight * weight, minlength=rows * blocks))
        weight = (weight / norms[group]).astype(np.float32)
        pointer = np.zeros(rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=rows), out=pointer[1:])
        return csr_matrix((weight, column, pointer), shape=(rows, self.width))


class LinearHead:
    """A one-vs-rest linear SVM with per-class sigmoid calibration, as arrays."""

    def __init__(self, model: CalibratedClassifierCV) -> None:
        (calibrated,) = model.calibrated_classifiers_
        svm = calibrated.estimator
        self.classes: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        self.weights = np.ascontiguousarray(svm.coef_.T, dtype=np.float32)
        self.bias = np.asarray(svm.intercept_, dtype=np.float32)
        self.slope = np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64)
        self.shift = np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64)

    def proba(self, matrix: csr_matrix) -> np.ndarray:
        decision = np.asarray(matrix @ self.weights, dtype=np.float64) + self.bias
        calibrated: np.ndarray = expit(-(self.slope * decision + self.shift))
        if len(self.classes) == 2:
            return np.hstack([1.0 - calibrated, calibrated])
        total = calibrated.sum(axis=1, keepdims=True)
        uniform = np.full_like(calibrated, 1.0 / len(self.classes))
        normalized: np.ndarray = np.divide(calibrated, total, out=uniform, where=total != 0)
        return normalized
