"""What ``setup.py`` and ``setup.cfg`` need at build time, read statically (never run).

``setup.py`` is parsed with :mod:`ast` and walked the way setuptools runs it: the module
body (``if __name__ == "__main__"`` included) runs while the build reads the script, and so
do the functions it calls; the methods of classes it hands on (``cmdclass``) and functions
it passes by name run later, inside a setuptools command. An import under a ``try`` that
catches ``ImportError`` is optional, not a need. Nothing here imports or executes the
project's code.
"""

from __future__ import annotations

import ast
import configparser
import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Optional, Union

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


SETUP_PY = "setup.py"
SETUP_CFG = "setup.cfg"

_Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]
_OPTIONAL_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
_IMPORTING_CALLS = frozenset({"import_module", "__import__"})
#: ``try`` and, from Python 3.11, ``try``/``except*`` (the same fields).
_TRY: tuple[type[ast.Try], ...] = (ast.Try, getattr(ast, "TryStar", ast.Try))
#: The Pythons a build can run on (those pyproject-lint models), for ``if sys.version_info``
#: branches: a branch that runs on none of them (Python 2, or 3.8 and older) is never walked.
_PYTHONS = tuple((3, minor) for minor in range(9, 15))
#: The setuptools commands a wheel build runs (``setup.py`` is read for the metadata, then
#: ``bdist_wheel`` runs ``build`` and ``install`` and their sub-commands). A command class
#: registered only for other commands (``test``, ``docs``, ``upload``) never runs in a build.
#: Names whose reading makes an ``if`` depend on how the build was asked for.
_CONFIG_NAMES = frozenset({"environ", "argv", "getenv"})
BUILD_COMMANDS = frozenset({
    "egg_info", "dist_info", "build", "build_py", "build_ext", "build_clib", "build_scripts",
    "bdist_wheel", "install", "install_lib", "install_scripts", "install_headers", "install_data",
    "install_egg_info", "editable_wheel", "develop",
})


class Import(Record):
    """A module that ``setup.py`` imports at build time."""

    module: str
    """The dotted name imported: ``numpy.distutils.core`` for ``from numpy.distutils.core import setup``."""
    line: int
    at_load: bool
    """Imported while setup.py is read (before ``setup()`` runs), not inside a command."""
    optional: bool = False
    """Under a ``try`` that catches ``ImportError``: the script copes without it."""

    @property
    def top(self) -> str:
        return self.module.partition(".")[0]


class SetupRequires(Record):
    """A ``setup_requires`` declaration."""

    file: str
    line: int
    entries: tuple[str, ...]
    complete: bool
    """Whether every entry could be read (a computed list cannot)."""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class SyntaxProblem(Record):
    line: int
    column: int
    message: str


class SetupPy(Record):
    """What a ``setup.py`` needs, or why it could not be read."""

    imports: tuple[Import, ...] = ()
    setup_requires: Optional[SetupRequires] = None
    changes_sys_path: bool = False
    """Whether it edits ``sys.path`` (``sys.path.insert(0, ...)``), so a local import may work."""
    syntax_error: Optional[SyntaxProblem] = None
    python_requires: Optional[str] = None
    """``setup(python_requires="...")`` when written as a string literal."""
    attributes: frozenset[str] = frozenset()
    """Attribute names the code a build runs reads (``self.cython_sources``)."""
    sys_path_folders: tuple[str, ...] = ()
    """Project folders it puts on ``sys.path`` (``os.path.join(HERE, "psutil")``: ``psutil``)."""
    keywords: frozenset[str] = frozenset()
    """The keyword arguments of the ``setup()`` call (``use_scm_version``, ``version``, ...)."""

    @property
    def needed(self) -> tuple[Import, ...]:
        """The imports the script cannot do without."""
        return tuple(i for i in self.imports if not i.optional)

    def imports_of(self, *modules: str) -> list[Import]:
        """Imports of ``modules`` or their submodules (``numpy.distutils`` finds ``numpy.distutils.core``)."""
        return [i for i in self.imports if any(i.module == m or i.module.startswith(m + ".") for m in modules)]


