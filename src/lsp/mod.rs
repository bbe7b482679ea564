//! The language server: the only module that knows LSP types, JSON and tokio.
