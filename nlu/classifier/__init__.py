"""The built-in (embedded) intent and category classifier: features, model, disk cache,
and the keyword baseline it is measured against."""

from __future__ import annotations

from nlu.classifier.cache import load_or_train
from nlu.classifier.model import BuiltinClassifier

__all__ = ["BuiltinClassifier", "load_or_train"]
