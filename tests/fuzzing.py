"""Mutated and generated TOML, and the invariants that check and fix must keep on any of it.

Shared by the hypothesis tests (``test_fuzz.py``, a short run in CI) and the long campaigns
(``fuzz/campaign.py``, ``fuzz/atheris_fuzz.py``). :func:`check_invariants` raises
AssertionError (or whatever the linter raised) on the first broken invariant.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Union

from pyproject_lint._compat import tomllib
from pyproject_lint.config import FixLayer, Settings
from pyproject_lint.diagnostics import Severity
from pyproject_lint.document import BOM, BOM_OFFSET, DecodeProblem, decode
from pyproject_lint.engine import LintResult, fix, lint
from pyproject_lint.model import TOP_LEVEL_TABLES
from pyproject_lint.output import format_full, format_github, format_json, format_sarif, format_text
from pyproject_lint.rules import RULES_BY_CODE
from pyproject_lint.spans import same_value

#: Top-level tables that fixes may change: everything else must read back the same.
FIXED_TABLES = frozenset({"build-system", "project", "dependency-groups"})

#: Every fix, safe or not, is exercised (``--fix --unsafe-fixes``).
UNSAFE = Settings(fixes=FixLayer(unsafe_fixes=True))

#: Pieces a mutation inserts: TOML syntax, the keys and values the rules read, and bytes
#: that decoders and parsers stumble on.
TOKENS = [
    "[", "]", "[[", "]]", "{", "}", "=", ",", ".", '"', "'", '"""', "'''", "#", "\\", "\n", "\r\n", "\r",
    " ", "\t", "\x00", "\x7f", "\ufeff", "\u2028", "\U0001f600", "\ud800", "é",
    "[build-system]\n", "[project]\n", "[tool.pyproject-lint]\n", "[tool.poetry]\n", "[[project.authors]]\n",
    "[project.optional-dependencies]\n", "[project.urls]\n", "[tool.setuptools.dynamic]\n",
    "requires = []\n", 'requires = ["setuptools"]\n', 'requires = ["setuptools>=40.8.0,<60", "numpy==1.21.6"]\n',
    'build-backend = "setuptools.build_meta"\n', 'build-backend = "setuptools.build_meto"\n',
    'build-backend = "poetry.masonry.api"\n', 'build-backend = "flit.buildapi"\n', 'build_backend = "hatchling.build"\n',
    'backend-path = ["..", "/abs", "."]\n', 'name = "demo"\n', 'version = "1.0"\n', 'dynamic = ["version"]\n',
    'license = "MIT"\n', 'license = { text = "MIT" }\n', 'license-files = ["LICEN[CS]E*"]\n', 'readme = "README.md"\n',
    'requires-python = ">=3.9"\n', 'classifiers = ["Programming Language :: Python :: 3.12"]\n',
    'dependencies = ["requests>=2", "attrs ; python_version < \'3.8\'"]\n', 'select = ["PPL1"]\n',
    '"setuptools"', '"setuptools=>61"', '"wheel"', '"hatchling"', '"poetry>=1.0"', '"cython"', '"setuptools_scm[toml]>=6.2"',
    "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "nan", "-inf", "0x1F", "1e400", "true", "[1, [2, [3]]]",
    "{ a = 1 }", "a.b.c = 1\n",
]  # fmt: skip


#: Strings a value-level mutation puts inside quotes: what the rules read, right and wrong.
STRINGS = [
    "setuptools", "setuptools>=61", "setuptools<60", "setuptools>=40.8.0,<60", "setuptools=>61", "wheel", "hatchling",
    "hatchling.build", "setuptools.build_meta", "setuptools.build_meto", "setuptools.build_meta:__legacy__",
    "poetry.masonry.api", "poetry-core>=1", "flit.buildapi", "flit_core.buildapi", "pdm.pep517.api", "pdm-backend",
    "scikit-build-core", "maturin>=1,<2", "numpy==1.21.6", "numpy>=2", "cython", "pybind11", "Cython<3",
    "MIT", "MIT OR Apache-2.0", "GPL-3.0+", "LicenseRef-Proprietary", "README.md", "README.rst", "LICENSE",
    "License :: OSI Approved :: MIT License", "Programming Language :: Python :: 3.12", "Private :: Do Not Upload",
    ">=3.9", ">=3.12", "~=3.8", "1.0", "1.0.0-final", "v1", "version", "name", "readme", "../tools", "/abs", ".",
    "requests[socks]>=2 ; python_version < '3.8'", "pkg @ https://example.org/pkg.whl", "", " ", "\\u00e9", "é",
]  # fmt: skip


