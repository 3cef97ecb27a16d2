"""Fuzzing, short: mutated corpus files and generated documents through check and fix.

The invariants are :func:`fuzzing.check_invariants`. This run is small enough for every
commit (``PYPROJECT_LINT_FUZZ_EXAMPLES`` sets its size); ``fuzz/campaign.py`` runs the long
one, and ``fuzz/atheris_fuzz.py`` a coverage-guided one where atheris installs.
"""

from __future__ import annotations

import datetime
import os
import random
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, corpus_files
from fuzzing import TOKENS, check_invariants, mutate

EXAMPLES = int(os.environ.get("PYPROJECT_LINT_FUZZ_EXAMPLES", "150"))
SEEDS = [*corpus_files("real"), *corpus_files("validate-pyproject"), *sorted((ROOT / "fixtures").glob("*/*.toml"))]
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_corpus_files(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    text, other = _text(rng.choice(SEEDS)), _text(rng.choice(SEEDS))
    check_invariants(mutate(rng, text, other), tmp_path)


KEYS = st.sampled_from([
    "build-system", "requires", "build-backend", "backend-path", "project", "name", "version", "dynamic",
    "license", "license-files", "readme", "requires-python", "classifiers", "dependencies",
    "optional-dependencies", "urls", "authors", "tool", "poetry", "pyproject-lint", "select", "text", "file",
])  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from([token.strip('"\n') for token in TOKENS if token.startswith('"')]),
    st.text(max_size=20),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc])),
    st.dates(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS | st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


def _document(data: dict[str, Any]) -> str:
    return tomlkit.dumps(data)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "build-system": st.dictionaries(KEYS, VALUES, max_size=4),
            "project": st.dictionaries(KEYS, VALUES, max_size=6),
            "tool": st.dictionaries(KEYS, VALUES, max_size=3),
        },
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_generated_documents(tmp_path: Path, data: dict[str, Any], newline: str) -> None:
    try:
        text = _document(data)
    except (ValueError, TypeError, tomlkit.exceptions.TOMLKitError):
        return  # not representable in TOML (a key tomlkit cannot write)
    check_invariants(text.replace("\n", newline).encode("utf-8", "surrogatepass"), tmp_path)


@pytest.mark.parametrize("path", SEEDS[:: max(1, len(SEEDS) // 40)], ids=lambda p: p.name)
def test_seed_files_keep_the_invariants(tmp_path: Path, path: Path) -> None:
    check_invariants(path.read_bytes(), tmp_path)
