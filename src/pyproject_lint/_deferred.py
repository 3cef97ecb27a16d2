"""Modules the compiled validator imports on first use, not when it is imported.

``schema`` generates the validator with some of its imports rewritten to import these
names instead (``schema.TEXT_REPLACEMENTS``). ``packaging.requirements`` brings in
``packaging.tags`` (logging, subprocess, platform), a third of a cold run; ``logging``,
``json`` and ``inspect`` take another 12 ms. Most files never reach the code that
needs them: the dependency check has a direct reading, and the rest only formats
error messages.
"""

from __future__ import annotations

import importlib
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

        return getattr(logging.getLogger(self._name), attribute)


def cleandoc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


requirements = _Deferred("packaging.requirements")
licenses = _Deferred("packaging.licenses")
json = _Deferred("json")
logging = _DeferredLogging("logging")
