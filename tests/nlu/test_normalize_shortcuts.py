"""``clean`` and ``expand`` skip work that would change nothing; they must still return
exactly what the plain, step-by-step versions below return, for any text."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nlu import normalize as n
from nlu.teencode import _DOTTED, WORDS, _expand_dotted, expand
from nlu.text import nfc

_WORD = re.compile(r"\w+")


def plain_expand(text: str) -> str:
    text = _DOTTED.sub(_expand_dotted, text)
    return _WORD.sub(lambda m: WORDS.get(m.group(0).lower(), m.group(0)), text)


def plain_clean(text: str) -> str:
    raw = n.coerce(text)[: n.MAX_INPUT_CHARS]
    if "<" in raw:
        raw = n._SCRIPT_STYLE.sub(" ", raw)
        raw = n._HTML_TAG.sub(" ", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    raw = nfc(raw)
    if not raw.isprintable():
        raw = "".join(n._keep_char(ch) for ch in raw)
    raw = n._LONG_WORD.sub(n._shorten, raw)
    raw = n._REPEATED_PUNCT.sub(r"\1", raw)
    raw = n._DOTS.sub("...", raw)
    raw = re.sub(r"[^\S\n]+", " ", raw)
    raw = n._SPACE_BEFORE_PUNCT.sub(r"\1", raw)
    raw = re.sub(r"\s*\n\s*", "\n", raw)
    return raw.strip()


PIECES = [*WORDS, *(w.upper() for w in WORDS), "P.", "q.", "Tx.", "ko", "Ko", "KO", "k", "K"]
PIECES += ["đường", "ngõ", "quáaaa", "CCCD", "!!!", "...", "  ", "\t", "\n", " \n ", ",", "x"]
PIECES += ["\u200b", "&amp;", "<b>", "</b>", "ﬀ", "İ", "ſ", "K", "kỳ", "ko1", "_k", "dc."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_expand_is_the_word_by_word_replacement(text: str) -> None:
    assert expand(text) == plain_expand(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join))
def test_clean_is_the_step_by_step_cleaning(text: str) -> None:
    assert n.clean(text) == plain_clean(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_cleans_and_expands_as_before(text: str) -> None:
    assert n.clean(text) == plain_clean(text)
    assert expand(text) == plain_expand(text)


def test_short_forms_still_expand() -> None:
    assert expand("Ko dc, UBND P. Tây Mỗ") == "không được, ủy ban nhân dân phường Tây Mỗ"
    assert n.clean("nuoccc   đẹp\t!!!\n\n  ok") == "nuoc đẹp!\nok"
