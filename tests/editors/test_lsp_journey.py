"""pytest-lsp suite: drives the built speech-ls binary as three real clients would, replaying their
`initialize` params (Helix 25.07.1 and Neovim 0.11.4 as captured in ../shared/clients, and a VS Code
client that, like vscode-languageclient 9, offers only utf-16), and walks the same journey in each:
initialize (negotiated encoding), open the seed transcript and INDEX.md, outline, hover, definition
both ways, an incremental edit, shutdown."""

from __future__ import annotations

import asyncio
import dataclasses
import pathlib
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

import support

try:
    SERVER_COMMAND = [str(support.server_binary()), "--stdio"]
except FileNotFoundError as missing:
    # Reported by every test below rather than at import, so the message is the first thing a reader sees.
    SERVER_COMMAND = ["/nonexistent/speech-ls", "--stdio"]
    SERVER_MISSING = str(missing)
else:
    SERVER_MISSING = None

TIMEOUT_S = 15


@dataclasses.dataclass
class Session:
    """What a test knows about the running session."""

    client_name: str
    encoding: str
    corpus: pathlib.Path
    result: types.InitializeResult
    registrations: list[types.Registration]


def initialize_params(client_name: str, root: pathlib.Path, converter) -> types.InitializeParams:
    if client_name in ("helix", "neovim"):
        raw = support.load_client_params(client_name, root)
        return converter.structure(raw, types.InitializeParams)
    # VS Code: pytest-lsp's captured VS Code capabilities, plus the positionEncodings that
    # vscode-languageclient 9 sends (only utf-16), and the workspace as VS Code would name it.
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16])
    return types.InitializeParams(
        capabilities=capabilities,
        client_info=types.ClientInfo(name="Visual Studio Code", version="1.95.0"),
        root_uri=root.as_uri(),
        root_path=str(root),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options={},
    )


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER_COMMAND, server_env={"RUST_LOG": "speech_ls=debug"}),
    params=["helix", "neovim", "vscode"],
)
async def session(lsp_client: LanguageClient, request):
    if SERVER_MISSING:
        pytest.fail(SERVER_MISSING)
    client_name = request.param
    if client_name != "vscode" and support.clients_dir() is None:
        pytest.skip("../shared/clients is absent: cannot replay the captured Helix/Neovim initialize params")
    corpus = support.make_corpus()
    registrations: list[types.Registration] = []

    server_requests: list[float] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        server_requests.append(time.monotonic())
        registrations.extend(params.registrations)
        return None

    # pytest-lsp already answers workspace/configuration; wrap its handler to note when requests arrive.
    features = lsp_client.protocol.fm.features
    answer_configuration = features[types.WORKSPACE_CONFIGURATION]

    def configuration(*args, **kwargs):
        server_requests.append(time.monotonic())
        return answer_configuration(*args, **kwargs)

    features[types.WORKSPACE_CONFIGURATION] = configuration

    lsp_client.set_configuration({}, section="speech-ls")
    params = initialize_params(client_name, corpus, lsp_client.protocol._converter)
    result = await asyncio.wait_for(lsp_client.initialize_session(params), TIMEOUT_S)
    encoding = result.capabilities.position_encoding or "utf-16"
    lsp_client.speech_session = Session(client_name, str(encoding), corpus, result, registrations)
    await settle(server_requests)
    yield
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT_S)
    except TimeoutError:
        # Do not leave an orphan speech-ls behind; the failure names the symptom.
        server = getattr(lsp_client, "_server", None)
        if server is not None and server.returncode is None:
            server.kill()
        pytest.fail(f"speech-ls was still running {TIMEOUT_S}s after shutdown and exit ({client_name} session)")
    finally:
        support.remove_corpus(corpus)


async def settle(server_requests: list[float]) -> None:
    """Waits until the server's start-up requests to the client (workspace/configuration,
    client/registerCapability) have stopped arriving, as an editor's session would be well past them.
    Without this, `shutdown` sent while one of them is in flight can leave the server running after
    `exit` (a server bug, see test_exit_right_after_initialized)."""
    started = time.monotonic()
    while time.monotonic() - started < 3.0:
        last = max(server_requests, default=started)
        if time.monotonic() - last >= 0.3:
            return
        await asyncio.sleep(0.05)


def session_of(client: LanguageClient) -> Session:
    return client.speech_session


def transcript_path(corpus: pathlib.Path) -> pathlib.Path:
    return sorted(corpus.glob("*.txt"))[0]