def read_setup_py(text: str) -> SetupPy:
    import warnings

    try:
        with warnings.catch_warnings():
            # Python's complaints about the script (`"\d"` is an invalid escape sequence)
            # are not the linter's to print, nor errors under `-W error`.
            warnings.simplefilter("ignore")
            tree = ast.parse(text, SETUP_PY)
    except SyntaxError as error:
        return SetupPy(syntax_error=SyntaxProblem(error.lineno or 1, error.offset or 1, error.msg))
    except (ValueError, RecursionError, MemoryError) as error:  # NUL bytes; absurd nesting
        return SetupPy(syntax_error=SyntaxProblem(1, 1, str(error) or type(error).__name__))
    try:
        return _Walker(tree).run()
    except RecursionError:
        return SetupPy(syntax_error=SyntaxProblem(1, 1, "nested too deeply to read"))


class _Walker:
    """Follows setup.py from its module body through what that body calls or hands on."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.functions: dict[str, list[_Function]] = {}
        self.classes: dict[str, list[ast.ClassDef]] = {}
        self.assigned: dict[str, ast.expr] = {}
        self.top_level: set[int] = set()
        for statement in _top_level(tree.body):
            self.top_level.add(id(statement))
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(statement.name, []).append(statement)
            elif isinstance(statement, ast.ClassDef):
                self.classes.setdefault(statement.name, []).append(statement)
            elif isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        self.assigned[target.id] = statement.value
        self.seen: dict[int, list[tuple[bool, bool]]] = {}
        self.work: list[tuple[list[ast.stmt], bool, bool]] = []
        self.imports: dict[str, Import] = {}
        self.setup_requires: Optional[SetupRequires] = None
        self.changes_sys_path = False
        self.python_requires: Optional[str] = None
        self.sys_path_folders: list[str] = []
        self.attributes: set[str] = set()
        self.off_by_default = _off_by_default(tree)
        self.keywords: frozenset[str] = frozenset()
        self.never_run = _non_build_command_classes(tree)

    def run(self) -> SetupPy:
        self._schedule(self.tree, self.tree.body, at_load=True, guarded=False)
        while self.work:
            body, at_load, guarded = self.work.pop()
            for statement in body:
                self._statement(statement, at_load, guarded)
        imports = tuple(sorted(self.imports.values(), key=lambda i: (i.line, i.module)))
        return SetupPy(
            imports,
            self.setup_requires,
            self.changes_sys_path,
            python_requires=self.python_requires,
            keywords=self.keywords,
            sys_path_folders=tuple(dict.fromkeys(self.sys_path_folders)),
            attributes=frozenset(self.attributes),
        )

    def _schedule(self, owner: ast.AST, body: list[ast.stmt], at_load: bool, guarded: bool) -> None:
        # A body already walked in a way at least as strong (loading, unguarded) is not walked again.
        seen = self.seen.setdefault(id(owner), [])
        if any(load >= at_load and was_guarded <= guarded for load, was_guarded in seen):
            return
        seen.append((at_load, guarded))
        self.work.append((body, at_load, guarded))

    def _statement(self, statement: ast.stmt, at_load: bool, guarded: bool) -> None:
        nested = id(statement) not in self.top_level
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._expressions([*statement.decorator_list, *statement.args.defaults], at_load, guarded)
            if nested:  # a function inside a function: taken to run with its parent
                self._schedule(statement, statement.body, at_load, guarded)
            return  # a module-level one runs when it is called or handed on
        if isinstance(statement, ast.ClassDef):
            self._expressions([*statement.bases, *statement.decorator_list], at_load, guarded)
            for item in statement.body:
                if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self._statement(item, at_load, guarded)  # a class body runs where it stands
                elif nested:  # a class made inside a function (versioneer's cmdclass) is handed on
                    self._schedule(item, item.body, False, guarded)
            return
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                self._record(alias.name, statement.lineno, at_load, guarded)
            return
        if isinstance(statement, ast.ImportFrom):
            if statement.level == 0 and statement.module:
                self._record(statement.module, statement.lineno, at_load, guarded)
                if statement.module == "numpy":  # `from numpy import distutils`
                    for alias in statement.names:
                        if alias.name == "distutils":
                            self._record("numpy.distutils", statement.lineno, at_load, guarded)
            return
        if isinstance(statement, ast.If):
            runs = _version_test(statement.test)
            if runs == "unknown" and self._configured(statement.test):
                runs = "sometimes"  # a build option, an environment variable, a platform
            self._expressions([statement.test], at_load, guarded)
            # A branch for the Pythons builds run on: walked as usual; one for no such Python
            # (Python 2, 3.8): skipped; one for some of them only: its imports are optional.
            for branch, taken in ((statement.body, runs), (statement.orelse, _not(runs))):
                if taken != "never":
                    for child in branch:
                        self._statement(child, at_load, guarded or taken == "sometimes")
            return
        if isinstance(statement, _TRY):
            optional = any(_catches_import_error(handler) for handler in statement.handlers)
            for child in statement.body:
                self._statement(child, at_load, guarded or optional)
            # A handler runs only when the `try` failed: its imports are an error path.
            for child in (c for h in statement.handlers for c in h.body):
                self._statement(child, at_load, True)
            for child in [*statement.orelse, *statement.finalbody]:
                self._statement(child, at_load, guarded)
            return
        statements, expressions = _children(statement)
        for child in statements:
            self._statement(child, at_load, guarded)
        if isinstance(statement, (ast.Assign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(_is_sys_path(target) or _is_sys_path(getattr(target, "value", None)) for target in targets):
                self.changes_sys_path = True
        self._expressions(expressions, at_load, guarded)

    def _expressions(self, expressions: Iterable[ast.expr], at_load: bool, guarded: bool) -> None:
        called: set[int] = set()
        nodes = [node for expression in expressions for node in ast.walk(expression)]
        for node in nodes:
            if isinstance(node, ast.Attribute):
                # Wherever a build may read it, guarded or not: whether a flag such as
                # `with_cython` is on cannot be read statically, and the build fails if it is.
                self.attributes.add(node.attr)
            if not isinstance(node, ast.Call):
                continue
            called.add(id(node.func))
            name = _called_name(node.func)
            if isinstance(node.func, ast.Attribute) and _is_sys_path(node.func.value):
                self.changes_sys_path = True
                folder = _folder(node.args[-1]) if node.args else None
                if folder is not None:
                    self.sys_path_folders.append(folder)
            first = node.args[0] if node.args else None
            if name in _IMPORTING_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._record(first.value, node.lineno, at_load, guarded)
            if name == "setup" and at_load:
                self._setup_call(node)
            if isinstance(node.func, ast.Name):
                for function in self.functions.get(node.func.id, ()):
                    self._schedule(function, function.body, at_load, guarded)
        for node in nodes:
            if not isinstance(node, ast.Name) or id(node) in called or not isinstance(node.ctx, ast.Load):
                continue
            # Handed on (cmdclass={"build_ext": BuildExt}, a callback): runs inside a command.
            for function in self.functions.get(node.id, ()):
                self._schedule(function, function.body, False, guarded)
            if node.id in self.never_run:
                continue  # a command class for `test` or `docs`: no build runs it
            for cls in self.classes.get(node.id, ()):
                for item in cls.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        self._schedule(item, item.body, False, guarded)

    def _record(self, module: str, line: int, at_load: bool, guarded: bool) -> None:
        if not module:
            return
        new = Import(module, line, at_load, guarded)
        old = self.imports.get(module)
        if old is None or (not new.optional, new.at_load) > (not old.optional, old.at_load):
            self.imports[module] = new

    def _configured(self, test: ast.expr) -> bool:
        """Whether an ``if`` test depends on how the build is asked for rather than on what
        it builds: an environment variable, the command line, the platform, a string option
        (``if METHOD == "scikit-build"``), or a flag that starts off (``USE_MYPYC = False``)."""
        for node in ast.walk(test):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "argv", "platform", "getenv"):
                return True
            if isinstance(node, ast.Name) and node.id in _CONFIG_NAMES | self.off_by_default:
                return True
            if isinstance(node, ast.Compare) and _called_name(node.left) != "__name__" and any(
                isinstance(c, ast.Constant) and isinstance(c.value, str) for c in node.comparators
            ):
                return True
        return False

    def _setup_call(self, call: ast.Call) -> None:
        self.keywords |= {keyword.arg for keyword in call.keywords if keyword.arg}
        for keyword in call.keywords:
            value = keyword.value
            if keyword.arg == "python_requires" and self.python_requires is None:
                if isinstance(value, ast.Name) and value.id in self.assigned:
                    value = self.assigned[value.id]
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    self.python_requires = value.value
            if keyword.arg != "setup_requires" or self.setup_requires is not None:
                continue
            value = keyword.value
            if isinstance(value, ast.Name) and value.id in self.assigned:
                value = self.assigned[value.id]
            entries, complete = _strings(value)
            self.setup_requires = SetupRequires(SETUP_PY, keyword.value.lineno, entries, complete)


def _children(node: ast.AST) -> tuple[list[ast.stmt], list[ast.expr]]:
    """The statements and expressions directly in ``node`` (through handlers, ``with`` items, cases)."""
    statements: list[ast.stmt] = []
    expressions: list[ast.expr] = []
    for _, value in ast.iter_fields(node):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.stmt):
                statements.append(item)
            elif isinstance(item, ast.expr):
                expressions.append(item)
            elif isinstance(item, ast.AST):
                more_statements, more_expressions = _children(item)
                statements += more_statements
                expressions += more_expressions
    return statements, expressions


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, including those inside module-level if/try/with blocks."""
    for statement in body:
        yield statement
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from _top_level(_children(statement)[0])


