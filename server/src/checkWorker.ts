/**
 * The checker in a worker thread: the language server's event loop never waits for nodejieba's
 * dictionary load (about a second) or for a long document. The worker loads the dictionary as soon
 * as it starts, so the first real check usually finds it ready.
 */
import { parentPort } from 'node:worker_threads';
import { Checker, loadNodejieba } from './core';
import type { CheckOptions, Finding } from './core';

export interface WorkerRequest {
  id: number;
  text: string;
  options: CheckOptions;
}

export type WorkerResponse =
  | { id: number; findings: Finding[]; warnings: string[]; elapsedMs: number }
  | { id: number; error: string };

const checker = new Checker();
const port = parentPort!;

port.on('message', (req: WorkerRequest) => {
  const started = performance.now();
  try {
    const { options, warnings } = checker.resolve(req.options);
    const findings = checker.check(req.text, options);
    port.postMessage({ id: req.id, findings, warnings, elapsedMs: performance.now() - started } satisfies WorkerResponse);
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies WorkerResponse);
  }
});

// Warm up after the message handler is in place; a load failure surfaces on the first check.
setImmediate(() => {
  try {
    loadNodejieba();
  } catch {
    /* reported by the first check that needs it */
  }
});
