//! The one log sink of the test binary. A process has one global tracing
//! subscriber, and the in-process server and the corpus loader log from
//! tokio's and rayon's threads, so every test that reads the log goes
//! through the subscriber installed here (on first use). It records the
//! crate's events at debug level and above, each as its level and its
//! message with any fields; a test looks only at lines naming its own
//! temporary folder or documents, since all tests of the binary share it.
//!
//! It can also hold the thread that logs a given message until the test
//! releases it (`hold_at`), to stop an analysis at a known point without
//! relying on timing.

use std::sync::{Mutex, OnceLock, mpsc};

use tracing::Level;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Every event logged since the sink was installed: level and text.
static LOG: Mutex<Vec<(Level, String)>> = Mutex::new(Vec::new());
/// Log messages that hold the thread logging them until released.
static GATES: Mutex<Vec<Gate>> = Mutex::new(Vec::new());

struct Gate {
    /// Holds the first message containing this.
    needle: String,
    reached: tokio::sync::oneshot::Sender<()>,
    release: mpsc::Receiver<()>,
}

/// Installs the sink (once for the whole test binary). Every test that
/// reads the log calls it before it makes the server or loader work.
pub fn capture() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let layer = Capture.with_filter(Targets::new().with_target("speech_ls", LevelFilter::DEBUG));
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
            .expect("kit::log is the only global subscriber of the test binary");
    });
}

/// The lines logged at `min` or more severe (`Level::INFO` takes info,
/// warnings and errors), in order.
pub fn lines_at(min: Level) -> Vec<String> {
    capture();
    let log = LOG.lock().unwrap_or_else(|e| e.into_inner());
    log.iter().filter(|(level, _)| *level <= min).map(|(_, text)| text.clone()).collect()
}

/// True when some message logged so far contains `needle`.
pub fn logged(needle: &str) -> bool {
    capture();
    LOG.lock().unwrap_or_else(|e| e.into_inner()).iter().any(|(_, m)| m.contains(needle))
}

/// Holds the thread that logs a message containing `needle`; returns what
/// says it got there and what lets it go on (dropping it lets it go too).
pub fn hold_at(needle: &str) -> (tokio::sync::oneshot::Receiver<()>, mpsc::Sender<()>) {
    capture();
    let (reached, reached_rx) = tokio::sync::oneshot::channel();
    let (release_tx, release) = mpsc::channel();
    GATES.lock().unwrap_or_else(|e| e.into_inner()).push(Gate { needle: needle.to_string(), reached, release });
    (reached_rx, release_tx)
}

/// Records each event's message and holds the gated ones.
struct Capture;

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let mut text = Text(String::new());
        event.record(&mut text);
        let text = text.0;
        LOG.lock().unwrap_or_else(|e| e.into_inner()).push((*event.metadata().level(), text.clone()));
        let gate = {
            let mut gates = GATES.lock().unwrap_or_else(|e| e.into_inner());
            let found = gates.iter().position(|g| text.contains(&g.needle));
            found.map(|i| gates.remove(i))
        };
        if let Some(gate) = gate {
            let _ = gate.reached.send(());
            // Released by the test, or by its end (the sender is dropped).
            let _ = gate.release.recv();
        }
    }
}

/// An event as text: its message, then ` name=value` for each other field.
struct Text(String);

impl tracing::field::Visit for Text {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}
