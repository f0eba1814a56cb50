/**
 * Reading the plain-text rule tables in server/data. Each table is tab-separated, one entry a line;
 * `#` starts a comment line. esbuild embeds the files in the bundles as text.
 */

export function parseTable(source: string): string[][] {
  const rows: string[][] = [];
  for (const raw of source.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    rows.push(raw.split('\t').map((cell) => cell.trim()));
  }
  return rows;
}

/** A one-column table (or the first column of a wider one) as a set. */
export function parseWordSet(source: string): Set<string> {
  return new Set(
    parseTable(source)
      .map((row) => row[0])
      .filter((w) => w !== ''),
  );
}

/** Fills `$1`…`$9` in a table's replacement or message template from a regex match. */
export function expandTemplate(template: string, match: RegExpMatchArray): string {
  return template.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
}