def open_document(client: LanguageClient, path: pathlib.Path, language_id: str) -> str:
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language_id, version=1, text=text)
        )
    )
    return text


async def document_symbols(client: LanguageClient, uri: str) -> list:
    result = await asyncio.wait_for(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
        ),
        TIMEOUT_S,
    )
    return list(result or [])


def flatten(symbols) -> list:
    flat = []
    for symbol in symbols:
        flat.append(symbol)
        flat.extend(flatten(getattr(symbol, "children", None) or []))
    return flat


def symbol_range(symbol) -> types.Range:
    return symbol.range if isinstance(symbol, types.DocumentSymbol) else symbol.location.range


def assert_ranges_fit(symbols, text: str, encoding: str, what: str) -> None:
    """Every position the server sent must exist in the document, measured in the negotiated encoding:
    a server that sends byte columns to a utf-16 client fails this on lines with ’ or –."""
    lengths = support.line_lengths(text, encoding)
    for symbol in flatten(symbols):
        for position in (symbol_range(symbol).start, symbol_range(symbol).end):
            assert position.line <= len(lengths), f"{what}: {symbol.name!r} ends past the last line: {position}"
            if position.line < len(lengths):
                assert position.character <= lengths[position.line], (
                    f"{what}: {symbol.name!r} has character {position.character} on line {position.line}, "
                    f"which is {lengths[position.line]} {encoding} units long"
                )


async def definition(client: LanguageClient, uri: str, line: int, character: int) -> list:
    result = await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        ),
        TIMEOUT_S,
    )
    if result is None:
        return []
    return result if isinstance(result, list) else [result]


def target(location) -> tuple[str, types.Range]:
    if isinstance(location, types.LocationLink):
        return location.target_uri, location.target_selection_range
    return location.uri, location.range


def hover_text(hover: types.Hover | None) -> str:
    if hover is None:
        return ""
    contents = hover.contents
    if isinstance(contents, types.MarkupContent):
        return contents.value
    if isinstance(contents, str):
        return contents
    if isinstance(contents, list):
        return "\n".join(part if isinstance(part, str) else part.value for part in contents)
    return getattr(contents, "value", "")


def first_speaker_label(text: str) -> str:
    """The label of the first speaker turn ("President of Russia Vladimir Putin" in the seed): the first
    line after the header that starts with a short `Label:`."""
    for line in text.split("\n")[1:]:
        label, colon, _ = line.partition(":")
        if colon and 0 < len(label.split()) <= 8 and label[:1].isupper():
            return label.strip()
    raise AssertionError("the transcript has no speaker turn")


# --- the journey -------------------------------------------------------------------------------------


async def test_initialize_negotiates_encoding_and_capabilities(session: LanguageClient):
    state = session_of(session)
    capabilities = state.result.capabilities
    expected = {"helix": "utf-8", "neovim": "utf-8", "vscode": "utf-16"}[state.client_name]
    assert state.encoding == expected
    assert state.result.server_info is not None and state.result.server_info.name == "speech-ls"
    assert capabilities.document_symbol_provider
    assert capabilities.hover_provider
    assert capabilities.definition_provider
    sync = capabilities.text_document_sync
    change = sync.change if isinstance(sync, types.TextDocumentSyncOptions) else sync
    assert change == types.TextDocumentSyncKind.Incremental
    if isinstance(sync, types.TextDocumentSyncOptions):
        assert sync.open_close


async def test_file_watcher_registration_follows_client_capabilities(session: LanguageClient):
    """Helix and VS Code offer dynamic didChangeWatchedFiles registration without relative patterns:
    the server registers its watchers with plain string globs. Neovim offers no dynamic registration
    (and disables client watching on Linux): the server must not ask it for any."""
    state = session_of(session)
    watched_method = types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    # Registration is a server-to-client request sent after `initialized`: give it time to arrive.
    # A document request is answered only after the server has handled what came before it.
    index = state.corpus / "INDEX.md"
    open_document(session, index, "markdown")
    await document_symbols(session, index.as_uri())
    for _ in range(20):
        if any(r.method == watched_method for r in state.registrations):
            break
        await asyncio.sleep(0.1)
    watched = [r for r in state.registrations if r.method == watched_method]

    if state.client_name == "neovim":
        assert not watched, f"registered watchers with a client that cannot take them: {watched}"
        return
    assert watched, f"no didChangeWatchedFiles registration; got {[r.method for r in state.registrations]}"
    for registration in watched:
        options = registration.register_options or {}
        watchers = options.get("watchers") if isinstance(options, dict) else getattr(options, "watchers", None)
        assert watchers, f"registration without watchers: {options}"
        for watcher in watchers:
            pattern = watcher.get("globPattern") if isinstance(watcher, dict) else watcher.glob_pattern
            assert isinstance(pattern, str), f"{state.client_name} cannot use relative patterns, got {pattern!r}"


