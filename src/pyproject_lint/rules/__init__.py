"""Every rule, in code order: each ``Rule`` subclass with a ``code`` defined in a module of
this package (or of its family packages) is registered by being there."""

from __future__ import annotations

import importlib
import os

from .base import Rule

#: The packages holding rule modules, this one's own modules included.
_PACKAGES = (__name__, f"{__name__}.build_system", f"{__name__}.project", f"{__name__}.tool")


def _discover() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        # A listing of the folder, not pkgutil.iter_modules, which imports inspect (and ast):
        # a tenth of a clean run.
        names = sorted(
            entry[:-3] for folder in package.__path__ for entry in os.listdir(folder) if entry.endswith(".py")
        )
        for name in names:
            if name in ("__init__", "base"):
                continue
            module = importlib.import_module(f"{package_name}.{name}")
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Rule)
                    and value.__module__ == module.__name__
                    and getattr(value, "code", None)
                ):
                    found[value.code] = value
    return tuple(found[code] for code in sorted(found))


ALL_RULES: tuple[type[Rule], ...] = _discover()
RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in ALL_RULES}


def find_rule(code_or_name: str) -> type[Rule] | None:
    return RULES_BY_CODE.get(code_or_name.upper()) or RULES_BY_NAME.get(code_or_name)
