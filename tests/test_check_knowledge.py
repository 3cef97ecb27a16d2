"""The pure parts of ``scripts/check_knowledge.py``, on excerpts recorded from the package index.

``tests/data/knowledge/`` holds what the index answered on 2026-12-03: part of hatch-vcs's
simple API page, the header of hatch_vcs-0.5.0's METADATA, the last bytes of its wheel (the
central directory and the end record, as a range request brings them back), and some
``Requires-Dist`` lines of setuptools-84.2.1.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.version import Version

from pyproject_lint._compat import tomllib

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "knowledge"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_knowledge", ROOT / "scripts" / "check_knowledge.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_knowledge"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


ck = _load()
WHEEL_SIZE = 8507  # hatch_vcs-0.5.0-py3-none-any.whl


def test_wheel_file_names() -> None:
    files = ck.parse_project_page(json.loads((DATA / "hatch-vcs-simple.json").read_text()))
    wheels = ck.wheels_by_release(files)
    assert sorted(wheels) == [Version("0.3.0"), Version("0.4.0"), Version("0.5.0")]
    assert all(wheel.pure and wheel.file.filename.endswith("-py3-none-any.whl") for wheel in wheels.values())
    assert ck.newest(wheels) == Version("0.5.0")


def test_a_binary_wheel_and_what_is_not_a_wheel() -> None:
    linux = ck.IndexFile("numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", "u", False, False)
    mac = ck.IndexFile("numpy-2.4.6-cp311-cp311-macosx_14_0_arm64.whl", "u", False, False)
    wheel = ck.parse_wheel(linux)
    assert wheel is not None and wheel.linux_x86_64 and not wheel.pure and wheel.version == Version("2.4.6")
    assert ck.wheels_by_release([mac, linux])[Version("2.4.6")].file is linux
    assert ck.parse_wheel(ck.IndexFile("numpy-2.4.6.tar.gz", "u", False, False)) is None
    assert ck.parse_wheel(ck.IndexFile("not-a-wheel.whl", "u", False, False)) is None


def test_a_yanked_release_stays_but_is_never_the_newest() -> None:
    kept = ck.IndexFile("demo-1.0-py3-none-any.whl", "u", False, False)
    yanked = ck.IndexFile("demo-1.1-py3-none-any.whl", "u", True, False)
    wheels = ck.wheels_by_release([kept, yanked])
    assert set(wheels) == {Version("1.0"), Version("1.1")}
    assert ck.newest(wheels) == Version("1.0")


def test_central_directory_from_the_tail() -> None:
    tail = (DATA / "hatch_vcs-0.5.0-tail.bin").read_bytes()
    offset, size = ck.central_directory_location(tail, WHEEL_SIZE)
    assert offset == WHEEL_SIZE - len(tail)
    entries = ck.central_directory_entries(tail[offset - (WHEEL_SIZE - len(tail)):][:size])
    names = [entry.name for entry in entries]
    assert "hatch_vcs/version_source.py" in names
    assert "hatch_vcs-0.5.0.dist-info/METADATA" in names
    assert ck.top_level_modules(names) == {"hatch_vcs"}
    assert ck.provides(names, "hatch_vcs") and not ck.provides(names, "hatch")
    with pytest.raises(ValueError, match="end-of-central-directory"):
        ck.central_directory_location(tail[:-30], WHEEL_SIZE - 30)


def test_local_entry_data_inflates() -> None:
    content = b"Requires-Dist: hatchling\n"
    raw = zlib.compressobj(wbits=-15)
    compressed = raw.compress(content) + raw.flush()
    name = b"x.dist-info/METADATA"
    local = b"PK\x03\x04" + bytes(22) + len(name).to_bytes(2, "little") + bytes(2) + name + compressed
    entry = ck.ZipEntry(name.decode(), 8, len(compressed), 0)
    assert ck.local_entry_data(local, entry) == content


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["numpy/__init__.py", "numpy.libs/libopenblas.so", "numpy-2.0.dist-info/RECORD"], {"numpy"}),
        (["_cffi_backend.cpython-311-x86_64-linux-gnu.so", "cffi/__init__.py"], {"_cffi_backend", "cffi"}),
        (["distutils-precedence.pth", "_distutils_hack/__init__.py", "demo-1.data/scripts/x"], {"_distutils_hack"}),
        (["google/protobuf/__init__.py"], {"google"}),
    ],
)
def test_top_level_modules(names: list[str], expected: set[str]) -> None:
    assert ck.top_level_modules(names) == expected


def test_requires_dist_with_extras_and_markers() -> None:
    dependencies = ck.parse_requires_dist((DATA / "setuptools-84.2.1-METADATA-excerpt").read_text())
    by_name = {dependency.name: dependency for dependency in dependencies}
    assert by_name["packaging"].extra == "core" and by_name["packaging"].marker is None
    assert by_name["tomli"].extra == "core" and by_name["tomli"].marker == 'python_version < "3.11"'
    assert by_name["pytest-perf"].marker == 'sys_platform != "cygwin"'
    assert by_name["jaraco-develop"].marker == 'python_version >= "3.9" and sys_platform != "cygwin"'
    plain = ck.parse_requires_dist((DATA / "hatch_vcs-0.5.0-METADATA").read_text())
    assert [(dependency.name, dependency.extra, dependency.marker) for dependency in plain] == [
        ("hatchling", None, None),
        ("setuptools-scm", None, None),
    ]


def _rows(text: str) -> list[Any]:
    return list(ck.parse_rows(tomllib.loads(text)))


HATCH_VCS = """
[[distribution]]
name = "hatch-vcs"
modules = ["hatch_vcs"]
source = "s"
[[distribution.requires]]
name = "hatchling"
source = "s"
[[distribution.requires]]
name = "setuptools-scm"
until = "0.5.0"
source = "s"
[[distribution.requires]]
name = "setuptools"
source = "s"
"""


def test_drift() -> None:
    (row,) = _rows(HATCH_VCS)
    metadata = ck.parse_requires_dist((DATA / "hatch_vcs-0.5.0-METADATA").read_text())
    known = {"hatch-vcs", "hatchling", "setuptools-scm", "setuptools"}
    drift = ck.requires_drift(row, Version("0.5.0"), metadata, known)
    assert drift == [
        "requires setuptools: no such Requires-Dist in 0.5.0",
        "requires setuptools-scm: new in 0.5.0: Requires-Dist: setuptools-scm>=8.2.0",
    ]
    assert ck.requires_drift(row, Version("0.4.0"), metadata, known) == ["requires setuptools: no such Requires-Dist in 0.4.0"]
    names = ["hatch_vcs/__init__.py", "extra_mod.py", "hatch_vcs-0.5.0.dist-info/METADATA"]
    assert ck.module_drift(row, Version("0.5.0"), names) == [
        "modules: the wheel of 0.5.0 has `extra_mod`, which the row lacks"
    ]
    assert ck.module_drift(row, Version("0.5.0"), ["other/__init__.py"]) == [
        "modules: the wheel of 0.5.0 has no `hatch_vcs`",
        "modules: the wheel of 0.5.0 has `other`, which the row lacks",
    ]


def test_drift_compares_markers_and_only_named_extras() -> None:
    (row,) = _rows("""
