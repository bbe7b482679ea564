"""The server process must end when a client sends `shutdown` and `exit`, whatever it was doing: an
editor that quits right after opening a corpus must not leave a speech-ls process behind. This drives
the binary over raw stdio (no client library), sending `initialized`, `shutdown` and `exit` back to
back while answering every request the server makes, many times over."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import support

RUNS = 30
EXIT_TIMEOUT_S = 3


def frame(message: dict) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict | None:
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        byte = stream.read(1)
        if not byte:
            return None
        header += byte
    length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
    return json.loads(stream.read(length))


def run_session(binary, corpus) -> bool:
    """One quick session; True when the process ended within EXIT_TIMEOUT_S of `exit`."""
    process = subprocess.Popen(
        [str(binary), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    lock = threading.Lock()
    responses: dict[int, threading.Event] = {1: threading.Event(), 2: threading.Event()}

    def send(message: dict) -> None:
        with lock:
            try:
                process.stdin.write(frame(message))
                process.stdin.flush()
            except (BrokenPipeError, ValueError):
                pass

    def read_loop() -> None:
        while (message := read_message(process.stdout)) is not None:
            if "method" in message and "id" in message:
                # Answer every server request, as a well-behaved client does, even after `exit` was sent.
                result = [None] * len(message["params"]["items"]) if message["method"] == "workspace/configuration" else None
                send({"id": message["id"], "result": result})
            elif message.get("id") in responses:
                responses[message["id"]].set()

    threading.Thread(target=read_loop, daemon=True).start()
    capabilities = {"workspace": {"configuration": True, "didChangeWatchedFiles": {"dynamicRegistration": True}}}
    send({"id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": corpus.as_uri(), "capabilities": capabilities,
        "workspaceFolders": [{"uri": corpus.as_uri(), "name": corpus.name}]}})
    try:
        assert responses[1].wait(10), "no initialize response"
        send({"method": "initialized", "params": {}})
        send({"id": 2, "method": "shutdown"})
        assert responses[2].wait(10), "no shutdown response"
        send({"method": "exit"})
        process.wait(timeout=EXIT_TIMEOUT_S)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_exit_right_after_initialized():
    binary = support.server_binary()
    corpus = support.make_corpus()
    try:
        started = time.monotonic()
        # Stop at the first session that hangs: one is enough to show the bug, and each costs a timeout.
        hung_run = next((run for run in range(RUNS) if not run_session(binary, corpus)), None)
    finally:
        support.remove_corpus(corpus)
    print(f"sessions took {time.monotonic() - started:.1f}s; first hung session: {hung_run}")
    assert hung_run is None, f"session {hung_run + 1} of {RUNS} left the server running {EXIT_TIMEOUT_S}s after exit"
