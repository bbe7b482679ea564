//! The output channel handed to the language client, guarded against two false alarms seen in a real
//! VS Code: vscode-languageclient 9 logs every server exit as `[Error - …] Server process exited with
//! code 0.`, even the clean exit after a requested stop; and on a window reload VS Code closes the
//! channel while the client is still shutting down, so each late log line threw
//! `Error: Channel has been closed` into the extension host log.

import type * as vscode from 'vscode';

/** The line vscode-languageclient writes when the server exits; group 1 is the time, 2 the code. */
const EXIT_LINE = /^\[Error - ([^\]]+)\] Server process exited with code (\d+)\.$/;

/**
 * The line to show instead of `line`: a clean exit (code 0, which speech-ls only does after
 * `shutdown` and `exit`) is information, not an error. Every other line is kept as it is.
 */
export function relabelExit(line: string): string {
  const exit = EXIT_LINE.exec(line);
  if (exit !== null && exit[2] === '0') {
    return `[Info  - ${exit[1]}] Server process exited cleanly (code 0).`;
  }
  return line;
}

/** An output channel that relabels clean exits and drops writes once VS Code closed the channel. */
export class GuardedOutputChannel implements vscode.OutputChannel {
  private closed = false;

  constructor(private readonly inner: vscode.OutputChannel) {}

  get name(): string {
    return this.inner.name;
  }

  append(value: string): void {
    this.write(() => this.inner.append(value));
  }

  appendLine(value: string): void {
    this.write(() => this.inner.appendLine(relabelExit(value)));
  }

  replace(value: string): void {
    this.write(() => this.inner.replace(value));
  }

  clear(): void {
    this.write(() => this.inner.clear());
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) {
      this.write(() => this.inner.show(columnOrPreserveFocus));
    } else {
      this.write(() => this.inner.show(columnOrPreserveFocus, preserveFocus));
    }
  }

  hide(): void {
    this.write(() => this.inner.hide());
  }

  dispose(): void {
    this.closed = true;
    this.inner.dispose();
  }

  private write(action: () => void): void {
    if (this.closed) {
      return;
    }
    try {
      action();
    } catch {
      // VS Code closed the channel (window reload or shutdown) before the client finished its last
      // lines: nobody can read them any more, so they are dropped instead of raising an error.
      this.closed = true;
    }
  }
}
