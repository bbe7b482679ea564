//! A guard in front of the protocol framework's input: it re-frames every
//! message from the client and replaces the ones the framework could not
//! decode, because tower-lsp-server 0.23 ends the whole session at the first
//! undecodable message (a stray write to stdin, a client bug).
//!
//! Each `Content-Length` frame is checked with the framework's own message
//! types: a body they cannot decode (bad JSON, bad UTF-8, `[]`, `42`, an id
//! that is an object) is logged and replaced, by a request the framework
//! answers with an error when the body carried a usable id, else by a
//! notification nobody answers; a header block without a usable length is
//! skipped. Good messages pass through unchanged, in order.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// Bodies larger than this are skipped (read and dropped), not buffered.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// What an undecodable message is replaced with: a notification in the
/// protocol's reserved `$/` namespace, which the framework ignores silently.
const STAND_IN: &str = r#"{"jsonrpc":"2.0","method":"$/speech-ls/invalidMessage"}"#;
/// The method of the stand-in for a broken request with an id: unknown, and
/// outside `$/`, so the framework answers it with "method not found".
const INVALID_REQUEST: &str = "speech-ls/invalidRequest";

/// Copies framed messages from `input` to `output`, replacing undecodable
/// ones, until `input` ends (then `output` is dropped, which ends the server).
pub async fn sanitize<I, O>(input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        let Some(length) = read_headers(&mut input).await else { return };
        let Some(length) = length else { continue };
        let body = match read_body(&mut input, length).await {
            Some(body) => body,
            None => return,
        };
        let forwarded = match body {
            Some(body) => checked(body),
            None => {
                tracing::warn!("dropping a client message of {length} bytes (over {MAX_BODY_BYTES})");
                STAND_IN.as_bytes().to_vec()
            }
        };
        let header = format!("Content-Length: {}\r\n\r\n", forwarded.len());
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&forwarded).await.is_err() {
            return; // the server is gone
        }
        if output.flush().await.is_err() {
            return;
        }
    }
}

/// Reads one header block. `None`: the input ended. `Some(None)`: a block
/// without a usable `Content-Length` (skipped). `Some(Some(n))`: the length.
async fn read_headers<I: AsyncRead + Unpin>(input: &mut BufReader<I>) -> Option<Option<usize>> {
    let mut length = None;
    let mut saw_any = false;
    loop {
        let mut line = Vec::new();
        let read = (&mut *input).take(MAX_HEADER_LINE as u64).read_until(b'\n', &mut line).await.ok()?;
        if read == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            if saw_any {
                if length.is_none() {
                    tracing::warn!("skipping a message header without Content-Length");
                }
                return Some(length);
            }
            continue; // stray blank lines between messages
        }
        saw_any = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
}

/// Reads a body of `length` bytes: `None` when the input ends first,
/// `Some(None)` when it is too large to keep (it is read and dropped).
async fn read_body<I: AsyncRead + Unpin>(input: &mut BufReader<I>, length: usize) -> Option<Option<Vec<u8>>> {
    if length > MAX_BODY_BYTES {
        let skipped = tokio::io::copy(&mut (&mut *input).take(length as u64), &mut tokio::io::sink()).await.ok()?;
        return (skipped == length as u64).then_some(None);
    }
    let mut body = vec![0u8; length];
    input.read_exact(&mut body).await.ok()?;
    Some(Some(body))
}

/// What to forward for a body: itself when the framework can decode it (the
/// same decoding: a JSON-RPC `Response`, else a `Request`), else a stand-in.
/// A broken request that still carries a usable id gets a stand-in request
/// with that id and an unknown method, so the client gets an error answer
/// instead of waiting forever; anything else becomes an ignored notification.
fn checked(body: Vec<u8>) -> Vec<u8> {
    if serde_json::from_slice::<Response>(&body).is_ok() || serde_json::from_slice::<Request>(&body).is_ok() {
        return body;
    }
    tracing::warn!("replacing a client message that is not JSON-RPC ({} bytes)", body.len());
    let id = serde_json::from_slice::<Value>(&body).ok().and_then(|v| match v.get("id") {
        Some(id @ Value::String(_)) => Some(id.clone()),
        Some(id @ Value::Number(n)) if n.is_i64() => Some(id.clone()),
        _ => None,
    });
    match id {
        Some(id) => serde_json::json!({"jsonrpc": "2.0", "id": id, "method": INVALID_REQUEST}).to_string().into_bytes(),
        None => STAND_IN.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> String {
        let (mut out_w, mut out_r) = tokio::io::duplex(1 << 16);
        sanitize(input, &mut out_w).await;
        drop(out_w);
        let mut out = String::new();
        out_r.read_to_string(&mut out).await.expect("read");
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_messages_pass_and_bad_ones_are_replaced() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        // The framework itself accepts `{"jsonrpc": "2.0"}` (an empty method).
        let lenient = r#"{"jsonrpc": "2.0"}"#;
        let input = [frame("{not json"), frame("[]"), frame(lenient), frame(good)].concat();
        let out = run(input.as_bytes()).await;
        assert_eq!(out, [frame(STAND_IN), frame(STAND_IN), frame(lenient), frame(good)].concat());
    }

    #[tokio::test]
    async fn a_broken_request_with_an_id_still_gets_an_answer() {
        let broken = r#"{"jsonrpc":"2.0","id":7,"method":{"not":"a string"}}"#;
        let out = run(frame(broken).as_bytes()).await;
        assert_eq!(out, frame(r#"{"id":7,"jsonrpc":"2.0","method":"speech-ls/invalidRequest"}"#));
    }

    #[tokio::test]
    async fn headers_without_length_are_skipped_and_bad_utf8_replaced() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let mut input = b"X-Junk: 1\r\n\r\n".to_vec();
        input.extend_from_slice(b"Content-Length: 4\r\ncontent-type: x\r\n\r\n\xff\xfe\x00b");
        input.extend_from_slice(frame(good).as_bytes());
        let out = run(&input).await;
        assert_eq!(out, [frame(STAND_IN), frame(good)].concat());
    }

    #[tokio::test]
    async fn a_truncated_body_ends_the_stream() {
        let out = run(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"").await;
        assert_eq!(out, "");
    }
}
