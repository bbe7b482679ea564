//! Reads the `speech-ls.*` settings into one plain object, so that the rest of the
//! extension (and its tests) never touch the VS Code configuration API directly.

/** The subset of `vscode.WorkspaceConfiguration` the extension needs; tests pass a plain stub. */
export interface ConfigurationReader {
  get<T>(key: string, defaultValue: T): T;
}

/** Every setting the extension understands, with its default already applied. */
export interface SpeechLsSettings {
  /** `speech-ls.server.path`: empty means "the binary bundled in the extension". */
  serverPath: string;
  /** `speech-ls.server.extraArgs`: extra arguments placed before `--stdio`. */
  extraArgs: string[];
  /** `speech-ls.server.env`: extra environment variables for the server process (e.g. RUST_LOG). */
  env: Record<string, string>;
  /** `speech-ls.corpus`: the corpus folder, relative to the workspace folder; empty lets the server search. */
  corpus: string;
  /** `speech-ls.initializationOptions`: passed through to the server unchanged. */
  initializationOptions: Record<string, unknown>;
}

/** The configuration section every setting lives under; the server asks for it by `workspace/configuration`. */
export const CONFIGURATION_SECTION = 'speech-ls';

export function readSettings(config: ConfigurationReader): SpeechLsSettings {
  // Settings come from user JSON, so every value is checked for its type rather than trusted.
  const serverPath = config.get<unknown>('server.path', '');
  const extraArgs = config.get<unknown>('server.extraArgs', []);
  const env = config.get<unknown>('server.env', {});
  const corpus = config.get<unknown>('corpus', '');
  const initializationOptions = config.get<unknown>('initializationOptions', {});
  return {
    serverPath: typeof serverPath === 'string' ? serverPath.trim() : '',
    extraArgs: Array.isArray(extraArgs) ? extraArgs.filter((arg): arg is string => typeof arg === 'string') : [],
    env: isPlainObject(env) ? stringValuesOnly(env) : {},
    corpus: typeof corpus === 'string' ? corpus.trim() : '',
    initializationOptions: isPlainObject(initializationOptions) ? { ...initializationOptions } : {},
  };
}

/**
 * The `initializationOptions` sent in `initialize`: the pass-through object, plus `corpus`
 * when the user named one (an explicit `corpus` setting wins over one inside the pass-through object).
 */
export function buildInitializationOptions(settings: SpeechLsSettings): Record<string, unknown> {
  const options: Record<string, unknown> = { ...settings.initializationOptions };
  if (settings.corpus !== '') {
    options.corpus = settings.corpus;
  }
  return options;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringValuesOnly(object: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string') {
      result[key] = value;
    }
  }
  return result;
}
