//! INDEX.md: the parser, how links become corpus paths, the consistency
//! check against the transcripts, the edits that maintain it, and the same
//! on the real Kremlin corpus.

mod consistency;
mod edit;
mod parse;
mod paths;
mod real_corpus;
