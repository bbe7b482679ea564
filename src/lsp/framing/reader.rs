//! Reads `Content-Length` frames from a client's byte stream and gets back in
//! step after a malformed one.
//!
//! A wrong length is detectable: the body it delimits does not parse as JSON
//! (too large: it ends with the start of the next header; too small: the
//! object is cut short). Then the reader takes the first complete JSON value
//! that starts where the body starts, however long it really is, and goes on
//! from its end. A header need not start a line (garbage before it is
//! skipped), a length that is not a number is read as "unknown", and a body
//! that is no JSON at all is reported as garbage, skipped up to the next
//! header. Whatever is skipped is logged with its size and first bytes.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};

/// Bodies larger than this are skipped (read and dropped), not buffered.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// A header block longer than this is garbage, not a header.
const MAX_HEADER_BLOCK: usize = 8 * 1024;
/// How long a body may stay short of its declared length, with nothing more
/// arriving, before a complete JSON value already read is taken as the body
/// (a length too large on the client's last message before it waits).
const STALL: Duration = Duration::from_millis(500);
const HEADER: &[u8] = b"content-length";
const READ_CHUNK: usize = 64 * 1024;

/// One message read from the stream.
#[derive(Debug)]
pub enum Frame {
    /// A body that is one JSON value, with its bytes as received.
    Json(Value, Vec<u8>),
    /// A body that is not JSON (logged); it deserves a parse error.
    Garbage,
    /// A body over `MAX_BODY_BYTES`, skipped unread (logged).
    TooLarge,
}

/// The frame reader over one input stream.
pub struct FrameReader<R> {
    input: R,
    /// Bytes read but not yet consumed start at `pos`.
    buf: Vec<u8>,
    pos: usize,
    ended: bool,
}

/// What the first JSON value at the start of some bytes looks like.
enum FirstValue {
    /// Complete; it ends at this offset.
    Complete(usize),
    /// Cut short by the end of the bytes (or nothing but whitespace yet).
    Incomplete,
    /// Not JSON.
    Invalid,
}

enum Fill {
    Data,
    Ended,
    Stalled,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(input: R) -> FrameReader<R> {
        FrameReader { input, buf: Vec::new(), pos: 0, ended: false }
    }

    /// The next message, or `None` when the input has ended.
    pub async fn next(&mut self) -> Option<Frame> {
        loop {
            // Between frames no offset is held: drop what was consumed.
            if self.pos > READ_CHUNK && self.pos * 2 > self.buf.len() {
                self.buf.drain(..self.pos);
                self.pos = 0;
            }
            let start = self.find_header().await?;
            self.skip_to(start, "before a message header");
            let (body, declared) = self.header_block().await?;
            self.consume(body);
            match declared {
                Some(n) if n > MAX_BODY_BYTES => {
                    tracing::warn!("skipping a client message of {n} bytes (over {MAX_BODY_BYTES})");
                    return self.drop_bytes(n).await.then_some(Frame::TooLarge);
                }
                Some(n) => {
                    if let Some(frame) = self.declared_body(n).await {
                        return Some(frame);
                    }
                }
                None => tracing::warn!("a message header without a usable Content-Length; reading what follows"),
            }
            match self.first_value(declared).await? {
                Some(frame) => return Some(frame),
                None => continue, // garbage skipped: look for the next header
            }
        }
    }

    /// A body of exactly `n` bytes that parses: the normal case. `None` when
    /// it does not (or the input stalled short of it): the caller recovers.
    async fn declared_body(&mut self, n: usize) -> Option<Frame> {
        while self.available() < n {
            match self.fill(Some(STALL)).await {
                Fill::Data => {}
                Fill::Ended => return None,
                // Maybe the length is too large and nothing more will come.
                Fill::Stalled if matches!(first_value(self.rest()), FirstValue::Complete(_)) => return None,
                Fill::Stalled => {}
            }
        }
        let bytes = &self.buf[self.pos..self.pos + n];
        let value = serde_json::from_slice::<Value>(bytes).ok()?;
        let bytes = bytes.to_vec();
        self.consume(n);
        Some(Frame::Json(value, bytes))
    }

