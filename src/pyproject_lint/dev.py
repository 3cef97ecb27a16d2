"""Maintainers' commands: ``python -m pyproject_lint.dev new-rule CODE name family``.

Never imported on a lint run: only ``python -m pyproject_lint.dev`` and the tests load it.

Adding a rule
=============

A rule is one module and its fixture. Registration follows from the module:
:mod:`pyproject_lint.rules` finds every ``Rule`` subclass with a ``code`` in ``rules/`` and its
family packages, and ``tests/test_rule_cases.py`` fails naming a rule defined anywhere else,
or a code defined twice.

1. ``python -m pyproject_lint.dev new-rule PPL126 editable-unsupported build_system``
   writes the rule module ``src/pyproject_lint/rules/build_system/editable_unsupported.py``
   (``--module keys`` appends the class to ``rules/build_system/keys.py`` instead), the
   fixture ``fixtures/PPL126/`` from its first invalid case with its ``expected.txt``, and
   regenerates ``docs/rules.md`` and the README's table. It prints every file it wrote.
   Families: ``file`` (``rules/``, PPL0xx), ``build_system`` (PPL1xx), ``project`` (PPL2xx),
   ``tool`` (PPL3xx).
2. Fill in every ``TODO(new-rule)`` the module holds: the docstring's sections, the
   severity (build the case with the real front end first), ``VALID``/``INVALID`` cases and
   ``check``. Until then ``pytest tests/test_rule_cases.py -k PPL126`` fails and names each
   line left to fill in.
3. ``python -m pyproject_lint.dev fixture PPL126`` rewrites the fixture from the rule's first
   invalid case (its ``pyproject.toml``, the files beside it, ``expected.txt`` and, for a
   fix, ``fixed.toml``) and regenerates the docs again.
4. A ``[build-system]`` rule whose fixture fails a front end: its expected line in
   ``EXPECTED`` of ``tests/test_frontend.py``, then ``PYPROJECT_LINT_WRITE_DOCS=1 pytest -m
   frontend -k CODE`` (see ``docs/frontends.md``).
5. A line in ``CHANGELOG.md``; ``pytest tests/test_rule_cases.py tests/test_fixtures.py
   tests/test_docs.py -k CODE``; commit.

The shape follows ruff's ``scripts/add_rule.py`` (astral-sh/ruff#1579, for #1532), which
writes a rule's module, its fixture and its registration from a name, a code and a linter;
here registration needs no edit at all, and the command refuses rather than overwrites.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

#: The families: the folder under ``rules/`` (``""``: ``rules/`` itself) and the code prefix.
FAMILIES = {"file": ("", "PPL0"), "build_system": ("build_system", "PPL1"), "project": ("project", "PPL2"), "tool": ("tool", "PPL3")}
#: What the skeleton leaves to fill in; ``tests/test_rule_cases.py`` fails on a rule holding it.
MARKER = "TODO(new-rule)"
_CODE = re.compile(r"PPL\d{3}")
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_MODULE = re.compile(r"[a-z_][a-z0-9_]*")
#: Set when the command runs itself again under another checkout's code.
_REEXEC = "PYPROJECT_LINT_DEV_ROOT"


class Refused(Exception):
    """A request the command will not carry out; its message is the one line it prints."""


class DefinedRule:
    """A class with a ``code = "PPL..."`` in a module of the package, read from the source."""

    __slots__ = ("code", "module", "name", "qualname")

    def __init__(self, module: str, qualname: str, code: str, name: Optional[str]) -> None:
        self.module = module
        self.qualname = qualname
        self.code = code
        self.name = name

    def __str__(self) -> str:
        return f"{self.module}.{self.qualname} ({self.code})"


def defined_rules(package: Path) -> list[DefinedRule]:
    """Every class in ``package`` (``src/pyproject_lint``) that sets a ``code`` like ``PPL104``,
    found by reading the source, not importing it: a rule outside the packages that
    :mod:`pyproject_lint.rules` searches is found too."""
    found = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            values = {
                target.id: statement.value.value
                for statement in node.body
                if isinstance(statement, ast.Assign)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
                for target in statement.targets
                if isinstance(target, ast.Name)
            }
            code = values.get("code")
            if code is not None and _CODE.fullmatch(code):
                found.append(DefinedRule(module, node.name, code, values.get("name")))
    return found


def class_name(name: str) -> str:
    """``editable-unsupported`` -> ``EditableUnsupported``."""
    return "".join(part.capitalize() for part in name.split("-"))


# -- the skeleton ----------------------------------------------------------------------------

_HEADER = '''"""{marker}: what the rules of this module check, in one line."""

from __future__ import annotations

'''

_CLASS = '''

class {cls}(Rule):
    """
    ## What it does
    {marker}: what the rule checks, as one sentence that stands alone in the rules table.

    ## Why is this bad?
    {marker}: what the front ends do with such a file: the exact message, with the pip,
    build or uv release and the Python you saw it on. `error` when one fails or builds the
    wrong wheel, `warning` when every one builds the right wheel today.

    ## Example
    ```toml
    {example}
    ```

    Use instead:
    ```toml
    {corrected}
    ```

    ## Fix safety
    {marker}: safe, unsafe or display-only, and why; or "No fix:" and why.

    ## References
    - {marker}: the specification or the tool's documentation
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "{code}"
    name = "{name}"
    severity = Severity.ERROR  # {marker}: ERROR or WARNING, as the front ends decide
{needs}    VALID = [
        """
        {valid}
        """,
    ]
    INVALID = [
        Invalid(
            """
            {invalid}
            """,
            at="1:1-1:1",
            message="{marker}: a part of the message",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        # {marker}: query ctx.model (never re-derive the environment) and
        # `yield self.diagnostic(ctx.locate(path), message, fix)`.
        return
        yield
'''


def _imports(depth: str, family: str) -> dict[str, str]:
    """The lines the class needs, each keyed by the name it must make available."""
    up = depth + "."
    lines = {
        "Iterator": "from collections.abc import Iterator",
        "TYPE_CHECKING": "from typing import TYPE_CHECKING",
        "Diagnostic": f"from {up}diagnostics import Diagnostic, Severity",
        "Invalid": f"from {depth}base import Invalid, Rule",
    }
    if family == "build_system":
        lines["BUILD_SYSTEM"] = f"from {up}model import BUILD_SYSTEM"
    return lines


#: The skeleton's documents: its example, its invalid case and so its first fixture.
INVALID_TEXT = f"# {MARKER}: a pyproject.toml this rule reports"
VALID_TEXT = f"# {MARKER}: a pyproject.toml this rule does not report"


def render_class(code: str, name: str, family: str) -> str:
    needs = "    needs_tables = (BUILD_SYSTEM,)\n" if family == "build_system" else ""
    return _CLASS.format(
        cls=class_name(name), marker=MARKER, code=code, name=name, needs=needs, example=INVALID_TEXT, corrected=VALID_TEXT, valid=VALID_TEXT, invalid=INVALID_TEXT
    )


def render_module(code: str, name: str, family: str) -> str:
    depth = "." if family == "file" else ".."
    imports = _imports(depth, family)
    stdlib = [imports.pop("Iterator"), imports.pop("TYPE_CHECKING")]
    body = "\n".join(stdlib) + "\n\n" + "\n".join(sorted(imports.values(), key=_import_key)) + "\n"
    body += f"\nif TYPE_CHECKING:\n    from {depth}.context import Context\n"
    return _HEADER.format(marker=MARKER) + body + render_class(code, name, family)


def _import_key(line: str) -> tuple[int, str]:
    """isort's order of relative imports: the farthest package first."""
    module = line.split()[1]
    return (-(len(module) - len(module.lstrip("."))), module)


def append_class(existing: str, code: str, name: str, family: str) -> str:
    """``existing`` with the class after its last line, and the imports it lacks added after
    its last top-level import (``ruff check --select I --fix`` orders them)."""
    depth = "." if family == "file" else ".."
    tree = ast.parse(existing)
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    missing = [line for key, line in _imports(depth, family).items() if key not in imported]
    if "Context" not in imported:
        missing.append(f"if TYPE_CHECKING:\n    from {depth}.context import Context")
    lines = existing.splitlines(keepends=True)
    last = max((node.end_lineno or node.lineno) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom)))
    head, tail = "".join(lines[:last]), "".join(lines[last:])
    added = "".join(f"{line}\n" for line in missing)
    return head + added + tail.rstrip("\n") + "\n" + render_class(code, name, family)


# -- running the checkout's own code ---------------------------------------------------------


def _env(root: Path) -> dict[str, str]:
    """The environment in which ``python -m pyproject_lint...`` runs ``root``'s code."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(root / "src") + (os.pathsep + path if path else "")}


def _python(root: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=_env(root), capture_output=True, text=True, check=False)


def write_expected(root: Path, folder: Path) -> list[Path]:
    """``expected.txt`` (and ``fixed.toml`` when ``--fix --unsafe-fixes`` changes the file) of
    the fixture in ``folder``, as ``fixtures/README.md`` describes."""
    done = _python(root, "-m", "pyproject_lint", "pyproject.toml", cwd=folder)
    if done.returncode not in (0, 1):
        raise Refused(f"pyproject-lint failed on {folder / 'pyproject.toml'}: {done.stderr.strip()}")
    (folder / "expected.txt").write_text(done.stdout, encoding="utf-8")
    written = [folder / "expected.txt"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "fixture"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("expected.txt", "fixed.toml"))
        _python(root, "-m", "pyproject_lint", "--fix", "--unsafe-fixes", "pyproject.toml", cwd=copy)
        fixed = (copy / "pyproject.toml").read_bytes()
    target = folder / "fixed.toml"
    if fixed != (folder / "pyproject.toml").read_bytes():
        target.write_bytes(fixed)
        written.append(target)
    elif target.exists():
        target.unlink()
    return written


def regenerate_docs(root: Path) -> list[Path]:
    """``python -m pyproject_lint.docs``; the files it changed."""
    generated = [root / "docs" / "rules.md", root / "docs" / "knowledge.md", root / "README.md"]
    before = [path.read_bytes() if path.exists() else None for path in generated]
    done = _python(root, "-m", "pyproject_lint.docs", cwd=root)
    if done.returncode != 0:
        raise Refused(f"python -m pyproject_lint.docs failed: {done.stderr.strip().splitlines()[-1:]}")
    return [path for path, old in zip(generated, before) if path.read_bytes() != old]


# -- the commands -----------------------------------------------------------------------------


def new_rule(root: Path, code: str, name: str, family: str, module: Optional[str] = None) -> tuple[list[Path], list[Path]]:
    """Write a rule's skeleton, its fixture and the docs; the files created and those changed."""
    if not _CODE.fullmatch(code):
        raise Refused(f"bad code {code!r}: PPL and three digits, such as PPL126")
    if family not in FAMILIES:
        raise Refused(f"unknown family {family!r}: one of {', '.join(FAMILIES)}")
    folder, prefix = FAMILIES[family]
    if not code.startswith(prefix):
        raise Refused(f"{code} is not a {family} code: those are {prefix}xx")
    if not _NAME.fullmatch(name):
        raise Refused(f"bad name {name!r}: kebab-case, such as editable-unsupported")
    if module is not None and not _MODULE.fullmatch(module):
        raise Refused(f"bad module {module!r}: a module name, such as keys")
    package = root / "src" / "pyproject_lint"
    for rule in defined_rules(package):
        if rule.code == code:
            raise Refused(f"{code} is taken: {rule}")
        if rule.name == name:
            raise Refused(f"the name {name} is taken: {rule}")
    fixture = root / "fixtures" / code
    if fixture.exists():
        raise Refused(f"{fixture} exists")
    path = package / "rules" / folder / f"{module or name.replace('-', '_')}.py"
    created, changed = [], []
    if module is None:
        if path.exists():
            raise Refused(f"{path} exists: name another module, or pass --module {path.stem} to add the rule to it")
        path.write_text(render_module(code, name, family), encoding="utf-8")
        created.append(path)
    else:
        if not path.exists():
            raise Refused(f"{path} does not exist: leave out --module to create it")
        path.write_text(append_class(path.read_text(encoding="utf-8"), code, name, family), encoding="utf-8")
        changed.append(path)
    fixture.mkdir(parents=True)
    (fixture / "pyproject.toml").write_text(INVALID_TEXT + "\n", encoding="utf-8")
    created.append(fixture / "pyproject.toml")
    created += write_expected(root, fixture)[:1]
    changed += regenerate_docs(root)
    return created, changed


def fixture(root: Path, code: str) -> tuple[list[Path], list[Path]]:
    """Rewrite ``fixtures/CODE`` from the rule's first invalid case, and the docs."""
    from .rules import find_rule

    rule = find_rule(code)
    if rule is None:
        raise Refused(f"no rule {code}")
    if not rule.INVALID:
        raise Refused(f"{code} has no invalid case")
    case = rule.INVALID[0]
    folder = root / "fixtures" / rule.code
    existed = {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()
    before = {path: path.read_bytes() for path in existed}
    folder.mkdir(parents=True, exist_ok=True)
    text = case.text
    (folder / "pyproject.toml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for name, content in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    written = [folder / "pyproject.toml", *(folder / name for name in case.files), *write_expected(root, folder)]
    created = [path for path in written if path not in existed]
    changed = [path for path in written if path in existed and path.read_bytes() != before[path]]
    return created, changed + regenerate_docs(root)


def _checkout(start: Path) -> Path:
    """The repository root holding this file's package (``src/pyproject_lint/dev.py``)."""
    return start.resolve().parents[2]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pyproject_lint.dev", description="Maintainers' commands.")
    parser.add_argument("--root", type=Path, default=None, help="the repository to edit (default: the checkout this runs from)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("new-rule", help="write a rule's module skeleton, its fixture, and regenerate the docs")
    add.add_argument("code", help="PPL and three digits, in the family's hundred")
    add.add_argument("name", help="kebab-case: `allow <name>` reads right")
    add.add_argument("family", help=", ".join(FAMILIES))
    add.add_argument("--module", help="add the class to this existing module of the family instead")
    add.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    refresh = commands.add_parser("fixture", help="rewrite a rule's fixture from its first invalid case, and the docs")
    refresh.add_argument("code")
    refresh.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    here = _checkout(Path(__file__))
    root = (args.root or here).resolve()
    if not (root / "src" / "pyproject_lint" / "rules").is_dir() or not (root / "fixtures").is_dir():
        print(f"pyproject_lint.dev: {root} is not a pyproject-lint checkout", file=sys.stderr)
        return 2
    if root != here:  # run the code of the checkout being edited, which may differ from this one
        if os.environ.get(_REEXEC) == str(root):
            print(f"pyproject_lint.dev: cannot run the code of {root} (PYTHONPATH={root / 'src'} imports {here})", file=sys.stderr)
            return 2
        command = [sys.executable, "-m", "pyproject_lint.dev", *(argv if argv is not None else sys.argv[1:])]
        return subprocess.run(command, env={**_env(root), _REEXEC: str(root)}, check=False).returncode
    try:
        if args.command == "new-rule":
            created, changed = new_rule(root, args.code.upper(), args.name, args.family, args.module)
        else:
            created, changed = fixture(root, args.code.upper())
    except Refused as refusal:
        print(f"pyproject_lint.dev: {refusal}", file=sys.stderr)
        return 2
    for label, paths in (("created", created), ("updated", changed)):
        for path in paths:
            print(f"{label} {path.relative_to(root)}")
    if args.command == "new-rule":
        print(f"next: fill in each {MARKER} in the rule, then `python -m pyproject_lint.dev fixture {args.code.upper()}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
