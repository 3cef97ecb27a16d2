"""The ``pyproject-lint`` command: ``check`` (the default), ``rule`` and ``server``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Callable, Optional, TextIO

from . import __version__, config
from .discovery import InputError, discover
from .engine import LintResult
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
)
from .pool import PARALLEL_FROM, Job, default_jobs, outcomes
from .rules import ALL_RULES, find_rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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
        description="Lint pyproject.toml files. Commands: check (default), rule CODE, server.",
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


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Write ``data`` to a text stream as it is (through its binary buffer when it has one)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


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
    job = Job(settings, args.fix or args.diff, args.diff, args.stdin_filename)
    results: list[tuple[str, LintResult]] = []
    fixed = 0
    changed = False
    failed = False
    for outcome in outcomes(job, targets, args.jobs or default_jobs()):
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


def server(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
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


#: The subcommands, by name: each takes its arguments and the output streams. ``check`` is
#: also what runs when the first argument names no command.
COMMANDS: dict[str, Callable[[Sequence[str], TextIO, TextIO], int]] = {
    "check": check,
    "rule": rule,
    "server": server,
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS[arguments.pop(0)] if arguments and arguments[0] in COMMANDS else check
    try:
        return command(arguments, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_ERROR
