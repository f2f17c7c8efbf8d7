"""Reading the project's Rasa 3.x training files (``nlu/data/*.yml``) for the built-in model.

The same files train a Rasa server and the embedded classifier, so this loader accepts what
``rasa train nlu`` accepts: intents named ``report__<category>``/``procedure__<category>``
or a bare intent, entity annotations (``[PA-0123](ticket_code)``,
``[text]{"entity": …}``), and ``synonym:``/``lookup:``/``regex:`` blocks, which it ignores.
A bad block is reported and skipped: one typo must not stop the bot from starting.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nlu.types import CATEGORIES, INTENTS, NO_CATEGORY, Entity

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
_ANNOTATION = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\((?P<paren>[^()]+)\)|(?P<json>\{[^{}]*\}))")
_CATEGORISED = ("report", "procedure")


@dataclass(frozen=True)
class Example:
    """One labelled message, annotations removed; entity offsets refer to ``text``."""

    text: str
    intent: str
    category: str
    entities: tuple[Entity, ...] = ()
    source: str = ""

    @property
    def label(self) -> str:
        """The combined label Rasa uses, e.g. ``report__land`` or ``status``."""
        return f"{self.intent}__{self.category}" if self.category != NO_CATEGORY else self.intent


@dataclass
class TrainingSet:
    examples: list[Example] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def data_dir() -> Path:
    """``MOTCUA_NLU_DATA_DIR`` lets an operator train on a province's own data."""
    override = os.environ.get("MOTCUA_NLU_DATA_DIR", "").strip()
    return Path(override) if override else DEFAULT_DATA_DIR


def training_files(directory: Path | None = None) -> list[Path]:
    """The ``*.yml``/``*.yaml`` files directly in the directory, in a stable order."""
    folder = directory or data_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml"))


def data_hash(files: list[Path], *, salt: str = "") -> str:
    """SHA-256 of names and contents: the key of the model cache."""
    digest = hashlib.sha256(salt.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def split_label(name: str) -> tuple[str, str] | None:
    """``report__land`` → (report, land); ``status`` → (status, none); unknown → None."""
    intent, _, category = name.strip().partition("__")
    if intent not in INTENTS:
        return None
    if intent in _CATEGORISED:
        return (intent, category) if category in CATEGORIES else None
    return (intent, NO_CATEGORY) if not category else None


def _entity_kind(paren: str | None, json_text: str | None) -> str | None:
    if paren is not None:
        return paren.split(":", 1)[0].strip() or None
    try:
        spec = json.loads(json_text or "")
    except ValueError:
        return None
    kind = spec.get("entity") if isinstance(spec, dict) else None
    return kind if isinstance(kind, str) and kind else None


def strip_annotations(line: str) -> tuple[str, tuple[Entity, ...]]:
    """Remove Rasa entity markup; return the plain text and the entity spans in it."""
    parts: list[str] = []
    entities: list[Entity] = []
    position = 0
    length = 0
    for match in _ANNOTATION.finditer(line):
        before = line[position : match.start()]
        parts.append(before)
        length += len(before)
        value = match.group("text")
        kind = _entity_kind(match.group("paren"), match.group("json"))
        if kind:
            entities.append(Entity(kind, value, length, length + len(value)))
        parts.append(value)
        length += len(value)
        position = match.end()
    parts.append(line[position:])
    return "".join(parts), tuple(entities)


def _example_lines(block_text: str) -> list[str]:
    lines = []
    for raw in block_text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("- "):
            lines.append(stripped[2:].strip())
        elif stripped == "-":
            continue
    return [line for line in lines if line]


def load_file(path: Path, into: TrainingSet) -> None:
    """Add one file's intent examples to ``into``; problems are noted, not raised."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        into.problems.append(f"{path.name}: cannot read ({error.__class__.__name__})")
        return
    blocks = document.get("nlu") if isinstance(document, dict) else None
    if not isinstance(blocks, list):
        into.problems.append(f"{path.name}: no 'nlu:' list")
        return
    for number, block in enumerate(blocks, start=1):
        if not isinstance(block, dict) or "intent" not in block:
            continue  # synonym / lookup / regex blocks feed Rasa only
        name = str(block.get("intent"))
        label = split_label(name)
        examples = block.get("examples")
        if label is None:
            into.problems.append(f"{path.name}: block {number}: unknown label {name!r}")
            continue
        if not isinstance(examples, str):
            into.problems.append(f"{path.name}: block {number} ({name}): no examples text")
            continue
        for line in _example_lines(examples):
            text, entities = strip_annotations(line)
            into.examples.append(Example(text, label[0], label[1], entities, path.name))


def load_training_set(files: list[Path] | None = None) -> TrainingSet:
    """All examples of the training files (default: every file in :func:`data_dir`)."""
    result = TrainingSet()
    for path in training_files() if files is None else files:
        load_file(path, result)
    for problem in result.problems:
        log.warning("NLU training data: %s", problem)
    return result
