"""How fast working-time arithmetic is, for the scheduler's scans and ticket creation.

Run: .venv/bin/python benchmarks/working_time_bench.py [n]
Prints operations per second; no thresholds (figures, not tests).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from handlers.working_time import (
    DEFAULT_POLICIES,
    PRIORITIES,
    WorkCalendar,
    compute_deadlines,
    overdue_level,
    priority_for,
    reminder_time,
    shift_for_pause,
)
from handlers.working_time.texts import VN_TZ


def timed(label: str, n: int, action: Callable[[int], object]) -> None:
    started = time.perf_counter()
    for i in range(n):
        action(i)
    elapsed = time.perf_counter() - started
    print(f"{label:<44} {n:>8} ops  {elapsed:7.3f} s  {n / elapsed:>10,.0f} ops/s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(6)
    origin = datetime(2025, 1, 1, tzinfo=VN_TZ)
    moments = [origin + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)) for _ in range(n)]
    categories = sorted({category for category, _ in DEFAULT_POLICIES})
    started = time.perf_counter()
    cal = WorkCalendar.default()
    for year in (2025, 2026, 2027, 2028):
        cal.holidays_in(year)
    print(f"calendar load + 4 years of holidays: {time.perf_counter() - started:.3f} s")

    timed("is_working_day", n, lambda i: cal.is_working_day(moments[i].date()))
    timed("add_working_hours(8)", n, lambda i: cal.add_working_hours(moments[i], 8))
    timed("add_working_days(10)", n, lambda i: cal.add_working_days(moments[i], 10))
    timed(
        "compute_deadlines (random category/priority)",
        n,
        lambda i: compute_deadlines(
            moments[i], categories[i % len(categories)], PRIORITIES[i % 3], cal
        ),
    )
    timed(
        "working_seconds_between (≈2 weeks)",
        n,
        lambda i: cal.working_seconds_between(moments[i], moments[i] + timedelta(days=14)),
    )
    timed(
        "reminder_time(0.8) over 5 WD",
        n,
        lambda i: reminder_time(moments[i], cal.add_working_days(moments[i], 5), 0.8, cal),
    )
    timed(
        "overdue_level (≈1 month overdue)",
        n,
        lambda i: overdue_level(moments[i], moments[i] + timedelta(days=30), cal),
    )
    timed(
        "shift_for_pause (3-day pause)",
        n,
        lambda i: shift_for_pause(
            moments[i] + timedelta(days=7), moments[i], moments[i] + timedelta(days=3), cal
        ),
    )
    text = "Đường ngõ 10 Tây Mỗ ngập nước 3 ngày chưa rút, rác thải bốc mùi " * 4
    texts = [f"{text} {i}" for i in range(n)]
    timed("priority_for (≈260-char report)", n, lambda i: priority_for(texts[i]))


if __name__ == "__main__":
    main()
