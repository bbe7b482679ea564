//! Finds the `speech-ls` executable (setting, bundled binary or PATH), checks that it can be run,
//! and builds the ServerOptions handed to the language client. Everything here is plain Node code
//! so that the tests can call it without VS Code.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Executable, ServerOptions } from 'vscode-languageclient/node';
import type { SpeechLsSettings } from './settings';

/** Where the packaging script (`.ci/editors.sh`) copies the release binary inside the extension. */
export const BUNDLED_SERVER_RELATIVE_PATH = path.join('server', 'speech-ls');

/** The argument that tells speech-ls to serve LSP on stdio; the client always adds it. */
export const STDIO_ARGUMENT = '--stdio';

export type ServerResolution =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'path' }
  | { ok: false; message: string };

export interface ResolveContext {
  /** The extension's install folder (`ExtensionContext.extensionPath`). */
  extensionPath: string;
  /** The first workspace folder, used to expand `${workspaceFolder}` in the setting. */
  workspaceFolder?: string;
  /** The PATH to search when the setting is a bare command name; defaults to process.env.PATH. */
  searchPath?: string;
}

/**
 * Decides which binary to start. The `speech-ls.server.path` setting wins; a bare name such as
 * `speech-ls` is looked up on PATH; otherwise the binary bundled in the extension is used.
 * Failures come back as a message meant for the user, naming the path and the fix.
 */
export function resolveServerCommand(settings: SpeechLsSettings, context: ResolveContext): ServerResolution {
  if (settings.serverPath === '') {
    const bundled = path.join(context.extensionPath, BUNDLED_SERVER_RELATIVE_PATH);
    const problem = executableProblem(bundled);
    if (problem === undefined) {
      return { ok: true, command: bundled, source: 'bundled' };
    }
    return {
      ok: false,
      message:
        `speech-ls: the bundled server ${bundled} ${problem}. ` +
        'Set "speech-ls.server.path" to a speech-ls executable (build one with `cargo build --release`).',
    };
  }

  const expanded = expandPath(settings.serverPath, context.workspaceFolder);
  if (!expanded.includes('/') && !expanded.includes('\\')) {
    const found = searchOnPath(expanded, context.searchPath ?? process.env.PATH ?? '');
    if (found !== undefined) {
      return { ok: true, command: found, source: 'path' };
    }
    return {
      ok: false,
      message:
        `speech-ls: "${expanded}" (from the "speech-ls.server.path" setting) was not found on PATH. ` +
        'Give the full path to the speech-ls executable, or clear the setting to use the bundled server.',
    };
  }

  const absolute = path.isAbsolute(expanded) ? expanded : path.resolve(context.workspaceFolder ?? process.cwd(), expanded);
  const problem = executableProblem(absolute);
  if (problem === undefined) {
    return { ok: true, command: absolute, source: 'setting' };
  }
  return {
    ok: false,
    message:
      `speech-ls: the server ${absolute} (from the "speech-ls.server.path" setting) ${problem}. ` +
      'Fix the setting, or clear it to use the bundled server.',
  };
}

/** The options that start the server over stdio; `--stdio` is appended exactly once, after any extra arguments. */
export function buildServerOptions(command: string, settings: SpeechLsSettings): ServerOptions {
  const args = settings.extraArgs.filter((arg) => arg !== STDIO_ARGUMENT);
  args.push(STDIO_ARGUMENT);
  const executable: Executable = {
    command,
    args,
    options: { env: { ...process.env, ...settings.env } },
  };
  // The same executable is used when VS Code runs the extension in debug mode: the server has no
  // separate debug build, and RUST_LOG in `speech-ls.server.env` is the way to get more logging.
  return { run: executable, debug: executable };
}

/** Expands a leading `~` and every `${workspaceFolder}` in a user-supplied path. */
export function expandPath(value: string, workspaceFolder: string | undefined): string {
  let result = value;
  if (workspaceFolder !== undefined) {
    result = result.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (result === '~' || result.startsWith('~/')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  return result;
}

/** Why a file cannot be run as the server, or undefined when it can. */
function executableProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'does not exist';
  }
  if (!stat.isFile()) {
    return 'is not a file';
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return `is not executable (run \`chmod +x ${file}\`)`;
  }
  return undefined;
}

function searchOnPath(name: string, searchPath: string): string | undefined {
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === '') {
      continue;
    }
    const candidate = path.join(directory, name);
    if (executableProblem(candidate) === undefined) {
      return candidate;
    }
  }
  return undefined;
}