[[distribution]]
name = "setuptools"
modules = ["setuptools"]
source = "s"
[[distribution.module]]
name = "packaging"
since = "71.0.0"
path = "setuptools/_vendor/packaging"
source = "s"
[[distribution.requires]]
name = "tomli"
extra = "core"
source = "s"
""")
    metadata = ck.parse_requires_dist((DATA / "setuptools-84.2.1-METADATA-excerpt").read_text())
    known = {"setuptools", "tomli", "pytest", "packaging"}
    assert ck.requires_drift(row, Version("84.2.1"), metadata, known) == [
        "requires tomli [extra core]: no such Requires-Dist in 84.2.1",
        'requires packaging [extra core]: new in 84.2.1: Requires-Dist: packaging>=26.3; extra == "core"',
        'requires tomli [extra core] ; python_version < "3.11": new in 84.2.1: '
        'Requires-Dist: tomli>=2.0.1; python_version < "3.11" and extra == "core"',
    ]
    vendored = ["setuptools/__init__.py", "setuptools/_vendor/packaging/version.py"]
    assert ck.module_drift(row, Version("84.2.1"), vendored) == []
    assert ck.module_drift(row, Version("70.3.0"), vendored) == []


def test_release_before() -> None:
    releases = [Version(v) for v in ("1.0", "1.1rc1", "1.1", "2.0")]
    assert ck.release_before(Version("2.0"), releases) == Version("1.1")
    assert ck.release_before(Version("1.1"), releases) == Version("1.0")
    assert ck.release_before(Version("1.0"), releases) is None
