"""An immutable, ordered collection of procedures with its search index built on demand.

Immutability lets one base be shared by every request and lets overrides return
a new base instead of changing the one other communes are reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from nlu.procedures.bm25 import Bm25Index
from nlu.procedures.schema import Procedure
from nlu.procedures.tokens import document_tokens, syllables

_NONE: NDArray[np.intp] = np.array([], dtype=np.intp)


class ProcedureBase:
    """Procedures keyed by id, in file order; ``index`` ranks them for a question."""

    def __init__(self, procedures: Iterable[Procedure]) -> None:
        items: dict[str, Procedure] = {}
        for proc in procedures:
            if proc.id in items:
                raise ValueError(f"duplicate procedure id {proc.id!r}")
            items[proc.id] = proc
        self._items = items
        self._order: tuple[str, ...] = tuple(items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._items.values())

    def __contains__(self, procedure_id: object) -> bool:
        return procedure_id in self._items

    def get(self, procedure_id: str) -> Procedure | None:
        return self._items.get(procedure_id)

    def __getitem__(self, procedure_id: str) -> Procedure:
        return self._items[procedure_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return self._order

    def by_category(self, category: str) -> list[Procedure]:
        return [proc for proc in self._items.values() if proc.category == category]

    @cached_property
    def index(self) -> Bm25Index:
        return Bm25Index([document_tokens(proc) for proc in self._items.values()])

    def category_numbers(self, category: str) -> NDArray[np.intp]:
        """Index document numbers of one category (for the NLU's category boost)."""
        return self._category_numbers.get(category, _NONE)

    @cached_property
    def _category_numbers(self) -> dict[str, NDArray[np.intp]]:
        groups: dict[str, list[int]] = {}
        for number, proc in enumerate(self._items.values()):
            groups.setdefault(proc.category, []).append(number)
        return {cat: np.array(numbers, dtype=np.intp) for cat, numbers in groups.items()}

    @cached_property
    def name_words(self) -> tuple[frozenset[str], ...]:
        """Folded words of each name, by index document number."""
        return tuple(frozenset(syllables(proc.name_vi)) for proc in self._items.values())

    def with_entries_of(self, procedures: Iterable[Procedure]) -> ProcedureBase:
        """A base with changed details but the same ids, names, keywords and
        questions in the same order: it reuses this base's search index."""
        twin = ProcedureBase(procedures)
        if twin.ids != self.ids:
            raise ValueError("with_entries_of needs the same procedures in the same order")
        for name in ("index", "name_words", "_category_numbers"):
            if name in self.__dict__:
                twin.__dict__[name] = self.__dict__[name]
        return twin

    def at(self, position: int) -> Procedure:
        """The procedure behind an index document number."""
        return self._items[self._order[position]]
