"""Training once per training-data version: the fitted model is kept on disk.

The key is the SHA-256 of the training files (plus the model version), so editing the
data retrains and nothing else does. A cache that cannot be read — truncated by a full
disk, written by another library version — is ignored and rebuilt, never fatal.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import time
from pathlib import Path

from nlu.classifier.model import MODEL_VERSION, BuiltinClassifier
from nlu.training_data import data_hash, load_training_set, training_files

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """``MOTCUA_NLU_CACHE_DIR``, else ``~/.cache/motcua/nlu``."""
    override = os.environ.get("MOTCUA_NLU_CACHE_DIR", "").strip()
    return Path(override) if override else Path.home() / ".cache" / "motcua" / "nlu"


def cache_path(key: str, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"builtin-{key[:24]}.pkl"


def _read(path: Path, key: str) -> BuiltinClassifier | None:
    try:
        with path.open("rb") as handle:
            model = pickle.load(handle)  # noqa: S301 - our own cache directory
    except FileNotFoundError:
        return None
    except Exception as error:  # any corruption means: retrain
        log.warning("NLU model cache %s unreadable (%s); retraining", path, error)
        return None
    if not isinstance(model, BuiltinClassifier) or model.data_hash != key:
        log.warning("NLU model cache %s does not match the training data; retraining", path)
        return None
    try:
        model.predict("kiểm tra mô hình")  # a pickle of an older class loads but fails here
    except Exception as error:
        log.warning("NLU model cache %s does not work (%s); retraining", path, error)
        return None
    return model


def _write(path: Path, model: BuiltinClassifier) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(model, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:  # a read-only home must not stop the bot
        log.warning("NLU model cache %s not written (%s)", path, error)
        return
    for stale in path.parent.glob("builtin-*.pkl"):  # models of older training data
        if stale != path:
            stale.unlink(missing_ok=True)


def load_or_train(
    files: list[Path] | None = None,
    *,
    directory: Path | None = None,
    force: bool = False,
) -> BuiltinClassifier:
    """The model for the current training files, from cache when possible."""
    paths = training_files() if files is None else files
    if not paths:
        raise RuntimeError("no NLU training files found (nlu/data/*.yml or MOTCUA_NLU_DATA_DIR)")
    key = data_hash(paths, salt=MODEL_VERSION)
    path = cache_path(key, directory)
    if not force:
        cached = _read(path, key)
        if cached is not None:
            return cached
    started = time.perf_counter()
    training = load_training_set(paths)
    model = BuiltinClassifier.train(training.examples, data_hash=key)
    log.info(
        "NLU model trained on %d examples in %.1f s",
        len(training.examples),
        time.perf_counter() - started,
    )
    _write(path, model)
    return model
