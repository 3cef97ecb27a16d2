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
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
FLOOR = "import sys\ntry:\n import tomllib\nexcept ImportError:\n import tomli as tomllib\ntomllib.load(open(sys.argv[1], 'rb'))"


def timed(command: Sequence[str], runs: int) -> list[float]:
    subprocess.run(command, capture_output=True, check=False)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
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

    floor = row("floor: python -c 'tomllib.load(FILE)'", timed([sys.executable, "-c", FLOOR, str(args.file)], args.runs))
    clean = row("pyproject-lint CLEAN_FILE (no finding)", timed([*command, str(args.clean_file)], args.runs))
    ours = row("pyproject-lint FILE (a finding with a fix)", timed([*command, "--exit-zero", str(args.file)], args.runs))
    print(f"\n  clean / floor = {clean / floor:.2f}x; with a finding / floor = {ours / floor:.2f}x")
    if validate:
        theirs = row("validate-pyproject FILE", timed([validate, str(args.file)], max(5, args.runs // 3)))
        theirs_clean = row("validate-pyproject CLEAN_FILE", timed([validate, str(args.clean_file)], max(5, args.runs // 3)))
        print(
            f"  pyproject-lint / validate-pyproject = {clean / theirs_clean:.2f}x (clean file), "
            f"{ours / theirs:.2f}x (with a finding)"
        )
    print(f"  peak memory, one file: {peak_memory([*command, '--exit-zero', str(args.file)]):.1f} MB")

    files = sorted(str(p) for p in CORPUS.glob("*.toml")) if CORPUS.is_dir() else []
    if files:
        print(f"\nmany files: all {len(files)} of {CORPUS} in one invocation")
        many = row("pyproject-lint CORPUS", timed([*command, "--exit-zero", *files], max(3, args.runs // 6)))
        print(f"  {len(files) / many:.0f} files/s")
        one = row("pyproject-lint --jobs 1 CORPUS", timed([*command, "--exit-zero", "-j", "1", *files], max(3, args.runs // 6)))
        print(f"  --jobs 1 / default = {one / many:.2f}x")
        if validate:
            theirs_many = row("validate-pyproject CORPUS", timed([validate, *files], 3))
            print(f"  pyproject-lint / validate-pyproject = {many / theirs_many:.2f}x")
        fixing = row("pyproject-lint --fix --unsafe-fixes CORPUS", timed_fix(command, files, max(3, args.runs // 6)))
        print(f"  --fix / check = {fixing / many:.2f}x")
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


def timed_fix(command: Sequence[str], files: Sequence[str], runs: int) -> list[float]:
    """``--fix`` over fresh copies of ``files`` (copying is not timed)."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs + 1):
            copies = []
            for index, name in enumerate(files):
                copy = Path(folder, f"{run}-{index}.toml")
                shutil.copyfile(name, copy)
                copies.append(str(copy))
            start = time.perf_counter()
            subprocess.run([*command, "--fix", "--unsafe-fixes", "--exit-zero", *copies], capture_output=True, check=False)
            if run:  # the first run warms the file cache
                times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    sys.exit(main())
