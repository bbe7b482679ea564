//! A stand-in for the `vscode` module, so that the bundled extension can be loaded and activated
//! under plain Node. Test-visible parts (settings, messages, commands, output) are real objects that
//! record what the extension did; everything else vscode-languageclient touches is an "anything"
//! proxy that can be called, constructed and read without failing.

'use strict';

/** A value that is a callable, constructible object whose every property is another such value. */
function anything(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === 'then') return undefined; // never look like a Promise
      if (property === Symbol.toPrimitive) return () => `[stub ${name}]`;
      if (property === Symbol.iterator) return function* () {};
      if (property === 'dispose') return () => {};
      if (typeof property === 'symbol') return undefined;
      return anything(`${name}.${property}`);
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`);
    },
  });
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (typeof this.callOnDispose === 'function') this.callOnDispose();
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return new Disposable(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      });
    };
  }
  fire(value) {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose() {
    this.listeners = [];
  }
}

/** Everything a test may inspect or set; reset() before each test. */
const recorded = {
  settings: {},
  workspaceFolders: undefined,
  errorMessages: [],
  infoMessages: [],
  commands: new Map(),
  outputLines: [],
  configurationListeners: [],
  /** The button showErrorMessage answers with, as if the user clicked it. */
  errorChoice: undefined,
  /** Every executeCommand call, as [id, ...args]. */
  executedCommands: [],
  /** vscode.env.remoteName: undefined in a local window, e.g. 'ssh-remote' in a remote one. */
  remoteName: undefined,
  /** When true, the output channel throws like VS Code's does once it closed it (window reload). */
  channelClosed: false,
  reset() {
    this.errorChoice = undefined;
    this.executedCommands = [];
    this.remoteName = undefined;
    this.channelClosed = false;
    this.settings = {};
    this.workspaceFolders = undefined;
    this.errorMessages = [];
    this.infoMessages = [];
    this.commands = new Map();
    this.outputLines = [];
    this.configurationListeners = [];
  },
};

function createOutputChannel(name) {
  const write = (text) => {
    if (recorded.channelClosed) throw new Error('Channel has been closed');
    recorded.outputLines.push(String(text));
  };
  return {
    name,
    append: write,
    appendLine: write,
    replace: () => {},
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
    // LogOutputChannel methods, in case the client asks for them.
    trace: (text) => recorded.outputLines.push(String(text)),
    debug: (text) => recorded.outputLines.push(String(text)),
    info: (text) => recorded.outputLines.push(String(text)),
    warn: (text) => recorded.outputLines.push(String(text)),
    error: (text) => recorded.outputLines.push(String(text)),
  };
}

function getConfiguration(section) {
  const prefix = section ? `${section}.` : '';
  return {
    get(key, defaultValue) {
      const full = prefix + key;
      return Object.prototype.hasOwnProperty.call(recorded.settings, full) ? recorded.settings[full] : defaultValue;
    },
    has(key) {
      return Object.prototype.hasOwnProperty.call(recorded.settings, prefix + key);
    },
    inspect() {
      return undefined;
    },
    update() {
      return Promise.resolve();
    },
  };
}

const overrides = {
  Disposable,
  EventEmitter,
  version: '1.95.0',
  env: {
    appName: 'stub',
    language: 'en',
    machineId: 'stub',
    sessionId: 'stub',
    uiKind: 1,
    get remoteName() {
      return recorded.remoteName;
    },
  },
  window: new Proxy(
    {
      createOutputChannel,
      showErrorMessage: (message, ...items) => {
        recorded.errorMessages.push({ message, items });
        return Promise.resolve(recorded.errorChoice);
      },
      showWarningMessage: (message) => {
        recorded.errorMessages.push({ message, items: [], warning: true });
        return Promise.resolve(undefined);
      },
      showInformationMessage: (message) => {
        recorded.infoMessages.push(message);
        return Promise.resolve(undefined);
      },
    },
    { get: (target, property) => (property in target ? target[property] : anything(`window.${String(property)}`)) },
  ),
  commands: new Proxy(
    {
      registerCommand: (id, callback) => {
        recorded.commands.set(id, callback);
        return new Disposable(() => recorded.commands.delete(id));
      },
      executeCommand: (...args) => {
        recorded.executedCommands.push(args);
        return Promise.resolve(undefined);
      },
    },
    { get: (target, property) => (property in target ? target[property] : anything(`commands.${String(property)}`)) },
  ),
  workspace: new Proxy(
    {
      getConfiguration,
      onDidChangeConfiguration: (listener) => {
        recorded.configurationListeners.push(listener);
        return new Disposable(() => {});
      },
      textDocuments: [],
      notebookDocuments: [],
    },
    {
      get: (target, property) => {
        if (property === 'workspaceFolders') return recorded.workspaceFolders;
        return property in target ? target[property] : anything(`workspace.${String(property)}`);
      },
    },
  ),
};

const stub = new Proxy(overrides, {
  get(target, property) {
    if (property in target) return target[property];
    if (typeof property === 'symbol' || property === '__esModule') return undefined;
    return anything(`vscode.${property}`);
  },
});

module.exports = { stub, recorded };
