'use strict';
// Child processes for the end-to-end run: every one is started in its own process group, logged to
// a file, and remembered, so that `stopAll()` can end each group (and everything it spawned) when
// the run finishes, fails or is interrupted.

const { spawn } = require('child_process');
const fs = require('fs');

/** Groups still running: pid -> { name, child }. */
const running = new Map();

/**
 * Runs a command to completion. Output goes to `log` (appended); the last lines are kept for the
 * error message. Resolves with the collected stdout; rejects with a message naming the command.
 */
function run(command, args, { cwd, env, log, timeoutMs = 15 * 60_000, name = command } = {}) {
  return new Promise((resolve, reject) => {
    const out = log ? fs.openSync(log, 'a') : 'ignore';
    if (log) fs.writeSync(out, `\n$ (cd ${cwd || process.cwd()} && ${[command, ...args].join(' ')})\n`);
    let child;
    try {
      child = spawn(command, args, { cwd, env: env || process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      if (log) fs.closeSync(out);
      reject(new Error(`${name}: could not start ${command} (${error.message})`));
      return;
    }
    running.set(child.pid, { name, child });
    let stdout = '';
    let tail = '';
    const collect = (chunk, isStdout) => {
      const text = chunk.toString();
      if (isStdout) stdout += text;
      tail = (tail + text).slice(-4000);
      if (log) fs.writeSync(out, text);
    };
    child.stdout.on('data', (c) => collect(c, true));
    child.stderr.on('data', (c) => collect(c, false));
    const timer = setTimeout(() => {
      tail += `\n(killed after ${Math.round(timeoutMs / 1000)} s)`;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child.pid);
      if (log) fs.closeSync(out);
      reject(new Error(`${name}: could not start ${command} (${error.message})`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      if (log) fs.closeSync(out);
      if (code === 0) {
        resolve(stdout);
        return;
      }
      const lastLines = tail
        .split('\n')
        .filter((line) => line.trim() !== '' && !/^npm warn (Unknown (user|env) config|config)/.test(line))
        .slice(-12)
        .join('\n    ');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`${name}: \`${[command, ...args].join(' ')}\` ${how}${log ? ` (log: ${log})` : ''}\n    ${lastLines}`));
    });
  });
}

/** Starts a long-running process (the code-server), its output appended to `log`. */
function start(command, args, { cwd, env, log, name = command }) {
  const out = fs.openSync(log, 'a');
  fs.writeSync(out, `\n$ ${[command, ...args].join(' ')}\n`);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  running.set(child.pid, { name, child });
  child.on('exit', () => running.delete(child.pid));
  return child;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends one process group: SIGTERM, then SIGKILL for whatever is left after `graceMs`. */
async function stopGroup(pid, graceMs = 5000) {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  running.delete(pid);
}

/** Ends every process group this run started and that is still there. */
async function stopAll() {
  await Promise.all([...running.keys()].map((pid) => stopGroup(pid)));
}

/** Last resort at process exit (synchronous): SIGKILL whatever is left. */
function killAllNow() {
  for (const pid of running.keys()) killGroup(pid, 'SIGKILL');
  running.clear();
}

module.exports = { run, start, stopGroup, stopAll, killAllNow, groupAlive };
