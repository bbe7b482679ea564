//! The pure analysis core: plain text in, plain data out.
//!
//! Nothing in here knows about LSP, async runtimes, or the file system: every
//! function takes text (or already-parsed data) and returns data with byte
//! offsets. That keeps the core testable with short fixtures and reusable by
//! the command line. A test (`tests/it/invariants.rs`) enforces the boundary.

pub mod consistency;
pub mod formats;
pub mod glance;
pub mod index;
pub mod index_edit;
pub mod model;
pub mod outline;
pub mod paths;
pub mod search;
pub mod speakers;
pub mod text;
pub mod themes;
pub mod transcript;

pub use index::{IndexDoc, IndexEntry, IndexHeading, IndexLink, LinkKind, Tag, parse_index};
pub use model::{Corpus, FileAnalysis, FileKind};
pub use outline::{OutlineKind, OutlineNode};
pub use text::{Date, LineIndex, Problem, Severity, Span};
pub use transcript::{Header, Paragraph, ParagraphKind, Part, SpeakerTurn, Transcript, parse_transcript};
