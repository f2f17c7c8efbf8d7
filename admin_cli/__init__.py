"""The `motcua` command for admins and operators (Typer + Rich):
database, units, chats, officials, tickets, NLU, processes."""
