//! The binary's own flags: version, help, unknown arguments, and `eval` on a
//! folder with no data (it must say what is missing, not crash).

use std::process::Command;

fn speech_ls(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_speech-ls")).args(args).output().expect("run speech-ls")
}

#[test]
fn version_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let out = speech_ls(&[flag]);
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("speech-ls {}\n", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn help_lists_every_subcommand() {
    let out = speech_ls(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--stdio", "outline", "check", "index", "themes", "eval", "completions", "--version"] {
        assert!(help.contains(needle), "help mentions {needle}:\n{help}");
    }
}

#[test]
fn each_subcommand_has_its_help_and_a_missing_argument_gets_a_usage_message() {
    let out = speech_ls(&["outline", "--help"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--json"));
    let out = speech_ls(&["outline"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("required") && err.contains("<FILE>"), "{err}");
}

#[test]
fn themes_of_index_md_says_it_is_a_catalogue() {
    let out = speech_ls(&["themes", concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/INDEX.md")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a catalogue of speeches, not a speech"));
}

#[test]
fn a_completion_script_is_printed_for_bash() {
    let out = speech_ls(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("speech-ls"));
}

#[test]
fn unknown_arguments_fail_with_usage_on_stderr() {
    let out = speech_ls(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized subcommand 'frobnicate'"));
}

#[test]
fn outline_of_a_missing_file_says_so() {
    let out = speech_ls(&["outline", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no/such/file.txt"));
}

#[test]
fn eval_on_an_empty_folder_prints_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = speech_ls(&["eval", &dir.path().to_string_lossy()]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.starts_with("task"), "a table with a header:\n{table}");
}
