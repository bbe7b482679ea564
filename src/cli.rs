//! The command-line subcommands (outline, check, index, themes, eval).
