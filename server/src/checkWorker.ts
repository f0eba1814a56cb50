/**
 * The checker in a worker thread: the language server's event loop never waits for nodejieba's
 * dictionary load (about a second) or for a long document. The worker loads the dictionary as soon
 * as it starts, so the first real check usually finds it ready.
 */
import { parentPort } from 'node:worker_threads';
import { Checker, isNodejiebaLoaded, loadNodejieba, notReadySegmenter, takeRuleWarnings } from './core';
import type { CheckOptions, Finding } from './core';

export interface WorkerRequest {
  id: number;
  text: string;
  options: CheckOptions;
}

export type WorkerResponse =
  | { id: number; findings: Finding[]; warnings: string[]; elapsedMs: number; partial?: boolean }
  | { id: number; error: string };

const checker = new Checker();
/** Runs while the dictionary loads: rules that need words are left out of its results. */
const quickChecker = new Checker({ segmenter: notReadySegmenter, cacheSize: 0 });
const port = parentPort!;

port.on('message', (req: WorkerRequest) => {
  const started = performance.now();
  if (!isNodejiebaLoaded()) {
    // The first check of a session: show what needs no dictionary at once, then load it.
    try {
      const { options, warnings } = quickChecker.resolve({ ...req.options, includeSlow: false });
      const findings = quickChecker.check(req.text, options);
      port.postMessage({ id: req.id, findings, warnings, elapsedMs: performance.now() - started, partial: true } satisfies WorkerResponse);
    } catch {
      /* the full check below reports any error */
    }
  }
  try {
    const { options, warnings } = checker.resolve(req.options);
    const findings = checker.check(req.text, options);
    // A rule that switched itself off (a missing or damaged data file) says so once.
    warnings.push(...takeRuleWarnings());
    port.postMessage({ id: req.id, findings, warnings, elapsedMs: performance.now() - started } satisfies WorkerResponse);
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies WorkerResponse);
  }
});

// Warm up soon after start, unless a document arrives first (then its quick pass goes before the
// load). A load failure surfaces on the first check that needs the dictionary.
setTimeout(() => {
  try {
    loadNodejieba();
  } catch {
    /* reported by the first check that needs it */
  }
}, 50);
