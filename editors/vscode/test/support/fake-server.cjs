#!/usr/bin/env node
//! A tiny LSP server used by the extension tests in place of speech-ls: it writes the arguments,
//! the initialize params and the methods it received to the JSON file named by FAKE_SERVER_RECORD,
//! answers initialize and shutdown, and exits on exit. It proves what the client really spawns.

'use strict';
const fs = require('node:fs');

const recordFile = process.env.FAKE_SERVER_RECORD;
const record = { pid: process.pid, argv: process.argv.slice(2), env: { RUST_LOG: process.env.RUST_LOG }, methods: [], initialize: null };
// Written to a temporary file and renamed, so that a test never reads half a record.
const save = () => {
  if (!recordFile) return;
  fs.writeFileSync(`${recordFile}.${process.pid}.tmp`, JSON.stringify(record, null, 2));
  fs.renameSync(`${recordFile}.${process.pid}.tmp`, recordFile);
};
save();

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const match = /Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
    if (!match) process.exit(2);
    const length = Number(match[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
    buffer = buffer.subarray(headerEnd + 4 + length);
    handle(message);
  }
});

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function handle(message) {
  // The record is saved before answering, so that whatever the client does next can already see it.
  if (message.method) record.methods.push(message.method);
  if (message.method === 'initialize') record.initialize = message.params;
  save();
  if (message.method === 'initialize') {
    send({ id: message.id, result: { capabilities: { textDocumentSync: 2 }, serverInfo: { name: 'fake-speech-ls' } } });
  } else if (message.method === 'exit') {
    process.exit(0);
  } else if (message.id !== undefined && message.method) {
    send({ id: message.id, result: null });
  }
}
