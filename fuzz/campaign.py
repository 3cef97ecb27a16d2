"""A long fuzzing campaign: mutated corpus files through check and fix, on every core.

    python fuzz/campaign.py --inputs 100000 [--jobs 2] [--seed 1] [--save crashes/]

Each input is one to four random edits of a file from ``../shared/corpus`` and
``fixtures/`` (tests/fuzzing.py: :func:`mutate`), checked by :func:`check_invariants`.
Input ``i`` of a run depends only on ``--seed`` and ``i``, so any failure can be replayed
with ``--replay i``. Prints the inputs run, their rate, and each distinct failure (its type
and message) with the first input that caused it; exits 1 when there was any.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import corpus_files  # noqa: E402
from fuzzing import check_invariants, mutate  # noqa: E402

SEEDS = sorted(
    {*corpus_files("real"), *corpus_files("validate-pyproject"), *(ROOT / "fixtures").glob("*/*.toml")}
)
TEXTS = [path.read_bytes().decode("utf-8", "surrogateescape") for path in SEEDS]


def make_input(seed: int, index: int) -> bytes:
    rng = random.Random(seed * 1_000_003 + index)
    return mutate(rng, rng.choice(TEXTS), rng.choice(TEXTS))


def run_one(seed: int, index: int, folder: Path) -> tuple[str, Optional[tuple[str, str]]]:
    """What the input was, and None or (a signature of the failure, its traceback)."""
    try:
        kind = check_invariants(make_input(seed, index), folder)
    except Exception as error:  # noqa: BLE001 - every failure is a finding of the campaign
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = str(error).splitlines()[0][:120] if str(error) else ""
        signature = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}: {message}"
        return "failed", (signature, traceback.format_exc())
    return kind, None


def worker(arguments: tuple[int, int, int]) -> tuple[Counter[str], list[tuple[int, str, str]]]:
    seed, start, stop = arguments
    kinds: Counter[str] = Counter()
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(start, stop):
            kind, found = run_one(seed, index, Path(folder))
            kinds[kind] += 1
            if found:
                failures.append((index, *found))
    return kinds, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, help="write each failure's first input here")
    parser.add_argument("--replay", type=int, help="run input number REPLAY only, with its traceback")
    args = parser.parse_args()
    if args.replay is not None:
        with tempfile.TemporaryDirectory() as folder:
            _, found = run_one(args.seed, args.replay, Path(folder))
        print(repr(make_input(args.seed, args.replay)))
        print(found[1] if found else "no failure")
        return 1 if found else 0

    print(f"{len(SEEDS)} seed files; {args.inputs} inputs on {args.jobs} processes; seed {args.seed}")
    chunk = 250
    tasks = [(args.seed, start, min(start + chunk, args.inputs)) for start in range(0, args.inputs, chunk)]
    started = time.perf_counter()
    done = 0
    first: dict[str, tuple[int, str]] = {}
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    with multiprocessing.Pool(args.jobs) as pool:
        for ran, failures in pool.imap_unordered(worker, tasks):
            kinds.update(ran)
            done += sum(ran.values())
            for index, signature, trace in failures:
                counts[signature] += 1
                if signature not in first or index < first[signature][0]:
                    first[signature] = (index, trace)
            if done % 10_000 < chunk:
                rate = done / (time.perf_counter() - started)
                print(f"  {done} inputs, {rate:.0f}/s, {len(counts)} distinct failures", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{done} inputs in {elapsed:.0f} s ({done / elapsed:.0f}/s): {sum(counts.values())} failing, {len(counts)} distinct")
    print("  " + ", ".join(f"{kind} {count} ({count / done:.0%})" for kind, count in kinds.most_common()))
    for signature, count in counts.most_common():
        index, trace = first[signature]
        print(f"\n{count} x {signature}\n  first: input {index} (--seed {args.seed} --replay {index})")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"input-{index}.toml").write_bytes(make_input(args.seed, index))
            (args.save / f"input-{index}.txt").write_text(trace, encoding="utf-8")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
