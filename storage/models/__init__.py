"""SQLModel tables: organisation (communes, departments, chats, officials),
tickets and their audit trail, and messaging plumbing (inbound dedup, outbox, links)."""

from storage.models.blobs import AttachmentBlob
from storage.models.messaging import InboundEvent, MessageLink, OutboxMessage
from storage.models.officials import ProofCategory
from storage.models.org import BindingCode, ChatBinding, Commune, Department, Official
from storage.models.procedures import ProcedureFeedback, ProcedureOverride
from storage.models.routing import RoutingRule
from storage.models.sla import (
    CalendarException,
    DigestLog,
    OfficeHoursSetting,
    ReminderLog,
    ReminderPlan,
    SlaPolicyOverride,
)
from storage.models.tickets import Attachment, Citizen, Draft, Ticket, TicketEvent, TicketMessage
from storage.models.zalo import ZaloAccount, ZaloChoice

__all__ = [
    "Attachment",
    "AttachmentBlob",
    "BindingCode",
    "CalendarException",
    "ChatBinding",
    "Citizen",
    "Commune",
    "Department",
    "DigestLog",
    "Draft",
    "InboundEvent",
    "MessageLink",
    "Official",
    "OfficeHoursSetting",
    "OutboxMessage",
    "ProcedureFeedback",
    "ProcedureOverride",
    "ProofCategory",
    "ReminderLog",
    "ReminderPlan",
    "RoutingRule",
    "SlaPolicyOverride",
    "Ticket",
    "TicketEvent",
    "TicketMessage",
    "ZaloAccount",
    "ZaloChoice",
]
