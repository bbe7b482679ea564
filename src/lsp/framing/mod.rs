//! A guard around the protocol framework's streams. tower-lsp-server 0.23
//! ends the whole session at the first undecodable message, never gets back
//! in step after a wrong `Content-Length`, and drops without an answer what
//! it cannot represent; so the client's input is re-framed here first and
//! the framework reads only messages it can decode.
//!
//! `reader` finds frames in the byte stream and resynchronises after a
//! malformed one; `checks` decides about each message (pass it on, answer
//! it with an error here, or drop it, logged); `output` is the one writer of
//! the client's output, where the framework's messages and the guard's
//! answers meet. Good messages pass through unchanged, in order.

mod checks;
mod output;
mod reader;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

pub use checks::Session;
pub use output::forward_output;
pub use reader::MAX_BODY_BYTES;

use checks::{Verdict, check};
use reader::{Frame, FrameReader};

/// Copies the client's messages from `input` to the framework's `output`,
/// answering (through `answers`, see `forward_output`) those it must not
/// see, until `input` ends (then `output` is dropped, which ends the server).
pub async fn sanitize<I, O>(
    input: I,
    mut output: O,
    answers: mpsc::UnboundedSender<serde_json::Value>,
    session: &Session,
) where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::new(input);
    while let Some(frame) = reader.next().await {
        let verdict = match frame {
            Frame::Json(value, bytes) => check(value, bytes, session),
            Frame::Garbage => Verdict::Answer(vec![checks::parse_error("speech-ls: the message is not JSON")]),
            Frame::TooLarge => Verdict::Answer(vec![checks::too_large()]),
        };
        match verdict {
            Verdict::Forward(body) => {
                let header = format!("Content-Length: {}\r\n\r\n", body.len());
                let sent = async {
                    output.write_all(header.as_bytes()).await?;
                    output.write_all(&body).await?;
                    output.flush().await
                };
                if sent.await.is_err() {
                    return; // the server is gone
                }
            }
            Verdict::Answer(responses) => {
                for response in responses {
                    let _ = answers.send(response);
                }
            }
            Verdict::Drop => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// What reaches the framework and what is answered at once.
    async fn run(input: &[u8]) -> (String, Vec<String>) {
        let (mut to_framework, mut framework) = tokio::io::duplex(1 << 16);
        let (tx, mut rx) = mpsc::unbounded_channel();
        sanitize(input, &mut to_framework, tx, &Session::default()).await;
        drop(to_framework);
        let mut passed = String::new();
        framework.read_to_string(&mut passed).await.expect("read");
        let mut answered = Vec::new();
        while let Ok(answer) = rx.try_recv() {
            answered.push(answer["id"].to_string());
        }
        (passed, answered)
    }

    #[tokio::test]
    async fn good_messages_pass_and_bad_ones_are_answered_here() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        // The framework itself accepts `{"jsonrpc": "2.0"}` (an empty method).
        let lenient = r#"{"jsonrpc": "2.0"}"#;
        let odd_id = r#"{"jsonrpc":"2.0","id":2.5,"method":"x"}"#;
        let input = [frame("{not json"), frame("[]"), frame(lenient), frame(odd_id), frame(good)].concat();
        let (passed, answered) = run(input.as_bytes()).await;
        assert_eq!(passed, [frame(lenient), frame(good)].concat());
        assert_eq!(answered, ["null", "null", "2.5"]);
    }

    #[tokio::test]
    async fn a_wrong_length_costs_nothing() {
        let first = r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#;
        let second = r#"{"jsonrpc":"2.0","id":2,"method":"b"}"#;
        let bad = format!("Content-Length: {}\r\n\r\n{first}", first.len() + 1);
        let (passed, answered) = run([bad, frame(second)].concat().as_bytes()).await;
        assert_eq!(passed, [frame(first), frame(second)].concat());
        assert!(answered.is_empty());
    }
}
