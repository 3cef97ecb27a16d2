"""The language server, driven as an editor drives it: pygls' client over stdio, in a subprocess."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("pygls", reason="the language server needs pyproject-lint[lsp]")

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from pyproject_lint import config, lsp
from pyproject_lint.engine import fix

T = TypeVar("T")
TIMEOUT = 30.0

BROKEN = """\
# ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🐍 before the finding: each astral character is two UTF-16 units
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meto"  # 🐍 a typo
"""


class Editor:
    """A language client that records what the server publishes, per document."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, asyncio.Queue[types.PublishDiagnosticsParams]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.version = 0

    def queue(self, uri: str) -> asyncio.Queue[types.PublishDiagnosticsParams]:
        return self.published.setdefault(uri, asyncio.Queue())

    async def diagnostics(self, uri: str) -> types.PublishDiagnosticsParams:
        return await asyncio.wait_for(self.queue(uri).get(), TIMEOUT)

    async def nothing_published(self, uri: str, seconds: float = 0.3) -> bool:
        try:
            await asyncio.wait_for(self.queue(uri).get(), seconds)
        except asyncio.TimeoutError:
            return True
        return False

    def open(self, uri: str, text: str) -> None:
        self.version = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text)
            )
        )

    def change(self, uri: str, text: str) -> None:
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def code_actions(
        self, uri: str, at: types.Range, only: Optional[list[str]] = None
    ) -> list[types.CodeAction]:
        answer = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=at,
                context=types.CodeActionContext(diagnostics=[], only=only),
            )
        )
        assert answer is not None
        return [action for action in answer if isinstance(action, types.CodeAction)]


