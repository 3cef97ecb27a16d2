"""``pyproject-lint build-env``: what the build model concluded about a ``pyproject.toml``.

For a user asking "why will pip fail here?": the backend and how it reaches the isolated
environment, the Pythons the project admits, per group of Pythons with the same
environment the build requirements after markers and every distribution installed (with
the chain that brings it), the plugins the tables call for and who provides them, and what
``setup.py`` lacks. Text or JSON; the editor's hover on ``build-backend`` shows the same.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TextIO

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import BuildModel, Target
    from .model.environment import Environment, Presence

EXIT_OK, EXIT_ERROR = 0, 2


def _presence(presence: Presence) -> dict[str, Any]:
    return {
        "name": presence.display,
        "via": list(presence.via),
        "requirement": presence.root,
        "certain": presence.certain,
    }


def _environment(model: BuildModel, environment: Environment) -> dict[str, Any]:
    requirements = [
        {"index": entry.position, "requirement": entry.requirement.raw, "certain": entry.certain}
        for entry in environment.entries
    ]
    installs = [_presence(p) for p in sorted(environment.distributions.values(), key=lambda p: (len(p.via), p.name))]
    backend: Optional[dict[str, Any]] = None
    if model.backend_module is not None and not model.has_backend_path:
        provision = environment.provides(model.backend_module)
        backend = {"status": provision.status, "provider": _presence(provision.presence) if provision.presence else None,
                   "candidates": list(provision.candidates)}
    return {"requires": requirements, "installs": installs, "backend": backend}


def report(model: BuildModel, only: Optional[str] = None) -> dict[str, Any]:
    """The model's conclusions, as plain data (what ``--format json`` prints)."""
    targets = [t for t in model.target_list if only is None or t.python == only]
    groups: list[tuple[list[Target], dict[str, Any]]] = []
    for target in targets:
        described = _environment(model, model.environment(target))
        for group in groups:
            if group[1] == described:
                group[0].append(target)
                break
        else:
            groups.append(([target], described))
    if model.uses_fallback:
        origin = "the front ends' default (no `[build-system]`)" if model.build_system is None else (
            "the front ends' default (no `build-backend`)"
        )
    elif model.has_backend_path:
        origin = "the project's own tree (`backend-path`)"
    else:
        origin = "`build-backend`"
    setup: dict[str, Any] = {"read": model.setup_py is not None and model.runs_setup_files}
    if setup["read"]:
        missing: dict[str, list[str]] = {}
        for target, needs in model.setup_needs.items():
            for entry in needs.missing:
                missing.setdefault(f"{entry.described()} ({entry.distribution})", []).append(str(target))
            for gone in needs.removed:
                missing.setdefault(f"`setup.py:{gone.imported.line}` imports `{gone.imported.module}`, {gone.why}", []).append(str(target))
        setup["lacks"] = [{"what": what, "pythons": pythons} for what, pythons in missing.items()]
    plugins = []
    for use in model.plugin_uses:
        plugin = use.plugin
        present = [str(t) for t, env in model.environments.items() if plugin.distribution and env.has(plugin.distribution)]
        plugins.append({
            "table": use.described,
            "kind": plugin.kind,
            "distribution": plugin.distribution,
            "builtin": plugin.distribution is None,
            "installed_on": present,
        })
    return {
        "pythons": list(model.targets.pythons),
        "pythons_because": model.targets.reason,
        "backend": model.backend_string if not model.uses_fallback else model.knowledge.fallback_backend,
        "backend_from": origin,
        "environments": [{"pythons": [str(t) for t in group], **described} for group, described in groups],
        "plugins": plugins,
        "setup_py": setup,
    }


def render(path: str, data: dict[str, Any]) -> str:
    """The report as text, for people."""
    from .model import join_pythons

    lines = [path]
    pythons = data["pythons"]
    because = "nothing excludes any" if data["pythons_because"] == "nothing" else data["pythons_because"]
    lines.append(f"  Pythons: {join_pythons(pythons) if pythons else 'none of those modelled'} ({because})")
    lines.append(f"  Backend: {data['backend']}, from {data['backend_from']}")
    for group in data["environments"]:
        lines.append(f"  On Python {', '.join(group['pythons'])}:")
        requires = [entry["requirement"] + ("" if entry["certain"] else " (maybe)") for entry in group["requires"]]
        lines.append(f"    requires: {', '.join(requires) if requires else '(nothing)'}")
        installs = []
        for item in group["installs"]:
            via = f" (through {' → '.join(item['via'])})" if item["via"] else ""
            installs.append(f"{item['name']}{via}")
        lines.append(f"    installs: {', '.join(installs) if installs else '(nothing)'}")
        backend = group["backend"]
        if backend is not None:
            if backend["status"] == "provided":
                provider = backend["provider"]
                via = f", through {' → '.join(provider['via'])}" if provider["via"] else ""
                lines.append(f"    backend: importable, from {provider['name']}{via}")
            elif backend["status"] == "absent":
                wanted = f" (it comes from {', '.join(backend['candidates'])})" if backend["candidates"] else ""
                lines.append(f"    backend: NOT importable: nothing installed provides it{wanted}")
            else:
                lines.append("    backend: maybe importable (from a distribution pyproject-lint does not know)")
    for plugin in data["plugins"]:
        if plugin["builtin"]:
            lines.append(f"  Plugin {plugin['table']}: built in")
        else:
            where = f"installed on {', '.join(plugin['installed_on'])}" if plugin["installed_on"] else "NOT installed"
            lines.append(f"  Plugin {plugin['table']}: from {plugin['distribution']}, {where}")
    setup = data["setup_py"]
    if setup["read"]:
        if setup["lacks"]:
            for lack in setup["lacks"]:
                lines.append(f"  setup.py: {lack['what']}: not installed on {', '.join(lack['pythons'])}")
        else:
            lines.append("  setup.py: everything it imports while building is installed")
    return "\n".join(lines) + "\n"


def main(arguments: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = argparse.ArgumentParser(
        prog="pyproject-lint build-env",
        description="Show what the isolated build environment will hold, per Python, and why.",
    )
    parser.add_argument("path", nargs="?", default="pyproject.toml", help="a pyproject.toml (default: ./pyproject.toml)")
    parser.add_argument("--python", metavar="X.Y", help="only this Python (3.9 to 3.14)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    try:
        options = parser.parse_args(list(arguments))
    except SystemExit as error:
        return int(error.code or 0) and EXIT_ERROR
    from .context import Context
    from .document import DecodeProblem, Document, decode

    path = Path(options.path)
    try:
        text = decode(path.read_bytes())
    except (OSError, DecodeProblem) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        print(f"pyproject-lint: {options.path}: {reason}", file=stderr)
        return EXIT_ERROR
    document = Document.from_text(text, path)
    if document.data is None:
        print(f"pyproject-lint: {options.path}: not valid TOML", file=stderr)
        return EXIT_ERROR
    model = Context(document, path.parent if path.name == "pyproject.toml" else None).model
    if options.python is not None and options.python not in model.knowledge.pythons:
        known = ", ".join(model.knowledge.pythons)
        print(f"pyproject-lint: --python {options.python}: not one of {known}", file=stderr)
        return EXIT_ERROR
    data = report(model, options.python)
    if options.format == "json":
        import json

        json.dump(data, stdout, indent=2)
        stdout.write("\n")
    else:
        stdout.write(render(options.path, data))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:], sys.stdout, sys.stderr))
