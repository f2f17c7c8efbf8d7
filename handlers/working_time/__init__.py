"""Working time: Vietnam's working calendar, SLA durations, default policies and deadlines.
Pure functions over aware datetimes; the only I/O is reading the shipped holiday override file."""

from __future__ import annotations

from handlers.working_time.calendar import OfficeHours, WorkCalendar
from handlers.working_time.duration import Duration, DurationKind, parse_duration
from handlers.working_time.overrides import CalendarOverrides, load_overrides
from handlers.working_time.pause import shift_for_pause
from handlers.working_time.policies import (
    DEFAULT_POLICIES,
    PRIORITIES,
    PROCEDURE_QUESTION,
    PROCEDURE_QUESTION_DEPARTMENT,
    SlaOverride,
    SlaPolicy,
    SlaScope,
    compute_deadlines,
    policy_for,
)
from handlers.working_time.priority import URGENT_PHRASES, priority_for
from handlers.working_time.reminders import (
    DEADLINE_LEVEL,
    REMINDER_FRACTIONS,
    level_at,
    level_time,
    overdue_level,
    reminder_time,
)
from handlers.working_time.texts import render_deadline_vi

__all__ = [
    "DEADLINE_LEVEL",
    "DEFAULT_POLICIES",
    "PRIORITIES",
    "PROCEDURE_QUESTION",
    "PROCEDURE_QUESTION_DEPARTMENT",
    "REMINDER_FRACTIONS",
    "URGENT_PHRASES",
    "CalendarOverrides",
    "Duration",
    "DurationKind",
    "OfficeHours",
    "SlaOverride",
    "SlaPolicy",
    "SlaScope",
    "WorkCalendar",
    "compute_deadlines",
    "level_at",
    "level_time",
    "load_overrides",
    "overdue_level",
    "parse_duration",
    "policy_for",
    "priority_for",
    "reminder_time",
    "render_deadline_vi",
    "shift_for_pause",
]
