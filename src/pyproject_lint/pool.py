"""Linting or fixing many files: one target's work, and the processes that share it out.

Every target's :class:`Outcome` comes back in the order of the targets, whether one process
or several did the work, so the output is the same for any ``--jobs``.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from . import config, noqa
from .diagnostics import apply_edits
from .discovery import InputError, Target, read_target
from .document import BOM, Document
from .engine import FixDidNotConverge, LintResult, RuleCrashed, fix, lint
from .output import unified_diff
from .writer import WriteError, write_fixed

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


#: Below this many files, one process does the work: starting workers costs more.
PARALLEL_FROM = 16


class Job(Record):
    """What to do with every target: ``check``, ``fix``, ``diff`` or ``add-noqa``."""

    mode: str
    stdin_filename: Optional[str]


class Outcome(Record):
    """What linting (or fixing) one target produced, for the parent to print in order."""

    name: str
    result: Optional[LintResult]
    errors: tuple[str, ...] = ()
    """Lines for standard error."""
    output: bytes = b""
    """For standard output: the diff (``--diff``) or the fixed text (``--fix -``)."""
    fixed: tuple[tuple[str, int], ...] = ()
    """The fixes applied, counted by code (``--add-noqa``: the directives added, as ``noqa``)."""
    changed: bool = False


def compact(result: LintResult) -> LintResult:
    """The result with only what reporting needs: the document's text, not its data or
    spans (small to keep for many files, and to send from a worker process)."""
    document = Document(result.document.text, result.document.path, result.document.bom)
    return LintResult(document, result.diagnostics, result.enabled, result.policy)


def process(job: Job, target: Target, settings: config.Settings) -> Outcome:
    """Lint, fix or add ``# noqa`` to one target; every failure becomes a message, never an exception."""
    try:
        source = read_target(target)
        path = target.path or (Path(job.stdin_filename) if job.stdin_filename else None)
        if job.mode == "check":
            return Outcome(target.name, compact(lint(source, path, settings)))
        if job.mode == "add-noqa":
            return _add_noqa(target, source, path, settings)
        outcome = fix(source, path, settings)
        errors = tuple(
            f"pyproject-lint: internal error on {target.name}: the fix of {diagnostic.code} would leave "
            "a file that does not parse; not applied (please report this)"
            for diagnostic in outcome.rejected
        )
        assert isinstance(outcome.source, bytes) and isinstance(outcome.fixed, bytes)
        output = b""
        if job.mode == "diff":
            if outcome.changed:
                output = unified_diff(target.name, outcome.source, outcome.fixed).encode("utf-8")
        elif target.path is None:
            output = outcome.fixed
        elif outcome.changed:
            write_fixed(target.path, outcome.source, outcome.result.document)
        fixed = tuple(sorted(outcome.applied.items()))
        return Outcome(target.name, compact(outcome.result), errors, output, fixed, outcome.changed)
    except (InputError, WriteError) as error:
        return Outcome(target.name, None, (f"pyproject-lint: error: {error}",))
    except (RuleCrashed, FixDidNotConverge) as error:
        return Outcome(target.name, None, (f"pyproject-lint: internal error on {target.name}: {error} (please report this)",))


def _add_noqa(target: Target, source: bytes, path: Optional[Path], settings: config.Settings) -> Outcome:
    result = lint(source, path, settings)
    edits, count = noqa.add(result)
    if not edits:
        return Outcome(target.name, compact(result))
    document = result.document
    text, bom = apply_edits(document.text, edits, document.bom)
    relinted = lint((BOM if bom else "") + text, path, settings)
    if relinted.document.data is None:
        return Outcome(target.name, None, (f"pyproject-lint: internal error on {target.name}: adding `# noqa` would break the file; not written (please report this)",))
    new = ((BOM if bom else "") + text).encode("utf-8")
    if target.path is None:
        return Outcome(target.name, compact(relinted), (), new, (("noqa", count),), True)
    write_fixed(target.path, source, relinted.document)
    return Outcome(target.name, compact(relinted), (), b"", (("noqa", count),), True)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


Work = list[tuple[Target, config.Settings]]


def outcomes(job: Job, work: Work, jobs: int) -> Iterator[Outcome]:
    """Each target's outcome, in the order of ``work``, from ``jobs`` processes."""
    jobs = min(jobs, len(work))
    if jobs <= 1 or len(work) < PARALLEL_FROM or not hasattr(os, "fork") or any(t.path is None for t, _ in work):
        yield from (process(job, target, settings) for target, settings in work)
        return
    yield from _forked(job, work, jobs)


def _forked(job: Job, work: Work, jobs: int) -> list[Outcome]:
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
    from .validation import validator

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
                    for index in range(worker, len(work), jobs):
                        pickle.dump((index, process(job, *work[index])), stream)
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
    results: list[Optional[Outcome]] = [None] * len(work)
    for index in (index for share in mine for index in range(share, len(work), jobs)):
        results[index] = process(job, *work[index])
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
            results[index] = outcome
    return [
        outcome or Outcome(target.name, None, (f"pyproject-lint: internal error on {target.name}: a worker process failed (please report this)",))
        for (target, _), outcome in zip(work, results)
    ]
