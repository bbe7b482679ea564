//! The one way tests find the shared data: through environment variables,
//! never fixed paths. `SPEECH_LS_DATA` is the folder `shared/tools/unpack`
//! wrote (the corpora `kremlin-dev`, `kremlin-bulk`, `miller-center`, `sotu`,
//! `ungdc` and `eval/`); `SPEECH_LS_SHARED` is the shared folder itself
//! (`clients/*.json`). Tests that need them are ignored by default and panic
//! with a clear message when run without the variable, so that a run never
//! passes without doing its work.

use std::path::PathBuf;

/// The folder the variable names; panics when it is unset or not a folder.
fn folder(var: &str, what: &str) -> PathBuf {
    let Some(value) = std::env::var_os(var) else {
        panic!(
            "{var} is not set: this test needs {what}. Set it (see CONTRIBUTING.md), \
             or run without --ignored / --include-ignored"
        );
    };
    let path = PathBuf::from(value);
    assert!(path.is_dir(), "{var}={} is not a folder: this test needs {what} (see CONTRIBUTING.md)", path.display());
    path
}

/// The unpacked corpora (`SPEECH_LS_DATA`).
pub fn data_dir() -> PathBuf {
    folder("SPEECH_LS_DATA", "the shared corpora unpacked by `shared/tools/unpack`")
}

/// One unpacked corpus or evaluation folder, e.g. `kremlin-dev`; panics when absent.
pub fn data(name: &str) -> PathBuf {
    let path = data_dir().join(name);
    assert!(path.exists(), "{} is missing: SPEECH_LS_DATA should be what `shared/tools/unpack` wrote", path.display());
    path
}

/// The shared folder (`SPEECH_LS_SHARED`).
pub fn shared_dir() -> PathBuf {
    folder("SPEECH_LS_SHARED", "the shared folder (`../shared` in CI)")
}

/// A file of the shared folder, e.g. `clients/helix-25.07.1-initialize-params.json`.
pub fn shared(rel: &str) -> PathBuf {
    let path = shared_dir().join(rel);
    assert!(path.exists(), "{} is missing from SPEECH_LS_SHARED", path.display());
    path
}
