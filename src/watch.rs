//! File watching: turns disk events and client file events into one change type.
