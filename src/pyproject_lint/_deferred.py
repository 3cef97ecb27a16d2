"""Modules the compiled validator imports on first use, not when it is imported.

``schema`` generates the validator with some of its imports rewritten to import these
names instead (``schema.TEXT_REPLACEMENTS``). ``packaging.requirements`` brings in
``packaging.tags`` (logging, subprocess, platform), a third of a cold run; ``logging``,
``json``, ``inspect``, ``decimal`` and ``textwrap`` take another 14 ms. Most files never reach the code that
needs them: the dependency check has a direct reading, and the rest only formats
error messages.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


class _Deferred:
    """Stands for a module; imports it when an attribute is first asked for."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}>"


class _DeferredLogging(_Deferred):
    """``logging``, whose ``getLogger`` (called when a module is imported) defers too."""

    __slots__ = ()

    def getLogger(self, name: str) -> Any:
        return _DeferredLogger(name)


class _DeferredLogger:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import logging

        logger = logging.getLogger(self._name)
        if not logger.handlers:
            # validate-pyproject's advice ("using extras for entry points is not
            # recommended") is not a diagnostic: without a handler, Python's last-resort
            # handler would print it on standard error, between our own lines.
            logger.addHandler(logging.NullHandler())
        return getattr(logger, attribute)


def cleandoc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def indent(text: str, prefix: str) -> str:
    import textwrap

    return textwrap.indent(text, prefix)


def wrap(text: str, *args: Any, **kwargs: Any) -> list[str]:
    import textwrap

    return textwrap.wrap(text, *args, **kwargs)


class _Pattern:
    """A regular expression compiled when first used."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._compiled: Any = None

    def __getattr__(self, attribute: str) -> Any:
        if self._compiled is None:
            import re

            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, attribute)


def compile_pattern(*args: Any) -> Any:
    return _Pattern(*args)


class _DecimalType(type):
    """``isinstance(x, Decimal)`` without importing ``decimal``: nothing is a Decimal
    before the module exists (TOML data never is); calling it makes a real one."""

    def __instancecheck__(cls, instance: object) -> bool:
        module = sys.modules.get("decimal")
        return module is not None and isinstance(instance, module.Decimal)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        import decimal

        return decimal.Decimal(*args, **kwargs)


class Decimal(metaclass=_DecimalType):
    """Stands for ``decimal.Decimal`` in the validator (see :class:`_DecimalType`)."""


requirements = _Deferred("packaging.requirements")
licenses = _Deferred("packaging.licenses")
json = _Deferred("json")
logging = _DeferredLogging("logging")
