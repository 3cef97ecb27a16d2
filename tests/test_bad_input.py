"""Bad input never breaks the linter or the user's file.

Every case runs the real command in a subprocess and ends in diagnostics (exit 0 or 1) or in
one line on standard error with exit 2: never a traceback, never a hang, and never a changed
file unless a fix was asked for and the fixed file parses.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

import pytest

from pyproject_lint._compat import tomllib

BUILD = b'[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
PROJECT = b'[project]\nname = "demo"\nversion = "1.0"\n'


def run(
    *args: str, cwd: Path, timeout: float = 120, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pyproject_lint", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def assert_sane(result: subprocess.CompletedProcess[bytes]) -> None:
    """Exit 0 or 1 with nothing on standard error, or exit 2 with one line there."""
    error = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in error, error
    assert result.returncode in (0, 1, 2), error
    if result.returncode == 2:
        assert error.startswith("pyproject-lint: error: ") and error.count("\n") == 1, error
    else:
        assert error == "", error


def parses(content: bytes) -> bool:
    try:
        tomllib.loads(content.decode("utf-8").lstrip("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return True


def big_file(size: int) -> bytes:
    """A valid file of about ``size`` bytes, with one safely fixable finding (PPL106)."""
    lines = [BUILD, PROJECT, b"[tool.big]\n"]
    total, index = sum(map(len, lines)), 0
    while total < size:
        line = b'key%d = "%s"\n' % (index, b"v" * 80)
        lines.append(line)
        total, index = total + len(line), index + 1
    return b"".join(lines)


def every_datetime_and_number() -> bytes:
    """Each TOML date, time and number form, at the top level and where rules read strings."""
    values = [
        "1979-05-27T07:32:00Z", "1979-05-27T00:32:00-07:00", "1979-05-27T00:32:00.999999+07:00",
        "1979-05-27 07:32:00Z", "1979-05-27t07:32:00z", "1979-05-27T07:32:00", "1979-05-27T00:32:00.999999",
        "1979-05-27", "07:32:00", "00:32:00.999999",
        "+99", "42", "0", "-17", "1_000", "0xDEADBEEF", "0xdead_beef", "0o755", "0b1101_0110",
        "+1.0", "3.1415", "-0.01", "5e+22", "1e06", "-2E-2", "6.626e-34", "224_617.445_991",
        "inf", "+inf", "-inf", "nan", "+nan", "-nan",
    ]  # fmt: skip
    listed = ", ".join(values)
    keys = "\n".join(f"v{index} = {value}" for index, value in enumerate(values))
    return (
        f"[build-system]\nrequires = [{listed}]\nbuild-backend = 1979-05-27\nbackend-path = [nan]\n\n"
        f"[project]\nname = 0x10\nversion = 1979-05-27T07:32:00Z\nrequires-python = inf\n"
        f"classifiers = [{listed}]\ndependencies = [{listed}]\n\n[tool.numbers]\n{keys}\n"
    ).encode()


ASTRAL = "\U0001d518\U0001d52b\U0001d526\U0001f600\U00010348"

#: name -> (content, the rule code it must be reported under, or None for "any, or none")
CONTENTS: dict[str, tuple[bytes, Optional[str]]] = {
    "empty": (b"", None),
    "only-comments": (b"# a comment\n\n   # another\n", None),
    "binary": (bytes(range(256)) * 8, "PPL002"),
    "invalid-utf-8": (BUILD + b'[project]\nname = "caf\xe9"\n', "PPL002"),
    "utf-16-with-bom": ((BUILD + PROJECT).decode().encode("utf-16"), "PPL002"),
    "utf-8-with-bom": (b"\xef\xbb\xbf" + BUILD + PROJECT, "PPL004"),
    "nul-in-a-string": (BUILD + b'[project]\nname = "a\x00b"\n', "PPL001"),
    "nul-bytes": (b"\x00" * 64, "PPL001"),
    "10-mb": (big_file(10 * 1024 * 1024), "PPL106"),
    "100000-keys": (BUILD + PROJECT + b"[tool.keys]\n" + b"".join(b"k%d = %d\n" % (i, i) for i in range(100_000)), None),
    "arrays-10000-deep": (b"x = " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "PPL001"),
    "inline-tables-10000-deep": (b"x = " + b"{a = " * 10_000 + b"1" + b"}" * 10_000 + b"\n", "PPL001"),
    "1-mb-string": (BUILD + PROJECT.replace(b'"1.0"\n', b'"1.0"\ndescription = "' + b"x" * 2**20 + b'"\n'), None),
    "non-bmp-keys-and-values": (
        (
            f'[build-system]\nrequires = ["{ASTRAL}>=1", "setuptools>=77"]\nbuild-backend = "{ASTRAL}"\n'
            f'[project]\nname = "{ASTRAL}"\nversion = "1.0"\ndescription = "{ASTRAL * 1000}"\n'
            f'[tool."{ASTRAL}"]\n"{ASTRAL}" = "{ASTRAL}"\n'
        ).encode(),
        "PPL108",
    ),
    "duplicate-key": (BUILD + b'[project]\nname = "a"\nname = "b"\n', "PPL001"),
    "duplicate-table": (BUILD + PROJECT + b'[project]\ndescription = "again"\n', "PPL001"),
    "table-redefined-as-value": (BUILD + b'[tool.demo]\na = 1\n[tool]\ndemo = 2\n', "PPL001"),
    "value-redefined-as-table": (b"tool = 1\n" + BUILD + b"[tool.demo]\na = 1\n", "PPL001"),
    "every-datetime-and-number": (every_datetime_and_number(), "PPL200"),
}


@pytest.mark.parametrize("name", list(CONTENTS))
def test_bad_content(tmp_path: Path, name: str) -> None:
    content, code = CONTENTS[name]
    target = tmp_path / "pyproject.toml"
    target.write_bytes(content)
    for output_format in ("text", "json"):
        result = run(f"--output-format={output_format}", cwd=tmp_path)
        assert_sane(result)
        assert target.read_bytes() == content
    assert result.returncode in (0, 1)
    codes = {finding["code"] for finding in json.loads(result.stdout)}
    if code is not None:
        assert code in codes
    fixed = run("--fix", "--unsafe-fixes", cwd=tmp_path)
    assert_sane(fixed)
    after = target.read_bytes()
    assert after == content or parses(after), "a fix wrote a file that does not parse"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


def test_content_on_standard_input_is_never_a_traceback() -> None:
    for name, (content, _) in CONTENTS.items():
        if len(content) > 2**20:
            continue
        result = subprocess.run(
            [sys.executable, "-m", "pyproject_lint", "--fix", "-"], input=content, capture_output=True, check=False
        )
        # The fixed text goes to standard output and the report to standard error.
        assert b"Traceback" not in result.stderr, name
        assert result.returncode in (0, 1), name


# -- paths ----------------------------------------------------------------------------------


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    result = run("nothing/pyproject.toml", cwd=tmp_path)
    assert_sane(result)
    assert result.returncode == 2 and b"no such file or directory" in result.stderr


def test_directory_named_pyproject_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").mkdir()
    for args in (["pyproject.toml"], ["--fix", "pyproject.toml"], ["."]):
        result = run(*args, cwd=tmp_path)
        assert_sane(result)
        assert result.returncode == 2, args


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").symlink_to(tmp_path / "other.toml")
    (tmp_path / "other.toml").symlink_to(tmp_path / "pyproject.toml")
    for args in (["pyproject.toml"], ["--fix", "pyproject.toml"], ["."]):
        result = run(*args, cwd=tmp_path, timeout=30)
        assert_sane(result)
        assert result.returncode == 2, args


def test_fifo_never_hangs(tmp_path: Path) -> None:
    """A FIFO named on the command line, or met while searching a folder, is never opened."""
    os.mkfifo(tmp_path / "pyproject.toml")
    for args in (["pyproject.toml"], ["--fix", "pyproject.toml"], ["."], ["--fix", "."]):
        result = run(*args, cwd=tmp_path, timeout=30)
        assert_sane(result)
        assert result.returncode == 2 and b"not a regular file" in result.stderr, args


def without_root_powers() -> list[str]:
    """A command prefix under which root obeys file permissions, as every other user does."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root, and no setpriv to drop its powers")
    capabilities = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", "--bounding-set", capabilities, "--inh-caps", capabilities]


