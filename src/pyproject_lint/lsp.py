"""``pyproject-lint server``: the engine as a Language Server (stdio, pygls).

What an editor gets, for documents named ``pyproject.toml`` (any other document is left
alone):

- diagnostics on open, on save, and on change, published with the document's version;
  changes that arrive within :data:`LINT_INTERVAL` of the last lint are coalesced into
  one lint of the latest text, so typing never queues up stale work;
- a quick fix per diagnostic with a fix (``isPreferred`` when the fix is safe), and
  ``source.fixAll.pyproject-lint``, which applies what ``--fix`` applies;
- hover on a diagnostic's range: the rule's documentation.

Settings come from the editor, through ``initializationOptions`` or
``workspace/didChangeConfiguration``, read as ``[tool.pyproject-lint]`` is (every key it
accepts; camelCase too), and apply on top of the document's own table and of the shared
configurations it inherits (``pyproject-lint.toml``, a parent's ``[tool.pyproject-lint]``),
exactly as the command line's options do. A bad value is dropped and reported with
``window/showMessage``. The editor's ``exclude`` and ``per-file-ignores`` patterns are
relative to the workspace folder that holds the document; an excluded document gets no
diagnostics (the command line's ``--force-exclude``, as ruff's server does).

The text is synchronised whole (``TextDocumentSyncKind.Full``): a ``pyproject.toml`` is
small, and it keeps position conversion in one place. Positions are sent in the encoding
negotiated at ``initialize`` (UTF-16 unless the client offers another), with LSP's line
breaks (``\\n``, ``\\r\\n``, ``\\r``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__, config
from .diagnostics import Applicability, Diagnostic, Edit, Severity
from .docs import rule_url
from .document import BOM, Document, UnitPositions
from .engine import PYPROJECT, FixDidNotConverge, LintResult, RuleCrashed, fix, lint
from .rules import ALL_RULES, find_rule
from .shared_config import CONFIG_FILE, ConfigError, Finder, SharedConfig, layered

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


NAME = "pyproject-lint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{NAME}"
#: Seconds after a lint during which further changes wait, and are then linted together.
LINT_INTERVAL = 0.05
#: What a warm-up lint reads at start, so that the first real lint finds everything imported.
_WARM_UP = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "warm-up"
version = "1.0"
dependencies = ["packaging>=24; python_version >= '3.9'"]
"""

logger = logging.getLogger(__name__)
_UNITS = {
    types.PositionEncodingKind.Utf8.value: "utf-8",
    types.PositionEncodingKind.Utf16.value: "utf-16",
    types.PositionEncodingKind.Utf32.value: "utf-32",
}
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}
#: Where editors and their client extensions nest a server's settings (the first two: ours).
_SECTIONS = (NAME, "pyprojectLint", "settings")


