"""The real-world suite's comparison: the linter's findings on real sdists against pip.

``tests/realworld/outcomes.toml`` records what pip's metadata step did with each sdist of
``manifest.toml`` on each CPython (``scripts/realworld.py oracle``); ``sdists/<sdist>/`` holds
the files the linter reads. This module lints each sdist as it was and scores the errors:

- **precision** (per Python): error findings that apply on that Python whose run failed for the
  cause the finding names / all error findings on runs that were not ``unsupported``;
- **recall** (per Python): ``config`` runs that got an error naming their cause / all
  ``config`` runs.

``NAMES`` is the one table to extend when a rule changes or a new one names a cause.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional

from pyproject_lint._compat import tomllib
from pyproject_lint.diagnostics import Diagnostic, Severity
from pyproject_lint.engine import RuleCrashed, lint

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "realworld"
PYTHONS = ("3.11", "3.12", "3.13")
READ_FILES = ("pyproject.toml", "setup.py", "setup.cfg")

# -- what a finding names ------------------------------------------------------------------


def _first_code(message: str) -> str:
    """The first ``backticked`` name of a message, without an ``:object`` part."""
    found = re.search(r"`([^`]+)`", message)
    return found.group(1).split(":")[0] if found else ""


def _imported(message: str) -> str:
    """The module a message says ``setup.py`` imports."""
    found = re.search(r"imports `([\w.]+)`", message)
    return found.group(1) if found else ""


def _admitted(message: str) -> str:
    """The distribution of "`req` admits only NAME releases older than ...": setuptools, numpy."""
    found = re.search(r"admits only (\S+) releases", message)
    return found.group(1) if found else ""


def _release_of(message: str) -> str:
    """The distribution of "no NAME release satisfies ..." (PPL115)."""
    found = re.search(r"no (\S+) release satisfies", message)
    return found.group(1) if found else ""


def _needed(message: str) -> str:
    """The distribution of "`[table]` needs `NAME`" (PPL116)."""
    found = re.search(r"needs `([^`]+)`", message)
    return found.group(1) if found else ""


def _anything(message: str) -> str:
    return ""


def _all_pythons(message: str) -> frozenset[str]:
    return frozenset(PYTHONS)


def _named_pythons(message: str) -> frozenset[str]:
    """The Pythons of "Python 3.12+" / "which Python 3.12 removed"; all when none is named."""
    found = re.search(r"Python (3\.\d+)(\+| removed)", message)
    if not found:
        return frozenset(PYTHONS)
    first = int(found.group(1).split(".")[1])
    return frozenset(p for p in PYTHONS if int(p.split(".")[1]) >= first)


#: Error rules about a front-end operation other than building an sdist (an editable install).
UNBUILT_ERRORS = frozenset({"PPL126"})


class Names(NamedTuple):
    """What an error of one rule claims: the oracle causes it predicts, the subject (module or
    distribution) it names, read from its message, and the Pythons it applies to."""

    causes: frozenset[str]
    subject: Callable[[str], str] = _anything
    pythons: Callable[[str], frozenset[str]] = _named_pythons


def _causes(*names: str) -> frozenset[str]:
    return frozenset(names)


#: Rule code -> what its *errors* claim. A rule missing here names no oracle cause: its errors
#: count against precision wherever they appear (and as false errors on runs that were ok).
#: `invalid-pyproject` is pip refusing the file itself (TOML, `requires`), before any backend.
NAMES: Mapping[str, Names] = {
    "PPL001": Names(_causes("invalid-pyproject")),
    "PPL006": Names(_causes("backend-config")),
    "PPL002": Names(_causes("invalid-pyproject")),
    "PPL004": Names(_causes("invalid-pyproject")),
    "PPL101": Names(_causes("invalid-pyproject")),
    "PPL102": Names(_causes("backend-unavailable"), lambda m: "setuptools"),
    "PPL103": Names(_causes("backend-unavailable"), _first_code),
    "PPL104": Names(_causes("backend-unavailable", "backend-config"), _first_code),
    "PPL107": Names(_causes("distutils", "old-setuptools", "build-dependency", "unresolvable"), _admitted),
    "PPL108": Names(_causes("invalid-pyproject", "unresolvable")),
    "PPL109": Names(_causes("invalid-pyproject")),
    "PPL110": Names(_causes("backend-unavailable")),
    "PPL115": Names(_causes("unresolvable"), _release_of),
    "PPL116": Names(_causes("backend-config", "build-dependency", "unresolvable"), _needed),
    "PPL118": Names(_causes("backend-config")),
    "PPL120": Names(_causes("missing-module", "distutils"), _imported),
    "PPL121": Names(_causes("missing-module"), _imported),
    "PPL122": Names(_causes("missing-module", "distutils", "setup-error"), _imported),
    "PPL123": Names(_causes("missing-module", "backend-unavailable"), _imported),
    "PPL124": Names(_causes("setup-error")),
    "PPL125": Names(_causes("setup-error")),
    "PPL200": Names(_causes("backend-config")),
    "PPL204": Names(_causes("backend-config")),
    "PPL205": Names(_causes("backend-config")),
    "PPL206": Names(_causes("backend-config")),
    "PPL207": Names(_causes("backend-config")),
    "PPL208": Names(_causes("backend-config")),
    "PPL209": Names(_causes("backend-config")),
    "PPL210": Names(_causes("backend-config")),
}

#: (sdist, code) -> why an error of that rule appears on a run that pip finished: a linter bug
#: to fix (the entry then goes: `test_known_false_errors_still_happen` insists), or a reason
#: the error is right after all. The suite fails on any false error not listed here.
KNOWN_FALSE_ERRORS: Mapping[tuple[str, str], str] = {
    ("uvloop-0.18.0", "PPL120"): (
        "`pkg_resources` is imported only when the C sources need cythonizing (`if need_cythonize:`, from an "
        "option that defaults to false), which the sdist (shipping them) never does: `pip wheel` built it on "
        "CPython 3.12.1 (2026-12-03). Whether the option is on cannot be read statically"
    ),
}

#: sdist -> why the linter raising on it is known (file the bug; do not hide it here for long).
KNOWN_CRASHES: Mapping[str, str] = {}

#: The lowest recall per Python accepted: the figure when last measured. Raise it as rules
#: improve; a change that lowers it loses configuration failures the linter used to explain.
RECALL_FLOOR: Mapping[str, float] = {"3.11": 0.50, "3.12": 0.61, "3.13": 0.55}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def same_subject(claimed: str, observed: str) -> bool:
    """A finding's subject against a run's: either unnamed, equal, or one a dotted part of the
    other (`Cython.Build` and `Cython`; `numpy.distutils.core` and `numpy.distutils`). Module
    and distribution names are compared after PEP 503 normalization, which joins `cython` and
    `Cython` but not `yaml` and `PyYAML`."""
    if not claimed or not observed:
        return True
    a, b = claimed.lower().replace("-", "_"), observed.lower().replace("-", "_")
    return _normal(a) == _normal(b) or a.startswith(b + ".") or b.startswith(a + ".")


# -- the data ------------------------------------------------------------------------------


class Run(NamedTuple):
    sdist: str
    python: str
    outcome: str
    cause: str
    subject: str
    line: str


class Finding(NamedTuple):
    sdist: str
    code: str
    severity: str
    message: str
    position: str  # line:col
    pythons: tuple[str, ...] = ()
    """The Pythons the linter says the finding is about (empty: every one it admits)."""


def load_outcomes(path: Path = SUITE / "outcomes.toml") -> tuple[dict[str, Any], dict[tuple[str, str], Run]]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    runs = {
        (row["sdist"], row["python"]): Run(row["sdist"], row["python"], row["outcome"], row["cause"], row["subject"], row["line"])
        for row in data.get("run", [])
    }
    return dict(data.get("meta", {})), runs


def load_manifest(path: Path = SUITE / "manifest.toml") -> list[dict[str, Any]]:
    with path.open("rb") as file:
        return list(tomllib.load(file)["sdist"])


def sdist_id(row: Mapping[str, Any]) -> str:
    return f"{row['name']}-{row['version']}"


def rebuild(recorded: Path, target: Path) -> None:
    """The sdist's tree as far as the linter looks: the files it reads, with their content,
    and every other listed path as an empty file or folder."""
    # Plain os calls: this makes tens of thousands of paths per run of the suite.
    root = str(target)
    for line in (recorded / "FILES.txt").read_text(encoding="utf-8").splitlines():
        if not line or line in READ_FILES:
            continue
        path = os.path.join(root, line)
        os.makedirs(path if line.endswith("/") else os.path.dirname(path), exist_ok=True)
        if not line.endswith("/"):
            open(path, "wb").close()
    for name in READ_FILES:
        if (recorded / name).is_file():
            (target / name).write_bytes((recorded / name).read_bytes())


#: Thousands of empty files are made per run of the suite: in memory where the system offers
#: it (on a disk each costs about a millisecond).
SCRATCH = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else None


def lint_sdist(sdist: str, scratch: Path, recorded: Optional[Path] = None) -> list[Finding]:
    """Every finding of the linter on one recorded sdist, rebuilt under ``scratch`` (raises
    ``RuleCrashed`` on a bug)."""
    tree = scratch / sdist
    tree.mkdir()
    rebuild(recorded or SUITE / "sdists" / sdist, tree)
    pyproject = tree / "pyproject.toml"
    result = lint(pyproject.read_bytes(), pyproject)
    return [_finding(sdist, result.position(d.start), d) for d in result.diagnostics]


def _finding(sdist: str, position: tuple[int, int], diagnostic: Diagnostic) -> Finding:
    return Finding(
        sdist, diagnostic.code, diagnostic.severity.value, diagnostic.message, f"{position[0]}:{position[1]}",
        diagnostic.pythons,
    )


# -- the comparison ------------------------------------------------------------------------


def explains(finding: Finding, run: Run) -> bool:
    """Whether an error finding names the cause (and subject) for which ``run`` failed."""
    names = NAMES.get(finding.code)
    return (
        names is not None
        and run.outcome == "config"
        and run.cause in names.causes
        and same_subject(names.subject(finding.message), run.subject)
        and not (run.cause == "distutils" and names.subject is _imported and not _distutils(finding.message))
    )


def _distutils(message: str) -> bool:
    """Whether the module a message says is imported is ``distutils`` or one of numpy's."""
    return "distutils" in _imported(message).split(".")


