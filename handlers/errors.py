"""Errors a use case raises for a person to read (admins in the CLI, users in chat)."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a person: the message is shown as is, no traceback."""
