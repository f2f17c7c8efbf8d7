"""Configuration as code: one YAML file per province (or the whole country) with departments,
chats, officials, routing rules, SLA policies and calendar exceptions; export, check, apply."""

from handlers.config_io.apply import Plan, apply_plan, plan_config
from handlers.config_io.export import export_config, export_sections

__all__ = ["Plan", "apply_plan", "export_config", "export_sections", "plan_config"]