def applies_on(finding: Finding, python: str) -> bool:
    """The Pythons a finding says it is about (``Diagnostic.pythons``), else read from its message."""
    if finding.pythons:
        return python in finding.pythons
    names = NAMES.get(finding.code)
    return python in (names.pythons(finding.message) if names else _named_pythons(finding.message))


@dataclass
class Score:
    hits: int = 0
    total: int = 0

    @property
    def ratio(self) -> Optional[float]:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        ratio = self.ratio
        return f"{self.hits}/{self.total} = {ratio:.0%}" if ratio is not None else "0/0 = n/a"


@dataclass
class Comparison:
    """The linter against the oracle over the whole suite."""

    meta: dict[str, Any]
    sdists: list[str]
    runs: dict[tuple[str, str], Run]
    findings: dict[str, list[Finding]]
    crashes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def compute(cls) -> Comparison:
        meta, runs = load_outcomes()
        sdists = [sdist_id(row) for row in load_manifest()]
        findings: dict[str, list[Finding]] = {}
        crashes: dict[str, str] = {}
        with tempfile.TemporaryDirectory(prefix="realworld-", dir=SCRATCH) as scratch:
            for sdist in sdists:
                if not (SUITE / "sdists" / sdist / "FILES.txt").is_file():
                    continue
                try:
                    findings[sdist] = lint_sdist(sdist, Path(scratch))
                except RuleCrashed as crash:
                    crashes[sdist] = str(crash)
        return cls(meta, sdists, runs, findings, crashes)

    def errors(self, sdist: str) -> list[Finding]:
        """The errors a build can confirm: not PPL3xx, which are about other tools' runs (ruff
        refusing to start), not about building, and not PPL126, about `pip install -e` of a
        checkout, which this suite does not run (tests/test_frontend.py proves it)."""
        return [
            f for f in self.findings.get(sdist, [])
            if f.severity == Severity.ERROR.value and not f.code.startswith("PPL3") and f.code not in UNBUILT_ERRORS
        ]

    @cached_property
    def precision(self) -> dict[str, Score]:
        scores = {python: Score() for python in PYTHONS}
        for (sdist, python), run in self.runs.items():
            if run.outcome == "unsupported" or python not in scores:
                continue
            for finding in self.errors(sdist):
                if applies_on(finding, python):
                    scores[python].total += 1
                    scores[python].hits += explains(finding, run)
        return scores

    @cached_property
    def recall(self) -> dict[str, Score]:
        scores = {python: Score() for python in PYTHONS}
        for (sdist, python), run in self.runs.items():
            if run.outcome != "config" or python not in scores:
                continue
            scores[python].total += 1
            scores[python].hits += any(explains(f, run) and applies_on(f, python) for f in self.errors(sdist))
        return scores

    def false_errors(self) -> Iterator[tuple[Run, Finding]]:
        """Errors on runs that pip finished fine."""
        for (sdist, python), run in sorted(self.runs.items()):
            if run.outcome == "ok":
                for finding in self.errors(sdist):
                    if applies_on(finding, python):
                        yield run, finding

    def unexplained_errors(self) -> Iterator[tuple[Run, Finding]]:
        """Errors on runs that failed, but not for the cause the finding names."""
        for (sdist, python), run in sorted(self.runs.items()):
            if run.outcome in ("config", "other"):
                for finding in self.errors(sdist):
                    if applies_on(finding, python) and not explains(finding, run):
                        yield run, finding

    def missed(self) -> Iterator[Run]:
        """Configuration failures no error explains."""
        for (sdist, python), run in sorted(self.runs.items()):
            if run.outcome == "config" and not any(
                explains(f, run) and applies_on(f, python) for f in self.errors(sdist)
            ):
                yield run

    def unrecorded(self) -> list[str]:
        """sdists of the manifest without a recorded run on some Python, or without files."""
        pythons = [p for p in PYTHONS if f"python-{p}" in self.meta]
        gaps = []
        for sdist in self.sdists:
            absent = [p for p in pythons if (sdist, p) not in self.runs]
            if absent:
                gaps.append(f"{sdist}: no run on {', '.join(absent)}")
            if sdist not in self.findings and sdist not in self.crashes:
                gaps.append(f"{sdist}: no files under tests/realworld/sdists/ (run `realworld.py extract`)")
        return gaps

    def report(self) -> str:
        """Figures and every disagreement, as plain text."""
        lines = ["real-world suite: the linter's errors against pip's metadata step", ""]
        for python in PYTHONS:
            lines.append(f"  Python {python}: precision {self.precision[python]}, recall {self.recall[python]}")
        sections: list[tuple[str, list[str]]] = [
            ("false errors (error on a run that was ok)", [_pair(r, f) for r, f in self.false_errors()]),
            ("errors whose run failed for another cause", [_pair(r, f) for r, f in self.unexplained_errors()]),
            ("configuration failures no error explains", [_run(r) for r in self.missed()]),
            ("linter crashes", [f"{s}: {c}" for s, c in sorted(self.crashes.items())]),
            ("not recorded", self.unrecorded()),
        ]
        for title, items in sections:
            lines += ["", f"{title}: {len(items)}"] + [f"  {item}" for item in items]
        return "\n".join(lines) + "\n"


