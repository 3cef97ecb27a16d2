"""The ``pyproject-lint`` command: ``check`` (the default), ``rule`` and ``server``."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Optional, TextIO

from . import __version__, config
from .engine import FixDidNotConverge, LintResult, RuleCrashed, fix, lint
from .output import (
    FORMATS,
    Style,
    format_full,
    format_github,
    format_json,
    format_sarif,
    format_text,
    statistics,
    summary,
    unified_diff,
)
from .rules import ALL_RULES, find_rule
from .writer import WriteError, write_fixed

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PYPROJECT = "pyproject.toml"
#: Folders never searched for ``pyproject.toml``: VCS data, environments, build output.
SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".direnv", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages",
})
COMMANDS = ("check", "rule", "server", "build-env")


class InputError(Exception):
    """A path that cannot be linted: reported as one line, exit code 2."""


class Target(NamedTuple):
    name: str
    """The name shown in output."""
    path: Optional[Path]
    """Where to read from; ``None`` for standard input."""


def _selectors(values: Optional[list[str]]) -> Optional[tuple[str, ...]]:
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given the width as ``shutil.get_terminal_size`` finds it.

    argparse makes a formatter for every ``add_argument`` and imports shutil (with bz2 and
    lzma) to size it: a tenth of a clean run's time, for help that is rarely printed.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)


def _terminal_width() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyproject-lint",
        description="Lint pyproject.toml files. Commands: check (default), rule CODE, server, build-env [PATH].",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: ./pyproject.toml); - reads stdin")
    parser.add_argument("--select", action="append", metavar="RULES", help="rules to enable (codes, prefixes, names; comma-separated)")
    parser.add_argument("--extend-select", action="append", metavar="RULES", help="rules to enable on top of the selection")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="rules to disable")
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes (and the unsafe ones with --unsafe-fixes)")
    parser.add_argument(
        "--unsafe-fixes", action="store_true", default=None, help="also apply (and mark [*]) fixes that may change meaning"
    )
    parser.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help=argparse.SUPPRESS)
    parser.add_argument("--diff", action="store_true", help="print the diff --fix would make and write nothing")
    parser.add_argument("--fixable", action="append", metavar="RULES", help="rules whose fixes --fix may apply")
    parser.add_argument("--extend-fixable", action="append", metavar="RULES", help="rules fixable on top of these")
    parser.add_argument("--unfixable", action="append", metavar="RULES", help="rules whose fixes --fix never applies")
    parser.add_argument("--output-format", choices=FORMATS, default="text", help="text (default), full (with the source line), json, sarif (2.1.0) or github (workflow annotations)")
    parser.add_argument("--exclude", action="append", metavar="PATTERNS", help="paths to skip when searching folders (.gitignore patterns, comma-separated)")
    parser.add_argument("--stdin-filename", metavar="PATH", help="the name of the file read from stdin (-)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    parser.add_argument("--statistics", action="store_true", help="count problems per rule")
    parser.add_argument("--isolated", action="store_true", help="ignore [tool.pyproject-lint] in the linted files")
    parser.add_argument(
        "-j", "--jobs", type=int, metavar="N", help=f"processes for many files (default: the CPUs; one for fewer than {PARALLEL_FROM} files)"
    )
    parser.add_argument("--version", action="version", version=f"pyproject-lint {__version__}")
    return parser


def discover(arguments: Sequence[str], stdin_filename: Optional[str], exclude: Sequence[str] = ()) -> Iterator[Target]:
    """The files to lint, in argument order (a folder's files sorted). Raises InputError.

    Folders are searched for ``pyproject.toml`` files, skipping :data:`SKIPPED_DIRS`,
    virtual environments, what ``.gitignore`` files ignore and the ``exclude`` patterns;
    a file named on the command line is always linted.
    """
    for argument in arguments or [PYPROJECT]:
        if argument == "-":
            yield Target(stdin_filename or "-", None)
            continue
        path = Path(argument)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{argument}: no such file or directory") from None
        except OSError as error:
            raise InputError(f"{argument}: {error.strerror or error}") from None
        if stat.S_ISDIR(mode):
            if path.name == PYPROJECT:
                raise InputError(f"{argument}: is a directory, not a file")
            yield from (Target(str(found), found) for found in _walk(path, exclude))
        else:
            yield Target(argument, path)


class _Ignores:
    """``.gitignore`` files (of the folder, its subfolders, and its ancestors up to the
    repository's root) and ``--exclude`` patterns, all with git's pattern rules (pathspec)."""

    def __init__(self, folder: Path, exclude: Sequence[str]) -> None:
        import pathspec  # only when a folder is searched

        self._pathspec = pathspec
        self.specs: list[tuple[Path, Any]] = []  # pathspec.PathSpec (generic from pathspec 1.0 only)
        if exclude:
            self.specs.append((folder, pathspec.GitIgnoreSpec.from_lines(exclude)))
        resolved = folder.resolve()
        if (resolved / ".git").exists():
            return  # the walk reads the folder's own .gitignore
        # Outside a repository git reads no .gitignore above the folder; inside, every one up to the root.
        root = next((ancestor for ancestor in resolved.parents if (ancestor / ".git").exists()), None)
        for ancestor in resolved.parents if root else ():
            self.read(ancestor, relative_to=folder / os.path.relpath(ancestor, resolved))
            if ancestor == root:
                break

    def read(self, directory: Path, relative_to: Optional[Path] = None) -> None:
        try:
            lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs.append((relative_to or directory, self._pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            relative = os.path.relpath(path, base).replace(os.sep, "/")
            if relative.startswith("../"):
                continue
            if spec.match_file(relative + "/" if is_dir else relative):
                return True
        return False


def _walk(folder: Path, exclude: Sequence[str] = ()) -> list[Path]:
    ignores = _Ignores(folder, exclude)
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        ignores.read(here)
        # A pyproject.toml that is not a regular file (a folder, a FIFO, a symlink loop) is
        # still listed, so that reading it reports why it was not linted.
        named = PYPROJECT in files or PYPROJECT in dirs
        dirs[:] = sorted(
            d for d in dirs
            if d != PYPROJECT
            and d not in SKIPPED_DIRS
            and not d.endswith(".egg-info")
            and not (here / d / "pyvenv.cfg").is_file()  # a virtual environment, whatever its name
            and not ignores.ignored(here / d, is_dir=True)
        )
        if named:
            candidate = here / PYPROJECT
            if not ignores.ignored(candidate, is_dir=False):
                found.append(candidate)
    return sorted(found, key=lambda p: p.parts)


def read_target(target: Target) -> bytes:
    if target.path is None:
        return sys.stdin.buffer.read()
    try:
        mode = target.path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{target.name}: is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"{target.name}: not a regular file")
        return target.path.read_bytes()
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"{target.name}: {error.strerror or error}") from None


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Write ``data`` to a text stream as it is (through its binary buffer when it has one)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


class Outcome(NamedTuple):
    """What linting (or fixing) one target produced, for the parent to print in order."""

    name: str
    result: Optional[LintResult]
    errors: tuple[str, ...] = ()
    """Lines for standard error."""
    output: bytes = b""
    """For standard output: the diff (``--diff``) or the fixed text (``--fix -``)."""
    fixed: int = 0
    changed: bool = False


class _Job(NamedTuple):
    settings: config.Settings
    fixing: bool
    diff: bool
    stdin_filename: Optional[str]


def _process(job: _Job, target: Target) -> Outcome:
    """Lint or fix one target; every failure becomes a message, never an exception."""
    try:
        source = read_target(target)
        path = target.path or (Path(job.stdin_filename) if job.stdin_filename else None)
        if not job.fixing:
            return Outcome(target.name, lint(source, path, job.settings).compact())
        outcome = fix(source, path, job.settings)
        errors = tuple(
            f"pyproject-lint: internal error on {target.name}: the fix of {diagnostic.code} would leave "
            "a file that does not parse; not applied (please report this)"
            for diagnostic in outcome.rejected
        )
        assert isinstance(outcome.source, bytes) and isinstance(outcome.fixed, bytes)
        output = b""
        if job.diff:
            if outcome.changed:
                output = unified_diff(target.name, outcome.source, outcome.fixed).encode("utf-8")
        elif target.path is None:
            output = outcome.fixed
        elif outcome.changed:
            write_fixed(target.path, outcome.source, outcome.result.document)
        return Outcome(
            target.name, outcome.result.compact(), errors, output, sum(outcome.applied.values()), outcome.changed
        )
    except (InputError, WriteError) as error:
        return Outcome(target.name, None, (f"pyproject-lint: error: {error}",))
    except (RuleCrashed, FixDidNotConverge) as error:
        return Outcome(target.name, None, (f"pyproject-lint: internal error on {target.name}: {error} (please report this)",))


#: Below this many files, one process does the work: starting workers costs more.
PARALLEL_FROM = 16


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _outcomes(job: _Job, targets: list[Target], jobs: int) -> Iterator[Outcome]:
    """Each target's outcome, in the order of ``targets``, from ``jobs`` processes."""
    jobs = min(jobs, len(targets))
    if jobs <= 1 or len(targets) < PARALLEL_FROM or not hasattr(os, "fork") or any(t.path is None for t in targets):
        yield from (_process(job, target) for target in targets)
        return
    yield from _forked(job, targets, jobs)


def _forked(job: _Job, targets: list[Target], jobs: int) -> list[Outcome]:
    """The outcomes of ``targets`` from this process and ``jobs - 1`` forked ones.

    Process ``n`` takes every ``jobs``-th target from the ``n``-th, and each child sends its
    outcomes back, pickled, through a pipe that this process drains between its own files
    (a full pipe would stop the child). ``fork`` rather than a process pool: the children
    start with everything imported, and nothing more needs importing (a pool costs
    60 ms to start here).
    """
    import pickle
    import select

    # What every child would otherwise import for itself: the schema and the span parser.
    from . import span_parser  # noqa: F401
    from .schema import validator

    with contextlib.suppress(Exception):  # the rule reports a validator that cannot load
        validator()
    pipes: dict[int, tuple[int, bytearray]] = {}  # read end -> (child pid, what it sent)
    mine = [0]  # the shares this process takes: its own, and any whose fork failed
    for worker in range(1, jobs):
        try:
            read_end, write_end = os.pipe()
        except OSError:
            mine.append(worker)
            continue
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            mine.append(worker)
            continue
        if pid == 0:  # the child: its share, pickled down the pipe, then gone
            status = 0
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as stream:
                    for index in range(worker, len(targets), jobs):
                        pickle.dump((index, _process(job, targets[index])), stream)
            except BaseException:  # noqa: BLE001 - whatever happens, the parent reports the missing files
                status = 1
            finally:
                os._exit(status)
        os.close(write_end)
        pipes[read_end] = (pid, bytearray())

    def drain(timeout: Optional[float]) -> None:
        readable, _, _ = select.select(list(pipes), [], [], timeout)
        for descriptor in readable:
            chunk = os.read(descriptor, 1 << 16)
            if chunk:
                pipes[descriptor][1].extend(chunk)
            else:
                os.close(descriptor)
                pid, data = pipes.pop(descriptor)
                os.waitpid(pid, 0)
                received.append(data)

    received: list[bytearray] = []
    outcomes: list[Optional[Outcome]] = [None] * len(targets)
    for index in (index for share in mine for index in range(share, len(targets), jobs)):
        outcomes[index] = _process(job, targets[index])
        if pipes:
            drain(0)
    while pipes:
        drain(None)
    for data in received:
        buffer = io.BytesIO(data)
        while buffer.tell() < len(data):
            try:
                index, outcome = pickle.load(buffer)
            except Exception:  # noqa: BLE001 - a child that died mid-write: its missing files are reported below
                break
            outcomes[index] = outcome
    return [
        outcome or Outcome(target.name, None, (f"pyproject-lint: internal error on {target.name}: a worker process failed (please report this)",))
        for target, outcome in zip(targets, outcomes)
    ]


def check(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    args = build_parser().parse_args(argv)
    layer = config.SelectionLayer(
        select=_selectors(args.select),
        extend_select=_selectors(args.extend_select) or (),
        ignore=_selectors(args.ignore) or (),
    )
    fix_layer = config.FixLayer(
        fixable=_selectors(args.fixable),
        extend_fixable=_selectors(args.extend_fixable) or (),
        unfixable=_selectors(args.unfixable) or (),
        unsafe_fixes=args.unsafe_fixes,
    )
    selectors = [*(layer.select or ()), *layer.extend_select, *layer.ignore]
    selectors += [*(fix_layer.fixable or ()), *fix_layer.extend_fixable, *fix_layer.unfixable]
    try:
        config.check_selectors(selectors, ALL_RULES)
    except config.UnknownSelector as error:
        print(f"pyproject-lint: error: `{error}` matches no rule (see `pyproject-lint rule --all`)", file=stderr)
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print("pyproject-lint: error: --jobs must be 1 or more", file=stderr)
        return EXIT_ERROR
    settings = config.Settings(selection=layer, read_file_config=not args.isolated, fixes=fix_layer)
    # With `--fix -` standard output carries the fixed file, so the report goes to stderr.
    report = stderr if args.fix and not args.diff and "-" in args.paths else stdout
    try:
        targets = list(discover(args.paths, args.stdin_filename, _selectors(args.exclude) or ()))
    except InputError as error:
        print(f"pyproject-lint: error: {error}", file=stderr)
        return EXIT_ERROR
    job = _Job(settings, args.fix or args.diff, args.diff, args.stdin_filename)
    results: list[tuple[str, LintResult]] = []
    fixed = 0
    changed = False
    failed = False
    for outcome in _outcomes(job, targets, args.jobs or default_jobs()):
        for line in outcome.errors:
            print(line, file=stderr)
        failed = failed or bool(outcome.errors)
        if outcome.output:
            _write_bytes(stdout, outcome.output)
        if outcome.result is not None:
            results.append((outcome.name, outcome.result))
        fixed += outcome.fixed
        changed = changed or outcome.changed
    if args.diff:
        remaining = sum(len(result.diagnostics) for _, result in results)
        print(f"Would fix {fixed} problem{'s' * (fixed != 1)} ({remaining} would remain).", file=stderr)
        return EXIT_ERROR if failed else EXIT_FINDINGS if changed else EXIT_CLEAN
    _report(args, results, fixed if args.fix else None, report, complete=not failed)
    if failed:
        return EXIT_ERROR
    found = any(result.diagnostics for _, result in results)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def use_color(stream: TextIO) -> bool:
    """Colour for a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _report(
    args: argparse.Namespace,
    results: list[tuple[str, LintResult]],
    fixed: Optional[int],
    report: TextIO,
    complete: bool = True,
) -> None:
    """Print the findings in the chosen format (the summary lines only for people).

    ``complete`` is false when some file could not be linted (said on standard error):
    then "All checks passed!" would not be true.
    """
    if args.output_format == "json":
        print(format_json(results), file=report)
        return
    if args.output_format == "sarif":
        print(format_sarif(results), file=report)
        return
    if args.output_format == "github":
        for name, result in results:
            for line in format_github(name, result):
                print(line, file=report)
        return
    style = Style(use_color(report))
    render = format_full if args.output_format == "full" else format_text
    for name, result in results:
        for line in render(name, result, style):
            print(line, file=report)
    if args.statistics:
        for line in statistics(results):
            print(line, file=report)
    if complete or any(result.diagnostics for _, result in results) or fixed:
        print(summary(results, fixed), file=report)


def rule(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = argparse.ArgumentParser(prog="pyproject-lint rule", description="Show a rule's documentation.")
    parser.add_argument("rule", nargs="?", help="a code (PPL104) or name (unknown-build-backend)")
    parser.add_argument("--all", action="store_true", help="list every rule")
    args = parser.parse_args(argv)
    if args.all or args.rule is None:
        for rule_class in ALL_RULES:
            print(f"{rule_class.code}  {rule_class.name:<36} {rule_class.severity.value:<8} {rule_class.summary()}", file=stdout)
        return EXIT_CLEAN
    found = find_rule(args.rule)
    if found is None:
        print(f"pyproject-lint: error: no rule `{args.rule}`", file=stderr)
        return EXIT_ERROR
    print(f"# {found.name} ({found.code})\n", file=stdout)
    print(f"Severity: {found.severity.value}. Fix: {'sometimes' if found.is_fixable() else 'none'}.\n", file=stdout)
    print(found.documentation(), file=stdout)
    return EXIT_CLEAN


def server(argv: Sequence[str], stderr: TextIO) -> int:
    parser = argparse.ArgumentParser(
        prog="pyproject-lint server",
        description="Run the language server over stdin/stdout (needs pyproject-lint[lsp]).",
    )
    parser.parse_args(argv)
    try:
        from .lsp import main as serve
    except ImportError as error:
        print(
            f"pyproject-lint: error: the language server needs pygls ({error}); "
            "install it with: pip install 'pyproject-lint[lsp]'",
            file=stderr,
        )
        return EXIT_ERROR
    return serve()


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = arguments.pop(0) if arguments and arguments[0] in COMMANDS else "check"
    try:
        if command == "rule":
            return rule(arguments, sys.stdout, sys.stderr)
        if command == "server":
            return server(arguments, sys.stderr)
        if command == "build-env":
            from .build_env import main as build_env

            return build_env(arguments, sys.stdout, sys.stderr)
        return check(arguments, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_ERROR
