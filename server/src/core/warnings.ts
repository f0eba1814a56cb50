/**
 * Warnings a rule raises once per process — a data file that is missing or damaged, say — for the
 * caller to show (the language server as a message, the CLI on stderr). The rule carries on without
 * whatever failed; the warning is queued once and handed out once.
 */
const raised = new Set<string>();
let pending: string[] = [];

/** Queues `message` unless it was raised before in this process. */
export function warnOnce(message: string): void {
  if (raised.has(message)) return;
  raised.add(message);
  pending.push(message);
}

/** The warnings raised since the last call. */
export function takeRuleWarnings(): string[] {
  const out = pending;
  pending = [];
  return out;
}