def _folder(node: ast.expr) -> Optional[str]:
    """The project folder a ``sys.path`` entry names: the string parts of ``os.path.join(HERE,
    "a", "b")`` or of a literal, as a relative POSIX path (``None``: not readable so)."""
    parts = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    if not parts:
        return None
    folder = "/".join(part.strip("/") for part in parts).lstrip("./")
    return folder or None


def _off_by_default(tree: ast.Module) -> frozenset[str]:
    """Names first bound to a false constant (``USE_MYPYC = False``): flags an option turns on."""
    off: set[str] = set()
    seen: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name not in seen and isinstance(node.value, ast.Constant) and not node.value.value:
                off.add(name)
            seen.add(name)
    return frozenset(off)


def _not(runs: str) -> str:
    return {"always": "never", "never": "always"}.get(runs, runs)


def _version_test(test: ast.expr) -> str:
    """Whether an ``if`` test holds on the Pythons builds run on: ``always``, ``never`` or
    ``sometimes`` for a test on ``sys.version_info`` (``sys.version_info < (3,)``,
    ``sys.version_info[0] == 2``, ``sys.version_info.major >= 3``, six's ``PY2``/``PY3``),
    ``unknown`` for any other test.
    """
    name = _called_name(test)
    if name in ("PY2", "PY3"):
        return "always" if name == "PY3" else "never"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _not(_version_test(test.operand))
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return "unknown"
    left, op, right = test.left, test.ops[0], test.comparators[0]
    length = None  # compare the whole (major, minor) tuple
    if isinstance(left, ast.Subscript) and isinstance(left.slice, ast.Constant) and left.slice.value == 0:
        left, length = left.value, 1
    elif isinstance(left, ast.Attribute) and left.attr == "major":
        left, length = left.value, 1
    if not (isinstance(left, ast.Attribute) and left.attr == "version_info" and _called_name(left.value) == "sys"):
        return "unknown"
    if isinstance(right, ast.Constant) and isinstance(right.value, int):
        bound: tuple[int, ...] = (right.value,)
        length = 1
    elif isinstance(right, ast.Tuple) and all(isinstance(e, ast.Constant) and isinstance(e.value, int) for e in right.elts):
        bound = tuple(e.value for e in right.elts if isinstance(e, ast.Constant) and isinstance(e.value, int))
    else:
        return "unknown"
    compare = {ast.Lt: tuple.__lt__, ast.LtE: tuple.__le__, ast.Gt: tuple.__gt__, ast.GtE: tuple.__ge__,
               ast.Eq: tuple.__eq__, ast.NotEq: tuple.__ne__}.get(type(op))
    if compare is None:
        return "unknown"
    results = {bool(compare(python[: length or len(bound)], bound)) for python in _PYTHONS}
    if len(results) == 2:
        return "sometimes"
    return "always" if results.pop() else "never"


