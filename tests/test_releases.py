"""The release snapshot: its files are consistent, its loader answers from the real data, and
its maintainers' script reads the index's file names as installers do."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT
from pyproject_lint import releases
from pyproject_lint.releases import PLATFORMS, PYTHONS, python_admits, sdist_fails

EXCERPT = Path(__file__).parent / "data" / "releases" / "simple-api-excerpt.json"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_releases", ROOT / "scripts" / "update_releases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = load_script()


def get(name: str, version: str) -> releases.Release:
    table = releases.releases(name)
    assert table is not None
    release = table.get(version)
    assert release is not None, f"{name} {version} not in the snapshot"
    return release


def versions(found: list[releases.Release]) -> list[str]:
    return [release.version_text for release in found]


# -- the data files ---------------------------------------------------------------------------


def test_the_index_lists_every_file_and_gives_a_reason_for_each() -> None:
    settings, reasons = releases.read_index((releases.DATA / "INDEX").read_text(encoding="utf-8"))
    assert DATE.fullmatch(settings["date"]) and settings["date"] == releases.snapshot_date()
    assert settings["pythons"].split() == list(PYTHONS), "the data was written for other Pythons: rerun the script"
    files = {path.stem for path in releases.DATA.glob("*.txt")} - {"sdist-failures"}
    assert set(reasons) == files == releases.listed()
    assert 40 <= len(reasons) <= 70
    for name, reason in reasons.items():
        assert name == canonicalize_name(name)
        assert len(reason) > 30 and reason != "TBD", f"{name}: say why it is listed"


@pytest.mark.parametrize("name", sorted(releases.listed()))
def test_every_release_line_reads_back(name: str) -> None:
    text = (releases.DATA / f"{name}.txt").read_text(encoding="utf-8")
    table = releases.parse_releases(name, text)
    assert DATE.fullmatch(table.fetched)
    assert table.releases, f"{name}: no release"
    parsed = [release.version for release in table.releases]
    assert parsed == sorted(parsed) and len(set(parsed)) == len(parsed), "oldest first, once each"
    for release in table.releases:
        assert str(release.version) == release.version_text
        for platform in PLATFORMS:
            assert release.wheel_pythons(platform) <= set(PYTHONS)
        # The data says what the script would write for it: nothing is edited by hand.
        assert script.release_line(release) in text.splitlines()
        if release.requires_python:
            assert not any(character.isspace() for character in release.requires_python)


def test_release_data_is_compact() -> None:
    size = sum(path.stat().st_size for path in releases.DATA.iterdir())
    assert size < 400_000, f"{size} bytes"


# -- what the snapshot says about real releases -------------------------------------------------


def test_numpy_1_19_5_has_wheels_up_to_3_9_only_and_a_sdist() -> None:
    release = get("numpy", "1.19.5")
    assert release.requires_python == ">=3.6" and release.has_sdist and not release.yanked
    for platform in PLATFORMS:
        assert release.wheel_pythons(platform) == {"3.9"}
    assert release.supports_python("3.12")  # its Requires-Python admits 3.12: pip builds the sdist


def test_scipy_1_7_3_excludes_3_11_by_requires_python() -> None:
    release = get("SciPy", "1.7.3")
    assert release.requires_python == ">=3.7,<3.11"
    assert release.supports_python("3.10") and not release.supports_python("3.11")


def test_a_pure_wheel_counts_for_every_python_requires_python_admits() -> None:
    release = get("setuptools", "84.2.1")
    assert release.requires_python == ">=3.10"
    for platform in PLATFORMS:
        assert release.wheel_pythons(platform) == set(PYTHONS) - {"3.9"}


def test_an_abi3_wheel_counts_for_every_later_python() -> None:
    release = get("cryptography", "41.0.0")  # cp37-abi3 wheels only
    assert release.wheel_pythons("linux") == set(PYTHONS)


def test_wheels_only_distributions_and_windows_only_wheels() -> None:
    torch = get("torch", "2.2.0")
    assert not torch.has_sdist and "3.12" in torch.wheel_pythons("linux")
    psycopg2 = get("psycopg2", "2.9.9")
    assert psycopg2.has_sdist and psycopg2.wheel_pythons("linux") == frozenset()
    assert "3.12" in psycopg2.wheel_pythons("windows")


def test_unlisted_names_have_no_releases() -> None:
    assert releases.is_listed("NumPy") and releases.is_listed("ruamel.yaml.clib")
    assert not releases.is_listed("requests") and releases.releases("requests") is None
    assert not releases.is_listed("../INDEX") and releases.releases("../INDEX") is None


# -- which releases a specifier admits ----------------------------------------------------------


def test_admitted_follows_the_specifier_oldest_first() -> None:
    numpy = releases.releases("numpy")
    assert numpy is not None
    capped = numpy.admitted("<1.20")
    assert capped[-1].version_text == "1.19.5" and capped[0].version_text == "1.3.0"
    assert versions(numpy.admitted("==1.19.5")) == ["1.19.5"]
    assert versions(numpy.admitted(SpecifierSet(">=1.19.4,<1.20"))) == ["1.19.4", "1.19.5"]
    assert versions(numpy.admitted("~=1.19.0")) == ["1.19.0", "1.19.1", "1.19.2", "1.19.3", "1.19.4", "1.19.5"]


def test_pre_releases_count_only_when_named() -> None:
    numpy = releases.releases("numpy")
    assert numpy is not None
    assert "2.3.0rc1" not in versions(numpy.admitted(">=2.2,<2.4"))
    assert "2.3.0rc1" in versions(numpy.admitted(">=2.3.0rc1,<2.4"))


def test_yanked_releases_count_only_for_an_exact_pin() -> None:
    numpy = releases.releases("numpy")
    assert numpy is not None
    assert get("numpy", "2.4.0").yanked
    assert versions(numpy.admitted("==2.4.0")) == versions(numpy.admitted("===2.4.0")) == ["2.4.0"]
    assert "2.4.0" not in versions(numpy.admitted("==2.4.*"))  # a wildcard pins nothing
    assert numpy.admitted(">=2.4.0,<2.4.1") == []
    assert versions(numpy.admitted(">=2.4.0,<2.4.1", include_yanked=True)) == ["2.4.0"]


def test_the_direct_reading_of_specifiers_never_imports_packaging_specifiers() -> None:
    script_text = (
        "import sys\nfrom pyproject_lint import releases\n"
        "numpy = releases.releases('numpy')\n"
        "assert numpy.admitted('>=1.19,<1.20,!=1.19.1')[-1].version_text == '1.19.5'\n"
        "assert not numpy.get('1.21.6').supports_python('3.11')\n"
        "assert numpy.get('1.16.6').requires_python == '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*'\n"
        "assert numpy.get('1.16.6').supports_python('3.12')\n"
        "print('packaging.specifiers' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script_text], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


SPECIFIER_VERSIONS = ["1", "1.1", "1.1.3", "2.0", "3.0.0", "0.4.16", "1.1.3.post0", "66.1", "1.19.5", "2"]
CLAUSES = st.one_of(
    st.builds(
        "".join,
        st.tuples(st.sampled_from(["<", "<=", ">", ">=", "==", "!=", "~="]), st.sampled_from(SPECIFIER_VERSIONS)),
    ).filter(lambda clause: not clause.startswith("~=") or "." in clause),
    st.sampled_from(["==1.*", "!=1.1.*", "!=3.0.*", "==2.0.*", "==0.4.*", "!=66.*"]),
)


@given(st.lists(CLAUSES, max_size=3), st.sampled_from(["greenlet", "numpy", "setuptools", "psycopg2-binary", "pyzmq"]))
def test_the_direct_reading_agrees_with_packaging(clauses: list[str], name: str) -> None:
    specifier = ",".join(clauses)
    table = releases.releases(name)
    assert table is not None
    for release in table.releases:
        expected = SpecifierSet(specifier).contains(release.version, prereleases=True)
        assert releases._contains(specifier, release.version) == expected, (specifier, release.version_text)


@pytest.mark.parametrize(
    ("requires_python", "python", "admitted"),
    [
        (None, "3.12", True),
        (">=3.6", "3.12", True),
        (">=3.7,<3.11", "3.11", False),
        (">=3.7,<3.11", "3.10", True),
        ("!=3.9.0,!=3.9.1,>=3.9", "3.9", True),  # 3.9.2 and later
        (">3.12", "3.12", True),  # 3.12.1
        (">=3.12.1", "3.12", True),
        ("<3.12.1", "3.12", True),
        ("==3.12.*", "3.13", False),
        (">=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*", "3.13", True),
        (">=2.7,!=3.0*,!=3.1*,!=3.2*", "3.13", True),  # invalid: pip ignores it
    ],
)
def test_requires_python_admits_a_minor_version(requires_python: str, python: str, admitted: bool) -> None:
    assert python_admits(requires_python, python) is admitted


# -- sdists known not to build ------------------------------------------------------------------


def test_sdist_failures_name_a_reason_and_a_source() -> None:
    numpy = sdist_fails("numpy", "1.19.5", "3.12")
    assert numpy is not None and "distutils" in numpy.reason and "EXP" in numpy.source
    assert sdist_fails("NumPy", Version("1.19.5"), "3.11") is None
    assert sdist_fails("numpy", "1.26.4", "3.12") is None
    assert sdist_fails("requests", "2.0", "3.12") is None


def test_every_sdist_failure_row_is_well_formed() -> None:
    rows = releases.read_sdist_failures((releases.DATA / "sdist-failures.txt").read_text(encoding="utf-8"))
    assert rows
    for name, entries in rows.items():
        assert releases.is_listed(name), f"{name}: list it in INDEX first"
        table = releases.releases(name)
        assert table is not None
        for versions_text, pythons, failure in entries:
            SpecifierSet(versions_text)  # valid
            SpecifierSet(pythons)
            assert any(releases._contains(versions_text, release.version) for release in table.releases)
            assert failure.reason and len(failure.source) > 20


# -- the maintainers' script, offline on a recorded excerpt of the simple API -------------------


def excerpt(name: str) -> dict[str, Any]:
    pages: dict[str, dict[str, Any]] = json.loads(EXCERPT.read_text(encoding="utf-8"))
    return pages[name]


@pytest.mark.parametrize(
    ("interpreter", "abi", "expected"),
    [
        ("cp311", "cp311", {"3.11"}),
        ("cp39", "none", {"3.9"}),
        ("cp38", "abi3", set(PYTHONS)),
        ("cp312", "abi3", set(PYTHONS) - {"3.9", "3.10", "3.11"}),
        ("py3", "none", set(PYTHONS)),
        ("py310", "none", set(PYTHONS) - {"3.9"}),
        ("cp313", "cp313t", set()),
        ("cp315", "abi3t", set()),
        ("cp311", "cp311d", set()),
        ("cp310", "universal2", set()),  # greenlet 3.0.0's misnamed macOS wheels: no installer takes them
        ("pp39", "pypy39_pp73", set()),
        ("py2", "none", set()),
        ("cp27", "cp27mu", set()),
    ],
)
def test_wheel_tags(interpreter: str, abi: str, expected: set[str]) -> None:
    assert script.tag_pythons(interpreter, abi) == expected


def test_wheel_platforms() -> None:
    assert script.platform_families("manylinux_2_17_x86_64") == ("linux",)
    assert script.platform_families("musllinux_1_2_aarch64") == ("linux",)
    assert script.platform_families("macosx_10_9_universal2") == ("macos",)
    assert script.platform_families("win_arm64") == ("windows",)
    assert script.platform_families("any") == PLATFORMS
    assert script.platform_families("android_21_arm64_v8a") == ()


def test_a_pure_wheel_is_bounded_by_its_requires_python() -> None:
    pythons = script.wheel_pythons("setuptools-84.2.1-py3-none-any.whl", ">=3.10")
    assert pythons == {platform: frozenset(set(PYTHONS) - {"3.9"}) for platform in PLATFORMS}


def test_sdist_versions_as_pip_reads_them() -> None:
    assert script.sdist_version("numpy-1.19.5.zip", "numpy") == "1.19.5"
    assert script.sdist_version("PyYAML-5.4.1.tar.gz", "pyyaml") == "5.4.1"
    assert script.sdist_version("ruamel.yaml.clib-0.2.8.tar.gz", "ruamel-yaml-clib") == "0.2.8"
    assert script.sdist_version("setuptools-0.6c11-py2.4.egg", "setuptools") is None
    assert script.sdist_version("regex-2013-02-16.tar.gz", "regex") == "2013-02-16"  # not PEP 440: skipped later


def test_release_table_from_the_recorded_excerpt() -> None:
    notes: list[str] = []
    greenlet = script.release_table("greenlet", excerpt("greenlet")["files"], notes)
    lines = [script.release_line(release) for release in greenlet.releases]
    assert lines == [
        "1.1.3 >=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.* s 3.11 - 3.10",
        # cp310-universal2 (a misnamed wheel) counts for nothing; cp312 for macOS does.
        "3.0.0 >=3.7 s 3.12 3.12 -",
        "3.1.0 >=3.7 - 3.13 - -",
    ]
    numpy = script.release_table("numpy", excerpt("numpy")["files"], notes)
    assert [script.release_line(release) for release in numpy.releases] == [
        "1.19.5 >=3.6 s 3.9 3.9 3.9",  # the PyPy wheel counts for nothing
        "2.4.0 >=3.11 sy 3.12 - -",  # yanked; cp313t is free-threaded: not counted
    ]
    setuptools = script.release_table("setuptools", excerpt("setuptools")["files"], notes)
    assert [script.release_line(release) for release in setuptools.releases] == [
        "0.6rc11 - s - - -",  # versions as PEP 440 normalises them
        "59.1.0 >=3.6 sy 3.9-3.15 3.9-3.15 3.9-3.15",
        "84.2.1 >=3.10 s 3.10-3.15 3.10-3.15 3.10-3.15",
    ]
    cryptography = script.release_table("cryptography", excerpt("cryptography")["files"], notes)
    assert [script.release_line(release) for release in cryptography.releases] == ["41.0.0 >=3.7 s 3.9-3.15 - 3.9-3.15"]
    regex = script.release_table("regex", excerpt("regex")["files"], notes)
    assert versions(list(regex.releases)) == ["2022.9.11"]
    assert "skipped 1 files: neither an sdist nor a wheel (.egg, .exe, .msi, ...)" in notes
    assert "skipped 1 files: not a valid wheel name or PEP 440 version (pip ignores them too)" in notes


def test_changes_between_two_snapshots() -> None:
    old = script.release_table("greenlet", excerpt("greenlet")["files"][:3])
    new = script.release_table("greenlet", excerpt("greenlet")["files"])
    older = releases.parse_releases("greenlet", script.render(old, "2026-01-01", "1").replace("3.11 - 3.10", "- - 3.10"))
    found = script.changes(older, new)
    assert found == [
        "  + 3.0.0: requires-python >=3.7; sdist; wheels: linux 3.12, macos 3.12, windows -",
        "  + 3.1.0: requires-python >=3.7; no sdist; wheels: linux 3.13, macos -, windows -",
        "  ~ 1.1.3: linux wheels +3.11",
    ]
    assert script.changes(new, old)[:2] == ["  - 3.0.0: no longer served by the index", "  - 3.1.0: no longer served by the index"]


def test_the_script_writes_the_snapshot_from_saved_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "INDEX").write_text("# test\ndate: 2000-01-01\npythons: 3.9\nnumpy reason\ngreenlet reason\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("numpy", "greenlet"):
        (pages / f"{name}.json").write_text(json.dumps(excerpt(name)), encoding="utf-8")
    assert script.main(["--data", str(data), "--responses", str(pages)]) == 0
    written = (data / "numpy.txt").read_text(encoding="utf-8")
    assert written.splitlines()[-1] == "2.4.0 >=3.11 sy 3.12 - -"
    index = (data / "INDEX").read_text(encoding="utf-8")
    assert f"pythons: {' '.join(PYTHONS)}\n" in index and "date: 2000-01-01" not in index
    assert "numpy: 2 releases; new" in capsys.readouterr().out
    # A second run finds nothing new; --only touches one file and not the date.
    assert script.main(["--data", str(data), "--responses", str(pages), "--only", "NumPy"]) == 0
    assert capsys.readouterr().out == "numpy: 2 releases; 0 changes\n"
    assert script.main(["--data", str(data), "--responses", str(tmp_path / "missing")]) == 1
    assert "not updated" in capsys.readouterr().err


# -- cost -----------------------------------------------------------------------------------------


def test_a_clean_file_does_not_import_the_release_data(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n\n'
        '[project]\nname = "demo"\nversion = "1.0"\ndependencies = ["requests>=2"]\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pyproject_lint", "pyproject.toml"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "pyproject_lint" in done.stderr and "pyproject_lint.releases" not in done.stderr


def test_the_docs_show_this_snapshot() -> None:
    docs = (ROOT / "docs" / "releases.md").read_text(encoding="utf-8")
    assert script.docs_section(releases.DATA) in docs, "rerun: python scripts/update_releases.py --docs"
    assert f"Snapshot of **{releases.snapshot_date()}**" in docs
