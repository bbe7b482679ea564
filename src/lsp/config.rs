//! The user's settings for the server, read from `initializationOptions`, then
//! from `workspace/configuration` (section `speech-ls`), and again on every
//! `didChangeConfiguration`.
//!
//! Clients wrap settings differently: Neovim sends `init_options` as they are,
//! Helix sends its `config` table both ways, VS Code answers the
//! configuration request with the section's object. So the reader accepts
//! both `{"corpus": ...}` and `{"speech-ls": {"corpus": ...}}`, and ignores
//! anything it does not understand rather than failing.
//!
//! `maxFiles` and `maxMegabytes` bound what one corpus loads (see
//! `workspace::Limits`); `corpus` is kept inside the workspace folders by
//! discovery (`workspace::discover`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

use crate::workspace::Limits;

/// The configuration section the server asks the client for.
pub const SECTION: &str = "speech-ls";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// A corpus folder (absolute, or relative to each workspace folder) that
    /// overrides discovery.
    pub corpus: Option<PathBuf>,
    /// Inlay hints (each turn's word count); off by default.
    pub inlay_hints: bool,
    /// Diagnostic codes turned off, e.g. `"diagnostics": {"unlisted": false}`
    /// (codes as in `corpus::consistency::codes`).
    pub diagnostics_off: BTreeSet<String>,
    /// `maxFiles`: the most files one corpus loads (default in `Limits`).
    pub max_files: Option<usize>,
    /// `maxMegabytes`: the most text one corpus loads, in MB.
    pub max_megabytes: Option<u64>,
}

impl Settings {
    /// Reads settings from a JSON value; `None` when the value says nothing
    /// about them (null, or an object without our keys), so that a later
    /// source does not wipe out an earlier one with an empty answer.
    pub fn from_json(value: &Value) -> Option<Settings> {
        let obj = match value.get(SECTION) {
            Some(inner) => inner,
            None => value,
        };
        let obj = obj.as_object()?;
        let corpus = obj.get("corpus");
        let inlay_hints = obj.get("inlayHints").and_then(Value::as_bool);
        let diagnostics = obj.get("diagnostics").and_then(Value::as_object);
        // Only whole positive numbers count; anything else keeps the default.
        let max_files = obj.get("maxFiles").and_then(Value::as_u64).filter(|n| *n > 0);
        let max_megabytes = obj.get("maxMegabytes").and_then(Value::as_u64).filter(|n| *n > 0);
        if corpus.is_none()
            && inlay_hints.is_none()
            && diagnostics.is_none()
            && max_files.is_none()
            && max_megabytes.is_none()
        {
            return None;
        }
        let off = |d: &serde_json::Map<String, Value>| {
            d.iter().filter(|(_, on)| **on == Value::Bool(false)).map(|(code, _)| code.clone()).collect()
        };
        Some(Settings {
            corpus: corpus.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(PathBuf::from),
            inlay_hints: inlay_hints.unwrap_or(false),
            diagnostics_off: diagnostics.map(off).unwrap_or_default(),
            max_files: max_files.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            max_megabytes,
        })
    }

    /// The bounds of one corpus: the defaults, raised (or lowered) by
    /// `maxFiles` and `maxMegabytes`.
    pub fn limits(&self) -> Limits {
        Limits {
            max_files: self.max_files.unwrap_or(Limits::DEFAULT.max_files),
            max_bytes: self.max_megabytes.map_or(Limits::DEFAULT.max_bytes, |mb| mb.saturating_mul(1 << 20)),
        }
    }
}

/// What a new set of settings changes, compared with the old: the corpora
/// are loaded again only when the corpus folder changed, and each editor
/// feature is refreshed only when what it shows may differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettingsChange {
    /// The `corpus` folder or its limits: discovery and loading must run again.
    pub corpus: bool,
    /// `inlayHints` was turned on or off.
    pub inlay_hints: bool,
    /// A kind of diagnostic was turned on or off.
    pub diagnostics: bool,
}

impl SettingsChange {
    pub fn between(old: &Settings, new: &Settings) -> SettingsChange {
        SettingsChange {
            corpus: old.corpus != new.corpus || old.limits() != new.limits(),
            inlay_hints: old.inlay_hints != new.inlay_hints,
            diagnostics: old.diagnostics_off != new.diagnostics_off,
        }
    }

    pub fn is_none(&self) -> bool {
        *self == SettingsChange::default()
    }
}

#[cfg(test)]
mod surface_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_inlay_hints_and_diagnostics_switches() {
        let s = Settings::from_json(
            &json!({"speech-ls": {"inlayHints": true, "diagnostics": {"unlisted": false, "dead-link": true}}}),
        );
        let s = s.expect("our keys");
        assert!(s.inlay_hints);
        assert_eq!(s.diagnostics_off.iter().collect::<Vec<_>>(), ["unlisted"]);
        assert_eq!(s.corpus, None);
    }

    #[test]
    fn only_a_new_corpus_folder_asks_for_a_reload() {
        let old = Settings::from_json(&json!({"corpus": "texts", "inlayHints": false})).expect("our keys");
        let hints = Settings::from_json(&json!({"corpus": "texts", "inlayHints": true})).expect("our keys");
        let change = SettingsChange::between(&old, &hints);
        assert_eq!(change, SettingsChange { inlay_hints: true, ..Default::default() });
        let quiet = Settings::from_json(&json!({"corpus": " texts ", "diagnostics": {"unlisted": false}}));
        let change = SettingsChange::between(&old, &quiet.expect("our keys"));
        assert_eq!(change, SettingsChange { diagnostics: true, ..Default::default() });
        let moved = Settings::from_json(&json!({"corpus": "other"})).expect("our keys");
        assert!(SettingsChange::between(&old, &moved).corpus);
        assert!(SettingsChange::between(&old, &old.clone()).is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_plain_and_wrapped_settings() {
        let plain = Settings::from_json(&json!({"corpus": "texts"}));
        assert_eq!(plain, Some(Settings { corpus: Some(PathBuf::from("texts")), ..Default::default() }));
        let wrapped = Settings::from_json(&json!({"speech-ls": {"corpus": "/data/c"}}));
        assert_eq!(wrapped, Some(Settings { corpus: Some(PathBuf::from("/data/c")), ..Default::default() }));
    }

    #[test]
    fn unknown_or_empty_values_say_nothing_or_clear() {
        assert_eq!(Settings::from_json(&Value::Null), None);
        assert_eq!(Settings::from_json(&json!({"other": 1})), None);
        assert_eq!(Settings::from_json(&json!({"corpus": ""})), Some(Settings::default()));
        assert_eq!(Settings::from_json(&json!({"corpus": null})), Some(Settings::default()));
    }
}