    /// Recovery: the first JSON value where the body starts, whatever the
    /// declared length. `Some(None)` when the body is garbage (skipped to the
    /// next header), `None` when the input ended.
    async fn first_value(&mut self, declared: Option<usize>) -> Option<Option<Frame>> {
        let said = declared.map_or("no usable Content-Length".to_string(), |n| format!("Content-Length {n}"));
        loop {
            match first_value(self.rest()) {
                FirstValue::Complete(end) => {
                    let bytes = self.rest()[..end].to_vec();
                    tracing::warn!(
                        "a client message with {said} is {} bytes of JSON; read it and resynchronised on what follows",
                        trimmed_len(&bytes)
                    );
                    self.consume(end);
                    let value = serde_json::from_slice::<Value>(&bytes).ok()?;
                    return Some(Some(Frame::Json(value, bytes)));
                }
                FirstValue::Invalid => {
                    tracing::warn!("a client message with {said} is not JSON: {}; skipping it", preview(self.rest()));
                    // The header is consumed; the next search skips the body.
                    self.skip_quietly_to_next_header();
                    return Some(Some(Frame::Garbage));
                }
                FirstValue::Incomplete if self.available() > MAX_BODY_BYTES => {
                    tracing::warn!("a client message with {said} never ends; skipping it");
                    self.skip_quietly_to_next_header();
                    return Some(Some(Frame::Garbage));
                }
                FirstValue::Incomplete => {
                    if let Fill::Ended = self.fill(None).await {
                        self.skip_to(self.buf.len(), "at the end of the input (a message cut short)");
                        return None;
                    }
                }
            }
        }
    }

    /// The offset of the next `Content-Length` (any case, anywhere), reading
    /// more as needed; `None` when the input ends first.
    async fn find_header(&mut self) -> Option<usize> {
        let mut searched = self.pos;
        loop {
            if let Some(at) = find_ci(&self.buf[searched..], HEADER) {
                return Some(searched + at);
            }
            // A header may be split across reads: search its length back.
            searched = self.buf.len().saturating_sub(HEADER.len()).max(self.pos);
            if let Fill::Ended = self.fill(None).await {
                self.skip_to(self.buf.len(), "at the end of the input");
                return None;
            }
            // Do not keep megabytes of garbage: it is logged and dropped.
            if searched - self.pos > MAX_HEADER_BLOCK {
                self.skip_to(searched, "while looking for a message header");
            }
        }
    }

