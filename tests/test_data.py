"""The knowledge data files keep the contract the build model reads them by.

``src/pyproject_lint/data/*.toml``: required keys, known values, valid versions, names that
resolve within ``distributions.toml``, a source for every row that points nowhere outside
the repository, and ``compiled.py`` equal to what the files compile to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from pyproject_lint._compat import tomllib

DATA = Path(__file__).resolve().parent.parent / "src" / "pyproject_lint" / "data"

PLUGIN_KINDS = {"version-source", "metadata-hook", "build-hook", "builder", "activation", "provider"}
MISSING = {"fails", "wrong-wheel", "requested"}
OUTCOMES = {"fails", "wrong-wheel", "degrades", "unknown"}
FEATURES = {"project-table", "license-expression", "license-expression-compound", "license-files", "import-names"}
SOURCE_KINDS = re.compile(r"^(https://|WHL |IDX |EXP \d{4}-\d{2}-\d{2} |sdist )")


def load(name: str) -> dict[str, Any]:
    with (DATA / f"{name}.toml").open("rb") as file:
        data: dict[str, Any] = tomllib.load(file)
    return data


DISTRIBUTIONS = load("distributions")["distribution"]
PLUGINS = load("plugins")["plugin"]
LOCATIONS = load("plugins").get("location", [])
FEATURE_ROWS = load("features")["feature"]
BACKENDS = load("backends")
PYTHONS = load("pythons")
TOOLS = load("tools")
REACTIONS = {"refuses", "warns", "drops-table", "ignores", "accepts"}
KNOWN = {canonicalize_name(row["name"]) for row in DISTRIBUTIONS}


def rows() -> Iterator[tuple[str, Mapping[str, Any]]]:
    for row in DISTRIBUTIONS:
        yield row["name"], row
        for sub in ("module", "requires", "attribute"):
            for entry in row.get(sub, []):
                yield f"{row['name']} {sub} {entry.get('name')}", entry
    for row in PLUGINS:
        yield f"plugin {row['host']} {row['name']}", row
    for row in FEATURE_ROWS:
        yield f"feature {row['distribution']} {row['feature']}", row
    for row in LOCATIONS:
        yield f"location {row['host']} {row['path']}", row
    for row in BACKENDS["backend"]:
        yield f"backend {row['path']}", row
    for row in BACKENDS["family"]:
        yield f"family {row['name']}", row
    for key in ("pythons", "fallback"):
        yield key, PYTHONS[key]
    for row in [*PYTHONS["runs-on"], *PYTHONS["stdlib"]]:
        yield f"pythons {row.get('distribution') or row['modules'][0]}", row
    for row in TOOLS["tool"]:
        yield f"tool {row['table']}", row
    for row in TOOLS["key"]:
        yield f"tool {row['tool']} key {row['key']}", row
    for row in TOOLS["snapshot"]:
        yield f"snapshot {row['version']}", row


def check_keys(row: Mapping[str, Any], required: set[str], optional: set[str]) -> None:
    assert required <= row.keys(), f"missing {sorted(required - row.keys())}"
    assert row.keys() <= required | optional, f"unknown keys {sorted(row.keys() - required - optional)}"


def check_span(row: Mapping[str, Any]) -> None:
    since = Version(row["since"]) if "since" in row else None
    until = Version(row["until"]) if "until" in row else None
    if since is not None and until is not None:
        assert since < until


@pytest.mark.parametrize(("label", "row"), list(rows()), ids=lambda value: value if isinstance(value, str) else "")
def test_every_row_has_a_source_inside_the_repository(label: str, row: Mapping[str, Any]) -> None:
    for key in ("source", "missing-source", "floor-source", "unknown-keys-source", "features-source",
                "license-classifiers-source"):
        if key not in row:
            continue
        source = row[key]
        assert isinstance(source, str) and source.strip(), f"{label}: empty {key}"
        assert SOURCE_KINDS.match(source), f"{label}: {key} does not say where the fact comes from"
        assert "/work/" not in source and "shared/" not in source and "§" not in source, f"{label}: {key} points outside"


def test_distributions() -> None:
    names = [canonicalize_name(row["name"]) for row in DISTRIBUTIONS]
    assert len(names) == len(set(names)), "a distribution twice"
    for row in DISTRIBUTIONS:
        check_keys(row, {"name", "modules", "source"}, {"module", "requires", "floor-matters", "floor-source", "attribute"})
        for attribute in row.get("attribute", []):
            check_keys(attribute, {"name", "until", "error", "source"}, set())
            Version(attribute["until"])
        assert ("floor-matters" in row) == ("floor-source" in row), f"{row['name']}: floor-matters needs its source"
        assert all(re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*", module) for module in row["modules"])
        for module in row.get("module", []):
            check_keys(module, {"name", "source"}, {"since", "until", "path", "python-until", "works-with"})
            assert module.keys() & {"since", "until", "python-until"}, f"{row['name']}: a module row with no range"
            check_span(module)
            if "works-with" in module:
                assert re.fullmatch(r"[\w.-]+<[\d.]+", module["works-with"]), "works-with is a ceiling: `name<version`"
        for edge in row.get("requires", []):
            check_keys(edge, {"name", "source"}, {"since", "until", "extra", "marker", "specifier"})
            assert canonicalize_name(edge["name"]) in KNOWN, f"{row['name']} requires unknown {edge['name']}"
            assert canonicalize_name(edge["name"]) != canonicalize_name(row["name"])
            check_span(edge)
            if "marker" in edge:
                Marker(edge["marker"])
                assert "extra" not in edge["marker"], "the extra has its own key"
            if "specifier" in edge:
                SpecifierSet(edge["specifier"])


def test_every_backend_distribution_is_here_and_provides_its_module() -> None:
    provided: dict[str, set[str]] = {
        canonicalize_name(row["name"]): set(row["modules"]) | {module["name"] for module in row.get("module", [])}
        for row in DISTRIBUTIONS
    }
    for backend in BACKENDS["backend"]:
        distribution = canonicalize_name(backend["distribution"])
        assert distribution in KNOWN, backend["distribution"]
        parts = backend["path"].partition(":")[0].split(".")
        prefixes = {".".join(parts[:index]) for index in range(1, len(parts) + 1)}
        assert prefixes & provided[distribution], backend["path"]
        Version(backend["since"])
    paths = {backend["path"] for backend in BACKENDS["backend"]}
    for backend in BACKENDS["backend"]:
        assert backend.get("replaced-by", backend["path"]) in paths
    for family in BACKENDS["family"]:
        assert family["backend"] in paths, family["name"]
    assert PYTHONS["fallback"]["backend"] in paths


def test_what_a_backend_does_with_license_classifiers_comes_with_its_build() -> None:
    for backend in BACKENDS["backend"]:
        said = "refuses-license-classifiers" in backend
        assert said == ("license-classifiers-source" in backend), backend["path"]
        assert not said or isinstance(backend["refuses-license-classifiers"], bool), backend["path"]


def test_compiled_module_is_what_the_files_compile_to() -> None:
    from pyproject_lint.data import __main__ as compiler

    assert (DATA / "compiled.py").read_text(encoding="utf-8") == compiler.render(compiler.read_tables()), (
        "src/pyproject_lint/data/compiled.py is stale: run `python -m pyproject_lint.data`"
    )


def test_plugin_locations() -> None:
    kinds = {(canonicalize_name(row["host"]), row["kind"]) for row in PLUGINS}
    for row in LOCATIONS:
        check_keys(row, {"host", "kind", "path", "how", "source"}, {"key", "default", "requests", "enabled"})
        assert (canonicalize_name(row["host"]), row["kind"]) in kinds
        assert row["how"] in ("key", "value") and (row["how"] == "value") == ("key" in row)


def test_plugins() -> None:
    for row in PLUGINS:
        check_keys(
            row, {"host", "kind", "name", "source"},
            {"distribution", "builtin", "since", "missing", "error", "missing-source", "when", "dynamic", "backend"},
        )
        assert row["kind"] in PLUGIN_KINDS
        assert canonicalize_name(row["host"]) in KNOWN
        if row.get("builtin"):
            assert row["builtin"] is True
            assert not row.keys() & {"distribution", "missing", "error", "missing-source"}
        else:
            assert canonicalize_name(row["distribution"]) in KNOWN
            assert row["missing"] in MISSING
            assert "missing-source" in row
            assert "error" in row or row["missing"] != "fails"
        if "since" in row:
            Version(row["since"])
        if row["kind"] == "activation":
            assert row["name"].startswith("tool.")
    keys = [(row["host"], row["kind"], row["name"]) for row in PLUGINS]
    assert len(keys) == len(set(keys)), "a plugin twice"


def test_features() -> None:
    for row in FEATURE_ROWS:
        check_keys(row, {"distribution", "feature", "source"}, {"since", "until", "older", "newer"})
        assert canonicalize_name(row["distribution"]) in KNOWN
        feature = row["feature"]
        assert feature in FEATURES or re.fullmatch(r"config:tool(\.([\w-]+|\*))+", feature), feature
        assert row.keys() & {"since", "until"}
        check_span(row)
        assert ("older" in row) == ("since" in row)
        assert ("newer" in row) == ("until" in row)
        assert {row.get("older", "fails"), row.get("newer", "fails")} <= OUTCOMES
    keys = [(row["distribution"], row["feature"]) for row in FEATURE_ROWS]
    assert len(keys) == len(set(keys)), "a feature twice"


def test_tools() -> None:
    families = {family for backend in BACKENDS["backend"] for family in backend["families"]}
    tables = [row["table"] for row in TOOLS["tool"]]
    assert len(tables) == len(set(tables)), "a tool twice"
    for row in TOOLS["tool"]:
        check_keys(
            row, {"table", "program", "unknown-key", "wrong-value", "source"},
            {"family", "within", "unknown-value", "errata", "also-read-by", "distribution", "version-key", "coerce"},
        )
        assert {row["unknown-key"], row["wrong-value"]} <= REACTIONS, row["table"]
        for within in row.get("within", []):
            check_keys(within, {"table", "unknown-key", "wrong-value"}, set())
            assert {within["unknown-key"], within["wrong-value"]} <= REACTIONS
        for erratum in row.get("errata", []):
            check_keys(erratum, {"path", "seen"}, set())
        for coercion in row.get("coerce", []):
            check_keys(coercion, {"path", "reads", "source"}, {"truthy", "falsy"})
            assert coercion["reads"] in ("boolean", "integer", "uppercase"), coercion["reads"]
            assert (coercion["reads"] == "boolean") == ("truthy" in coercion) == ("falsy" in coercion)
            assert all(word == word.lower() for word in (*coercion.get("truthy", ()), *coercion.get("falsy", ())))
            assert SOURCE_KINDS.match(coercion["source"]), f"{row['table']}: a coercion without its source"
        assert "family" not in row or row["family"] in families, row["table"]
        assert "also-read-by" not in row or "family" in row, "only a backend's table is read by another command"
        assert "version-key" not in row or "distribution" in row, "a version needs the distribution it is of"
        assert "unknown-value" not in row or row["wrong-value"] == "refuses", "unknown-value softens a refusal"


def test_tool_keys() -> None:
    versioned = {row["table"] for row in TOOLS["tool"] if "distribution" in row}
    for row in TOOLS["key"]:
        check_keys(row, {"tool", "key", "source"}, {"since", "until"})
        assert row["tool"] in versioned, f"{row['tool']}: no `distribution` to find its version by"
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*", row["key"]), row["key"]
        assert row.keys() & {"since", "until"}, f"{row['key']}: no release"
        check_span(row)
    keys = [(row["tool"], row["key"]) for row in TOOLS["key"]]
    assert len(keys) == len(set(keys)), "a key twice"


def test_snapshots() -> None:
    versioned = {row["table"] for row in TOOLS["tool"] if "distribution" in row}
    for row in TOOLS["snapshot"]:
        check_keys(row, {"distribution", "version", "date", "schemas", "source"}, set())
        year, month, day = (int(part) for part in row["version"].split("."))
        assert row["date"] == f"{year:04}-{month:02}-{day:02}", "the plugin's version is the date of its schemas"
        assert row["schemas"].keys() <= versioned
        for release in row["schemas"].values():
            Version(release)


def test_a_coercion_reads_what_its_tool_reads_and_nothing_else() -> None:
    from pyproject_lint.data import Coercion

    boolean = Coercion("*", "boolean", "EXP", ("1", "yes", "true"), ("0", "no", "false"))
    assert [boolean.read(v) for v in ("True", " yes ", 1, 0, "NO")] == [True, True, True, False, False]
    assert [boolean.read(v) for v in ("maybe", 2, 1.0, True, ["true"])] == [None] * 5
    integer = Coercion("*", "integer", "EXP")
    assert [integer.read(v) for v in ("3", " -1 ", "3.0", "loud", 3)] == [3, -1, None, None, None]
    assert Coercion("*", "uppercase", "EXP").read("info") == "INFO"
