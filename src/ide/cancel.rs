//! Stopping heavy work that nobody will read: a request's work on a blocking
//! thread runs on after the client cancels it (tower-lsp-server only drops
//! the future that waits for it), and the themes of a document the user is
//! typing in are useless once a newer version has arrived.
//!
//! The protocol layer's `answer_blocking` gives each request a `RequestFlag`, set when the
//! request's future is dropped, and makes it the blocking thread's current
//! request while the handler runs, so that the analyses deep inside a
//! handler can see it without every handler passing it along. An open
//! document carries `Edits`, shared by every copy of it (the live one and
//! those in snapshots), which tells a copy that a newer text has arrived.
//! Work that stops early records why on the request, and `answer_blocking`
//! answers with the protocol's error for it instead of the handler's
//! (incomplete) result. Nothing here knows the protocol: plain atomics.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// Why work stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The client cancelled the request, or the server dropped it (shutdown).
    Cancelled,
    /// A newer version of the document the work was about arrived.
    Superseded,
}

impl Stopped {
    fn code(self) -> u8 {
        match self {
            Stopped::Cancelled => 1,
            Stopped::Superseded => 2,
        }
    }

    fn from_code(code: u8) -> Option<Stopped> {
        match code {
            1 => Some(Stopped::Cancelled),
            2 => Some(Stopped::Superseded),
            _ => None,
        }
    }
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stopped::Cancelled => "the request was cancelled",
            Stopped::Superseded => "a newer version arrived",
        })
    }
}

/// One request running on a blocking thread, as its work sees it.
#[derive(Debug, Default)]
pub struct RequestFlag {
    /// Set when the future awaiting the work is dropped.
    dropped: AtomicBool,
    /// Why some of the work stopped early (a `Stopped` code), 0 if none did.
    stopped: AtomicU8,
}

impl RequestFlag {
    pub fn is_dropped(&self) -> bool {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Notes that part of the request's work stopped early: its result is
    /// incomplete and must not be sent. The first reason is kept.
    pub fn record(&self, why: Stopped) {
        let _ = self.stopped.compare_exchange(0, why.code(), Ordering::Relaxed, Ordering::Relaxed);
    }

    /// Why some of the work stopped early, if any did.
    pub fn stopped(&self) -> Option<Stopped> {
        Stopped::from_code(self.stopped.load(Ordering::Relaxed))
    }
}

/// Held by the future awaiting a request's work: dropping it (the request
/// was answered, cancelled, or the server is shutting down) tells the work.
#[derive(Debug)]
pub struct DropGuard(pub Arc<RequestFlag>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.dropped.store(true, Ordering::Relaxed);
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<RequestFlag>>> = const { RefCell::new(None) };
}

/// Runs `work` with `flag` as this thread's current request (restored to
/// the previous one afterwards, even if `work` panics).
pub fn within<T>(flag: Arc<RequestFlag>, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<RequestFlag>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(flag)));
    work()
}

/// The request this thread is working for, if it runs under `within`.
pub fn current_request() -> Option<Arc<RequestFlag>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Counts the edits of one open document. The counter is shared by every
/// copy of the document; each copy remembers the count it was made at, so a
/// copy whose count is behind has been superseded by a newer text (or the
/// document was closed). Client versions are not used: they need not grow.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    latest: Arc<AtomicU64>,
    this: u64,
}

impl Edits {
    /// A new text of the document: older copies are superseded from now on.
    pub fn advance(&mut self) {
        self.this = self.latest.fetch_add(1, Ordering::AcqRel) + 1;
    }

    /// The document is closed or replaced: every copy is superseded.
    pub fn retire(&self) {
        self.latest.fetch_add(1, Ordering::AcqRel);
    }

    pub fn is_superseded(&self) -> bool {
        self.latest.load(Ordering::Acquire) != self.this
    }
}

/// What one piece of work watches: the request it runs for (when it runs
/// under `within`) and the document version it is about (when the document
/// is open). Work outside any request and on a closed file never stops.
#[derive(Debug, Default)]
pub struct Watch {
    request: Option<Arc<RequestFlag>>,
    document: Option<Edits>,
}

impl Watch {
    /// Watches the current request and, if given, an open document's version.
    pub fn current(document: Option<Edits>) -> Watch {
        Watch { request: current_request(), document }
    }

    /// Why the work should stop now, if it should. Only work inside a
    /// request may stop: outside one, nobody would learn that its result is
    /// incomplete.
    pub fn stop_reason(&self) -> Option<Stopped> {
        let request = self.request.as_ref()?;
        if request.is_dropped() {
            Some(Stopped::Cancelled)
        } else if self.document.as_ref().is_some_and(Edits::is_superseded) {
            Some(Stopped::Superseded)
        } else {
            None
        }
    }

    pub fn should_stop(&self) -> bool {
        self.stop_reason().is_some()
    }

    /// Records on the request that the work stopped, and why (the request
    /// then answers with an error, never with the incomplete result).
    pub fn record_stop(&self) -> Option<Stopped> {
        let why = self.stop_reason()?;
        if let Some(request) = &self.request {
            request.record(why);
        }
        Some(why)
    }

    /// True when the document this work is about has a newer version.
    pub fn is_superseded(&self) -> bool {
        self.document.as_ref().is_some_and(Edits::is_superseded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_supersedes_every_older_copy_and_closing_supersedes_all() {
        let mut live = Edits::default();
        let first = live.clone();
        assert!(!first.is_superseded());
        live.advance();
        assert!(first.is_superseded());
        assert!(!live.is_superseded());
        let second = live.clone();
        live.retire();
        assert!(second.is_superseded() && live.is_superseded());
    }

    #[test]
    fn work_stops_only_inside_a_request() {
        let mut live = Edits::default();
        let copy = live.clone();
        live.advance();
        assert_eq!(Watch::current(Some(copy.clone())).stop_reason(), None, "no request: never stops");
        let flag = Arc::new(RequestFlag::default());
        within(flag.clone(), || {
            let watch = Watch::current(Some(copy));
            assert_eq!(watch.record_stop(), Some(Stopped::Superseded));
        });
        assert_eq!(flag.stopped(), Some(Stopped::Superseded));
        assert!(current_request().is_none(), "the thread's request is restored");
    }

    #[test]
    fn a_dropped_request_stops_its_work_and_keeps_the_first_reason() {
        let flag = Arc::new(RequestFlag::default());
        let guard = DropGuard(flag.clone());
        within(flag.clone(), || {
            let watch = Watch::current(None);
            assert!(!watch.should_stop());
            drop(guard);
            assert_eq!(watch.record_stop(), Some(Stopped::Cancelled));
        });
        flag.record(Stopped::Superseded);
        assert_eq!(flag.stopped(), Some(Stopped::Cancelled));
    }
}
