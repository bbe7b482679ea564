//! The VS Code entry point: starts the speech-ls language server for transcripts and INDEX.md,
//! shows its log in an output channel, and offers a restart command. Finding the binary lives in
//! server.ts and reading settings in settings.ts; this file only wires them to VS Code.

import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { buildInitializationOptions, CONFIGURATION_SECTION, readSettings } from './settings';
import { buildServerOptions, resolveServerCommand } from './server';
import { SpeechLsErrorHandler } from './errorHandler';
import { GuardedOutputChannel } from './outputChannel';

export { buildInitializationOptions, readSettings } from './settings';
export { buildServerOptions, expandPath, resolveServerCommand } from './server';
export { GuardedOutputChannel, relabelExit } from './outputChannel';

/** The setting the error toast's "Open Settings" shows: `@id:` makes the Settings editor show it alone. */
export const SERVER_PATH_QUERY = '@id:speech-ls.server.path';

/** The language id the extension contributes for transcripts (see package.json `contributes.languages`). */
export const TRANSCRIPT_LANGUAGE_ID = 'speech-transcript';

/** Transcripts by language id, and INDEX.md files whatever language VS Code gave them. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: TRANSCRIPT_LANGUAGE_ID },
  { scheme: 'file', pattern: '**/INDEX.md' },
  // Captions are transcripts wherever they are; the server ignores those outside a corpus.
  { scheme: 'file', pattern: '**/*.{vtt,srt}' },
];

/** What `activate` returns: lets tests (and other extensions) see what was started. */
export interface SpeechLsApi {
  /** The running client, or undefined when the server could not be started. */
  readonly client: LanguageClient | undefined;
  /** The options of the last start attempt, or undefined when the binary was not found. */
  readonly serverOptions: ServerOptions | undefined;
  readonly clientOptions: LanguageClientOptions | undefined;
  /** The user-facing message of the last failure, if any. */
  readonly lastError: string | undefined;
  restart(): Promise<void>;
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SpeechLsApi> {
  // Not in context.subscriptions: the client still logs while it stops, and the guard drops what
  // comes after VS Code closed the channel (deactivate disposes it last).
  const output = new GuardedOutputChannel(vscode.window.createOutputChannel('speech-ls'));
  controller = new ServerController(context, output);
  const current = controller;

  context.subscriptions.push(
    vscode.commands.registerCommand('speech-ls.restart', () => current.restart()),
    vscode.commands.registerCommand('speech-ls.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Settings that change how the process is started need a new process; the rest reach the
      // running server through workspace/didChangeConfiguration.
      if (event.affectsConfiguration(`${CONFIGURATION_SECTION}.server`)) {
        void current.restart();
      }
    }),
  );

  await current.start();
  return current;
}

export async function deactivate(): Promise<void> {
  const current = controller;
  controller = undefined;
  await current?.stop();
  current?.disposeOutput();
}

/** Owns the language client across restarts. */
class ServerController implements SpeechLsApi {
  client: LanguageClient | undefined;
  serverOptions: ServerOptions | undefined;
  clientOptions: LanguageClientOptions | undefined;
  lastError: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: GuardedOutputChannel,
  ) {}

  disposeOutput(): void {
    this.output.dispose();
  }

  async start(): Promise<void> {
    const settings = readSettings(vscode.workspace.getConfiguration(CONFIGURATION_SECTION));
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const resolution = resolveServerCommand(settings, { extensionPath: this.context.extensionPath, workspaceFolder });
    if (!resolution.ok) {
      this.serverOptions = undefined;
      this.reportError(resolution.message, 'Open Settings');
      return;
    }

    this.output.appendLine(`speech-ls: starting ${resolution.command} (${resolution.source})`);
    if (vscode.env.remoteName !== undefined) {
      this.output.appendLine(
        `speech-ls: remote window (${vscode.env.remoteName}): speech-ls.server.* settings are read from Remote settings ` +
          '("Preferences: Open Remote Settings"), not from User settings.',
      );
    }
    this.serverOptions = buildServerOptions(resolution.command, settings);
    const errorHandler = new SpeechLsErrorHandler();
    this.clientOptions = {
      errorHandler,
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions: buildInitializationOptions(settings),
      // Sends workspace/didChangeConfiguration for `speech-ls.*`; the server then pulls the
      // section again with workspace/configuration.
      synchronize: { configurationSection: CONFIGURATION_SECTION },
    };
    const client = new LanguageClient('speech-ls', 'speech-ls', this.serverOptions, this.clientOptions);
    this.client = client;
    try {
      await client.start();
      errorHandler.markStarted();
      this.lastError = undefined;
    } catch (error) {
      this.client = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      this.reportError(`speech-ls: the server ${resolution.command} failed to start: ${reason}`, 'Show Log');
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      await client.stop();
    } catch (error) {
      // A server that already died cannot be stopped politely; the restart goes on regardless.
      this.output.appendLine(`speech-ls: stopping the server failed: ${String(error)}`);
    }
  }

  async restart(): Promise<void> {
    this.output.appendLine('speech-ls: restarting');
    await this.stop();
    await this.start();
  }

  private reportError(message: string, action: 'Open Settings' | 'Show Log'): void {
    this.lastError = message;
    this.output.appendLine(message);
    void Promise.resolve(vscode.window.showErrorMessage(message, action)).then((choice) => {
      if (choice === 'Open Settings') {
        // In a remote window VS Code ignores a User value of this machine-scoped setting, so the
        // Remote settings are the ones to open.
        const target = vscode.env.remoteName !== undefined ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings';
        // An options object: openRemoteSettings ignores a bare query string (seen in VS Code 1.100).
        void vscode.commands.executeCommand(target, { query: SERVER_PATH_QUERY });
      } else if (choice === 'Show Log') {
        this.output.show(true);
      }
    });
  }
}