def run_editor(
    scenario: Callable[[Editor], Awaitable[T]],
    initialization_options: Any = None,
    encodings: Optional[list[str]] = None,
    document_changes: bool = True,
    root: Optional[Path] = None,
) -> T:
    """Start the server, initialize it as an editor would (with ``root`` as the workspace's
    root folder), run ``scenario``, shut it down."""

    async def main() -> T:
        client = LanguageClient("pyproject-lint-tests", "1")
        editor = Editor(client)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            editor.queue(params.uri).put_nowait(params)

        @client.feature(types.WINDOW_SHOW_MESSAGE)  # type: ignore[untyped-decorator]
        def on_message(params: types.ShowMessageParams) -> None:
            editor.messages.append(params)

        await client.start_io(sys.executable, "-m", "pyproject_lint", "server")
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=document_changes)
            ),
        )
        try:
            result = await asyncio.wait_for(
                client.initialize_async(
                    types.InitializeParams(
                        capabilities=capabilities,
                        initialization_options=initialization_options,
                        root_uri=uri_in(root.parent, root.name) if root else None,
                    )
                ),
                TIMEOUT,
            )
            assert result.server_info is not None and result.server_info.name == "pyproject-lint"
            client.initialized(types.InitializedParams())
            outcome = await scenario(editor)
            await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
            client.exit(None)
        except BaseException:
            if client._server is not None and client._server.returncode is None:
                client._server.kill()  # a failed scenario never asked the server to exit
            raise
        finally:
            await asyncio.wait_for(client.stop(), TIMEOUT)  # type: ignore[no-untyped-call]
        server = client._server
        assert server is not None and server.returncode == 0
        assert server.stderr is not None
        logged = (await server.stderr.read()).decode("utf-8", "replace")
        assert "Traceback" not in logged and "Error" not in logged, logged
        return outcome

    return asyncio.run(main())


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to ``text`` as an editor does, last first."""
    positions = lsp.Positions(text)
    spans = sorted(
        ((positions.offset(e.range.start), positions.offset(e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        (change,) = action.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        return [edit for edit in change.edits if isinstance(edit, types.TextEdit)]
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


def uri_in(folder: Path, name: str = "pyproject.toml") -> str:
    uri = from_fs_path(str(folder / name))
    assert isinstance(uri, str)
    return uri


def whole(text: str) -> types.Range:
    positions = lsp.Positions(text)
    return positions.range(0, len(text))


def test_open_broken_file_fix_it_and_see_it_clean(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)

    async def scenario(editor: Editor) -> None:
        editor.open(uri, BROKEN)
        published = await editor.diagnostics(uri)
        assert published.version == 1
        (diagnostic,) = published.diagnostics
        assert diagnostic.code == "PPL104"
        assert diagnostic.source == "pyproject-lint"
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert diagnostic.code_description is not None
        assert diagnostic.code_description.href.endswith("docs/rules.md#ppl104-unknown-build-backend")
        # Line 3 (0-based): `build-backend = "` is 17 units; the value's quotes included.
        assert diagnostic.range == types.Range(
            start=types.Position(line=3, character=16), end=types.Position(line=3, character=39)
        )

        actions = await editor.code_actions(uri, diagnostic.range)
        quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        (action,) = quick
        assert action.is_preferred is True  # a safe fix
        assert action.title == "Replace with `setuptools.build_meta` (PPL104)"
        assert list(action.diagnostics or ()) == [diagnostic]
        fixed = apply(BROKEN, edits_of(action, uri))
        assert 'build-backend = "setuptools.build_meta"  # 🐍 a typo' in fixed

        editor.change(uri, fixed)
        published = await editor.diagnostics(uri)
        assert published.version == 2
        assert list(published.diagnostics) == []

    run_editor(scenario)


def test_unsafe_fixes_are_offered_but_not_preferred(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n'

    async def scenario(editor: Editor) -> list[types.CodeAction]:
        editor.open(uri, text)
        published = (await editor.diagnostics(uri)).diagnostics
        assert [d.code for d in published] == ["PPL106", "PPL107", "PPL126"]  # the same span
        diagnostic = published[1]
        quick = await editor.code_actions(uri, diagnostic.range)
        assert await editor.code_actions(uri, diagnostic.range, only=[lsp.FIX_ALL]) == []  # safe fixes only
        return quick

    # PPL106 has no fix to offer; PPL126's unsafe fix (setuptools>=64.0.0) is offered on the same span.
    (action,) = [action for action in run_editor(scenario) if "PPL107" in action.title]
    assert action.is_preferred is False
    assert action.title.endswith("(PPL107, unsafe)")
    assert '"setuptools>=66.1.0"' in apply(text, edits_of(action, uri))


def test_non_bmp_characters_on_the_finding_line_in_each_encoding(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "🐍.build"  # 𝔘\n'
    value_start = text.index('"🐍')
    value_end = text.index("  # 𝔘")
    line_start = text.index("build-backend")

    for encoding, units in (("utf-16", 2), ("utf-8", 4), ("utf-32", 1)):

        async def scenario(editor: Editor) -> types.Range:
            editor.open(uri, text)
            published = await editor.diagnostics(uri)
            (diagnostic,) = [d for d in published.diagnostics if d.code == "PPL104"]
            return diagnostic.range

        got = run_editor(scenario, encodings=[encoding])
        start = value_start - line_start
        end = value_end - line_start + units - 1  # the one snake counts `units` units
        assert got == types.Range(
            start=types.Position(line=2, character=start), end=types.Position(line=2, character=end)
        ), encoding


def test_fix_all_equals_the_command_lines_fix(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = (
        "# keep me\r\n[build-system]\r\nrequires = ['setuptools']  # ☃\r\n\r\n[project]\r\nname = 'demo'\r\n"
        "version = '1.0'\r\n"
    )
    expected = fix(text, tmp_path / "pyproject.toml").fixed
    assert expected != text

    async def scenario(editor: Editor) -> str:
        editor.open(uri, text)
        published = await editor.diagnostics(uri)
        assert published.diagnostics
        actions = await editor.code_actions(uri, whole(text), only=[types.CodeActionKind.SourceFixAll])
        (action,) = actions
        assert action.kind == "source.fixAll.pyproject-lint"
        return apply(text, edits_of(action, uri))

    assert run_editor(scenario) == expected
    # Unsafe fixes from the editor's settings, as --unsafe-fixes.
    old_pin = '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n'
    assert fix(old_pin, tmp_path / "pyproject.toml").fixed == old_pin  # the PPL107 fix is unsafe

    async def unsafe(editor: Editor) -> str:
        editor.open(uri, old_pin)
        await editor.diagnostics(uri)
        (action,) = await editor.code_actions(uri, whole(old_pin), only=[lsp.FIX_ALL])
        return apply(old_pin, edits_of(action, uri))

    assert run_editor(unsafe, initialization_options={"unsafeFixes": True}) == old_pin.replace("<60", ">=66.1.0")


def test_workspace_edit_without_document_changes(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)

    async def scenario(editor: Editor) -> types.CodeAction:
        editor.open(uri, BROKEN)
        await editor.diagnostics(uri)
        (action,) = await editor.code_actions(uri, whole(BROKEN), only=[types.CodeActionKind.QuickFix])
        return action

    action = run_editor(scenario, document_changes=False)
    assert action.edit is not None and action.edit.document_changes is None
    assert "setuptools.build_meta" in apply(BROKEN, edits_of(action, uri))


def test_hover_shows_the_rules_documentation(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)

    async def scenario(editor: Editor) -> tuple[Optional[types.Hover], Optional[types.Hover]]:
        editor.open(uri, BROKEN)
        (diagnostic,) = (await editor.diagnostics(uri)).diagnostics
        inside = await editor.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=diagnostic.range.start)
        )
        outside = await editor.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=0)
            )
        )
        return inside, outside

    inside, outside = run_editor(scenario)
    assert outside is None
    assert inside is not None and isinstance(inside.contents, types.MarkupContent)
    assert inside.contents.value.startswith("## PPL104 unknown-build-backend (error)")
    assert "## What it does" in inside.contents.value


def test_hover_on_the_backend_shows_the_build_environment(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = '[build-system]\nrequires = ["poetry>=1.8"]\nbuild-backend = "poetry.core.masonry.api"\n'

    async def scenario(editor: Editor) -> Optional[types.Hover]:
        editor.open(uri, text)
        await editor.diagnostics(uri)
        return await editor.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=20))
        )

    hover = run_editor(scenario)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "## The build environment" in hover.contents.value
    assert "backend: importable, from poetry-core, through poetry" in hover.contents.value
    assert hover.range == types.Range(types.Position(2, 16), types.Position(2, 41))


def test_settings_from_the_editor_and_from_the_file(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    no_backend = '[build-system]\nrequires = ["setuptools>=64"]\n'

    async def scenario(editor: Editor) -> None:
        editor.open(uri, no_backend)
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == []  # ignored at initialize
        assert [m.message for m in editor.messages] == [
            "pyproject-lint: ignoring settings: `select`: `PPL999` matches no rule"
        ]
        editor.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"pyproject-lint": {"select": ["PPL1"]}})
        )
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL102"]
        # The file's own [tool.pyproject-lint] applies beneath the editor's settings, as
        # beneath the command line's: the editor's `select` wins over the file's `ignore`.
        editor.change(uri, no_backend + '\n[tool.pyproject-lint]\nignore = ["PPL102"]\n')
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL102"]
        editor.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"pyproject-lint": {}})
        )
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == []

    run_editor(scenario, initialization_options={"settings": {"ignore": ["PPL102"], "select": ["PPL999"]}})


#: A file whose one fixable finding is PPL107's (unsafe); PPL126's on the same pin is ignored in the file.
OLD_PIN = (
    '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n'
    '[tool.pyproject-lint]\nignore = ["PPL126"]\n'
)


def test_every_key_the_file_accepts_works_from_the_editor(tmp_path: Path) -> None:
    """The editor's settings are read as `[tool.pyproject-lint]` is: the fix keys, the path
    keys (relative to the workspace folder), camelCase, and a message for each bad value."""
    uri = uri_in(tmp_path)

    async def configure(editor: Editor, settings: Any) -> types.PublishDiagnosticsParams:
        editor.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
        return await editor.diagnostics(uri)

    async def offered(editor: Editor) -> list[tuple[Any, Optional[bool]]]:
        """The code actions on the document: (kind, preferred)."""
        actions = await editor.code_actions(uri, whole(OLD_PIN))
        return [(action.kind, action.is_preferred) for action in actions]

    quick_fix, fix_all = (types.CodeActionKind.QuickFix, True), (lsp.FIX_ALL, None)

    async def scenario(editor: Editor) -> None:
        editor.open(uri, OLD_PIN)
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL106", "PPL107"]
        # extend-safe-fixes (from initializationOptions): PPL107's unsafe fix counts as safe.
        assert await offered(editor) == [quick_fix, fix_all]
        await configure(editor, {"pyprojectLint": {"extendUnsafeFixes": "PPL1", "unsafeFixes": True}})
        assert await offered(editor) == [(types.CodeActionKind.QuickFix, False), fix_all]
        # Which fixes "fix all" applies: fixable, extend-fixable, unfixable (snake_case too).
        await configure(editor, {"fixable": [], "unsafe-fixes": True})
        assert fix_all not in await offered(editor)
        await configure(editor, {"fixable": [], "extend_fixable": ["backend-not-in-requires", "PPL107"], "unsafe-fixes": True})
        assert fix_all in await offered(editor)
        await configure(editor, {"pyproject-lint": {"unfixable": "PPL107", "unsafe-fixes": True}})
        assert fix_all not in await offered(editor)
        assert editor.messages == []
        ignored = await configure(editor, {"pyproject-lint": {"per-file-ignores": {"pyproject.toml": ["PPL107"]}}})
        assert [d.code for d in ignored.diagnostics] == ["PPL106"]
        assert list((await configure(editor, {"pyproject-lint": {"exclude": "*.toml"}})).diagnostics) == []
        assert await editor.code_actions(uri, whole(OLD_PIN)) == []
        bad = {"extendFixable": ["PPL999", "PPL107"], "unsafe_fixes": "yes", "extendSelct": [], "toolSchemas": {}}
        published = await configure(editor, {"pyproject-lint": bad})
        assert [d.code for d in published.diagnostics] == ["PPL106", "PPL107"]
        assert [m.message for m in editor.messages] == [
            "pyproject-lint: ignoring settings: `extendFixable`: `PPL999` matches no rule; "
            "`unsafe_fixes` must be `true` or `false`; "
            "Unknown setting `extendSelct`; did you mean `extend-select`?; "
            "`toolSchemas` is read from the file's own `[tool.pyproject-lint]` only"
        ]
        assert all(m.type == types.MessageType.Warning for m in editor.messages)

    run_editor(scenario, initialization_options={"pyproject-lint": {"extend-safe-fixes": ["PPL107"]}}, root=tmp_path)


def test_shared_configuration_applies_in_the_editor_as_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root: the search for configurations stops here
    (tmp_path / "pyproject-lint.toml").write_text('ignore = ["PPL107"]\n', encoding="utf-8")
    package = tmp_path / "packages" / "a"
    package.mkdir(parents=True)
    uri = uri_in(package)
    config_uri = uri_in(tmp_path, "pyproject-lint.toml")

    async def scenario(editor: Editor) -> None:
        editor.open(uri, OLD_PIN)
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL106"]
        # Saving a configuration lints every open document again with it.
        (tmp_path / "pyproject-lint.toml").write_text('ignore = ["PPL106"]\n', encoding="utf-8")
        editor.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri))
        )
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL107"]
        # A configuration the command line refuses is reported, and the document linted without it.
        (tmp_path / "pyproject-lint.toml").write_text('ignore = ["PPL999"]\n', encoding="utf-8")
        editor.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri))
        )
        assert [d.code for d in (await editor.diagnostics(uri)).diagnostics] == ["PPL106", "PPL107"]
        assert [m.message for m in editor.messages] == [
            f"pyproject-lint: {tmp_path / 'pyproject-lint.toml'}: ignore.0: `PPL999` matches no rule"
            " (linting without it)"
        ]

    run_editor(scenario, root=tmp_path)


def test_survives_whatever_is_typed(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    half_written = ["[build-system", '[build-system]\nrequires = ["setup', "\x00\ufeff\r", "a = [" * 5000, "", "🐍 = 1"]

    async def scenario(editor: Editor) -> list[list[str]]:
        codes = []
        editor.open(uri, "")
        codes.append([d.code for d in (await editor.diagnostics(uri)).diagnostics if isinstance(d.code, str)])
        for text in half_written:
            editor.change(uri, text)
            published = await editor.diagnostics(uri)
            codes.append([d.code for d in published.diagnostics if isinstance(d.code, str)])
        # Still answering requests after all that.
        await editor.code_actions(uri, whole(half_written[-1]))
        return codes

    assert run_editor(scenario) == [[], ["PPL001"], ["PPL001"], ["PPL001"], ["PPL001"], [], ["PPL001"]]


def test_other_documents_are_left_alone(tmp_path: Path) -> None:
    other = uri_in(tmp_path, "Cargo.toml")
    ours = uri_in(tmp_path)

    async def scenario(editor: Editor) -> None:
        editor.open(other, "[package\n")
        editor.open(ours, BROKEN)
        await editor.diagnostics(ours)
        assert await editor.nothing_published(other)
        assert await editor.code_actions(other, whole("[package\n")) == []

    run_editor(scenario)


def test_rapid_changes_end_with_the_latest_text(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    clean = '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'

    async def scenario(editor: Editor) -> list[types.PublishDiagnosticsParams]:
        editor.open(uri, clean)
        await editor.diagnostics(uri)
        for _ in range(20):
            editor.change(uri, BROKEN)
            editor.change(uri, clean)
        editor.change(uri, BROKEN)
        seen = []
        while True:
            published = await editor.diagnostics(uri)
            seen.append(published)
            if published.version == editor.version:
                return seen

    seen = run_editor(scenario)
    assert [d.code for d in seen[-1].diagnostics] == ["PPL104"]
    assert len(seen) < 41  # coalesced: fewer lints than changes


def test_a_missing_readme_is_found_beside_the_file_and_save_lints_again(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = (
        '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n\n'
        '[project]\nname = "demo"\nversion = "1.0"\nreadme = "README.md"\n'
    )

    async def scenario(editor: Editor) -> tuple[list[Any], list[Any]]:
        editor.open(uri, text)
        before = [d.code for d in (await editor.diagnostics(uri)).diagnostics]
        (tmp_path / "README.md").write_text("# demo\n", encoding="utf-8")
        editor.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        after = [d.code for d in (await editor.diagnostics(uri)).diagnostics]
        editor.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert list((await editor.diagnostics(uri)).diagnostics) == []
        return before, after

    assert run_editor(scenario) == (["PPL208"], [])


def test_setup_py_findings_show_on_requires_and_go_once_requires_is_fixed(tmp_path: Path) -> None:
    uri = uri_in(tmp_path)
    text = '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'
    (tmp_path / "setup.py").write_text("import numpy\nfrom setuptools import setup\nsetup()\n", encoding="utf-8")

    async def scenario(editor: Editor) -> tuple[list[Any], list[Any]]:
        editor.open(uri, text)
        before = [
            (d.code, d.range.start.line, d.range.start.character, d.message.split(",")[0])
            for d in (await editor.diagnostics(uri)).diagnostics
        ]
        fixed = text.replace('"setuptools>=64"', '"setuptools>=64", "numpy>=1.23"')
        editor.change(uri, fixed)
        after = [d.code for d in (await editor.diagnostics(uri)).diagnostics]
        return before, after

    assert run_editor(scenario) == ([("PPL120", 1, 11, "`setup.py:1` imports `numpy`")], [])


def test_positions_round_trip_with_every_line_break() -> None:
    text = "a\r\nb🐍c\rd\ne"
    for encoding in ("utf-8", "utf-16", "utf-32"):
        positions = lsp.Positions(text, encoding)
        for offset in range(len(text) + 1):
            if text[offset - 1 : offset + 1] == "\r\n":
                continue  # between \r and \n is no position
            assert positions.offset(positions.position(offset)) == offset, (encoding, offset)
    utf16 = lsp.Positions(text)
    assert utf16.position(text.index("c")) == types.Position(line=1, character=3)
    assert utf16.position(text.index("d")) == types.Position(line=2, character=0)
    assert utf16.position(text.index("e")) == types.Position(line=3, character=0)
    assert utf16.offset(types.Position(line=1, character=99)) == text.index("\rd")  # past the end: line end
    assert utf16.offset(types.Position(line=9, character=0)) == len(text)


def test_read_settings() -> None:
    read = lsp.read_settings({"pyprojectLint": {"extendSelect": "PPL1,PPL2", "unsafe-fixes": "yes"}})
    assert read.settings.layer.extend_select == ("PPL1", "PPL2")
    assert read.problems == ("`unsafe-fixes` must be `true` or `false`",)
    assert lsp.read_settings(None).problems == ()
    assert lsp.read_settings([1]).problems == ("settings must be an object, not list",)
    assert lsp.read_settings({"ignore": [1]}).problems == ("`ignore` must be an array of rule codes, prefixes or names",)
    # At the top level, other tools' settings are skipped; under our name, an unknown key is named.
    assert lsp.read_settings({"ignore": "PPL1", "python": {}}).problems == ()
    assert lsp.read_settings({"pyproject-lint": {"python": {}}}).problems == (
        "Unknown setting `python` (known: `select`, `extend-select`, `ignore`, `fixable`, `extend-fixable`, "
        "`unfixable`, `extend-safe-fixes`, `extend-unsafe-fixes`, `unsafe-fixes`, `exclude`, `per-file-ignores`, "
        "`tool-schemas`)",
    )
    fixes = lsp.read_settings({"extendFixable": ["PPL1"], "extend-safe-fixes": "PPL107", "extend_unsafe_fixes": ["PPL104"]})
    assert fixes.settings.fix_layer == config.FixLayer(
        extend_fixable=("PPL1",), extend_safe_fixes=("PPL107",), extend_unsafe_fixes=("PPL104",)
    )
    assert fixes.problems == ()


@given(old=st.text(alphabet="ab\r\n🐍", max_size=12), new=st.text(alphabet="ab\r\n🐍", max_size=12))
def test_minimal_edit_turns_old_into_new(old: str, new: str) -> None:
    for encoding in ("utf-8", "utf-16", "utf-32"):
        positions = lsp.Positions(old, encoding)
        edit = lsp._minimal_edit(old, new, positions)
        start, end = positions.offset(edit.range.start), positions.offset(edit.range.end)
        assert old[:start] + edit.new_text + old[end:] == new, encoding
