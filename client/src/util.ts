/** Small helpers shared by the client modules. No `vscode` import. */

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Digit grouping without depending on the UI locale: 12,345. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}