def _non_build_command_classes(tree: ast.Module) -> frozenset[str]:
    """Classes registered in a ``cmdclass`` dict only for commands no build runs (``test``)."""
    commands: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        mapping: Optional[ast.expr] = None
        if isinstance(node, ast.keyword) and node.arg == "cmdclass":
            mapping = node.value
        elif isinstance(node, ast.Assign) and any(_called_name(t) == "cmdclass" for t in node.targets):
            mapping = node.value
        if isinstance(mapping, ast.Dict):
            for key, value in zip(mapping.keys, mapping.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Name):
                    commands.setdefault(value.id, set()).add(key.value)
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]  # cmdclass["test"] = PyTest
            if (
                isinstance(target, ast.Subscript)
                and _called_name(target.value) == "cmdclass"
                and isinstance(target.slice, ast.Constant)
                and isinstance(target.slice.value, str)
                and isinstance(node.value, ast.Name)
            ):
                commands.setdefault(node.value.id, set()).add(target.slice.value)
    return frozenset(name for name, keys in commands.items() if not keys & BUILD_COMMANDS)


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(_called_name(name) in _OPTIONAL_IMPORT_ERRORS for name in names)


def _called_name(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_sys_path(node: Optional[ast.AST]) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def _strings(node: ast.expr) -> tuple[tuple[str, ...], bool]:
    """The strings of a list/tuple literal (or one string, as setuptools allows)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return tuple(line.strip() for line in node.value.splitlines() if line.strip()), True
    if isinstance(node, (ast.List, ast.Tuple)):
        found = tuple(e.value.strip() for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
        return found, len(found) == len(node.elts)
    return (), False


# -- setup.cfg ------------------------------------------------------------------------------

_SECTION = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^(\w[\w.-]*)\s*[=:]")


class SetupCfg(Record):
    sections: frozenset[str]
    setup_requires: Optional[SetupRequires]
    python_requires: Optional[str] = None
    """``[options] python_requires``."""
    version: Optional[str] = None
    """``[metadata] version`` (a literal, or ``attr:``/``file:``)."""

    @property
    def describes_a_package(self) -> bool:
        """Whether setuptools reads package metadata or options from it (not only tools' settings)."""
        return bool(self.sections & {"metadata", "options"})


def read_setup_cfg(text: str) -> SetupCfg:
    """Its section names and ``[options] setup_requires`` (nothing when it cannot be read)."""
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text, SETUP_CFG)
    except (configparser.Error, ValueError, RecursionError):
        return SetupCfg(frozenset(), None)
    sections = frozenset(parser.sections())
    python_requires = parser.get("options", "python_requires", fallback=None)
    version = parser.get("metadata", "version", fallback=None)
    if not parser.has_option("options", "setup_requires"):
        return SetupCfg(sections, None, python_requires, version)
    value = parser.get("options", "setup_requires")
    # setuptools' own reading: one per line, else separated by semicolons.
    raw = value.splitlines() if "\n" in value else value.split(";")
    entries = tuple(entry.strip() for entry in raw if entry.strip() and not entry.strip().startswith("#"))
    line = _option_line(text, "options", "setup_requires")
    return SetupCfg(sections, SetupRequires(SETUP_CFG, line, entries, True), python_requires, version)


def _option_line(text: str, section: str, option: str) -> int:
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _SECTION.match(line)
        if header:
            current = header.group(1)
            continue
        key = _KEY.match(line)
        if current == section and key and key.group(1).lower() == option:
            return number
    return 1


# -- the standard library ---------------------------------------------------------------------


@cache
def stdlib_modules() -> frozenset[str]:
    """The top-level modules of this Python's standard library."""
    names: Optional[frozenset[str]] = getattr(sys, "stdlib_module_names", None)  # Python 3.10+
    return names if names is not None else scan_stdlib()


def scan_stdlib() -> frozenset[str]:
    """Python 3.9 has no ``sys.stdlib_module_names``: what its standard library folders
    (not site-packages) and its built-in modules hold."""
    import os
    import pkgutil
    import sysconfig

    paths = {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}
    folders = sorted(paths) + sorted(os.path.join(path, "lib-dynload") for path in paths)
    found = {module.name for module in pkgutil.iter_modules(folders)}
    return frozenset(found | set(sys.builtin_module_names) | {"__future__"})