def test_file_without_read_permission(tmp_path: Path) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_bytes(BUILD)
    target.chmod(0)
    for args in (["pyproject.toml"], ["--fix", "pyproject.toml"]):
        result = run(*args, cwd=tmp_path, prefix=without_root_powers())
        assert_sane(result)
        assert result.returncode == 2 and b"Permission denied" in result.stderr


@pytest.mark.parametrize("powers", ["as-this-user", "without-root-powers"])
def test_read_only_file_with_fix(tmp_path: Path, powers: str) -> None:
    """Even root does not replace a file nobody may write (the folder is writable)."""
    target = tmp_path / "pyproject.toml"
    target.write_bytes(BUILD)
    target.chmod(0o444)
    prefix = without_root_powers() if powers == "without-root-powers" else []
    result = run("--fix", cwd=tmp_path, prefix=prefix)
    assert_sane(result)
    assert result.returncode == 2
    assert target.read_bytes() == BUILD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


# -- --fix under stress ---------------------------------------------------------------------


def fixed_once(tmp_path: Path, content: bytes) -> tuple[bytes, float]:
    """What one uninterrupted ``--fix`` run makes of ``content``, and how long it took."""
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "pyproject.toml").write_bytes(content)
    started = time.monotonic()
    assert_sane(run("--fix", cwd=reference))
    duration = time.monotonic() - started
    result = (reference / "pyproject.toml").read_bytes()
    assert result != content and parses(result)
    return result, duration


