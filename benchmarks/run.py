"""Start-up and throughput of pyproject-lint, against the floor and validate-pyproject.

Run it with the interpreter that has pyproject-lint installed (``python benchmarks/run.py``
or ``tox -e bench``). It prints each figure's median, min and max over repeated cold
processes, and ratios measured in the same run. It asserts nothing: numbers go in notes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
FLOOR = "import sys\ntry:\n import tomllib\nexcept ImportError:\n import tomli as tomllib\ntomllib.load(open(sys.argv[1], 'rb'))"


def timed_together(commands: Mapping[str, Sequence[str]], runs: int) -> dict[str, list[float]]:
    """Each command's times over ``runs`` rounds, each round running every command once.

    Interleaved, a burst of load on this shared machine slows every command of a round
    alike, where back-to-back series would give it all to one of them and skew the ratios.
    """
    for command in commands.values():
        subprocess.run(command, capture_output=True, check=False)  # warm the file cache
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[label].append(time.perf_counter() - start)
    return times


def row(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:<46} median {median * 1000:8.1f} ms   min {min(times) * 1000:8.1f}   max {max(times) * 1000:8.1f}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--file", type=Path, default=ROOT / "fixtures" / "PPL112" / "pyproject.toml")
    parser.add_argument("--clean-file", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args()
    lint = shutil.which("pyproject-lint", path=str(Path(sys.executable).parent)) or shutil.which("pyproject-lint")
    validate = shutil.which("validate-pyproject", path=str(Path(sys.executable).parent))
    command = [lint] if lint else [sys.executable, "-m", "pyproject_lint"]
    print(f"Python {sys.version.split()[0]} ({sys.executable}); pyproject-lint: {' '.join(command)}")
    print(f"one file: {args.file} ({args.runs} cold processes each)\n")

    print(f"clean file: {args.clean_file}\n")

    one_file = {
        "floor": [sys.executable, "-c", FLOOR, str(args.file)],
        "clean": [*command, str(args.clean_file)],
        "finding": [*command, "--exit-zero", str(args.file)],
    }
    if validate:
        one_file["validate clean"] = [validate, str(args.clean_file)]
        one_file["validate finding"] = [validate, str(args.file)]
    times = timed_together(one_file, args.runs)
    floor = row("floor: python -c 'tomllib.load(FILE)'", times["floor"])
    clean = row("pyproject-lint CLEAN_FILE (no finding)", times["clean"])
    ours = row("pyproject-lint FILE (a finding with a fix)", times["finding"])
    print(f"\n  clean / floor = {clean / floor:.2f}x; with a finding / floor = {ours / floor:.2f}x")
    if validate:
        theirs_clean = row("validate-pyproject CLEAN_FILE", times["validate clean"])
        theirs = row("validate-pyproject FILE", times["validate finding"])
        print(
            f"  pyproject-lint / validate-pyproject = {clean / theirs_clean:.2f}x (clean file), "
            f"{ours / theirs:.2f}x (with a finding)"
        )
    print(f"  peak memory, one file: {peak_memory([*command, '--exit-zero', str(args.file)]):.1f} MB")

    files = sorted(str(p) for p in CORPUS.glob("*.toml")) if CORPUS.is_dir() else []
    if files:
        print(f"\nmany files: all {len(files)} of {CORPUS} in one invocation")
        corpus = {"default": [*command, "--exit-zero", *files], "one job": [*command, "--exit-zero", "-j", "1", *files]}
        if validate:
            corpus["validate"] = [validate, *files]
        times = timed_together(corpus, max(5, args.runs // 4))
        many = row("pyproject-lint CORPUS", times["default"])
        print(f"  {len(files) / many:.0f} files/s")
        one = row("pyproject-lint --jobs 1 CORPUS", times["one job"])
        print(f"  --jobs 1 / default = {one / many:.2f}x")
        if validate:
            theirs_many = row("validate-pyproject CORPUS", times["validate"])
            print(f"  pyproject-lint / validate-pyproject = {many / theirs_many:.2f}x")
        checking, fixing = timed_fix(command, files, max(5, args.runs // 4))
        checked = row("pyproject-lint COPIES (the files copied)", checking)
        fixed = row("pyproject-lint --fix --unsafe-fixes COPIES", fixing)
        print(f"  --fix / check = {fixed / checked:.2f}x")
    return 0


def peak_memory(command: Sequence[str]) -> float:
    """The largest resident set of ``command``, in MB (measured in a fresh process, so that
    no earlier child's peak counts)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return int(done.stdout) / 1024  # kilobytes on Linux


def timed_fix(command: Sequence[str], files: Sequence[str], runs: int) -> tuple[list[float], list[float]]:
    """Checking, then ``--fix``, of the same fresh copies of ``files``, once per round
    (copying is not timed); the first round warms the file cache."""
    checking: list[float] = []
    fixing: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs + 1):
            copies = []
            for index, name in enumerate(files):
                copy = Path(folder, f"{run}-{index}.toml")
                shutil.copyfile(name, copy)
                copies.append(str(copy))
            for times, options in ((checking, ()), (fixing, ("--fix", "--unsafe-fixes"))):
                start = time.perf_counter()
                subprocess.run([*command, *options, "--exit-zero", *copies], capture_output=True, check=False)
                if run:
                    times.append(time.perf_counter() - start)
    return checking, fixing


if __name__ == "__main__":
    sys.exit(main())
