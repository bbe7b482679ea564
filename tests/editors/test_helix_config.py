"""Helix cannot be installed here, so its configuration is checked as data: editors/helix/languages.toml
parses, uses only keys Helix accepts where it accepts them, and names the binary, arguments, file types
and roots that speech-ls and its other tests expect. The protocol side (Helix's captured initialize
params replayed against the real binary) is in test_lsp_journey.py."""

from __future__ import annotations

import fnmatch
import tomllib

import support

LANGUAGES_TOML = support.REPO_ROOT / "editors" / "helix" / "languages.toml"

# Keys Helix 25.07 accepts; [[language]] is deserialized with deny_unknown_fields, so a stray key
# there (for example required-root-patterns, which belongs to the server) makes Helix reject the file.
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "file-types", "shebangs", "roots", "comment-token", "comment-tokens",
    "block-comment-tokens", "text-width", "soft-wrap", "auto-format", "formatter", "diagnostic-severity",
    "grammar", "injection-regex", "language-servers", "indent", "debugger", "auto-pairs", "rulers",
    "workspace-lsp-roots", "persistent-diagnostic-sources", "word-completion",
}
SERVER_KEYS = {"command", "args", "environment", "config", "timeout", "required-root-patterns"}


def load() -> dict:
    with LANGUAGES_TOML.open("rb") as handle:
        return tomllib.load(handle)


def language(config: dict, name: str) -> dict:
    matches = [entry for entry in config["language"] if entry["name"] == name]
    assert len(matches) == 1, f"exactly one [[language]] named {name!r}"
    return matches[0]


def test_server_table_runs_speech_ls_on_stdio():
    server = load()["language-server"]["speech-ls"]
    assert set(server) <= SERVER_KEYS, f"unknown keys {set(server) - SERVER_KEYS}"
    assert server["command"] == "speech-ls"
    assert server["args"] == ["--stdio"]
    assert server["required-root-patterns"] == ["INDEX.md"]


def test_transcript_language_is_scoped_to_corpora():
    config = load()
    transcript = language(config, "speech-transcript")
    assert set(transcript) <= LANGUAGE_KEYS, f"Helix rejects keys {set(transcript) - LANGUAGE_KEYS}"
    assert transcript["language-servers"] == ["speech-ls"]
    assert transcript["scope"].startswith("text.")
    assert "INDEX.md" in transcript["roots"]
    # Helix prefixes a relative glob with "*/" and matches it against the absolute path.
    patterns = [entry["glob"] if isinstance(entry, dict) else f"*.{entry}" for entry in transcript["file-types"]]
    seed = str(next(support.SEEDS.glob("*.txt")).resolve())
    assert any(fnmatch.fnmatch(seed, "*/" + pattern.lstrip("/")) for pattern in patterns), patterns
    assert not any(fnmatch.fnmatch(str(support.SEEDS / "INDEX.md"), "*/" + p) for p in patterns)
    # Copied into a global config, the rule must not claim every .txt on disk.
    for elsewhere in ("/home/user/notes/todo.txt", "/tmp/build/log.txt", "/home/user/seedsx/a.txt"):
        assert not any(fnmatch.fnmatch(elsewhere, "*/" + p.lstrip("/")) for p in patterns), (elsewhere, patterns)


def test_settings_are_nested_so_helix_answers_workspace_configuration():
    """Helix answers workspace/configuration for section "speech-ls" with config["speech-ls"] (it walks the
    section as a path in `config`); the README's example must give the server a non-null answer there."""
    readme = (LANGUAGES_TOML.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Settings", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    config = tomllib.loads(block)["language-server"]["speech-ls"]["config"]
    answer = config
    for part in "speech-ls".split("."):
        answer = answer.get(part) if isinstance(answer, dict) else None
    assert isinstance(answer, dict) and answer, f"Helix would answer workspace/configuration with {answer!r}"


def test_markdown_keeps_its_servers_and_adds_speech_ls():
    markdown = language(load(), "markdown")
    assert set(markdown) <= LANGUAGE_KEYS, f"Helix rejects keys {set(markdown) - LANGUAGE_KEYS}"
    servers = markdown["language-servers"]
    assert servers[-1] == "speech-ls"
    assert {"marksman", "markdown-oxide"} <= set(servers), "Helix's own Markdown servers stay"
    assert "INDEX.md" in markdown["roots"], "INDEX.md makes the corpus folder the root for INDEX.md"


def test_every_referenced_server_is_defined_or_builtin():
    config = load()
    defined = set(config["language-server"])
    builtin = {"marksman", "markdown-oxide"}
    for entry in config["language"]:
        for server in entry.get("language-servers", []):
            name = server if isinstance(server, str) else server["name"]
            assert name in defined | builtin, f"{entry['name']} names undefined server {name}"