def _slice(rng: random.Random, text: str) -> tuple[int, int]:
    start = rng.randrange(len(text) + 1)
    return start, min(len(text), start + rng.choice((1, 2, 4, 16, 64, 256)))


def _mutate_lines(rng: random.Random, text: str, other: str) -> str:
    """Whole-line edits, which mostly keep the document readable: delete, repeat, move a
    line, or insert a line of ``TOKENS`` or of ``other``."""
    lines = text.splitlines(keepends=True) or [""]
    at = rng.randrange(len(lines))
    kind = rng.randrange(4)
    if kind == 0:
        del lines[at]
    elif kind == 1:
        lines.insert(rng.randrange(len(lines) + 1), lines[at])
    elif kind == 2:
        lines.insert(rng.randrange(len(lines) + 1), lines.pop(at))
    else:
        pool = [t for t in TOKENS if t.endswith("\n")] + (other.splitlines(keepends=True) or ["\n"])
        lines.insert(at, rng.choice(pool))
    return "".join(lines)


def _mutate_string(rng: random.Random, text: str) -> str:
    """Replace the inside of one basic string with one of ``STRINGS``."""
    quotes = [index for index, char in enumerate(text) if char == '"']
    if len(quotes) < 2:
        return text
    pair = rng.randrange(len(quotes) // 2)
    start, end = quotes[2 * pair] + 1, quotes[2 * pair + 1]
    return text[:start] + rng.choice(STRINGS) + text[end:]


def mutate(rng: random.Random, text: str, other: str = "") -> bytes:
    """One to four random edits of ``text`` (``other``: a second document to splice from).

    A third of the inputs get line edits, a third string edits (both mostly keep the file
    readable, so the rules and fixes run), and a third character edits."""
    level = rng.randrange(3)
    for _ in range(rng.randint(1, 4)):
        if level == 0:
            text = _mutate_lines(rng, text, other)
            continue
        if level == 1:
            text = _mutate_string(rng, text)
            continue
        kind = rng.randrange(8)
        start, end = _slice(rng, text)
        if kind == 0:  # delete
            text = text[:start] + text[end:]
        elif kind == 1:  # insert a token
            text = text[:start] + rng.choice(TOKENS) + text[start:]
        elif kind == 2:  # copy a piece elsewhere
            at = rng.randrange(len(text) + 1)
            text = text[:at] + text[start:end] + text[at:]
        elif kind == 3:  # replace a character
            text = text[:start] + chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x110000)))) + text[start + 1 :]
        elif kind == 4:  # swap two lines
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        elif kind == 5:  # truncate
            text = text[:start]
        elif kind == 6 and other:  # splice in a piece of another document
            a, b = _slice(rng, other)
            text = text[:start] + other[a : b + rng.randrange(512)] + text[end:]
        else:  # a newline style, or a byte order mark
            text = rng.choice((text.replace("\n", "\r\n"), BOM + text, text.replace("\n", "\r")))
    raw = text.encode("utf-8", "surrogatepass")
    if level == 2 and rng.random() < 0.05:  # a byte that is not UTF-8
        at = rng.randrange(len(raw) + 1)
        raw = raw[:at] + bytes([rng.randrange(0x80, 0x100)]) + raw[at:]
    return raw