@pytest.mark.soak
def test_fix_killed_while_writing_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL at random moments, half of them just as the temporary file appears."""
    content = big_file(2 * 1024 * 1024)
    new, duration = fixed_once(tmp_path, content)
    folder = tmp_path / "project"
    folder.mkdir()
    target = folder / "pyproject.toml"
    rng = random.Random(8)
    seen, killed_while_writing = set(), 0
    for attempt in range(16):
        target.write_bytes(content)
        process = subprocess.Popen(
            [sys.executable, "-m", "pyproject_lint", "--fix"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        if attempt % 2:
            time.sleep(rng.uniform(0, duration * 1.2))
        else:
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if any(p.name.endswith(".tmp") for p in folder.iterdir()):
                    killed_while_writing += 1
                    break
                time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
        _, error = process.communicate()
        assert b"Traceback" not in error
        after = target.read_bytes()
        assert after in (content, new), f"attempt {attempt}: the file is neither the old nor the new one"
        seen.add(after == new)
        for leftover in folder.iterdir():  # a killed writer leaves its temporary file, nothing else
            assert leftover.name == "pyproject.toml" or leftover.name.startswith(".pyproject.toml."), leftover
            if leftover.name != "pyproject.toml":
                leftover.unlink()
    assert killed_while_writing >= 4, "too few kills landed while the file was being written"
    assert seen == {False, True}, "the kills never caught the file both before and after it was replaced"


@pytest.mark.soak
def test_two_fix_processes_on_one_file(tmp_path: Path) -> None:
    content = big_file(256 * 1024)
    new, _ = fixed_once(tmp_path, content)
    folder = tmp_path / "project"
    folder.mkdir()
    target = folder / "pyproject.toml"
    for _ in range(6):
        target.write_bytes(content)
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "pyproject_lint", "--fix"],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        for process in processes:
            out, error = process.communicate(timeout=120)
            assert_sane(subprocess.CompletedProcess(process.args, process.returncode, out, error))
            if process.returncode == 2:  # the other one wrote first
                assert b"changed on disk while being fixed; not written" in error
        assert target.read_bytes() == new
        assert sorted(p.name for p in folder.iterdir()) == ["pyproject.toml"]