    /// Reads the header block starting at `pos` (a `Content-Length` line);
    /// returns the block's length and the declared body length, if usable.
    /// A line that is not `Name: value` ends the block (a missing blank
    /// line is forgiven). `None` when the input ends inside the block.
    async fn header_block(&mut self) -> Option<(usize, Option<usize>)> {
        let mut line_start = self.pos;
        let mut length = None;
        loop {
            let Some(newline) = memchr::memchr(b'\n', &self.buf[line_start..]) else {
                if line_start - self.pos > MAX_HEADER_BLOCK || self.available() > MAX_HEADER_BLOCK {
                    tracing::warn!("a message header runs on for more than {MAX_HEADER_BLOCK} bytes; skipping it");
                    return Some((HEADER.len(), None));
                }
                if let Fill::Ended = self.fill(None).await {
                    self.skip_to(self.buf.len(), "at the end of the input (a header cut short)");
                    return None;
                }
                continue;
            };
            let line = &self.buf[line_start..line_start + newline];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                return Some((line_start + newline + 1 - self.pos, length));
            }
            let text = String::from_utf8_lossy(line);
            let Some((name, value)) = text.split_once(':').filter(|(n, _)| is_header_name(n)) else {
                // The body started without the blank line.
                return Some((line_start - self.pos, length));
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
                if length.is_none() {
                    tracing::warn!("a Content-Length that is not a number: {:?}", value.trim());
                }
            }
            line_start += newline + 1;
        }
    }

    /// Reads and drops `n` bytes; false when the input ends first.
    async fn drop_bytes(&mut self, mut n: usize) -> bool {
        loop {
            let here = self.available().min(n);
            self.consume(here);
            n -= here;
            if n == 0 {
                return true;
            }
            if let Fill::Ended = self.fill(None).await {
                return false;
            }
        }
    }

    /// Reads more input; with `stall`, gives up waiting after that long.
    async fn fill(&mut self, stall: Option<Duration>) -> Fill {
        if self.ended {
            return Fill::Ended;
        }
        let old = self.buf.len();
        self.buf.resize(old + READ_CHUNK, 0);
        let read = match stall {
            Some(wait) => match tokio::time::timeout(wait, self.input.read(&mut self.buf[old..])).await {
                Ok(read) => read,
                Err(_) => {
                    self.buf.truncate(old);
                    return Fill::Stalled;
                }
            },
            None => self.input.read(&mut self.buf[old..]).await,
        };
        match read {
            Ok(n) if n > 0 => {
                self.buf.truncate(old + n);
                Fill::Data
            }
            _ => {
                self.buf.truncate(old);
                self.ended = true;
                Fill::Ended
            }
        }
    }

    fn rest(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    fn available(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }

    /// Drops the bytes up to `end`, logging them unless they are blank.
    fn skip_to(&mut self, end: usize, where_: &str) {
        let skipped = &self.buf[self.pos..end];
        if !skipped.iter().all(u8::is_ascii_whitespace) {
            tracing::warn!("skipped {} bytes {where_}: {}", skipped.len(), preview(skipped));
        }
        self.pos = end;
    }

    /// Drops the bytes up to the next header already read (or all of them).
    fn skip_quietly_to_next_header(&mut self) {
        let next = find_ci(&self.buf[self.pos..], HEADER).map_or(self.buf.len(), |at| self.pos + at);
        self.pos = next;
    }
}

fn first_value(bytes: &[u8]) -> FirstValue {
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        None => FirstValue::Incomplete,
        Some(Ok(_)) => FirstValue::Complete(values.byte_offset()),
        Some(Err(e)) if e.is_eof() => FirstValue::Incomplete,
        Some(Err(_)) => FirstValue::Invalid,
    }
}

/// The offset of `needle` (lower-case ASCII) in `hay`, ignoring case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(at) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + at;
        match hay.get(at..at + needle.len()) {
            Some(window) if window.eq_ignore_ascii_case(needle) => return Some(at),
            Some(_) => from = at + 1,
            None => return None,
        }
    }
    None
}

/// A header name: a token of letters, digits and dashes (`Content-Type`).
fn is_header_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn trimmed_len(bytes: &[u8]) -> usize {
    bytes.iter().rev().skip_while(|b| b.is_ascii_whitespace()).count()
}