def _pair(run: Run, finding: Finding) -> str:
    observed = run.outcome + (f"/{run.cause}" if run.cause else "") + (f" `{run.subject}`" if run.subject else "")
    return f"{run.sdist} {run.python}: {finding.code} at {finding.position} ({finding.message}); pip: {observed}"


def _known(run: Run, finding: Finding) -> str:
    reason = KNOWN_FALSE_ERRORS.get((run.sdist, finding.code))
    return f" (known: {reason})" if reason else " (NOT KNOWN: the suite fails)"


def _run(run: Run) -> str:
    subject = f" `{run.subject}`" if run.subject else ""
    return f"{run.sdist} {run.python}: {run.cause}{subject}: {run.line}"


# -- docs/realworld.md ---------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _outcome_cell(run: Optional[Run]) -> str:
    if run is None:
        return "not run"
    if run.outcome in {"ok", "unsupported"}:
        return run.outcome
    subject = f" `{_cell(run.subject)}`" if run.subject else ""
    return f"{run.outcome}: {run.cause}{subject}"


def _codes(findings: list[Finding]) -> str:
    """``PPL120! x2, PPL106``: each code once, in order, `!` for an error, a count past one."""
    counts: dict[str, int] = {}
    for finding in findings:
        key = finding.code + ("!" if finding.severity == Severity.ERROR.value else "")
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(key + (f" x{n}" if n > 1 else "") for key, n in counts.items()) or "none"


