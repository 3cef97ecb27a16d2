"""Every rule, in code order. A new rule module is imported and listed here."""

from __future__ import annotations

from .base import Rule
from .build_system import ALL_BUILD_SYSTEM_RULES
from .file import ByteOrderMark, InvalidEncoding, InvalidLinterConfig, TomlSyntaxError, UnusedNoqa
from .project import ALL_PROJECT_RULES

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (TomlSyntaxError, InvalidEncoding, InvalidLinterConfig, ByteOrderMark, UnusedNoqa, *ALL_BUILD_SYSTEM_RULES, *ALL_PROJECT_RULES),
        key=lambda rule: rule.code,
    )
)
RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in ALL_RULES}


def find_rule(code_or_name: str) -> type[Rule] | None:
    return RULES_BY_CODE.get(code_or_name.upper()) or RULES_BY_NAME.get(code_or_name)
