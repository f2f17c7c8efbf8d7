"""The simplest sensible baseline: keyword matching, learnt from the same training data.

It exists to be measured against (``benchmarks/nlu_bench.py``): a model has to beat a list
of telling words per label, or its cost is not worth it. For intents and for categories
separately, each label keeps its most frequent folded words among those that occur mostly
(≥ 50%) in its examples; a message gets the label whose words it contains most, and
``out_of_scope`` when it contains no intent word at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from nlu.normalize import features, normalize
from nlu.training_data import Example
from nlu.types import NO_CATEGORY, Prediction

_WORD = re.compile(r"[a-z0-9]+")
_MIN_SHARE = 0.5
Table = dict[str, dict[str, float]]


def _words(text: object) -> set[str]:
    return set(_WORD.findall(features(normalize(text))))


def _table(labelled: Iterable[tuple[str, set[str]]], per_label: int) -> Table:
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for label, words in labelled:
        by_label[label].update(words)
        overall.update(words)
    table: Table = {}
    for label, counts in by_label.items():
        telling = [
            (count, word)
            for word, count in counts.items()
            if count >= 2 and count / overall[word] >= _MIN_SHARE
        ]
        telling.sort(reverse=True)
        table[label] = {word: count / overall[word] for count, word in telling[:per_label]}
    return table


def _best(table: Table, words: set[str]) -> tuple[str | None, float]:
    scores = {
        label: sum(w for word, w in kw.items() if word in words) for label, kw in table.items()
    }
    label, best = max(scores.items(), key=lambda item: item[1], default=(None, 0.0))
    total = sum(scores.values())
    return (label, best / total) if best > 0 and total else (None, 0.0)


class KeywordClassifier:
    def __init__(self, intents: Table, categories: Table) -> None:
        self.intents = intents
        self.categories = categories

    @classmethod
    def train(cls, examples: Sequence[Example], *, per_label: int = 40) -> KeywordClassifier:
        words = [(example, _words(example.text)) for example in examples]
        intents = _table(((e.intent, w) for e, w in words), per_label)
        categories = _table(
            ((e.category, w) for e, w in words if e.category != NO_CATEGORY), per_label
        )
        return cls(intents, categories)

    def predict(self, text: object) -> Prediction:
        words = _words(text)
        intent, intent_share = _best(self.intents, words)
        if intent is None:
            return Prediction("out_of_scope", NO_CATEGORY, 0.0, 0.0, backend="keywords")
        category, category_share = NO_CATEGORY, 1.0
        if intent in ("report", "procedure"):
            found, category_share = _best(self.categories, words)
            category = found or "other"
        confidence = round(intent_share * category_share, 4)
        return Prediction(intent, category, confidence, round(intent_share, 4), backend="keywords")

    def predict_many(self, texts: Iterable[object]) -> list[Prediction]:
        return [self.predict(text) for text in texts]
