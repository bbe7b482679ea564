"""Real-client test: Emacs with eglot (Debian's emacs-nox 28 + elpa-eglot 1.9 on CI, or any Emacs 29+ with its
built-in eglot) loads the eglot snippet from editors/README.md as the user's init file, exactly as a user would
paste it (only /path/to/speech-ls is replaced), and tests/editors/emacs/journey.el walks a user's journey on a
private copy of seeds/: modes, eglot's connection, imenu, eldoc, xref both ways, flymake."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import support

JOURNEY = pathlib.Path(__file__).with_name("emacs") / "journey.el"
README = support.REPO_ROOT / "editors" / "README.md"


def find_emacs() -> str:
    """$EMACS_BIN, else emacs on PATH; CI installs it (.ci/editors.sh), so a missing one fails."""
    found = os.environ.get("EMACS_BIN") or shutil.which("emacs")
    if found is None:
        pytest.fail("emacs not found: `apt-get install emacs-nox elpa-eglot` (Emacs 28) or any Emacs 29+, or set EMACS_BIN")
    return found


def readme_eglot_snippet() -> str:
    """The first elisp block under the README's "Emacs: eglot" heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Emacs: eglot", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```elisp\n(.*?)```", section, re.S)
    assert match, "editors/README.md has no elisp block under '## Emacs: eglot'"
    snippet = match.group(1)
    assert "/path/to/speech-ls" in snippet, "the snippet names the checkout as /path/to/speech-ls"
    return snippet.replace("/path/to/speech-ls", str(support.REPO_ROOT))


@pytest.fixture
def corpus():
    root = support.make_corpus()
    yield root
    support.remove_corpus(root)


def run_emacs(init: pathlib.Path, env: dict[str, str], *load: pathlib.Path) -> subprocess.CompletedProcess:
    # `--batch` loads the site files, as a user's Emacs does, but skips two steps of an interactive
    # start-up that are done here in the same order: activating the installed packages (which makes
    # Debian's elpa-eglot autoloads such as `eglot-ensure` known), then loading the user's init file.
    args = [find_emacs(), "--batch", "--eval", "(package-activate-all)", "-l", str(init)]
    for file in load:
        args += ["-l", str(file)]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)


def test_emacs_eglot_journey(corpus, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    init = home / "init.el"
    init.write_text(readme_eglot_snippet(), encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "speech-ls").symlink_to(support.server_binary())
    outside = tmp_path / "elsewhere" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text("Note: not a transcript\n", encoding="utf-8")
    env = dict(os.environ)
    env.update(
        HOME=str(home),  # no user configuration but the snippet; eglot's state stays here
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        SPEECH_LS_CORPUS=str(corpus),
        SPEECH_LS_OUTSIDE_TXT=str(outside),
        RUST_LOG="speech_ls=info",
    )
    version = subprocess.run([find_emacs(), "--version"], capture_output=True, text=True, timeout=60)
    print(version.stdout.splitlines()[0])
    result = run_emacs(init, env, JOURNEY)
    print(result.stdout)
    print(result.stderr[-4000:], file=sys.stderr)
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert result.returncode == 0 and not failed, "\n".join(failed) or result.stderr[-2000:]
    assert "PASS eglot connects to speech-ls for the transcript" in result.stdout
