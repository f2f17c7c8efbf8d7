"""Vietnam's working calendar for state bodies, and time arithmetic over it.

Deadlines for officials only run while the office is open: Monday–Friday,
minus public holidays and the government's yearly swaps, within office hours.
All inputs are aware datetimes in any zone; results are aware UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

from handlers.working_time.overrides import CalendarOverrides, load_overrides
from handlers.working_time.texts import (
    ERR_EXCEPTION_CONFLICT,
    ERR_NAIVE_DATETIME,
    ERR_NEGATIVE_AMOUNT,
    ERR_NO_WORKING_DAY,
    ERR_OFFICE_HOURS,
    ERR_OUT_OF_RANGE,
    VN_TZ,
)

# A calendar with no working day in this many days is broken, not slow.
_MAX_GAP_DAYS = 3660
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Opening hours of a commune office; the lunch break is optional."""

    start: time = time(7, 30)
    end: time = time(17, 0)
    lunch: tuple[time, time] | None = None

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(ERR_OFFICE_HOURS.format(detail=f"{self.start} ≥ {self.end}"))
        if self.lunch is not None:
            lunch_start, lunch_end = self.lunch
            if not self.start < lunch_start < lunch_end < self.end:
                detail = f"lunch {lunch_start}–{lunch_end}"
                raise ValueError(ERR_OFFICE_HOURS.format(detail=detail))

    def periods(self) -> tuple[tuple[time, time], ...]:
        """Half-open [start, end) stretches of work within one day."""
        if self.lunch is None:
            return ((self.start, self.end),)
        return ((self.start, self.lunch[0]), (self.lunch[1], self.end))


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(ERR_NAIVE_DATETIME)
    return dt


