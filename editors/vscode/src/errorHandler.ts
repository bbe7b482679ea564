//! Decides what the language client does when the server process errs or exits. A server that dies
//! before it ever answered `initialize` is not restarted (the start failure is reported instead, so
//! a broken binary does not loop); one that crashes later is restarted a few times, like VS Code's default.

import { CloseAction, ErrorAction, type ErrorHandler, type Message } from 'vscode-languageclient/node';

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up. */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class SpeechLsErrorHandler implements ErrorHandler {
  private hasStarted = false;
  private readonly restarts: number[] = [];

  /** Called once the server answered `initialize`; from then on, crashes lead to restarts. */
  markStarted(): void {
    this.hasStarted = true;
  }

  error(_error: Error, _message: Message | undefined, count: number | undefined) {
    // Before the server answered `initialize`, stopping the client would race with the failing start;
    // `closed` and the start failure report the problem instead. Later, a few bad writes or reads are
    // survivable, and a stream of them means the pipe is broken.
    if (!this.hasStarted || (count !== undefined && count <= 3)) {
      return { action: ErrorAction.Continue, handled: true };
    }
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed() {
    if (!this.hasStarted) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) {
      this.restarts.shift();
    }
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message:
          `speech-ls: the server stopped ${this.restarts.length} times in the last 3 minutes and will not be restarted. ` +
          'See the "speech-ls" output channel, then run "speech-ls: Restart".',
      };
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