def render_doc(comparison: Optional[Comparison] = None) -> str:
    """``docs/realworld.md``: generated by ``python scripts/realworld.py doc``."""
    c = comparison or Comparison.compute()
    meta = c.meta
    rows = {sdist_id(r): r for r in load_manifest()}
    pythons = ", ".join(f"CPython {meta[f'python-{p}']}" for p in PYTHONS if f"python-{p}" in meta)
    out = [
        "# The real-world suite",
        "",
        "<!-- Generated by `python scripts/realworld.py doc` from tests/realworld/: do not edit. -->",
        "",
        f"{len(c.sdists)} source distributions from the package index (`tests/realworld/manifest.toml`), each run",
        f"through pip's metadata step on {pythons} with pip {meta.get('pip', '?')} on {meta.get('date', '?')}",
        f"(`{meta.get('command', '')}`; {meta.get('environment', '')}; time limit {meta.get('time-limit', '')}),",
        "and linted by pyproject-lint as it is now. `tests/test_realworld.py` fails on any error the",
        "linter reports for a run that pip finished (unless listed, with its reason, as a known exception) and",
        "on recall falling below its floor.",
        "",
        "**Precision**: error findings whose run failed for the cause the finding names / all error findings",
        "(on runs that were not `unsupported`). **Recall**: configuration failures with an error naming their",
        "cause / all configuration failures.",
        "",
        "| Python | precision | recall |",
        "|---|---|---|",
    ]
    out += [f"| {p} | {c.precision[p]} | {c.recall[p]} |" for p in PYTHONS]
    counts: list[str] = []
    for python in PYTHONS:
        tally: dict[str, int] = {}
        for (_, p), run in c.runs.items():
            if p == python:
                key = run.outcome if run.outcome in ("ok", "unsupported") else f"{run.outcome}: {run.cause}"
                tally[key] = tally.get(key, 0) + 1
        counts.append(f"| {python} | " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())) + " |")
    out += ["", "## Outcomes", "", "| Python | runs by outcome and cause |", "|---|---|", *counts]
    out += ["", "## Per sdist", "", "| sdist | era | backend | " + " | ".join(PYTHONS) + " | findings |",
            "|---|---|---|" + "---|" * len(PYTHONS) + "---|"]
    for sdist in c.sdists:
        row = rows[sdist]
        cells = [_outcome_cell(c.runs.get((sdist, p))) for p in PYTHONS]
        found = "linter crashed" if sdist in c.crashes else _codes(c.findings.get(sdist, []))
        out.append(f"| {sdist} | {row['era']} | `{_cell(row['backend'])}` | " + " | ".join(cells) + f" | {found} |")
    out += ["", "Findings: `!` marks an error, the rest are warnings.", ""]
    sections: list[tuple[str, list[str]]] = [
        ("False errors", [_pair(r, f) + _known(r, f) for r, f in c.false_errors()]),
        ("Errors whose run failed for another cause", [_pair(r, f) for r, f in c.unexplained_errors()]),
        ("Configuration failures no error explains", [_run(r) for r in c.missed()]),
        ("Linter crashes", [f"{s}: {m}" for s, m in sorted(c.crashes.items())]),
    ]
    out += ["## Open disagreements", ""]
    for title, items in sections:
        out += [f"### {title} ({len(items)})", ""]
        out += [f"- {_cell(item)}" for item in items] or ["None."]
        out.append("")
    known = [f"- {s} {code}: {why}" for (s, code), why in sorted(KNOWN_FALSE_ERRORS.items())]
    out += ["### Known exceptions", "", *(known or ["None."]), ""]
    return "\n".join(out)