class Positions:
    """Converts between text offsets and LSP positions in the negotiated encoding (the
    conversion itself is :class:`~pyproject_lint.document.UnitPositions`)."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16.value) -> None:
        self.text = text
        self.encoding = encoding
        self._units = UnitPositions(text, _UNITS.get(encoding, "utf-16"))

    def position(self, offset: int) -> types.Position:
        line, character = self._units.position(offset)
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        return self._units.offset(position.line, position.character)


class EditorSettings(Record):
    """What the editor asked for, read as a settings table, and the problems in what it sent."""

    settings: config.FileConfig
    problems: tuple[str, ...] = ()


def read_settings(raw: Any) -> EditorSettings:
    """The editor's settings, read by the reader of ``[tool.pyproject-lint]`` (camelCase keys
    and comma-separated lists accepted); a bad value is dropped and named in ``problems``.

    The settings may be given as they are, or under ``pyproject-lint``/``pyprojectLint`` or
    ``settings``, as editors and client extensions nest them. Under our own name an unknown
    key is a problem; at the top level it is skipped (an editor sends other tools' settings).
    """
    ours = False
    for index, key in enumerate(_SECTIONS):
        if isinstance(raw, dict) and isinstance(raw.get(key), dict):
            raw = raw[key]
            ours = ours or index < 2
    if raw is None:
        return EditorSettings(config.FileConfig())
    if not isinstance(raw, dict):
        return EditorSettings(config.FileConfig(), (f"settings must be an object, not {type(raw).__name__}",))
    read = config.read_settings(raw, ALL_RULES, prefix=(), lenient=True, unknown_keys=ours)
    problems = [_describe(path, message) for path, message, _ in read.problems]
    problems += [
        f"`{key}` is read from the file's own `[tool.pyproject-lint]` only"
        for key in raw
        if config.setting_name(key) == config.TOOL_SCHEMAS_KEY
    ]
    return EditorSettings(read, tuple(problems))


def _describe(path: tuple[Any, ...], message: str) -> str:
    """A problem in the editor's settings, naming the setting unless the message does."""
    where = ".".join(str(part) for part in path if isinstance(part, str))
    if not where or message.startswith((f"`{where}`", "Unknown setting")):
        return message
    return f"`{where}`: {message}"


def _file_name(uri: str) -> str:
    return unquote(urlparse(uri).path).rsplit("/", 1)[-1]


def is_pyproject(uri: str) -> bool:
    return _file_name(uri) == PYPROJECT


def _location(uri: str) -> tuple[Path, Optional[Path]]:
    """The path to report and the project folder (``None`` unless a ``file:`` document:
    files beside it are looked at) of a document, as the engine takes them."""
    from pygls.uris import to_fs_path

    path = to_fs_path(uri) if urlparse(uri).scheme == "file" else None
    if not path:
        return Path(PYPROJECT), None
    return Path(path), Path(path).parent


class Linted(Record):
    """One lint of one version of a document, with its settings and what converts its offsets."""

    version: Optional[int]
    text: str
    result: LintResult
    positions: Positions
    settings: config.Settings

    @property
    def shift(self) -> int:
        """How far engine offsets (after a byte order mark) sit from the editor's."""
        return 1 if self.text.startswith(BOM) else 0

    def range(self, start: int, end: int) -> types.Range:
        shift = self.shift
        return self.positions.range(max(start + shift, 0), end + shift)

    def text_edit(self, edit: Edit) -> types.TextEdit:
        return types.TextEdit(range=self.range(edit.start, edit.end), new_text=edit.content)


def to_lsp(linted: Linted, diagnostic: Diagnostic) -> types.Diagnostic:
    return types.Diagnostic(
        range=linted.range(diagnostic.start, diagnostic.end),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
        source=NAME,
    )


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _contains(outer: types.Range, position: types.Position) -> bool:
    return _key(outer.start) <= _key(position) <= _key(outer.end)


def _minimal_edit(old: str, new: str, positions: Positions) -> types.TextEdit:
    """One edit turning ``old`` into ``new``: their differing middle (prefix and suffix kept)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    # LSP has no position between \r and \n: widen the edit over the whole pair.
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    end = len(old) - suffix
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        suffix -= 1
        end += 1
    return types.TextEdit(range=positions.range(prefix, end), new_text=new[prefix : len(new) - suffix])


class Server(LanguageServer):
    """The pyproject-lint language server: one engine call per lint, results kept per document."""

    def __init__(self) -> None:
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.editor_settings = config.FileConfig()
        #: Per document, the shared configurations it inherits, read when it opens and again
        #: when a configuration file is saved.
        self.chains: dict[str, list[SharedConfig]] = {}
        #: The documents the settings exclude: they get no diagnostics.
        self.excluded: set[str] = set()
        self.linted: dict[str, Linted] = {}
        #: Per document, the last version whose spans were computed: the next lint may move
        #: them rather than parse again with tomlkit (most edits are inside one value).
        self.span_sources: dict[str, Document] = {}
        self._scheduled: dict[str, asyncio.TimerHandle] = {}
        self._last_lint: dict[str, float] = {}

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding or "utf-16")

    def warn(self, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"{NAME}: {message}"))

    def apply_settings(self, raw: Any) -> None:
        read = read_settings(raw)
        self.editor_settings = read.settings
        if read.problems:
            self.warn(f"ignoring settings: {'; '.join(read.problems)}")

    def _workspace_folder(self, path: Path) -> Optional[Path]:
        """The workspace folder holding ``path`` (the innermost), else the workspace's root."""
        from pygls.uris import to_fs_path

        roots = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()] or [self.workspace.root_path]
        holding = [Path(root) for root in roots if root and Path(root) in path.parents]
        return max(holding, key=lambda root: len(root.parts), default=None)

    def settings_for(self, uri: str) -> Optional[config.Settings]:
        """The settings the document is linted with, as the command line's would be; ``None``
        if they exclude it."""
        path, project_dir = _location(uri)
        if project_dir is None:
            return layered((), None, self.editor_settings)
        chain = self.chains.get(uri)
        if chain is None:
            try:
                chain = Finder().chain(path)
            except ConfigError as error:
                self.warn(f"{error} (linting without it)")
                chain = []
            self.chains[uri] = chain
        folder = self._workspace_folder(path)
        scopes = [*chain, SharedConfig(folder, self.editor_settings)] if folder else chain
        if any(shared.excludes(path) for shared in scopes):
            return None
        return layered(chain, path, self.editor_settings, caller_folder=folder)

    # Linting --------------------------------------------------------------------------

    def lint_document(self, uri: str) -> Optional[Linted]:
        """Lint the document's current text (``None``: not a ``pyproject.toml``, or closed)."""
        if not is_pyproject(uri) or uri not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(uri)
        text = document.source
        cached = self.linted.get(uri)
        if cached is not None and cached.version == document.version and cached.text == text:
            return cached
        settings = self.settings_for(uri)
        if settings is None:
            self.excluded.add(uri)
            return None
        self.excluded.discard(uri)
        path, project_dir = _location(uri)
        try:
            result = lint(text, path, settings, project_dir, previous=self.span_sources.get(uri))
        except (RuleCrashed, RecursionError) as error:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"pyproject-lint: internal error: {error}")
            )
            return None
        if result.document.has_spans:
            self.span_sources[uri] = result.document
        linted = Linted(document.version, text, result, Positions(text, self.encoding), settings)
        self.linted[uri] = linted
        return linted

    def publish(self, uri: str) -> None:
        self._scheduled.pop(uri, None)
        linted = self.lint_document(uri)
        self._last_lint[uri] = time.monotonic()
        if linted is None:
            if uri in self.excluded:  # what it showed before the settings excluded it goes
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=linted.version,
                diagnostics=[to_lsp(linted, diagnostic) for diagnostic in linted.result.diagnostics],
            )
        )

    def schedule(self, uri: str) -> None:
        """Lint soon: now if the last lint is older than :data:`LINT_INTERVAL`, else when it is."""
        if uri in self._scheduled or not is_pyproject(uri):
            return  # the lint already scheduled reads the latest text
        wait = self._last_lint.get(uri, float("-inf")) + LINT_INTERVAL - time.monotonic()
        self._scheduled[uri] = asyncio.get_running_loop().call_later(max(wait, 0.0), self.publish, uri)

    def forget(self, uri: str) -> None:
        handle = self._scheduled.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.linted.pop(uri, None)
        self.span_sources.pop(uri, None)
        self._last_lint.pop(uri, None)
        self.chains.pop(uri, None)
        self.excluded.discard(uri)
        if is_pyproject(uri):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def relint_all(self) -> None:
        self.linted.clear()
        self.chains.clear()
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    # Code actions and hover -----------------------------------------------------------

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = self.lint_document(uri)
        if linted is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        if only is None or any(types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
            actions += self._quick_fixes(uri, linted, params.range)
        if only is None or any(FIX_ALL.startswith(kind) for kind in only):
            fix_all = self._fix_all(uri, linted)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def _workspace_edit(self, uri: str, linted: Linted, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        capabilities = self.client_capabilities.workspace
        versioned = bool(
            capabilities and capabilities.workspace_edit and capabilities.workspace_edit.document_changes
        )
        if versioned and linted.version is not None:
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier, edits=edits)])
        return types.WorkspaceEdit(changes={uri: edits})

    def _quick_fixes(self, uri: str, linted: Linted, wanted: types.Range) -> list[types.CodeAction]:
        actions = []
        policy = linted.result.policy
        for diagnostic in linted.result.diagnostics:
            applicability = policy.applicability(diagnostic)
            if applicability is None or diagnostic.fix is None:
                continue
            lsp_diagnostic = to_lsp(linted, diagnostic)
            if not _overlaps(lsp_diagnostic.range, wanted):
                continue
            safe = applicability is Applicability.SAFE
            edits = [linted.text_edit(edit) for edit in diagnostic.fix.edits]
            actions.append(
                types.CodeAction(
                    title=f"{diagnostic.fix.title} ({diagnostic.code}{'' if safe else ', unsafe'})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diagnostic],
                    is_preferred=safe,
                    edit=self._workspace_edit(uri, linted, edits),
                )
            )
        return actions

    def _fix_all(self, uri: str, linted: Linted) -> Optional[types.CodeAction]:
        if not any(linted.result.policy.applies(diagnostic) for diagnostic in linted.result.diagnostics):
            return None
        path, project_dir = _location(uri)
        try:
            outcome = fix(linted.text, path, linted.settings, project_dir=project_dir)
        except (RuleCrashed, FixDidNotConverge, RecursionError) as error:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"pyproject-lint: internal error: {error}")
            )
            return None
        if not outcome.changed:
            return None
        assert isinstance(outcome.fixed, str)
        edit = _minimal_edit(linted.text, outcome.fixed, linted.positions)
        count = sum(outcome.applied.values())
        return types.CodeAction(
            title=f"pyproject-lint: fix all ({count} fix{'es' * (count != 1)})",
            kind=FIX_ALL,
            edit=self._workspace_edit(uri, linted, [edit]),
        )

    def hover(self, params: types.HoverParams) -> Optional[types.Hover]:
        linted = self.lint_document(params.text_document.uri)
        if linted is None:
            return None
        parts = []
        hovered: Optional[types.Range] = None
        shown: set[str] = set()
        for diagnostic in linted.result.diagnostics:
            lsp_range = linted.range(diagnostic.start, diagnostic.end)
            if not _contains(lsp_range, params.position):
                continue
            hovered = hovered or lsp_range
            rule = find_rule(diagnostic.code)
            if rule is None or rule.code in shown:
                continue
            shown.add(rule.code)
            parts.append(f"## {rule.code} {rule.name} ({rule.severity.value})\n\n{rule.documentation()}")
        environment = self._build_environment(params.text_document.uri, linted, params.position)
        if environment is not None:
            parts.append(environment[0])
            hovered = hovered or environment[1]
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=hovered,
        )


    @staticmethod
    def _build_environment(uri: str, linted: Linted, position: types.Position) -> Optional[tuple[str, types.Range]]:
        """On ``build-backend``'s value: what ``pyproject-lint build-env`` says, as Markdown."""
        document = linted.result.document
        if document.data is None:
            return None
        node = document.spans_under("build-system").get(("build-system", "build-backend"))
        if node is None or node.value is None:
            return None
        value_range = linted.range(node.value.start, node.value.end)
        if not _contains(value_range, position):
            return None
        from .build_env import render, report
        from .context import Context

        _, project_dir = _location(uri)
        model = Context(document, project_dir).model
        text = render("pyproject.toml", report(model))
        return f"## The build environment\n\n```text\n{text}```", value_range


def create_server() -> Server:
    server = Server()

    @server.feature(types.INITIALIZE)
    def initialize(ls: Server, params: types.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: Server, params: types.InitializedParams) -> None:
        # Import what linting needs now, not during the user's first edit.
        try:
            fix(_WARM_UP)  # no path: nothing beside it is looked at
        except Exception:  # a warm-up failure must not stop the server; linting reports it again
            logger.exception("warm-up lint failed")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _file_name(uri) in (PYPROJECT, CONFIG_FILE):
            ls.relint_all()  # it may be a configuration other documents inherit
            return
        # Files beside it (a readme, a licence) may have changed: lint again, whatever the version.
        ls.linted.pop(uri, None)
        ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: Server, params: types.DidChangeConfigurationParams) -> None:
        raw = params.settings
        workspace = ls.client_capabilities.workspace
        if not raw and workspace is not None and workspace.configuration:
            # A client that pushes no settings has them pulled.
            answer = await ls.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=NAME)])
            )
            raw = answer[0] if answer else None
        ls.apply_settings(raw)
        ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: Server, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: Server, params: types.HoverParams) -> Optional[types.Hover]:
        return ls.hover(params)

    return server


def main() -> int:
    create_server().start_io()
    return 0