async def test_outline_of_index_and_transcript(session: LanguageClient):
    state = session_of(session)
    index = state.corpus / "INDEX.md"
    transcript = transcript_path(state.corpus)
    index_text = open_document(session, index, "markdown")
    transcript_text = open_document(session, transcript, "speech-transcript")

    index_symbols = await document_symbols(session, index.as_uri())
    assert index_symbols, "INDEX.md has an outline"
    assert_ranges_fit(index_symbols, index_text, state.encoding, "INDEX.md")

    symbols = await document_symbols(session, transcript.as_uri())
    names = [symbol.name for symbol in flatten(symbols)]
    assert names, "the transcript has an outline"
    label = first_speaker_label(transcript_text)
    assert any(label in name for name in names), f"speaker {label!r} missing from outline {names[:12]}"
    assert_ranges_fit(symbols, transcript_text, state.encoding, transcript.name)


async def test_hover_and_definition_both_ways(session: LanguageClient):
    state = session_of(session)
    index = state.corpus / "INDEX.md"
    transcript = transcript_path(state.corpus)
    index_text = open_document(session, index, "markdown")
    open_document(session, transcript, "speech-transcript")

    # On the link target of the entry: the cursor sits two characters into the file name.
    line, character = support.find(index_text, transcript.name, state.encoding, offset_in_needle=2)
    hover = await asyncio.wait_for(
        session.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=index.as_uri()),
                position=types.Position(line=line, character=character),
            )
        ),
        TIMEOUT_S,
    )
    assert hover_text(hover).strip(), f"hover on the INDEX.md entry is empty: {hover}"

    forward = await definition(session, index.as_uri(), line, character)
    assert forward, "definition on the INDEX.md entry found nothing"
    uri, _ = target(forward[0])
    assert uri == transcript.as_uri()

    # Back: from the transcript's header line to the entry that lists it.
    back = await definition(session, transcript.as_uri(), 0, 3)
    assert back, "definition on the transcript header found nothing"
    uri, landing = target(back[0])
    assert uri == index.as_uri()
    assert landing.start.line == line, f"expected the entry on line {line}, got {landing}"


async def test_incremental_edit_updates_outline(session: LanguageClient):
    state = session_of(session)
    transcript = transcript_path(state.corpus)
    text = open_document(session, transcript, "speech-transcript")
    label = first_speaker_label(text)

    # Insert a new speaker turn after the first paragraph that contains non-ASCII (’ or –), at the
    # end of that line as measured in the negotiated encoding: a server that mixes up encodings
    # splits the line instead.
    lines = text.split("\n")
    anchor = next(i for i, line in enumerate(lines) if i > 0 and not line.isascii() and line.strip())
    end = (anchor, support.units(lines[anchor].rstrip("\r"), state.encoding))
    new_speaker = "Minister of the Interior Vladimir Kolokoltsev"
    inserted = f"\n\n{new_speaker}: Thank you, Mr President."
    session.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=transcript.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=end[0], character=end[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=inserted,
                )
            ],
        )
    )
    edited = support.apply_change(text, end, end, inserted, state.encoding)
    assert edited.split("\n")[anchor] == lines[anchor].rstrip("\r") or edited.split("\n")[anchor] == lines[anchor]

    symbols = await document_symbols(session, transcript.as_uri())
    flat = flatten(symbols)
    turns = [symbol for symbol in flat if new_speaker in symbol.name]
    assert turns, f"the inserted turn is not in the outline: {[s.name for s in flat][:20]}"
    turn_line = symbol_range(turns[0]).start.line
    assert turn_line == anchor + 2, f"the inserted turn should start on line {anchor + 2}, not {turn_line}"
    assert any(label in symbol.name for symbol in flat), "the original first speaker is still there"
    assert_ranges_fit(symbols, edited, state.encoding, f"{transcript.name} after the edit")

    # The line the edit was anchored on must be intact: its paragraph's symbol (if it starts there)
    # ends at the line's end, not in the middle.
    for symbol in flat:
        r = symbol_range(symbol)
        if r.end.line == anchor:
            assert r.end.character in (0, end[1]), f"{symbol.name!r} ends mid-line at {r.end} (line length {end[1]})"
