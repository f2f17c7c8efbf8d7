"""aiogram routers, one per feature: citizens' private chat, their buttons,
and the departments' groups."""
