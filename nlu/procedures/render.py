"""The answer card: what a citizen needs to make one trip, in plain Vietnamese.

The text is plain with line breaks and HTML-escaped, so each channel can send it
as is (Telegram HTML mode, Zalo plain text). Values the reference marks
uncertain carry a "confirm at the desk" note instead of being stated as fact.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from nlu.procedures import texts
from nlu.procedures.overrides import apply_to_procedure
from nlu.procedures.schema import Procedure


def _esc(value: str) -> str:
    return html.escape(value, quote=False)


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def fee_text(proc: Procedure) -> str:
    if proc.fee_vnd is None:
        base = texts.FEE_LOCAL if proc.fee_note is None else _esc(proc.fee_note)
        return base
    base = (
        texts.FEE_FREE
        if proc.fee_vnd == 0
        else texts.FEE_AMOUNT.format(amount=_money(proc.fee_vnd))
    )
    return base if proc.fee_note is None else f"{base} ({_esc(proc.fee_note)})"


def time_text(proc: Procedure) -> str:
    days = proc.processing_time_days
    if days is None:
        return texts.TIME_VARIES
    if days == 0:
        return texts.TIME_SAME_DAY
    template = texts.TIME_WORKING_DAYS if proc.working_days else texts.TIME_DAYS
    return template.format(days=days)


def _flag(proc: Procedure, *names: str) -> str:
    return texts.CHECK if any(name in proc.uncertain for name in names) else ""


def _online_line(proc: Procedure) -> str:
    if not proc.online:
        return texts.OFFLINE
    ways = [_esc(proc.online_url)] if proc.online_url else []
    if proc.vneid:
        ways.append(texts.ONLINE_VNEID)
    return texts.ONLINE + texts.ONLINE_OR.join(ways) + _flag(proc, "online", "online_url")


def render_answer(proc: Procedure, overrides: Sequence[Mapping[str, Any]] | None = None) -> str:
    """The card text for ``proc``; ``overrides`` (raw dicts, as stored) add the
    citizen's own desk details when the caller has not merged them already."""
    if overrides:
        proc = apply_to_procedure(proc, overrides)
    lines = [_esc(proc.name_vi)]
    if proc.summary_vi:
        lines.append(_esc(proc.summary_vi))
    lines += ["", texts.PAPERS + _flag(proc, "documents")]
    lines += [texts.BULLET + _esc(doc) for doc in proc.documents]
    lines.append("")
    lines.append(texts.FEE + fee_text(proc) + _flag(proc, "fee_vnd", "fee_note"))
    lines.append(
        texts.TIME + time_text(proc) + _flag(proc, "processing_time_days", "working_days")
    )
    where = texts.FILED_AT[proc.filed_at]
    lines.append(texts.WHERE + where + _flag(proc, "filed_at", "department"))
    for label, value in (
        (texts.ADDRESS, proc.desk_address),
        (texts.HOURS, proc.opening_hours),
        (texts.PHONE, proc.phone),
    ):
        if value:
            lines.append(label + _esc(value))
    lines.append(_online_line(proc))
    lines += [texts.NOTE + _esc(note) for note in proc.local_notes]
    if proc.uncertain:
        lines += ["", texts.UNCERTAIN_FOOTER]
    lines += ["", texts.LEGAL + _esc(proc.legal_basis) + _flag(proc, "legal_basis")]
    lines.append(texts.UPDATED.format(date=proc.last_checked.strftime(texts.DATE_FORMAT)))
    return "\n".join(lines)
