/**
 * The checker in a worker thread: the language server's event loop never waits for nodejieba's
 * dictionary load (about a second) or for a long document. The worker loads the dictionary as soon
 * as it starts, so the first real check usually finds it ready.
 */
import { parentPort } from 'node:worker_threads';
import { Checker, isNodejiebaLoaded, loadNodejieba, notReadySegmenter, takeRuleWarnings } from '../core';
import type { CheckOptions, Finding, ResolvedOptions } from '../core';

export interface WorkerRequest {
  id: number;
  text: string;
  /** Undefined: the same options as the previous request (kept here, resolved). */
  options: CheckOptions | undefined;
  includeSlow: boolean;
}

export type WorkerResponse =
  { id: number; findings: Finding[]; warnings: string[]; elapsedMs: number; partial?: boolean } | { id: number; error: string };

const checker = new Checker();
/** Runs while the dictionary loads: rules that need words are left out of its results. */
const quickChecker = new Checker({ segmenter: notReadySegmenter, cacheSize: 0 });
const port = parentPort!;

/** The last options received, resolved once: validating and compiling them again per check costs (100,000 typo pairs: seconds). */
let current: { options: ResolvedOptions; warnings: string[] } | undefined;

port.on('message', (req: WorkerRequest) => {
  const started = performance.now();
  try {
    if (req.options !== undefined || !current) current = checker.resolve(req.options ?? {});
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerResponse);
    return;
  }
  const resolved = { options: { ...current.options, includeSlow: req.includeSlow }, warnings: current.warnings };
  if (!isNodejiebaLoaded()) {
    // The first check of a session: show what needs no dictionary at once, then load it.
    try {
      const findings = quickChecker.check(req.text, { ...resolved.options, includeSlow: false });
      port.postMessage({
        id: req.id,
        findings,
        warnings: resolved.warnings,
        elapsedMs: performance.now() - started,
        partial: true,
      } satisfies WorkerResponse);
    } catch {
      /* the full check below reports any error */
    }
  }
  try {
    const findings = checker.check(req.text, resolved.options);
    // A rule that switched itself off (a missing or damaged data file) says so once.
    const warnings = [...resolved.warnings, ...takeRuleWarnings()];
    port.postMessage({ id: req.id, findings, warnings, elapsedMs: performance.now() - started } satisfies WorkerResponse);
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerResponse);
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
