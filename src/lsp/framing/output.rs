//! The one writer of the client's output: the framework's messages and the
//! guard's own error answers, each frame whole, in the order they come.
//!
//! On the way, every response's id is marked as answered in the `Session`,
//! so that the client may use it again (before the response is written: a
//! client that reuses an id as soon as it has the answer is never refused).

use std::pin::pin;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use super::checks::Session;

/// Copies the framework's frames and the guard's answers to `output` until
/// both have ended.
pub async fn forward_output<F, O>(
    from_framework: F,
    mut answers: mpsc::UnboundedReceiver<Value>,
    output: O,
    session: &Session,
) where
    F: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let mut output = pin!(output);
    let mut framework = BufReader::new(from_framework);
    let (mut framework_open, mut answers_open) = (true, true);
    while framework_open || answers_open {
        let body = tokio::select! {
            body = read_frame(&mut framework), if framework_open => match body {
                Some(body) => {
                    if let Some(id) = response_id(&body) {
                        session.answered(&id);
                    }
                    body
                }
                None => {
                    framework_open = false;
                    continue;
                }
            },
            answer = answers.recv(), if answers_open => match answer {
                Some(answer) => answer.to_string().into_bytes(),
                None => {
                    answers_open = false;
                    continue;
                }
            },
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if written.await.is_err() {
            return; // the client is gone
        }
    }
}

/// One frame as the framework writes it (`Content-Length: N`, a blank
/// line, N bytes); `None` when its output has ended.
async fn read_frame<R: AsyncRead + Unpin>(input: &mut BufReader<R>) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim();
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; length?];
    input.read_exact(&mut body).await.ok()?;
    Some(body)
}

/// The id of a response (as JSON text), `None` for requests and notifications.
fn response_id(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Peek {
        id: Option<Value>,
        method: Option<IgnoredAny>,
    }
    let peek: Peek = serde_json::from_slice(body).ok()?;
    match (peek.method, peek.id) {
        (None, Some(id)) => Some(id.to_string()),
        _ => None,
    }
}