@dataclass(frozen=True)
class WorkCalendar:
    """Which days and hours count; immutable, so one instance can be shared freely."""

    office_hours: OfficeHours = OfficeHours()
    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    removed_holidays: frozenset[date] = frozenset()
    removed_every_year: frozenset[tuple[int, int]] = frozenset()
    tz: ZoneInfo = VN_TZ
    _holiday_cache: dict[int, frozenset[date]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def default(cls, office_hours: OfficeHours | None = None) -> WorkCalendar:
        """The national calendar: package holidays plus the shipped override file."""
        return cls.from_overrides(load_overrides(), office_hours)

    @classmethod
    def from_overrides(
        cls, overrides: CalendarOverrides, office_hours: OfficeHours | None = None
    ) -> WorkCalendar:
        return cls(
            office_hours=office_hours or OfficeHours(),
            days_off=overrides.days_off,
            working_days=overrides.working_days,
            removed_holidays=overrides.removed,
            removed_every_year=overrides.removed_every_year,
        )

    def with_exceptions(
        self, days_off: Iterable[date] = (), working_days: Iterable[date] = ()
    ) -> WorkCalendar:
        """A copy with admin-declared exceptions, which win over file and package."""
        off, work = frozenset(days_off), frozenset(working_days)
        both = off & work
        if both:
            raise ValueError(ERR_EXCEPTION_CONFLICT.format(days=sorted(map(str, both))))
        return replace(
            self,
            days_off=(self.days_off - work) | off,
            working_days=(self.working_days - off) | work,
        )

    def with_office_hours(self, office_hours: OfficeHours) -> WorkCalendar:
        return replace(self, office_hours=office_hours)

    # --- days -------------------------------------------------------------

    def holidays_in(self, year: int) -> frozenset[date]:
        """Package holidays of a year, minus the removed ones (cached per year)."""
        cached = self._holiday_cache.get(year)
        if cached is None:
            found = holidays.country_holidays("VN", years=year)
            cached = frozenset(
                day
                for day in found
                if day not in self.removed_holidays
                and (day.month, day.day) not in self.removed_every_year
            )
            self._holiday_cache[year] = cached
        return cached

    def is_working_day(self, day: date) -> bool:
        if isinstance(day, datetime):
            day = _aware(day).astimezone(self.tz).date()
        if day in self.working_days:
            return True
        if day in self.days_off or day.weekday() >= 5:
            return False
        return day not in self.holidays_in(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for _ in range(_MAX_GAP_DAYS):
            day = self._next_date(day)
            if self.is_working_day(day):
                return day
        raise ValueError(ERR_NO_WORKING_DAY.format(days=_MAX_GAP_DAYS, start=day))

    @staticmethod
    def _next_date(day: date) -> date:
        try:
            return day + _ONE_DAY
        except OverflowError as exc:
            raise ValueError(ERR_OUT_OF_RANGE) from exc

    def _periods_on(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        for start, end in self.office_hours.periods():
            yield (
                datetime.combine(day, start, tzinfo=self.tz),
                datetime.combine(day, end, tzinfo=self.tz),
            )

    def end_of_day(self, day: date) -> datetime:
        """Closing time of a day: when a day-counted deadline expires (Civil Code Art. 148)."""
        return datetime.combine(day, self.office_hours.end, tzinfo=self.tz).astimezone(UTC)

    @cached_property
    def seconds_per_day(self) -> float:
        return sum(
            (
                datetime.combine(date(2000, 1, 3), b) - datetime.combine(date(2000, 1, 3), a)
            ).total_seconds()
            for a, b in self.office_hours.periods()
        )

    # --- instants ---------------------------------------------------------

    def next_working_start(self, dt: datetime) -> datetime:
        """`dt` itself when the office is open, else when it next opens."""
        return self.add_working_seconds(dt, 0.0)

    def add_working_hours(self, dt: datetime, hours: float) -> datetime:
        """Working-hour deadlines: the clock only runs while the office is open."""
        return self.add_working_seconds(dt, hours * 3600.0)

    def add_working_seconds(self, dt: datetime, seconds: float) -> datetime:
        if not seconds >= 0 or seconds == float("inf"):
            raise ValueError(ERR_NEGATIVE_AMOUNT.format(amount=seconds))
        local = _aware(dt).astimezone(self.tz)
        day = local.date()
        remaining = seconds
        for _ in range(int(seconds // max(self.seconds_per_day, 1.0)) * 2 + _MAX_GAP_DAYS):
            if self.is_working_day(day):
                for start, end in self._periods_on(day):
                    if end <= local:
                        continue
                    begin = max(start, local)
                    available = (end - begin).total_seconds()
                    if remaining <= available:
                        return (begin + timedelta(seconds=remaining)).astimezone(UTC)
                    remaining -= available
            day = self._next_date(day)
        raise ValueError(ERR_NO_WORKING_DAY.format(days=_MAX_GAP_DAYS, start=local.date()))

    def add_working_days(self, dt: datetime, n: int) -> datetime:
        """Close of office on the n-th working day after the day of receipt.

        Civil Code Art. 147–148: the period starts the day after the event and
        a deadline never ends on a rest day. A report received outside office
        hours counts as received when the office next opens (so Friday 18:00
        is received on Monday, and day 1 is Tuesday).
        """
        if n < 0:
            raise ValueError(ERR_NEGATIVE_AMOUNT.format(amount=n))
        day = self.next_working_start(dt).astimezone(self.tz).date()
        for _ in range(n):
            day = self.next_working_day(day)
        return self.end_of_day(day)

    def add_calendar_days(self, dt: datetime, n: int) -> datetime:
        """Close of office n calendar days later, moved to the next working day if that is a
        rest day (the laws count "ngày" as calendar days)."""
        if n < 0:
            raise ValueError(ERR_NEGATIVE_AMOUNT.format(amount=n))
        day = _aware(dt).astimezone(self.tz).date()
        try:
            day = day + timedelta(days=n)
        except OverflowError as exc:
            raise ValueError(ERR_OUT_OF_RANGE) from exc
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        return self.end_of_day(day)

    def add_calendar(self, dt: datetime, td: timedelta) -> datetime:
        """Plain clock time, for drills and trials counted in hours or minutes."""
        try:
            return (_aware(dt) + td).astimezone(UTC)
        except OverflowError as exc:
            raise ValueError(ERR_OUT_OF_RANGE) from exc

    def working_seconds_between(self, a: datetime, b: datetime) -> float:
        """Open-office seconds in [a, b); negative when b is before a."""
        a, b = _aware(a), _aware(b)
        if b < a:
            return -self.working_seconds_between(b, a)
        local_a, local_b = a.astimezone(self.tz), b.astimezone(self.tz)
        total = 0.0
        day = local_a.date()
        while day <= local_b.date():
            if self.is_working_day(day):
                for start, end in self._periods_on(day):
                    begin, finish = max(start, local_a), min(end, local_b)
                    if finish > begin:
                        total += (finish - begin).total_seconds()
            day = self._next_date(day)
        return total

    def working_days_between(self, a: datetime, b: datetime) -> int:
        """Working days d with date(a) < d ≤ date(b), local dates; negative when b < a."""
        a, b = _aware(a), _aware(b)
        if b < a:
            return -self.working_days_between(b, a)
        day, last = a.astimezone(self.tz).date(), b.astimezone(self.tz).date()
        count = 0
        while day < last:
            day = self._next_date(day)
            if self.is_working_day(day):
                count += 1
        return count