def _outside_fixed_tables(data: dict[str, Any]) -> dict[str, Any]:
    """What no fix may change: everything but the fixed tables, the linter's own table, the
    tables a fix may add to turn a plugin on (PPL117's ``[tool.setuptools_scm]``), and
    top-level tables the specifications do not define (PPL006 renames a misspelled one)."""
    from pyproject_lint.data import load

    added = {p.name.split(".", 1)[1] for p in load().plugins if p.kind == "activation" and p.dynamic}
    kept = {key: value for key, value in data.items() if key not in FIXED_TABLES and key in TOP_LEVEL_TABLES}
    if isinstance(kept.get("tool"), dict):
        kept["tool"] = {key: value for key, value in kept["tool"].items() if key != "pyproject-lint" and key not in added}
        if not kept["tool"]:
            del kept["tool"]  # made by a fix that added one of those tables
    return kept


def _load(raw: Union[bytes, str]) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(decode(raw).lstrip(BOM))
    return data


def _check_result(raw: bytes, result: LintResult) -> None:
    text = result.document.text
    for diagnostic in result.diagnostics:
        assert diagnostic.code in RULES_BY_CODE, diagnostic
        assert isinstance(diagnostic.severity, Severity), diagnostic
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text), diagnostic
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            # The byte order mark, which only PPL004's fix removes.
            assert (edit.start, edit.end) == (BOM_OFFSET, 0) or 0 <= edit.start <= edit.end <= len(text), (diagnostic, edit)
    name = "pyproject.toml"
    format_text(name, result)
    format_full(name, result)
    format_github(name, result)
    json.loads(format_json([(name, result)]))
    json.loads(format_sarif([(name, result)]))


def check_invariants(raw: bytes, folder: Path) -> str:
    """Lint and fix ``raw`` as ``folder/pyproject.toml``; assert every invariant.

    Returns what the input was: ``unreadable`` (not TOML, or not UTF-8), ``clean``,
    ``findings`` (nothing to fix) or ``fixed``.

    - lint raises nothing, and every diagnostic, edit and output format is well formed;
    - fix raises nothing (a fix that never settles is a bug), and rejects no fix (a fix
      that would break the file is a bug);
    - a fixed file parses, keeps its newline style, and reads back the same outside the
      tables that fixes change;
    - fixing the fixed file changes nothing.
    """
    path = folder / "pyproject.toml"
    result = lint(raw, path, UNSAFE)
    _check_result(raw, result)
    outcome = fix(raw, path, UNSAFE)
    assert not outcome.rejected, f"fixes that would break the file: {outcome.rejected}"
    fixed = outcome.fixed
    assert isinstance(fixed, bytes)
    if fixed == raw:
        if result.document.data is None:
            return "unreadable"
        return "findings" if result.diagnostics else "clean"
    try:
        before, after = _load(raw), _load(fixed)
    except (DecodeProblem, tomllib.TOMLDecodeError) as error:
        raise AssertionError(f"a changed file must parse before and after the fix: {error}") from None
    kept_before, kept_after = _outside_fixed_tables(before), _outside_fixed_tables(after)
    if isinstance(kept_after.get("tool"), dict) and any(key not in TOP_LEVEL_TABLES for key in before):
        # PPL006 renamed a misspelled table (`[tootl.scikit-build]`) into `[tool]`: what it
        # brought is new there, and everything that was there stays.
        old = kept_before.get("tool", {})
        kept_after["tool"] = {key: value for key, value in kept_after["tool"].items() if key in old}
        if not kept_after["tool"] and "tool" not in kept_before:
            del kept_after["tool"]
    assert same_value(kept_before, kept_after), "a fix changed another table"
    text, new = decode(raw), decode(fixed)
    if "\r\n" in text and "\n" not in text.replace("\r\n", ""):
        assert "\n" not in new.replace("\r\n", ""), "a fix added a bare LF to a CRLF file"
    if "\r\n" not in text:
        assert "\r\n" not in new, "a fix added CRLF to an LF file"
    _check_result(fixed, lint(fixed, path, UNSAFE))
    again = fix(fixed, path, UNSAFE)
    assert again.fixed == fixed, "fixing the fixed file changed it again"
    return "fixed"
