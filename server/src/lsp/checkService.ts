/**
 * The language server's side of the checker worker: one check at a time, and per document only
 * the newest request waits — an older version still queued is dropped, never checked.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, Finding } from '../core';
import type { WorkerRequest, WorkerResponse } from './checkWorker';

export interface CheckOutcome {
  findings: Finding[];
  warnings: string[];
  elapsedMs: number;
}

interface Job {
  key: string;
  text: string;
  options: CheckOptions;
  includeSlow: boolean;
  /** Called with a partial result (the rules that need no dictionary) while the dictionary loads. */
  onPartial?: (outcome: CheckOutcome) => void;
  resolve: (outcome: CheckOutcome | undefined) => void;
  reject: (err: Error) => void;
}

export class CheckService {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; job: Job } | undefined;
  /** The options object the worker holds (resolved and compiled): the same object is not sent again. */
  private sentOptions: CheckOptions | undefined;
  /** Jobs waiting, at most one per key (document). */
  private readonly queue = new Map<string, Job>();

  constructor(private readonly workerFile = path.join(__dirname, 'checkWorker.js')) {}

  /**
   * Checks `text` (with the slow rules when `includeSlow`). Resolves `undefined` when a newer request
   * for the same key replaced this one before it started: the caller's result would be stale anyway.
   */
  check(
    key: string,
    text: string,
    options: CheckOptions,
    includeSlow: boolean,
    onPartial?: (outcome: CheckOutcome) => void,
  ): Promise<CheckOutcome | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.get(key)?.resolve(undefined);
      this.queue.set(key, { key, text, options, includeSlow, onPartial, resolve, reject });
      this.pump();
    });
  }

  dispose(): void {
    for (const job of this.queue.values()) job.resolve(undefined);
    this.queue.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    this.sentOptions = undefined;
    worker.on('message', (res: WorkerResponse) => this.onResponse(res));
    worker.on('error', (err) => this.onCrash(err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.onCrash(new Error(`检查进程意外退出（代码 ${code}）`));
    });
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.running || this.queue.size === 0) return;
    const [key, job] = this.queue.entries().next().value as [string, Job];
    this.queue.delete(key);
    const id = this.nextId++;
    this.running = { id, job };
    const worker = this.ensureWorker();
    const same = job.options === this.sentOptions;
    this.sentOptions = job.options;
    worker.postMessage({
      id,
      text: job.text,
      options: same ? undefined : job.options,
      includeSlow: job.includeSlow,
    } satisfies WorkerRequest);
  }

  private onResponse(res: WorkerResponse): void {
    const running = this.running;
    if (!running || running.id !== res.id) return;
    if ('partial' in res && res.partial) {
      running.job.onPartial?.({ findings: res.findings, warnings: res.warnings, elapsedMs: res.elapsedMs });
      return;
    }
    this.running = undefined;
    if ('error' in res) running.job.reject(new Error(res.error));
    else running.job.resolve({ findings: res.findings, warnings: res.warnings, elapsedMs: res.elapsedMs });
    this.pump();
  }

  /** A crashed worker fails the running job only; the next job starts a fresh worker. */
  private onCrash(err: Error): void {
    const running = this.running;
    this.running = undefined;
    this.worker = undefined;
    running?.job.reject(err);
    this.pump();
  }
}
