"""The built-in classifier: one model for the intent, one for the category.

The category model learns from reports and procedure questions together, because "sổ đỏ"
means land whether the citizen complains or asks; the pair's confidence is the product of
the two calibrated probabilities. A linear SVM is the most accurate of the light models on
short texts; Platt scaling (sigmoid, fitted on held-out folds) turns its margins into
probabilities the bot can compare with a threshold when it decides to ask back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import LinearSVC

from nlu.classifier.compiled import Features, LinearHead
from nlu.classifier.features import build_vectorizer
from nlu.normalize import has_letters, normalize, normalize_cleaned
from nlu.text import fold
from nlu.training_data import Example
from nlu.types import NO_CATEGORY, Prediction

# Bump when features or model change: it is part of the cache key.
MODEL_VERSION = "builtin-7"
TOP_K = 3
_CATEGORISED = frozenset({"report", "procedure"})
# Texts vectorised together: memory stays flat for any batch, and each text's folded form
# (computed by the letter check) is still in ``features``' cache when the n-grams need it.
CHUNK = 512


def no_content_prediction(backend: str = "builtin") -> Prediction:
    """For text with nothing to read (empty, emoji, another script): not our matter."""
    return Prediction(
        intent="out_of_scope",
        category=NO_CATEGORY,
        confidence=1.0,
        intent_confidence=1.0,
        backend=backend,
    )


def _augment(examples: Sequence[Example]) -> tuple[list[str], list[str], list[str]]:
    """Normalised texts, intents, categories; each accented example is also added folded,
    so word features learn the unaccented spelling that about half of citizens type."""
    texts: list[str] = []
    intents: list[str] = []
    categories: list[str] = []
    for example in examples:
        normalized = normalize(example.text)
        variants = {normalized, fold(normalized)}
        for variant in sorted(variants):
            texts.append(variant)
            intents.append(example.intent)
            categories.append(example.category)
    return texts, intents, categories


def _calibrated_svm(c: float, *, balanced: bool) -> CalibratedClassifierCV:
    """Few status or smalltalk examples face many reports: the intent model weighs classes
    by their inverse frequency so that the small intents are not drowned."""
    svm = LinearSVC(C=c, class_weight="balanced" if balanced else None)
    return CalibratedClassifierCV(svm, method="sigmoid", cv=3, ensemble=False)


class BuiltinClassifier:
    """A trained model, reduced to arrays; pickled whole into the cache."""

    def __init__(
        self,
        features: Features,
        intent_head: LinearHead,
        category_head: LinearHead,
        data_hash: str = "",
    ) -> None:
        self.features = features
        self.intent_head = intent_head
        self.category_head = category_head
        self.data_hash = data_hash
        self.version = MODEL_VERSION

    @classmethod
    def train(cls, examples: Sequence[Example], *, data_hash: str = "") -> BuiltinClassifier:
        """Fit on labelled examples; needs at least two intents and two categories."""
        texts, intents, categories = _augment(examples)
        if len(set(intents)) < 2:
            raise ValueError("training data needs at least two intents")
        vectorizer = build_vectorizer()
        matrix = vectorizer.fit_transform(texts)
        intent_model = _calibrated_svm(0.5, balanced=True).fit(matrix, intents)
        rows = [i for i, intent in enumerate(intents) if intent in _CATEGORISED]
        labels = [categories[i] for i in rows]
        if len(set(labels)) < 2:
            raise ValueError("training data needs reports or procedures in two categories")
        category_model = _calibrated_svm(1.0, balanced=False).fit(matrix[rows], labels)
        return cls(
            Features(vectorizer), LinearHead(intent_model), LinearHead(category_model), data_hash
        )

    @property
    def intents(self) -> tuple[str, ...]:
        return self.intent_head.classes

    @property
    def categories(self) -> tuple[str, ...]:
        return self.category_head.classes

    def predict(self, text: object) -> Prediction:
        return self.predict_many([text])[0]

    def predict_many(self, texts: Iterable[object], *, cleaned: bool = False) -> list[Prediction]:
        """Batch prediction: one vectorisation and two matrix products per chunk of texts.
        ``cleaned=True`` skips ``clean`` for texts the caller has cleaned already."""
        if cleaned:
            normalized = [normalize_cleaned(str(text)) for text in texts]
        else:
            normalized = [normalize(text) for text in texts]
        results: list[Prediction] = []
        for start in range(0, len(normalized), CHUNK):
            results += self._predict_chunk(normalized[start : start + CHUNK])
        return results

    def _predict_chunk(self, normalized: list[str]) -> list[Prediction]:
        readable = [i for i, text in enumerate(normalized) if has_letters(text)]
        results: list[Prediction] = [no_content_prediction()] * len(normalized)
        if not readable:
            return results
        matrix = self.features.transform([normalized[i] for i in readable])
        intent_probs = self.intent_head.proba(matrix)
        category_probs = self.category_head.proba(matrix)
        for row, index in enumerate(readable):
            results[index] = self._prediction(intent_probs[row], category_probs[row])
        return results

    def _prediction(self, intent_row: Any, category_row: Any) -> Prediction:
        best_intent = int(np.argmax(intent_row))
        intent = self.intents[best_intent]
        intent_confidence = float(intent_row[best_intent])
        order = np.argsort(category_row)[::-1][:TOP_K]
        top = tuple((self.categories[i], round(float(category_row[i]), 4)) for i in order)
        if intent in _CATEGORISED:
            category = top[0][0]
            confidence = intent_confidence * float(category_row[order[0]])
        else:
            category = NO_CATEGORY
            confidence = intent_confidence
        return Prediction(
            intent=intent,
            category=category,
            confidence=round(min(max(confidence, 0.0), 1.0), 4),
            intent_confidence=round(min(max(intent_confidence, 0.0), 1.0), 4),
            top_categories=top,
        )
