//! Finds corpora on disk, reads files safely, and keeps each corpus's current state.
