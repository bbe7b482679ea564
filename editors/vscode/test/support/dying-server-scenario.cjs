//! Child-process half of the "server dies at once" test: activates the bundle (argv[2]) with the
//! server path setting pointing at argv[3], waits for the client to settle, and prints one JSON line
//! with what the user would have seen.

'use strict';
const Module = require('node:module');
const { stub, recorded } = require('./vscode-stub.cjs');

const [bundlePath, serverPath] = process.argv.slice(2);
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return stub;
  return originalLoad.call(this, request, ...rest);
};
const extension = require(bundlePath);

(async () => {
  recorded.settings['speech-ls.server.path'] = serverPath;
  const api = await extension.activate({ subscriptions: [], extensionPath: '/nonexistent' });
  // Give the client time to try (and, with our error handler, decline) a restart.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = {
    clientRunning: api.client !== undefined,
    lastError: api.lastError,
    errorMessages: recorded.errorMessages.map((entry) => entry.message),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
})();
