"""What each tool does with a ``[tool.*]`` table its schema does not allow: data, with sources.

Every row was measured on 2026-12-03 by running the tool (the version named in ``source``,
CPython 3.12.1) in a folder whose ``pyproject.toml`` held one unknown key, then one value of
the wrong type; a build backend was asked for a wheel through its PEP 517 hook. A tool with
no row here is not reported as failing: its findings are warnings that say so.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


class Reaction(str, enum.Enum):
    """What a tool does with a setting its schema does not allow."""

    REFUSES = "refuses"
    """It stops with an error: nothing runs (or nothing is built)."""
    WARNS = "warns"
    """It prints a warning, ignores the setting and goes on."""
    DROPS_TABLE = "drops-table"
    """It prints a warning and ignores every setting of its table."""
    IGNORES = "ignores"
    """It goes on silently, without the setting."""
    ACCEPTS = "accepts"
    """It takes the wrong value silently (and may do something else than meant)."""

    def words(self, program: str, tool: str, builds: bool) -> str:
        """What ``program`` does, for a message: ``ruff refuses to start``."""
        if self is Reaction.REFUSES:
            return f"{program} refuses to {'build' if builds else 'start'}"
        if self is Reaction.WARNS:
            return f"{program} warns and ignores it"
        if self is Reaction.DROPS_TABLE:
            return f"{program} warns and ignores every setting in `[tool.{tool}]`"
        if self is Reaction.IGNORES:
            return f"{program} silently ignores it"
        return f"{program} takes it without a word"


class ToolBehaviour(Record):
    """One ``[tool.<table>]``: who reads it, and what it does with a key or value it does not know."""

    program: str
    unknown_key: Reaction
    wrong_value: Reaction
    source: str
    family: Optional[str] = None
    """For a build backend's table: the backend family (``knowledge.Backend.families``)
    that reads it; another backend ignores the table."""
    within: tuple[tuple[str, Reaction, Reaction], ...] = ()
    """Sub-tables that behave otherwise: ``(name, unknown_key, wrong_value)``."""
    unknown_value: Optional[str] = None
    """For a value outside a long list of the schema's (ruff's rule codes), when the tool
    does not refuse every such value: what it does (its findings are then warnings)."""
    errata: tuple[tuple[str, str], ...] = ()
    """Places where the schema is stricter than the tool: ``(pattern of the dotted path below
    the table, with `*`, what the tool was seen to accept)``. Violations there are not reported."""
    also_read_by: Optional[str] = None
    """For a backend's table: the command that reads it even when another backend builds
    (not measured: its findings are then warnings)."""


REFUSES, WARNS, DROPS_TABLE, IGNORES, ACCEPTS = Reaction

TOOLS: dict[str, ToolBehaviour] = {
    "ruff": ToolBehaviour(
        "ruff", REFUSES, REFUSES,
        "ruff 0.17.6, `ruff check`: exit 2, `unknown field`, `invalid type`, `Unknown rule selector`; on the "
        "corpus's airflow and home-assistant files: `TCH` (renamed `TC`) passes silently, a removed rule in "
        "`ignore` gives `warning: The following rules have been removed`, in `select` exit 2, `was removed and "
        "cannot be selected`",
        unknown_value=(
            "ruff refuses an unknown rule code, but takes a renamed one (`TCH`) and only warns about a removed "
            "one in `ignore`"
        ),
    ),
    "ty": ToolBehaviour("ty", REFUSES, REFUSES, "ty 1.0.0, `ty check`: exit 2, `unknown field`, `wanted string or table`"),
    "uv": ToolBehaviour(
        "uv", DROPS_TABLE, REFUSES,
        "uv 0.13.9, `uv lock`: an unknown key gives `warning: Failed to parse pyproject.toml during settings "
        "discovery` and exit 0, with the table's other settings ignored (`no-index = true` no longer applied); "
        "a wrong type gives exit 2, `invalid type`",
    ),
    "mypy": ToolBehaviour(
        "mypy", WARNS, WARNS,
        "mypy 2.4.1: `Unrecognized option: strictt = True`, `Not a boolean: maybe`, then checks as usual (exit 0)",
    ),
    "pytest": ToolBehaviour(
        "pytest", WARNS, REFUSES,
        "pytest 9.2.0: `PytestConfigWarning: Unknown config option` (an error under `--strict-config`); in "
        "`[tool.pytest]` a wrong type stops it (exit 4, `expects a string, got int`); in `[tool.pytest.ini_options]` "
        "`minversion = 6` passes silently",
        within=(("ini_options", WARNS, ACCEPTS),),
    ),
    "black": ToolBehaviour(
        "black", WARNS, REFUSES,
        "black 26.10.1, `black --check`: `Invalid config keys detected` (exit 0); a wrong type: exit 2, `Invalid value`",
    ),
    "cibuildwheel": ToolBehaviour(
        "cibuildwheel", REFUSES, ACCEPTS,
        "cibuildwheel 4.3.5, `--print-build-identifiers`: exit 2, `Option 'x' not supported in a config file`; "
        "`build = 3` and an override without options: exit 0 (`build = 3` selects nothing)",
    ),
    "poe": ToolBehaviour(
        "Poe the Poet", REFUSES, REFUSES,
        "poethepoet 0.49.0, `poe`: exit 1, `Unrecognized option`, `Invalid task`",
    ),
    "tox": ToolBehaviour(
        "tox", IGNORES, REFUSES,
        "tox 4.67.15, `tox config`: an unknown key passes silently; `env_list = \"py\"`: exit 254, `must be a list`",
    ),
    "taskipy": ToolBehaviour("taskipy", IGNORES, IGNORES, "taskipy 1.14.1, `task --list`: an unknown table is not read"),
    "setuptools_scm": ToolBehaviour(
        "setuptools-scm", REFUSES, REFUSES,
        "setuptools-scm 10.3.4, `python -m setuptools_scm`: exit 1, `unexpected keyword argument`, `Couldn't find any implementations`",
    ),
    "setuptools": ToolBehaviour(
        "setuptools", REFUSES, REFUSES,
        "setuptools 84.2.1, `build_wheel`: `invalid pyproject.toml config: tool.setuptools`", family="setuptools",
    ),
    "distutils": ToolBehaviour(
        "setuptools", REFUSES, REFUSES,
        "setuptools 84.2.1, `build_wheel`: `x = 1` raises AttributeError; `universal = \"x\"`: `invalid truth value`",
        family="setuptools",
    ),
    "hatch": ToolBehaviour(
        "hatchling", IGNORES, REFUSES,
        "hatchling 1.33.0, `build_wheel`: unknown keys in `build.targets.wheel` and `metadata` pass silently; "
        "`packages = \"demo\"`: `TypeError: Field ... must be an array of strings`", family="hatchling",
        also_read_by="the `hatch` command",
        errata=(("build.targets.*.sources", "hatchling 1.33.0 builds a wheel from `sources = [\"src\"]`"),),
    ),
    "poetry": ToolBehaviour(
        "poetry-core", IGNORES, REFUSES,
        "poetry-core 2.5.0, `build_wheel`: an unknown key passes silently; `packages = \"demo\"`: "
        "`The Poetry configuration is invalid`", family="poetry",
        also_read_by="the `poetry` command",
    ),
    "pdm": ToolBehaviour(
        "pdm-backend", IGNORES, ACCEPTS,
        "pdm-backend 2.5.0, `build_wheel`: an unknown key passes silently; `includes = \"demo\"` builds a wheel "
        "without the package", family="pdm",
        also_read_by="the `pdm` command",
    ),
    "scikit-build": ToolBehaviour(
        "scikit-build-core", REFUSES, REFUSES,
        "scikit-build-core 1.1.2, `build_wheel`: `ERROR: Unrecognized options in pyproject.toml`; a wrong type: TypeError",
        family="scikit-build",
    ),
    "maturin": ToolBehaviour(
        "maturin", IGNORES, REFUSES,
        "maturin 1.16.0, `maturin sdist`: an unknown key passes silently; `features = \"x\"`: `invalid type`",
        family="maturin",
    ),
}


def is_erratum(tool: str, relative: str) -> bool:
    """Whether the schema of ``[tool.<tool>]`` is known to be wrong at ``relative`` (a dotted path)."""
    from fnmatch import fnmatchcase

    row = TOOLS.get(tool)
    return row is not None and any(fnmatchcase(relative, pattern) for pattern, _ in row.errata)


def behaviour(tool: str, subtable: Optional[str]) -> Optional[tuple[ToolBehaviour, Reaction, Reaction]]:
    """The row for ``[tool.<tool>]`` and its reactions in ``subtable`` (``None``: unknown tool)."""
    row = TOOLS.get(tool)
    if row is None:
        return None
    for name, unknown_key, wrong_value in row.within:
        if name == subtable:
            return row, unknown_key, wrong_value
    return row, row.unknown_key, row.wrong_value
