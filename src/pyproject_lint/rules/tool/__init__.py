"""Rules for ``[tool.*]`` tables, the configuration of other tools: codes PPL3xx."""

from __future__ import annotations

from ..base import Rule
from .schema import ToolSchemaViolation

ALL_TOOL_RULES: tuple[type[Rule], ...] = (ToolSchemaViolation,)
