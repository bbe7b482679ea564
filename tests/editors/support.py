"""Shared helpers for the editor tests: where the server binary, the corpus and the captured client
params are, and how to turn text positions into LSP positions in each position encoding."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import tempfile

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"


def server_binary() -> pathlib.Path:
    """The speech-ls binary under test: $SPEECH_LS_BIN, else target/release, else target/debug."""
    explicit = os.environ.get("SPEECH_LS_BIN")
    candidates = [pathlib.Path(explicit)] if explicit else []
    candidates += [REPO_ROOT / "target" / "release" / "speech-ls", REPO_ROOT / "target" / "debug" / "speech-ls"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError(
        "speech-ls binary not found (looked at "
        + ", ".join(str(c) for c in candidates)
        + "); run `cargo build --release` first or set SPEECH_LS_BIN"
    )


def clients_dir() -> pathlib.Path | None:
    """The captured initialize params of real editors: ../shared/clients beside the repo (CI), or /work/shared."""
    for candidate in (REPO_ROOT.parent / "shared" / "clients", pathlib.Path("/work/shared/clients")):
        if candidate.is_dir():
            return candidate
    return None


def make_corpus() -> pathlib.Path:
    """A private copy of seeds/ (INDEX.md and transcripts), so no test can disturb the checked-in corpus
    and parallel work on seeds/ cannot disturb a test run."""
    if not (SEEDS / "INDEX.md").is_file():
        raise FileNotFoundError(f"{SEEDS / 'INDEX.md'} is missing: the editor tests open the shipped corpus")
    root = pathlib.Path(tempfile.mkdtemp(prefix="speech-ls-editors-")) / "corpus"
    root.mkdir()
    for item in SEEDS.iterdir():
        if item.is_file() and (item.suffix == ".txt" or item.name == "INDEX.md"):
            shutil.copy2(item, root / item.name)
    return root


def remove_corpus(root: pathlib.Path) -> None:
    shutil.rmtree(root.parent, ignore_errors=True)


def load_client_params(name: str, root: pathlib.Path) -> dict:
    """A captured `initialize` params object with its placeholder root (file:///ROOT) pointed at `root`
    and the process id replaced by ours (the editor's original pid may belong to anything here)."""
    directory = clients_dir()
    if directory is None:
        raise FileNotFoundError("../shared/clients (captured editor initialize params) is absent")
    matches = sorted(directory.glob(f"{name}-*-initialize-params.json"))
    if not matches:
        raise FileNotFoundError(f"no {name}-*-initialize-params.json in {directory}")
    text = matches[-1].read_text(encoding="utf-8")
    text = text.replace("file:///ROOT", root.as_uri()).replace('"/ROOT"', json.dumps(str(root)))
    params = json.loads(text)
    params["rootPath"] = str(root)
    params["processId"] = os.getpid()
    return params


def units(text: str, encoding: str) -> int:
    """Length of `text` in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def find(text: str, needle: str, encoding: str, offset_in_needle: int = 0) -> tuple[int, int]:
    """(line, character) of the first `needle` in `text` (plus `offset_in_needle` characters), in `encoding` units."""
    for line_number, line in enumerate(text.split("\n")):
        column = line.find(needle)
        if column >= 0:
            return line_number, units(line[: column + offset_in_needle], encoding)
    raise AssertionError(f"{needle!r} not found")


def line_lengths(text: str, encoding: str) -> list[int]:
    return [units(line.rstrip("\r"), encoding) for line in text.split("\n")]


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new_text: str, encoding: str) -> str:
    """Applies an LSP range edit to `text` the way a client does, for keeping a local copy in step."""
    lines = text.split("\n")

    def offset(line: int, character: int) -> int:
        before = sum(len(l) + 1 for l in lines[:line])
        line_text = lines[line]
        count = 0
        for index, char in enumerate(line_text):
            if count >= character:
                return before + index
            count += units(char, encoding)
        return before + len(line_text)

    return text[: offset(*start)] + new_text + text[offset(*end) :]