/// The first bytes of `bytes`, printable, for a log line.
fn preview(bytes: &[u8]) -> String {
    const SHOWN: usize = 60;
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(SHOWN)]);
    let more = if bytes.len() > SHOWN { "…" } else { "" };
    format!("{:?}{more}", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<String> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = reader.next().await {
            out.push(match frame {
                Frame::Json(value, _) => value.to_string(),
                Frame::Garbage => "garbage".to_string(),
                Frame::TooLarge => "too large".to_string(),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const A: &str = r#"{"id":1}"#;
    const B: &str = r#"{"id":2}"#;

    #[tokio::test]
    async fn good_frames_pass_in_order() {
        let input = [frame(A), "\r\n".into(), frame(B)].concat();
        assert_eq!(frames(input.as_bytes()).await, [A, B]);
    }

    #[tokio::test]
    async fn wrong_lengths_are_detected_and_the_stream_resynchronises() {
        for delta in [1i64, -1, 5, -5, 100] {
            let bad = format!("Content-Length: {}\r\n\r\n{A}", A.len() as i64 + delta);
            let input = [bad, frame(B), frame(A)].concat();
            let got = frames(input.as_bytes()).await;
            assert_eq!(got, [A, B, A], "length off by {delta}");
        }
    }

    #[tokio::test]
    async fn headers_anywhere_and_garbage_between_frames() {
        let input = ["junk".to_string(), frame(A), "\x00\u{7f} more junk".into(), frame(B)].concat();
        assert_eq!(frames(input.as_bytes()).await, [A, B]);
        let lower = format!("content-length: {}\r\ncontent-type: x\r\n\r\n{A}", A.len());
        assert_eq!(frames([lower, frame(B)].concat().as_bytes()).await, [A, B]);
        let no_blank_line = format!("Content-Length: {}\r\n{A}", A.len());
        assert_eq!(frames([no_blank_line, frame(B)].concat().as_bytes()).await, [A, B]);
    }

    #[tokio::test]
    async fn unusable_lengths_and_non_json_bodies() {
        let input = [format!("Content-Length: twelve\r\n\r\n{A}"), frame("{not json"), frame(B)].concat();
        assert_eq!(frames(input.as_bytes()).await, [A, "garbage", B]);
        let no_length = format!("X-Junk: 1\r\n\r\n{A}");
        assert_eq!(frames([no_length, frame(B)].concat().as_bytes()).await, [B]);
    }

    /// Many reads' worth of frames, some with wrong lengths: the buffer is
    /// compacted between frames without losing its place.
    #[tokio::test]
    async fn a_long_stream_with_bad_frames_keeps_its_place() {
        let mut input = String::new();
        let mut want = Vec::new();
        for i in 0..6000 {
            let body = format!(r#"{{"id":{i},"pad":"{}"}}"#, "x".repeat(i % 50));
            let delta: i64 = if i % 97 == 0 {
                1
            } else if i % 89 == 0 {
                -2
            } else {
                0
            };
            input.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len() as i64 + delta));
            want.push(body);
        }
        assert!(input.len() > 4 * READ_CHUNK);
        let (mut client, server) = tokio::io::duplex(4096);
        let writer = tokio::spawn(async move {
            tokio::io::AsyncWriteExt::write_all(&mut client, input.as_bytes()).await.expect("write");
        });
        let mut reader = FrameReader::new(server);
        let mut got = Vec::new();
        while let Some(frame) = reader.next().await {
            if let Frame::Json(v, _) = frame {
                got.push(v.to_string());
            }
        }
        writer.await.expect("writer");
        assert_eq!(got, want);
    }

    #[tokio::test]
    async fn a_body_cut_short_by_the_end_of_input_ends_the_stream() {
        assert!(frames(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"").await.is_empty());
    }

    #[tokio::test]
    async fn a_body_mentioning_content_length_is_read_whole() {
        let tricky = r#"{"text":"Content-Length: 3\r\n\r\n{}"}"#;
        let bad = format!("Content-Length: {}\r\n\r\n{tricky}", tricky.len() + 1);
        assert_eq!(frames([bad, frame(B)].concat().as_bytes()).await, [tricky, B]);
    }

    #[tokio::test]
    async fn a_length_too_large_on_the_last_message_is_read_after_a_stall() {
        let (mut client, server) = tokio::io::duplex(1024);
        let mut reader = FrameReader::new(server);
        let bad = format!("Content-Length: {}\r\n\r\n{A}", A.len() + 10);
        tokio::io::AsyncWriteExt::write_all(&mut client, bad.as_bytes()).await.expect("write");
        // The client keeps the stream open and waits for an answer.
        let frame = reader.next().await;
        assert!(
            matches!(frame, Some(Frame::Json(ref v, _)) if *v == serde_json::from_str::<Value>(A).expect("JSON")),
            "{frame:?}"
        );
        drop(client);
    }
}
