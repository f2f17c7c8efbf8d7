"""Channel-independent use cases: intake, tickets, procedures, status, reminders, reports.
Nothing here knows about Telegram or Zalo."""
