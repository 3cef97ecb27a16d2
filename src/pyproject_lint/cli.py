"""The ``pyproject-lint`` command: ``check`` (the default), ``rule`` and ``server``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, Optional, TextIO

from . import __version__, config
from .discovery import InputError, Target, discover
from .engine import LintResult
from .output import Style, format_full, format_github, format_json, format_sarif, format_text, statistics, summary
from .pool import PARALLEL_FROM, Job, Work, default_jobs, outcomes
from .rules import ALL_RULES, find_rule

if TYPE_CHECKING:
    from .shared_config import SharedConfig

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Environment variables that stand for ``--output-format`` and ``--output-file``.
ENV_OUTPUT_FORMAT = "PYPROJECT_LINT_OUTPUT_FORMAT"
ENV_OUTPUT_FILE = "PYPROJECT_LINT_OUTPUT_FILE"

Results = list[tuple[str, LintResult]]


def _formats() -> dict[str, Callable[[Results, Style], list[str]]]:
    """Every output format, by name: the findings as lines. The formats other programs read
    live in ``formats.py``, imported only when one of them is chosen."""

    def lazy(name: str, *, style: bool = False) -> Callable[[Results, Style], list[str]]:
        def render(results: Results, colours: Style) -> list[str]:
            from . import formats

            function = getattr(formats, f"format_{name.replace('-', '_')}")
            rendered = function(results, colours) if style else function(results)
            return rendered if isinstance(rendered, list) else [rendered]

        return render

    def each(function: Callable[..., list[str]], *, style: bool = False) -> Callable[[Results, Style], list[str]]:
        return lambda results, colours: [
            line for name, result in results for line in (function(name, result, colours) if style else function(name, result))
        ]

    return {
        "text": each(format_text, style=True),
        "concise": each(format_text, style=True),
        "full": each(format_full, style=True),
        "grouped": lazy("grouped", style=True),
        "json": lambda results, _: [format_json(results)],
        "json-lines": lazy("json-lines"),
        "sarif": lambda results, _: [format_sarif(results)],
        "github": each(format_github),
        "gitlab": lazy("gitlab"),
        "junit": lazy("junit"),
        "pylint": lazy("pylint"),
        "rdjson": lazy("rdjson"),
        "azure": lazy("azure"),
    }


FORMATS = ("text", "concise", "full", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit", "pylint", "rdjson", "azure")
#: The formats for people: the findings, then the summary lines (and colour on a terminal).
PEOPLE_FORMATS = ("text", "concise", "full", "grouped")


class UsageError(Exception):
    """A command line that cannot run: one line on standard error, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line (not the usage, then the error)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


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
    parser = _Parser(
        prog="pyproject-lint",
        description="Lint pyproject.toml files. Commands: check (default), rule CODE, server, build-env [PATH].",
        formatter_class=_HelpFormatter,
    )
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or folders (default: ./pyproject.toml); - reads stdin")
    add("--select", action="append", metavar="RULES", help="rules to enable (codes, prefixes, names; comma-separated)")
    add("--extend-select", action="append", metavar="RULES", help="rules to enable on top of the selection")
    add("--ignore", action="append", metavar="RULES", help="rules to disable")
    add("--fix", action="store_true", help="apply the safe fixes (and the unsafe ones with --unsafe-fixes)")
    add("--unsafe-fixes", action="store_true", default=None, help="also apply (and mark [*]) fixes that may change meaning")
    add("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help=argparse.SUPPRESS)
    add("--fix-only", action="store_true", help="apply the fixes and report only how many; exit 0 unless --exit-non-zero-on-fix")
    add("--show-fixes", action="store_true", help="with --fix: list the fixes applied, per file and rule")
    add("--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed a file, even if nothing remains")
    add("--diff", action="store_true", help="print the diff --fix would make and write nothing")
    add("--fixable", action="append", metavar="RULES", help="rules whose fixes --fix may apply")
    add("--extend-fixable", action="append", metavar="RULES", help="rules fixable on top of these")
    add("--unfixable", action="append", metavar="RULES", help="rules whose fixes --fix never applies")
    add("--add-noqa", action="store_true", help="add a `# noqa: CODE` comment on each line with a finding; write the files")
    add("--ignore-noqa", action="store_true", help="report what `# noqa` comments suppress (and turn off PPL005)")
    add("--output-format", metavar="FORMAT", help=f"{', '.join(FORMATS)} (default: text; ${ENV_OUTPUT_FORMAT})")
    add("-o", "--output-file", metavar="PATH", help=f"write the report to PATH instead of standard output (${ENV_OUTPUT_FILE})")
    add("--config", metavar="FILE", help="a shared configuration: pyproject-lint.toml, or a pyproject.toml's [tool.pyproject-lint]")
    add("--exclude", action="append", metavar="PATTERNS", help="paths to skip when searching folders (.gitignore patterns, comma-separated)")
    add("--force-exclude", action="store_true", help="skip excluded files even when named on the command line (for pre-commit)")
    add("--stdin-filename", metavar="PATH", help="the name of the file read from stdin (-)")
    add("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    add("--statistics", action="store_true", help="print only the number of problems per rule")
    add("--isolated", action="store_true", help="ignore every configuration: [tool.pyproject-lint] and pyproject-lint.toml")
    add("-j", "--jobs", type=int, metavar="N", help=f"processes for many files (default: the CPUs; one for fewer than {PARALLEL_FROM} files)")
    add("--version", action="version", version=f"pyproject-lint {__version__}")
    return parser


def _options_layer(args: argparse.Namespace) -> config.FileConfig:
    """The command line's settings, read as a settings table is (one reader for all)."""
    table = {
        key: value
        for key, value in (
            ("select", args.select), ("extend-select", args.extend_select), ("ignore", args.ignore),
            ("fixable", args.fixable), ("extend-fixable", args.extend_fixable), ("unfixable", args.unfixable),
            ("unsafe-fixes", args.unsafe_fixes),
        )
        if value is not None
    }
    for key in ("select", "extend-select", "ignore", "fixable", "extend-fixable", "unfixable"):
        if key in table:
            table[key] = ",".join(table[key])
    return config.read_settings(table, ALL_RULES, prefix=(), lenient=True)


def _mode(args: argparse.Namespace) -> str:
    if args.add_noqa:
        if args.fix or args.fix_only or args.diff:
            raise UsageError("--add-noqa cannot be combined with --fix, --fix-only or --diff")
        return "add-noqa"
    if args.diff:
        return "diff"
    return "fix" if args.fix or args.fix_only else "check"


class _Plan:
    """Which shared configurations apply to each target, and which targets they exclude."""

    def __init__(self, args: argparse.Namespace, options: config.FileConfig) -> None:
        from .shared_config import Finder, load

        self.args = args
        self.options = options
        self.finder = None if args.isolated or args.config else Finder()
        self.fixed = [load(Path(args.config))] if args.config and not args.isolated else []

    def chain(self, target: Target) -> list[SharedConfig]:
        if self.finder is None:
            return self.fixed
        path = target.path or Path(self.args.stdin_filename or "pyproject.toml")
        return self.finder.chain(path)

    def excluded(self, path: Path, chain: list[SharedConfig], named: bool) -> bool:
        """A folder's walk already left out what ``--exclude`` matches; a file named on the
        command line is linted unless ``--force-exclude``."""
        if named and not self.args.force_exclude:
            return False
        return any(shared.excludes(path) for shared in chain) or (named and _excluded_by_option(path, self.args.exclude))

    def work(self, targets: list[Target], named: set[str]) -> Work:
        from .shared_config import layered

        work: Work = []
        for target in targets:
            chain = self.chain(target)
            path = target.path or (Path(self.args.stdin_filename) if self.args.stdin_filename else None)
            if path is not None and self.excluded(path, chain, named=target.name in named):
                continue
            settings = layered(
                chain, path, self.options, read_file_config=not self.args.isolated, noqa=not self.args.ignore_noqa
            )
            work.append((target, settings))
        return work


def _excluded_by_option(path: Path, exclude: Optional[list[str]]) -> bool:
    """Whether ``--exclude`` matches a file named on the command line (``--force-exclude``)."""
    patterns = _split(exclude)
    if not patterns:
        return False
    import pathspec

    relative = os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")
    return pathspec.GitIgnoreSpec.from_lines(patterns).match_file(relative)


def _split(values: Optional[list[str]]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _open_report(args: argparse.Namespace, stdout: TextIO) -> TextIO:
    path = args.output_file or os.environ.get(ENV_OUTPUT_FILE)
    if not path:
        return stdout
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write the report to {path}: {error.strerror or error}") from None


def check(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    try:
        return _check(argv, stdout, stderr)
    except UsageError as error:
        print(f"pyproject-lint: error: {error}", file=stderr)
        return EXIT_ERROR


def _check(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from .shared_config import ConfigError

    args = build_parser().parse_args(argv)
    output_format = args.output_format or os.environ.get(ENV_OUTPUT_FORMAT) or "text"
    if output_format not in FORMATS:
        raise UsageError(f"unknown output format `{output_format}` (choose from {', '.join(FORMATS)})")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    mode = _mode(args)
    options = _options_layer(args)
    if options.problems:
        raise UsageError(f"{options.problems[0][1]} (see `pyproject-lint rule --all`)")
    try:
        plan = _Plan(args, options)
        targets = list(discover(args.paths, args.stdin_filename, _split(args.exclude)))
        named = set(args.paths or ["pyproject.toml"])
        work = plan.work(targets, named)
    except (InputError, ConfigError) as error:
        print(f"pyproject-lint: error: {error}", file=stderr)
        return EXIT_ERROR
    # With `--fix -` standard output carries the fixed file, so the report goes to stderr.
    fixing_stdin = mode in ("fix", "add-noqa") and "-" in args.paths
    report = _open_report(args, stderr if fixing_stdin else stdout)
    try:
        return _run(args, mode, output_format, work, stdout=stdout, stderr=stderr, report=report)
    finally:
        if report not in (stdout, stderr):
            report.close()


def _run(
    args: argparse.Namespace, mode: str, output_format: str, work: Work, *, stdout: TextIO, stderr: TextIO, report: TextIO
) -> int:
    results: Results = []
    fixed: dict[str, dict[str, int]] = {}
    changed = failed = False
    for outcome in outcomes(Job(mode, args.stdin_filename), work, args.jobs or default_jobs()):
        for line in outcome.errors:
            print(line, file=stderr)
        failed = failed or bool(outcome.errors)
        if outcome.output:
            _write_bytes(stdout, outcome.output)
        if outcome.result is not None:
            results.append((outcome.name, outcome.result))
        if outcome.fixed:
            fixed[outcome.name] = dict(outcome.fixed)
        changed = changed or outcome.changed
    total_fixed = sum(count for counts in fixed.values() for count in counts.values())
    people = output_format in PEOPLE_FORMATS
    if mode == "diff":
        remaining = sum(len(result.diagnostics) for _, result in results)
        print(f"Would fix {total_fixed} problem{'s' * (total_fixed != 1)} ({remaining} would remain).", file=stderr)
        return EXIT_ERROR if failed else EXIT_FINDINGS if changed else EXIT_CLEAN
    if mode == "add-noqa":
        print(f"Added {total_fixed} noqa directive{'s' * (total_fixed != 1)}.", file=stderr)
        return EXIT_ERROR if failed else EXIT_CLEAN
    if args.statistics:
        _print_lines(_statistics(results, output_format), report)
    elif args.fix_only:
        if people and total_fixed:
            print(f"Fixed {total_fixed} problem{'s' * (total_fixed != 1)}.", file=report)
    else:
        style = Style(people and use_color(report))
        _print_lines(_formats()[output_format](results, style), report)
        if people and (not failed or any(result.diagnostics for _, result in results) or total_fixed):
            print(summary(results, total_fixed if mode == "fix" else None), file=report)
    if args.show_fixes and people and fixed:
        _print_lines(_fix_listing(fixed), report)
    if failed:
        return EXIT_ERROR
    if args.exit_non_zero_on_fix and changed:
        return EXIT_FINDINGS
    found = not args.fix_only and any(result.diagnostics for _, result in results)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def _print_lines(lines: list[str], stream: TextIO) -> None:
    if lines:
        stream.write("\n".join(lines) + "\n")


def _statistics(results: Results, output_format: str) -> list[str]:
    if output_format not in ("json", "json-lines"):
        return statistics(results)
    import json

    rows = [
        {"code": code, "name": name, "count": int(count), "fixable": fixable == "[*]"}
        for count, code, fixable, name in (line.replace("\t", " ").split(None, 3) for line in statistics(results))
    ]
    return [json.dumps(rows, indent=2)]


def _fix_listing(fixed: dict[str, dict[str, int]]) -> list[str]:
    """What ``--show-fixes`` prints: the fixes applied, per file and rule."""
    total = sum(count for counts in fixed.values() for count in counts.values())
    lines = [f"Fixed {total} problem{'s' * (total != 1)}:"]
    for name, counts in fixed.items():
        lines.append(f"- {name}:")
        for code, count in sorted(counts.items()):
            rule = find_rule(code)
            lines.append(f"    {count} × {code} ({rule.name if rule else code})")
    return lines


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Write ``data`` to a text stream as it is (through its binary buffer when it has one)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def use_color(stream: TextIO) -> bool:
    """Colour for a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def rule(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from .docs import rule_url

    parser = _Parser(prog="pyproject-lint rule", description="Show a rule's documentation.")
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
    print(f"Severity: {found.severity.value}. Fix: {'sometimes' if found.is_fixable() else 'none'}.", file=stdout)
    print(f"Online: {rule_url(found.code)}\n", file=stdout)
    print(found.documentation(), file=stdout)
    return EXIT_CLEAN


def server(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = _Parser(
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


#: The subcommands, by name: each takes its arguments and the output streams. ``check`` is
#: also what runs when the first argument names no command.
def build_env(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """``pyproject-lint build-env``: what the build model concluded (``build_env.py``)."""
    from .build_env import main as show

    return show(argv, stdout, stderr)


COMMANDS: dict[str, Callable[[Sequence[str], TextIO, TextIO], int]] = {
    "check": check,
    "rule": rule,
    "server": server,
    "build-env": build_env,
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS[arguments.pop(0)] if arguments and arguments[0] in COMMANDS else check
    try:
        return command(arguments, sys.stdout, sys.stderr)
    except UsageError as error:  # from the subcommands' own parsers
        print(f"pyproject-lint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_ERROR
