"""``--fix``: fixed files parse, keep every byte the fixes did not mean to change, and stay fixed."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, corpus_files
from pyproject_lint import writer
from pyproject_lint._compat import tomllib
from pyproject_lint.cli import main
from pyproject_lint.config import FixLayer, Settings
from pyproject_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from pyproject_lint.document import BOM, Document
from pyproject_lint.engine import MAX_FIX_ROUNDS, FixDidNotConverge, FixOutcome, fix, lint
from pyproject_lint.rules import ALL_RULES
from pyproject_lint.rules.base import Rule

UNSAFE = Settings(fixes=FixLayer(unsafe_fixes=True))
FIXTURES = sorted((ROOT / "fixtures").glob("PPL*/pyproject.toml"))
BROKEN = '[build-system]\nrequires = ["setuptools", "wheel"]\nbuild-backend = "setuptools.build_meto"\n'
BROKEN_FIXED = '[build-system]\nrequires = ["setuptools>=66.1.0"]\nbuild-backend = "setuptools.build_meta"\n'


def parses(data: bytes) -> bool:
    try:
        tomllib.loads(data.decode("utf-8").lstrip(BOM))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return True


def fixed_bytes(outcome: FixOutcome) -> bytes:
    assert isinstance(outcome.fixed, bytes)
    return outcome.fixed


def assert_fixpoint(outcome: FixOutcome, path: Optional[Path] = None, fix_settings: Settings = UNSAFE) -> None:
    """The fixed file parses, no fix applies any more, and fixing again changes nothing."""
    fixed = fixed_bytes(outcome)
    if parses(outcome.source if isinstance(outcome.source, bytes) else outcome.source.encode()):
        assert parses(fixed)
    assert [d for d in outcome.result.diagnostics if outcome.result.policy.applies(d)] == []
    again = fix(fixed, path, fix_settings)
    assert again.fixed is again.source, "a second --fix changed the file"


def run_cli(folder: Path, *args: str) -> tuple[int, str, str]:
    old_cwd, out, err = Path.cwd(), io.StringIO(), io.StringIO()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(old_cwd)
    return code, out.getvalue(), err.getvalue()


# -- each fixable rule, end to end on its fixture ---------------------------------------


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.is_fixable()], ids=lambda r: r.code)
def test_every_fixable_rule_has_a_fixed_fixture(rule: type[Rule]) -> None:
    folder = ROOT / "fixtures" / rule.code
    assert (folder / "fixed.toml").is_file(), f"no fixtures/{rule.code}/fixed.toml"
    assert (folder / "fixed.toml").read_bytes() != (folder / "pyproject.toml").read_bytes()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.parent.name)
def test_fix_on_fixture_through_the_cli(fixture: Path, tmp_path: Path) -> None:
    # The files beside it too: setup.py and setup.cfg decide some fixes.
    shutil.copytree(fixture.parent, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt", "fixed.toml"))
    expected = fixture.parent / "fixed.toml"
    code, out, err = run_cli(tmp_path, "--fix", "--unsafe-fixes", "pyproject.toml")
    result = (tmp_path / "pyproject.toml").read_bytes()
    assert result == (expected.read_bytes() if expected.is_file() else fixture.read_bytes())
    assert err == ""
    assert "[*]" not in out  # nothing fixable is left
    assert (" fixed, " in out) == expected.is_file()
    problems_remain = "All checks passed!" not in out and ", 0 remaining)." not in out
    assert code == (1 if problems_remain else 0)
    # A second run finds nothing more to fix and leaves the file alone.
    again = run_cli(tmp_path, "--fix", "--unsafe-fixes", "pyproject.toml")
    assert (tmp_path / "pyproject.toml").read_bytes() == result
    assert "fixed" not in again[1]


@pytest.mark.parametrize("fixed", sorted((ROOT / "fixtures").glob("PPL*/fixed.toml")), ids=lambda p: p.parent.name)
def test_fixed_fixture_is_a_fixpoint(fixed: Path) -> None:
    source = fixed.read_bytes()
    outcome = fix(source, fixed.parent / "pyproject.toml", UNSAFE)
    assert outcome.fixed is source
    assert_fixpoint(outcome, fixed.parent / "pyproject.toml")


# -- the corpus: nothing to fix means byte-identical; fixing twice changes nothing -------

CORPUS = corpus_files()


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_fix_is_a_fixpoint(path: Path) -> None:
    source = path.read_bytes()
    outcome = fix(source, path, UNSAFE)
    if not outcome.applied:
        assert outcome.fixed is source
    else:
        assert outcome.changed and fixed_bytes(outcome) != source
    assert_fixpoint(outcome, path)


# -- what the fixes keep ---------------------------------------------------------------


def test_crlf_bom_comments_and_missing_final_newline_are_kept() -> None:
    source = (
        BOM + "# header comment   \r\n\r\n[build-system]  # the table\r\n"
        "requires = [ 'setuptools' ,  'wheel' ]   # spacing kept\r\n\r\n"
        "[tool.x]\r\nkey = 'v'  # no final newline"
    ).encode("utf-8")
    outcome = fix(source, None, Settings(fixes=FixLayer(unfixable=("PPL004",), unsafe_fixes=True)))
    fixed = fixed_bytes(outcome).decode("utf-8")
    assert fixed == (
        BOM + "# header comment   \r\n\r\n[build-system]  # the table\r\n"
        "requires = [ 'setuptools>=66.1.0' ]   # spacing kept\r\n"
        "build-backend = 'setuptools.build_meta'\r\n\r\n"
        "[tool.x]\r\nkey = 'v'  # no final newline"
    )
    assert "\n" not in fixed.replace("\r\n", "")


def test_bom_is_removed_when_ppl004_fixes() -> None:
    source = (BOM + CLEAN_TEXT).encode("utf-8")
    outcome = fix(source)
    assert fixed_bytes(outcome) == CLEAN_TEXT.encode("utf-8")
    assert dict(outcome.applied) == {"PPL004": 1}


CLEAN_TEXT = '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n'


def test_nothing_to_fix_returns_the_very_bytes() -> None:
    source = CLEAN_TEXT.encode("utf-8")
    outcome = fix(source)
    assert outcome.fixed is source and not outcome.changed and not outcome.applied


def test_unparsable_and_undecodable_files_are_left_alone() -> None:
    for source in (b"[build-system\n", b'[project]\nname = "caf\xe9"\n'):
        outcome = fix(source, None, UNSAFE)
        assert outcome.fixed is source
        assert outcome.result.diagnostics[0].code in ("PPL001", "PPL002")


def test_overlapping_fixes_take_rounds() -> None:
    # PPL107 and PPL112 both rewrite the setuptools requirement: one per round.
    source = (ROOT / "fixtures" / "PPL107" / "pyproject.toml").read_bytes()
    outcome = fix(source, None, UNSAFE)
    assert (
        b'requires = ["setuptools>=66.1.0", "numpy==1.25.2; python_version < \'3.12\'", '
        b'"numpy>=1.26.0; python_version >= \'3.12\'"]'
    ) in fixed_bytes(outcome)
    assert_fixpoint(outcome)


# -- which fixes apply -------------------------------------------------------------------


def codes_fixed(text: str, fix_settings: Optional[Settings] = None) -> dict[str, int]:
    return dict(fix(text.encode("utf-8"), None, fix_settings).applied)


def test_safe_only_by_default_and_unsafe_on_request() -> None:
    text = '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n'
    assert codes_fixed(text) == {}  # PPL107's fix is unsafe
    assert codes_fixed(text, UNSAFE) == {"PPL107": 1}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # With the backend still misspelled, `wheel` is not known to be unneeded (PPL111).
        ("unfixable = ['PPL104']", {"PPL106": 1}),
        ("fixable = ['PPL1']\nunfixable = ['unnecessary-wheel-requirement']", {"PPL104": 1, "PPL106": 1}),
        ("fixable = ['PPL104']", {"PPL104": 1}),
        ("fixable = ['PPL104']\nextend-fixable = ['PPL106']", {"PPL104": 1, "PPL106": 1}),
        ("extend-unsafe-fixes = ['PPL104']", {"PPL106": 1}),
        ("extend-unsafe-fixes = ['PPL104']\nunsafe-fixes = true", {"PPL104": 1, "PPL106": 1, "PPL111": 1}),
    ],
)
def test_fix_settings_in_the_file(table: str, expected: dict[str, int]) -> None:
    assert codes_fixed(BROKEN + f"\n[tool.pyproject-lint]\n{table}\n") == expected


def test_extend_safe_fixes_promotes_an_unsafe_fix() -> None:
    text = '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n'
    assert codes_fixed(text + "\n[tool.pyproject-lint]\nextend-safe-fixes = ['PPL107']\n") == {"PPL107": 1}


def test_fix_settings_are_checked() -> None:
    text = BROKEN + "\n[tool.pyproject-lint]\nunfixable = ['PPL999']\nunsafe-fixes = 'yes'\nfixabel = []\n"
    messages = [d.message for d in lint(text).diagnostics if d.code == "PPL003"]
    assert messages == [
        "`PPL999` matches no rule",
        "`unsafe-fixes` must be `true` or `false`",
        "Unknown setting `fixabel` in `[tool.pyproject-lint]`; did you mean `fixable`?",
    ]


# -- rounds, and fixes that would break the file -------------------------------------------


class _FlipFlop(Rule):
    """A rule whose fix always offers another: the loop must stop and say so."""

    code = "PPL999"
    name = "flip-flop"
    severity = Severity.WARNING

    def check(self, ctx: object) -> Iterator[Diagnostic]:
        from pyproject_lint.context import Context

        assert isinstance(ctx, Context)
        at = ctx.text.find("x = ")
        if at != -1:
            end = ctx.text.index("\n", at)
            yield self.diagnostic(ctx.locate(("x",)), "flip", Fix.safe("flip", Edit(at, end, f"x = {ctx.get(('x',)) + 1}")))


class _Breaker(Rule):
    """A rule whose fix would leave invalid TOML: it is never applied."""

    code = "PPL998"
    name = "breaker"
    severity = Severity.WARNING

    def check(self, ctx: object) -> Iterator[Diagnostic]:
        from pyproject_lint.context import Context

        assert isinstance(ctx, Context)
        if ctx.has(("x",)):
            yield self.diagnostic(ctx.locate(("x",)), "break", Fix.safe("break", Edit(0, 0, "[[[")))


class _Bumper(Rule):
    """A rule with a sound fix: ``x = 1`` becomes ``x = 2``."""

    code = "PPL997"
    name = "bumper"
    severity = Severity.WARNING

    def check(self, ctx: object) -> Iterator[Diagnostic]:
        from pyproject_lint.context import Context

        assert isinstance(ctx, Context)
        if ctx.get(("x",)) == 1:
            at = ctx.text.index("1")
            yield self.diagnostic(ctx.locate(("x",)), "bump", Fix.safe("bump", Edit(at, at + 1, "2")))


def test_fixes_that_never_settle_are_a_reported_bug() -> None:
    with pytest.raises(FixDidNotConverge, match=f"after {MAX_FIX_ROUNDS} rounds"):
        fix(b"x = 1\n", None, Settings(), None, [_FlipFlop])


def test_a_fix_that_breaks_the_file_is_rejected() -> None:
    outcome = fix(b"x = 1\n", None, Settings(), None, [_Breaker])
    assert outcome.fixed == b"x = 1\n" and not outcome.changed
    assert [d.code for d in outcome.rejected] == ["PPL998"]


def test_a_sound_fix_is_applied_though_another_in_its_round_breaks_the_file() -> None:
    outcome = fix(b"x = 1\n", None, Settings(), None, [_Breaker, _Bumper])
    assert outcome.fixed == b"x = 2\n" and outcome.applied == {"PPL997": 1}
    assert [d.code for d in outcome.rejected] == ["PPL998"]
    assert [d.code for d in outcome.result.diagnostics] == ["PPL998"]  # linted as fixed


# -- property tests: broken patterns among random tables, comments and whitespace --------

#: Every rule's invalid cases that are plain text without multi-line strings: the broken patterns.
PATTERNS = sorted({
    case.text
    for rule in ALL_RULES
    for case in rule.INVALID
    if isinstance(case.text, str) and '"""' not in case.text and "'''" not in case.text and not case.text.startswith(BOM)
})
FILLER_LINE = st.builds(
    lambda kind, word, pad: {"comment": f"# {word}{pad}", "blank": pad, "indented": f"  # {word}"}[kind],
    st.sampled_from(["comment", "blank", "indented"]),
    st.from_regex(r"[a-z0-9 é€😀]{0,12}", fullmatch=True),
    st.sampled_from(["", " ", "\t", "   "]),
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A broken pattern with filler lines and tables woven in; returns it and the filler."""
    pattern = draw(st.sampled_from(PATTERNS))
    lines = pattern.split("\n")
    out: list[str] = []
    filler: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("[") and draw(st.booleans()):
            table = [f"[tool.filler{index}]", f"key{index} = 'value {index}'  # kept"]
            out += [*table, ""]
            filler += table
        for _ in range(draw(st.integers(0, 2))):
            extra = draw(FILLER_LINE)
            out.append(extra)
            filler.append(extra)
        out.append(line)
    return "\n".join(out), [line for line in filler if line.strip()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.booleans())
def test_fix_keeps_everything_else(document: tuple[str, list[str]], newline: str, bom: bool, final_newline: bool) -> None:
    text, filler = document
    text = text.rstrip("\n") + ("\n" if final_newline else "")
    source = ((BOM if bom else "") + text.replace("\n", newline)).encode("utf-8")
    outcome = fix(source, None, UNSAFE)
    fixed = fixed_bytes(outcome).decode("utf-8")
    assert_fixpoint(outcome)
    # Every filler line survives, whole and in order, with the file's line ending.
    cursor = 0
    for line in filler:
        found = fixed.find(line, cursor)
        assert found != -1, f"{line!r} was lost or changed"
        cursor = found + len(line)
    if newline == "\r\n" and "\n" in text:  # a file of one line without an ending has no style to keep
        assert "\n" not in fixed.replace("\r\n", ""), "a fix wrote a bare \\n into a CRLF file"
    if not outcome.changed:
        assert outcome.fixed is source


# -- writing ------------------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_fix_writes_and_reports_what_remains(broken: Path) -> None:
    code, out, _ = run_cli(broken.parent, "--fix")
    assert broken.read_text(encoding="utf-8") == BROKEN_FIXED
    assert out == "Found 3 problems (3 fixed, 0 remaining).\n"
    assert code == 0


def test_fix_summary_hints_at_unsafe_fixes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools<60", "wheel"]\nbuild-backend = "setuptools.build_meta"\n', encoding="utf-8"
    )
    code, out, _ = run_cli(tmp_path, "--fix")
    assert out.splitlines()[-2:] == [
        "Found 4 problems (1 fixed, 3 remaining: 2 errors, 1 warning).",
        "No fixes available (2 hidden fixes can be enabled with the `--unsafe-fixes` option).",
    ]
    assert code == 1


def test_diff_prints_and_writes_nothing(broken: Path) -> None:
    code, out, err = run_cli(broken.parent, "--diff")
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert out == (
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,3 +1,3 @@\n [build-system]\n"
        '-requires = ["setuptools", "wheel"]\n-build-backend = "setuptools.build_meto"\n'
        '+requires = ["setuptools>=66.1.0"]\n+build-backend = "setuptools.build_meta"\n'
    )
    assert (code, err) == (1, "Would fix 3 problems (0 would remain).\n")
    broken.write_text(BROKEN_FIXED, encoding="utf-8")
    assert run_cli(broken.parent, "--diff") == (0, "", "Would fix 0 problems (0 would remain).\n")


def test_diff_marks_a_missing_final_newline(broken: Path) -> None:
    broken.write_text(BROKEN.rstrip("\n"), encoding="utf-8")
    _, out, _ = run_cli(broken.parent, "--diff")
    assert out.endswith('+build-backend = "setuptools.build_meta"\n\\ No newline at end of file\n')


def test_fix_keeps_the_mode(broken: Path) -> None:
    broken.chmod(0o640)
    run_cli(broken.parent, "--fix")
    assert stat.S_IMODE(broken.stat().st_mode) == 0o640
    assert broken.read_text(encoding="utf-8") == BROKEN_FIXED


def test_fix_writes_through_a_symlink(broken: Path) -> None:
    project = broken.parent / "project"
    project.mkdir()
    link = project / "pyproject.toml"
    link.symlink_to(broken)
    run_cli(project, "--fix")
    assert link.is_symlink() and os.readlink(link) == str(broken)
    assert broken.read_text(encoding="utf-8") == BROKEN_FIXED


def test_fix_is_atomic(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        replaced.append((str(source), str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    run_cli(broken.parent, "--fix")
    [(temporary, target)] = replaced
    assert Path(temporary).parent == broken.parent and Path(target) == broken
    assert sorted(p.name for p in broken.parent.iterdir()) == ["pyproject.toml"]


def test_a_file_that_cannot_be_written_is_left_untouched(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run_cli(broken.parent, "--fix")
    assert (code, err) == (2, "pyproject-lint: error: pyproject.toml: Permission denied; not written\n")
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert sorted(p.name for p in broken.parent.iterdir()) == ["pyproject.toml"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes any file")
def test_a_read_only_file_is_not_replaced(broken: Path) -> None:
    broken.chmod(0o444)
    code, _, err = run_cli(broken.parent, "--fix")
    assert (code, err) == (2, "pyproject-lint: error: pyproject.toml: Permission denied\n")
    assert broken.read_text(encoding="utf-8") == BROKEN


def test_a_file_changed_since_it_was_read_is_not_written(broken: Path) -> None:
    with pytest.raises(writer.WriteError, match="changed on disk"):
        writer.write_fixed(broken, b"something else", Document.from_text(BROKEN_FIXED))
    assert broken.read_text(encoding="utf-8") == BROKEN


def test_content_that_does_not_parse_is_never_written(broken: Path) -> None:
    with pytest.raises(writer.WriteError, match=r"would not parse \(Expected .\]. at the end of a table declaration\)"):
        writer.write_fixed(broken, BROKEN.encode(), Document.from_text("[build-system\n"))
    assert broken.read_text(encoding="utf-8") == BROKEN


def test_fix_on_stdin_writes_the_fixed_text_to_stdout(tmp_path: Path) -> None:
    source = BROKEN.replace("\n", "\r\n").encode("utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "--fix", "-", "--stdin-filename", "pyproject.toml"],
        cwd=tmp_path, input=source, capture_output=True, timeout=60, check=False,
    )
    assert result.stdout == BROKEN_FIXED.replace("\n", "\r\n").encode("utf-8")
    assert result.stderr.decode() == "Found 3 problems (3 fixed, 0 remaining).\n"
    assert result.returncode == 0
    assert list(tmp_path.iterdir()) == []
