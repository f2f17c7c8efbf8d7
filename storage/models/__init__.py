"""SQLModel tables: organisation (communes, departments, chats, officials),
tickets and their audit trail, and messaging plumbing (inbound dedup, outbox, links)."""

from storage.models.messaging import InboundEvent, MessageLink, OutboxMessage
from storage.models.org import BindingCode, ChatBinding, Commune, Department, Official
from storage.models.tickets import Attachment, Citizen, Draft, Ticket, TicketEvent, TicketMessage

__all__ = [
    "Attachment",
    "BindingCode",
    "ChatBinding",
    "Citizen",
    "Commune",
    "Department",
    "Draft",
    "InboundEvent",
    "MessageLink",
    "Official",
    "OutboxMessage",
    "Ticket",
    "TicketEvent",
    "TicketMessage",
]
