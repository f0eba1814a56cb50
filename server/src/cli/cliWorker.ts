/**
 * A CLI worker thread: checks the files the main thread sends, one at a time, with its own checker
 * (and so its own nodejieba dictionary).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileEntry } from './checkFile';
import { Checker, type CheckOptions } from '../core';

const { optionSets, fix } = workerData as { optionSets: CheckOptions[]; fix: boolean };
const checker = new Checker();

parentPort!.on('message', ({ index, entry }: { index: number; entry: FileEntry }) => {
  parentPort!.postMessage({ index, result: checkFile(entry, checker, optionSets[entry.settings ?? 0], fix) });
});
