// A minimal LSP client for tests: starts the built server over stdio, records what it publishes
// and shows, and answers its configuration requests from a settings object the test controls.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const rpc = require('vscode-jsonrpc/node');
const { root } = require('./helpers');

async function startServer({
  workspaceFolders = null,
  watchFiles = false,
  initializationOptions,
  serverPath = path.join(root, 'dist', 'server.js'),
  env,
} = {}) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], ...(env ? { env } : {}) });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const state = { published: [], shown: [], registrations: [], settings: {} };
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    state.published.push(p);
    for (const w of [...waiters]) {
      if (!w.predicate(p)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => state.settings));
  conn.onNotification('window/showMessage', (m) => state.shown.push(m.message));
  conn.onRequest('window/showMessageRequest', (m) => (state.shown.push(m.message), null));
  conn.onRequest('client/registerCapability', (p) => (state.registrations.push(...p.registrations), null));
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders,
    initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: watchFiles } },
      textDocument: { publishDiagnostics: {} },
    },
  });
  conn.sendNotification('initialized', {});

  return {
    conn,
    init,
    state,
    /** The first publishDiagnostics from now on that satisfies `predicate`. */
    nextDiagnostics(predicate, ms = 15000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${ms / 1000} s`)), ms);
        waiters.push({ predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async stop() {
      // A server that no longer answers (the failure a test is looking for) is killed all the same.
      let timer;
      await Promise.race([conn.sendRequest('shutdown').catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
      clearTimeout(timer);
      conn.sendNotification('exit');
      conn.dispose();
      child.kill();
    },
  };
}

module.exports = { startServer };
