"""How good the built-in classifier is: cross-validation on the training data and scores
on a labelled set kept apart from it (the held-out file).

Cross-validation alone flatters a model trained on one team's wording, which is why
``score_labelled`` exists and the held-out targets are checked in the tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from nlu.classifier.model import BuiltinClassifier
from nlu.text import fold
from nlu.training_data import Example
from nlu.types import CATEGORIES, INTENTS, NO_CATEGORY, Prediction


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Mistake:
    text: str
    expected: str
    predicted: str
    confidence: float


@dataclass
class EvalReport:
    """Scores of predictions against gold labels, split the way the targets are stated."""

    count: int
    intent_accuracy: float
    category_macro_f1: float
    category_macro_f1_accented: float | None
    category_macro_f1_unaccented: float | None
    per_label: list[LabelScore] = field(default_factory=list)
    intent_confusion: list[list[int]] = field(default_factory=list)
    worst: list[Mistake] = field(default_factory=list)


def has_diacritics(text: str) -> bool:
    """True when folding changes the text, i.e. the citizen typed accents."""
    return fold(text) != " ".join(text.lower().split())


def _label(intent: str, category: str) -> str:
    return f"{intent}__{category}" if category != NO_CATEGORY else intent


def _macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float | None:
    if not gold:
        return None
    return float(f1_score(gold, predicted, average="macro", zero_division=0))


def score(
    texts: Sequence[str],
    gold: Sequence[tuple[str, str]],
    predictions: Sequence[Prediction],
    *,
    accented: Sequence[bool] | None = None,
    worst: int = 15,
) -> EvalReport:
    """Intent accuracy, category macro-F1 (all, with and without diacritics), per-label
    precision/recall/F1 over combined labels, intent confusion and confident mistakes."""
    flags = list(accented) if accented is not None else [has_diacritics(t) for t in texts]
    gold_intents = [intent for intent, _ in gold]
    gold_categories = [category for _, category in gold]
    predicted_categories = [p.category for p in predictions]
    split = {
        flag: (
            [g for g, f in zip(gold_categories, flags, strict=True) if f is flag],
            [p for p, f in zip(predicted_categories, flags, strict=True) if f is flag],
        )
        for flag in (True, False)
    }
    gold_labels = [_label(i, c) for i, c in gold]
    predicted_labels = [_label(p.intent, p.category) for p in predictions]
    names = sorted(set(gold_labels) | set(predicted_labels))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold_labels, predicted_labels, labels=names, zero_division=0
    )
    per_label = [
        LabelScore(name, float(p), float(r), float(f), int(s))
        for name, p, r, f, s in zip(names, precision, recall, f1, support, strict=True)
    ]
    index = {intent: i for i, intent in enumerate(INTENTS)}
    confusion = [[0] * len(INTENTS) for _ in INTENTS]
    for expected, prediction in zip(gold_intents, predictions, strict=True):
        if expected in index:
            confusion[index[expected]][index[prediction.intent]] += 1
    mistakes = [
        Mistake(text, expected, got, prediction.confidence)
        for text, expected, got, prediction in zip(
            texts, gold_labels, predicted_labels, predictions, strict=True
        )
        if expected != got
    ]
    mistakes.sort(key=lambda m: m.confidence, reverse=True)
    return EvalReport(
        count=len(texts),
        intent_accuracy=float(
            accuracy_score(gold_intents, [p.intent for p in predictions]) if texts else 0.0
        ),
        category_macro_f1=_macro_f1(gold_categories, predicted_categories) or 0.0,
        category_macro_f1_accented=_macro_f1(*split[True]),
        category_macro_f1_unaccented=_macro_f1(*split[False]),
        per_label=per_label,
        intent_confusion=confusion,
        worst=mistakes[:worst],
    )


def cross_validate(
    examples: Sequence[Example],
    *,
    folds: int = 5,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> EvalReport:
    """Stratified k-fold over the combined labels; each example predicted once, unseen."""
    labels = [e.label for e in examples]
    smallest = min((labels.count(label) for label in set(labels)), default=0)
    folds = max(2, min(folds, smallest))
    predictions: list[Prediction | None] = [None] * len(examples)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for number, (train, test) in enumerate(splitter.split(labels, labels), start=1):
        model = BuiltinClassifier.train([examples[i] for i in train])
        for i, prediction in zip(
            test, model.predict_many([examples[i].text for i in test]), strict=True
        ):
            predictions[i] = prediction
        if progress is not None:
            progress(number)
    done = [p for p in predictions if p is not None]
    return score([e.text for e in examples], [(e.intent, e.category) for e in examples], done)


@dataclass(frozen=True)
class LabelledRow:
    text: str
    intent: str
    category: str
    accented: bool
    ward_code: str | None = None


def read_labelled(path: Path) -> list[LabelledRow]:
    """Rows of a JSONL file with ``text``, ``intent``, ``category`` (and optional
    ``diacritics``, ``ward_code``); rows with labels outside the taxonomy raise."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        intent, category = item["intent"], item.get("category") or NO_CATEGORY
        if intent not in INTENTS or (category not in CATEGORIES and category != NO_CATEGORY):
            raise ValueError(f"{path.name}:{number}: label {intent}/{category} not in taxonomy")
        flag = item.get("diacritics")
        accented = bool(flag) if isinstance(flag, bool) else has_diacritics(item["text"])
        rows.append(LabelledRow(item["text"], intent, category, accented, item.get("ward_code")))
    return rows


def score_labelled(rows: Sequence[LabelledRow], predictions: Sequence[Prediction]) -> EvalReport:
    return score(
        [r.text for r in rows],
        [(r.intent, r.category) for r in rows],
        predictions,
        accented=[r.accented for r in rows],
    )
